export interface SendResult {
  succeeded: boolean;
  /** The receiver's HTTP status code; null when no answer came. */
  statusCode: number | null;
  /** Why there was no answer (timeout, refused, DNS...), or null. */
  error: string | null;
  durationMs: number;
}

const MAX_ERROR_LENGTH = 500;

function describe(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `No answer within ${timeoutMs} ms.`;
  const cause = e?.cause;
  const text = cause?.code ? `${cause.code}: ${cause.message ?? ''}`.trim() : cause?.message ?? e?.message ?? String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * One POST: a 2xx answer within `timeoutMs` succeeds; anything else (other status codes,
 * redirects, which are not followed, timeouts, network errors) fails. The answer's body is not read.
 * Call it outside any database transaction.
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  try {
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const durationMs = elapsed();
    await response.body?.cancel().catch(() => undefined);
    const statusCode = response.status >= 100 && response.status <= 599 ? response.status : null;
    return { succeeded: response.status >= 200 && response.status < 300, statusCode, error: statusCode === null ? 'The answer had no valid status code.' : null, durationMs };
  } catch (error) {
    return { succeeded: false, statusCode: null, error: describe(error, timeoutMs), durationMs: elapsed() };
  }
}
