import { type EscalationLevelSnapshot, type EscalationTrigger } from '../../db/entities/escalation.entity';
import { type EscalationChannel } from '../../db/entities/escalation-history.entity';
import { type EscalationPolicyTerms } from '../agreements/terms';
import { addBusinessMillis, type CalendarSpec } from '../calendars/business-hours';
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
    case 'BUDGET_BURN':
      return policy.triggers.budgetBurn;
    case 'MANUAL':
      return true;
    // A missed claim deadline raises any policy that has a level: the dispute procedure of the terms asks for it.
    case 'CLAIM_DEADLINE_MISSED':
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
    calendar: l.calendar ?? null,
    notifySupportingParty: l.notifySupportingParty ?? false,
  }));
}

export function levelOf(levels: readonly EscalationLevelSnapshot[], level: number): EscalationLevelSnapshot {
  const found = levels.find((l) => l.level === level);
  if (!found) throw new Error(`The escalation has no level ${level}.`);
  return found;
}

/**
 * When the level after `level` is due, if nobody acknowledges: `level`'s `after` from the moment
 * it was notified, counted in the open hours of the level's calendar when it names one (the
 * business-hours arithmetic of the objectives' clocks: weekends, public holidays, closed dates
 * and DST as the calendar says; notified outside hours, counting starts at the next opening), else
 * in all time. `calendars`: the levels' calendars by id. Null at the last level: nobody is above it.
 */
export function nextLevelDue(levels: readonly EscalationLevelSnapshot[], level: number, notifiedAt: Date, calendars: ReadonlyMap<string, CalendarSpec> = new Map()): Date | null {
  if (!levels.some((l) => l.level === level + 1)) return null;
  const current = levelOf(levels, level);
  const seconds = durationSeconds(current.after);
  if (seconds == null || seconds <= 0) return null;
  if (!current.calendar) return new Date(notifiedAt.getTime() + seconds * 1000);
  const calendar = calendars.get(current.calendar);
  if (!calendar) throw new Error(`The calendar of escalation level ${level} was not read.`);
  try {
    return addBusinessMillis(calendar, notifiedAt, seconds * 1000);
  } catch (error) {
    // A calendar without any open time in a year and more: the delay counts all time rather than never ending.
    if (error instanceof RangeError) return new Date(notifiedAt.getTime() + seconds * 1000);
    throw error;
  }
}

/** The calendars named by the levels, as a set of ids to read. */
export function levelCalendarIds(levels: readonly EscalationLevelSnapshot[]): string[] {
  return [...new Set(levels.map((l) => l.calendar).filter((id): id is string => Boolean(id)))];
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
