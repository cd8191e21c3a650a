import { DateTime, Duration } from 'luxon';
import { UserError } from '../../common/errors';
import { type DisputeProcedureTerms } from '../agreements/terms';

/**
 * The rules of a claim, over plain data: the procedure it keeps from the terms it was filed under,
 * the claim window, the deadline of each stage, and how it moves between stages and statuses.
 *
 *   filed -> OPEN at stage 1 (the provider's answer due at the stage's deadline)
 *   OPEN --provider accepts--> ACCEPTED (final) | PARTIALLY_ACCEPTED
 *   OPEN --provider rejects--> REJECTED
 *   PARTIALLY_ACCEPTED | REJECTED --customer escalates--> OPEN at the next stage
 *   OPEN --deadline missed--> OPEN at the next stage (or, at the last stage, OPEN and overdue)
 *
 * Durations are calendar time, added in the provider's time zone: P10D is ten calendar days, the
 * same wall-clock time ten days later whatever a DST change in between.
 */

export type ClaimStatus = 'OPEN' | 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REJECTED';

export interface ClaimStage {
  name: string;
  /** ISO 8601 duration the provider has to answer at this stage. */
  responseDeadline: string;
}

/** The procedure a claim was filed under, as it keeps it: it moves the way it was filed, whatever the terms say later. */
export interface ClaimProcedure {
  claimWindow: string;
  stages: ClaimStage[];
}

export function snapshotProcedure(terms: DisputeProcedureTerms): ClaimProcedure {
  return { claimWindow: terms.claimWindow, stages: terms.stages.map((s) => ({ name: s.name, responseDeadline: s.responseDeadline ?? terms.responseDeadline })) };
}

/** `at` plus an ISO 8601 duration, in calendar time of `zone`. */
export function addCalendarDuration(at: Date, iso: string, zone: string): Date {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) throw new RangeError(`Not an ISO 8601 duration: ${iso}`);
  return DateTime.fromJSDate(at, { zone }).plus(duration).toJSDate();
}

/** When the claim window of something settled at `anchor` (a statement's issue) closes; null when nothing has settled yet (the window has not started). */
export function claimWindowEnd(anchor: Date | null, procedure: ClaimProcedure, zone: string): Date | null {
  return anchor && addCalendarDuration(anchor, procedure.claimWindow, zone);
}

/** Refuses a claim filed after its window closed (a claim exactly at the end is in time). */
export function requireWithinWindow(filedAt: Date, windowEnd: Date | null, field: string[], what: string): void {
  if (windowEnd && filedAt.getTime() > windowEnd.getTime()) {
    throw new UserError('NOT_ALLOWED', `The claim window of ${what} closed at ${windowEnd.toISOString()}: the terms allow claims until then only.`, field);
  }
}

/** When the provider's answer at `stage` (1-based) is due, the stage having begun at `from`. */
export function responseDue(procedure: ClaimProcedure, stage: number, from: Date, zone: string): Date {
  return addCalendarDuration(from, stageOf(procedure, stage).responseDeadline, zone);
}

export function stageOf(procedure: ClaimProcedure, stage: number): ClaimStage {
  const found = procedure.stages[stage - 1];
  if (!found) throw new Error(`The claim's procedure has no stage ${stage}.`);
  return found;
}

export interface ClaimState {
  status: ClaimStatus;
  stage: number;
  stageCount: number;
}

/** The provider answers: only an OPEN claim awaits an answer. */
export function requireAnswerable(state: ClaimState): void {
  if (state.status !== 'OPEN') throw new UserError('INVALID_STATE', `The claim is ${state.status} at stage ${state.stage}: it awaits no answer (the customer may escalate it).`, ['id']);
}

/** The customer escalates an answered claim to the next stage: not an accepted one, not one that awaits its answer, not past the last stage. */
export function escalationTarget(state: ClaimState): number {
  if (state.status === 'ACCEPTED') throw new UserError('INVALID_STATE', 'The claim was accepted in full: there is nothing to escalate.', ['id']);
  if (state.status === 'OPEN') throw new UserError('INVALID_STATE', "The claim awaits the provider's answer at this stage; a missed deadline escalates it by itself.", ['id']);
  if (state.stage >= state.stageCount) {
    throw new UserError('NOT_ALLOWED', 'The claim is at the last stage of the procedure; what follows (mediation, courts) is outside it, as the terms\' dispute resolution says.', ['id']);
  }
  return state.stage + 1;
}

/**
 * What a deadline job for `stage` does when it runs: nothing unless the claim is still OPEN at that
 * stage, its answer was due by `now` and that deadline was not found missed already (the job ran
 * twice, or after an answer: nothing); else the claim moves to the next stage, or stays at the last
 * one, overdue (`nextStage` null).
 */
export function onDeadline(state: ClaimState, stage: number, dueAt: Date | null, now: Date, missedBefore: boolean): { missed: false } | { missed: true; nextStage: number | null } {
  if (missedBefore || state.status !== 'OPEN' || state.stage !== stage || !dueAt || dueAt.getTime() > now.getTime()) return { missed: false };
  return { missed: true, nextStage: stage < state.stageCount ? stage + 1 : null };
}
