import { type EscalationLevelSnapshot, type EscalationTrigger } from '../../db/entities/escalation.entity';
import { type EscalationChannel } from '../../db/entities/escalation-history.entity';
import { type EscalationPolicyTerms } from '../agreements/terms';
import { durationSeconds } from '../shared/iso-duration';

/** Whether a policy raises an escalation for `trigger`: it needs at least one level, and the trigger switched on. Raising by hand needs only a level. */
export function policyRaises(policy: EscalationPolicyTerms, trigger: EscalationTrigger): boolean {
  if (policy.levels.length === 0) return false;
  switch (trigger) {
    case 'CLOCK_WARNING':
      return policy.triggers.clockWarning;
    case 'CLOCK_BREACH':
      return policy.triggers.clockBreach;
    case 'UNACKNOWLEDGED':
      return unacknowledgedAfterMs(policy) !== null;
    case 'OBJECTIVE_BREACHED':
      return policy.triggers.objectiveBreached;
    case 'MANUAL':
      return true;
  }
}

/** How long after the report an incident may stay unacknowledged before it escalates, or null: never. */
export function unacknowledgedAfterMs(policy: EscalationPolicyTerms): number | null {
  const iso = policy.triggers.unacknowledgedAfter;
  const seconds = iso == null ? null : durationSeconds(iso);
  return seconds != null && seconds > 0 && policy.levels.length > 0 ? seconds * 1000 : null;
}

/** The levels as an escalation keeps them: a copy, so that it advances the way it was raised. */
export function snapshotLevels(policy: EscalationPolicyTerms): EscalationLevelSnapshot[] {
  return policy.levels.map((l) => ({
    level: l.level,
    name: l.name,
    notifyRoles: [...l.notifyRoles],
    notifyUsers: [...l.notifyUsers],
    notifyWebhookEndpoints: [...l.notifyWebhookEndpoints],
    after: l.after,
  }));
}

export function levelOf(levels: readonly EscalationLevelSnapshot[], level: number): EscalationLevelSnapshot {
  const found = levels.find((l) => l.level === level);
  if (!found) throw new Error(`The escalation has no level ${level}.`);
  return found;
}

/**
 * When the level after `level` is due, if nobody acknowledges: `level`'s `after` from the moment
 * it was notified. Null at the last level: nobody is above it.
 */
export function nextLevelDue(levels: readonly EscalationLevelSnapshot[], level: number, notifiedAt: Date): Date | null {
  if (!levels.some((l) => l.level === level + 1)) return null;
  const seconds = durationSeconds(levelOf(levels, level).after);
  if (seconds == null || seconds <= 0) return null;
  return new Date(notifiedAt.getTime() + seconds * 1000);
}

export interface Notification {
  channel: EscalationChannel;
  /** Role names, people, or webhook endpoint uuids. */
  recipients: string[];
}

/** Whom a level notifies, one entry per channel that has someone (roles, people, webhook endpoints). */
export function notificationsOf(level: EscalationLevelSnapshot): Notification[] {
  const out: Notification[] = [];
  if (level.notifyRoles.length) out.push({ channel: 'ROLE', recipients: [...new Set(level.notifyRoles)] });
  if (level.notifyUsers.length) out.push({ channel: 'USER', recipients: [...new Set(level.notifyUsers)] });
  if (level.notifyWebhookEndpoints.length) out.push({ channel: 'WEBHOOK', recipients: [...new Set(level.notifyWebhookEndpoints)] });
  return out;
}

/** Every webhook endpoint notified up to and including `level`: they hear how the escalation ends. */
export function endpointsUpTo(levels: readonly EscalationLevelSnapshot[], level: number): string[] {
  return [...new Set(levels.filter((l) => l.level <= level).flatMap((l) => l.notifyWebhookEndpoints))];
}
