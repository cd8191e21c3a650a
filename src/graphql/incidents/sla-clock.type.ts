import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { type LiveClock } from '../../domain/incidents/incident-clocks.service';
import { isoDuration } from '../../domain/shared/iso-duration';
import { Metric, Priority } from '../core/enums';
import { DateTimeScalar, SafeIntScalar } from '../core/scalars';
import { ObjectiveConditions, toConditions } from '../agreements/objective.type';
import { IncidentStatusEnum } from './incident.type';

export enum ClockStateEnum {
  RUNNING = 'RUNNING',
  PAUSED = 'PAUSED',
  MET = 'MET',
  BREACHED = 'BREACHED',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
registerEnumType(ClockStateEnum, {
  name: 'ClockState',
  description: 'NOT_APPLICABLE: no objective for the incident\'s current priority.',
  valuesConfig: {
    RUNNING: { description: 'Counting towards the target.' },
    PAUSED: { description: "Not counting: waiting on the customer (or, for updates, on the provider's reply to the customer)." },
    MET: { description: 'Stopped (first response or resolution) within the target.' },
    BREACHED: { description: 'The target passed before the clock stopped.' },
    NOT_APPLICABLE: { description: "No objective applies to the incident's current priority." },
  },
});

@ObjectType('PausedInterval', { description: 'A stretch of time a clock did not count.' })
export class PausedInterval {
  @Field(() => DateTimeScalar, { description: 'When the pause began.' }) start: Date;
  @Field(() => DateTimeScalar, { description: 'When the pause ended (or now, for a pause still going on).' }) end: Date;
}

@ObjectType('SlaClock', { description: 'An incident\'s clock against one time objective, with live values when it runs.' })
export class SlaClock {
  calendarUuid: string | null;
  /** The incident of a customer clock; null for a supporting party's clock (which supports nothing below it). */
  incidentUuid: string | null;
  @Field(() => Metric, { description: 'The time objective it measures: FIRST_RESPONSE_TIME, RESOLUTION_TIME or UPDATE_INTERVAL.' }) metric: Metric;
  @Field(() => ClockStateEnum, { description: 'RUNNING, PAUSED (waiting on the customer), MET (stopped within the target), BREACHED, or NOT_APPLICABLE (no target for its priority).' }) state: ClockStateEnum;
  @Field(() => Priority, { description: 'The priority whose target applies.' }) priority: Priority;
  @Field(() => Priority, {
    description:
      'The priority whose target the verdict is judged against, and under which compliance reports count the clock: for a BREACHED clock the priority whose target it breached (a later downgrade does not move it), otherwise `priority`.',
  })
  judgedPriority: Priority;
  @Field(() => String, { nullable: true, description: 'ISO 8601 duration.' }) target: string | null;
  @Field({ description: 'Counted time so far (business time for business-hours objectives), ISO 8601; for UPDATE_INTERVAL, of the current gap.' }) elapsed: string;
  @Field(() => SafeIntScalar, { description: 'The same in milliseconds.' }) elapsedMs: number;
  @Field(() => String, { nullable: true, description: 'Time left before the target, ISO 8601 (business time for business-hours objectives); "PT0S" once passed.' }) remaining: string | null;
  @Field({ description: 'True when the target counts all time; false for business hours.' }) twentyFourSeven: boolean;
  @Field(() => DateTimeScalar, { description: "When it started (the incident's start)." }) startedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it stopped (first response or resolution).' }) stoppedAt: Date | null;
  @Field(() => [PausedInterval], { description: 'Paused (a pausing status, a customer message for the update interval), and resolved until reopened.' }) pausedIntervals: PausedInterval[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it breaches (or breached) if nothing stops it; null while paused.' }) dueAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When it warns (or warned): the objective's warning share of the target elapsed; null while paused." }) warnAt: Date | null;
  @Field({ description: 'True once the warning threshold passed.' }) warned: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it warned.' }) warnedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it breached; null unless BREACHED.' }) breachedAt: Date | null;
  objectiveUuid: string | null;
  @Field(() => ObjectiveConditions, {
    nullable: true,
    description: 'The conditions of `objective` that the incident matched (all of them), as reported; null when the objective has none.',
  })
  matchedConditions: ObjectiveConditions | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why `objective` applies, in words: the most conditions matched wins, then the priority\'s own objective over a priority-less one, then the one listed first in its revision; no conditioned objective matching falls back to the one without conditions.',
  })
  selectionReason: string | null;
  @Field(() => [IncidentStatusEnum], { description: 'The status meanings that pause it, from the pause rules of the revision that judges the incident (empty for the first response).' })
  pausingStatuses: IncidentStatusEnum[];
}

const seconds = (ms: number) => isoDuration(Math.round(ms / 1000));

export function toSlaClock(c: LiveClock, incidentUuid: string | null): SlaClock {
  return Object.assign(new SlaClock(), {
    calendarUuid: c.calendarId,
    incidentUuid,
    metric: c.metric as Metric,
    state: c.state as ClockStateEnum,
    priority: c.priority as Priority,
    judgedPriority: c.judgedPriority as Priority,
    target: c.targetMs == null ? null : seconds(c.targetMs),
    elapsed: seconds(c.elapsedMs),
    elapsedMs: Math.round(c.elapsedMs),
    remaining: c.remainingMs == null ? null : seconds(c.remainingMs),
    twentyFourSeven: c.calendarId === null,
    startedAt: c.startedAt,
    stoppedAt: c.stoppedAt,
    pausedIntervals: c.pausedIntervals,
    dueAt: c.dueAt,
    warnAt: c.warnAt,
    warned: c.warned,
    warnedAt: c.warnedAt,
    breachedAt: c.breachedAt,
    objectiveUuid: c.choice?.objectiveId ?? null,
    matchedConditions: toConditions(c.choice?.matchedConditions),
    selectionReason: c.choice?.reason ?? null,
    pausingStatuses: c.pauseStatuses as IncidentStatusEnum[],
  });
}
