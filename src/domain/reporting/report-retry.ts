/** E-mail attempts of one report: the first at once, then after these delays (then it FAILED). */
export const EMAIL_RETRY_DELAYS_SECONDS = [60, 5 * 60, 30 * 60, 2 * 3600] as const;
export const MAX_EMAIL_ATTEMPTS = EMAIL_RETRY_DELAYS_SECONDS.length + 1;

/** Attempt `attempt` (1-based) is made at `now`: whether it is the last, and when the next is due if it fails. */
export function planEmailAttempt(attempt: number, now: Date): { final: boolean; nextAttemptAt: Date } {
  const final = attempt >= MAX_EMAIL_ATTEMPTS;
  const delay = EMAIL_RETRY_DELAYS_SECONDS[Math.min(attempt - 1, EMAIL_RETRY_DELAYS_SECONDS.length - 1)];
  return { final, nextAttemptAt: new Date(now.getTime() + delay * 1000) };
}
