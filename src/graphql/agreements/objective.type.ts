import { Field, Float, Int, ObjectType } from 'type-graphql';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { isoDuration } from '../../domain/shared/iso-duration';
import { BudgetingMethod, Comparator, Metric, Priority, Region, Tier, WindowKind } from '../core/enums';
import { type ObjectiveConditions as Conditions } from '../../common/objective-conditions';
import { ImpactEnum } from '../incidents/incident.type';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';

@ObjectType('ObjectiveWindow', { simpleResolvers: true, description: 'The period over which the objective is judged.' })
export class ObjectiveWindow {
  @Field(() => WindowKind, { description: 'A calendar month, quarter or year, or a rolling number of days.' }) kind: WindowKind;
  @Field(() => Int, { nullable: true, description: 'For ROLLING_DAYS.' }) days: number | null;
}

@ObjectType('ObjectiveBudgeting', { simpleResolvers: true, description: 'How the objective\'s window is budgeted.' })
export class ObjectiveBudgeting {
  @Field(() => BudgetingMethod, { description: 'OCCURRENCES or TIMESLICES.' }) method: BudgetingMethod;
  @Field(() => String, { nullable: true, description: 'TIMESLICES: the length of a slice, ISO 8601 ("PT1M"); null for OCCURRENCES.' }) sliceDuration: string | null;
  @Field(() => Float, { nullable: true, description: 'TIMESLICES: percent a slice must attain to be good; null for OCCURRENCES.' }) sliceTarget: number | null;
}

@ObjectType('ObjectiveConditions', {
  simpleResolvers: true,
  description: 'The incidents a time objective applies to: each list given names the values that match (any of them); an incident matches when it matches every list given.',
})
export class ObjectiveConditions {
  @Field(() => [String], { nullable: true, description: "Incident categories (the report's `category`, compared exactly)." }) categories: string[] | null;
  @Field(() => [String], { nullable: true, description: "Channels (the report's `channel`, compared exactly)." }) channels: string[] | null;
  @Field(() => [ImpactEnum], { nullable: true, description: 'Impacts, as reported.' }) impacts: ImpactEnum[] | null;
  @Field(() => [Tier], { nullable: true, description: "The customer's tier." }) customerTiers: Tier[] | null;
  @Field(() => [Region], { nullable: true, description: "The customer's region." }) customerRegions: Region[] | null;
}

export function toConditions(c: Conditions | null | undefined): ObjectiveConditions | null {
  if (!c) return null;
  return Object.assign(new ObjectiveConditions(), {
    categories: c.categories ?? null,
    channels: c.channels ?? null,
    impacts: (c.impacts as ImpactEnum[] | undefined) ?? null,
    customerTiers: c.customerTiers ?? null,
    customerRegions: c.customerRegions ?? null,
  });
}

@ObjectType('Objective', { implements: Node, simpleResolvers: true, description: 'A target (SLO) for one indicator, part of a revision\'s terms.' })
export class Objective extends Node {
  readonly __typename = 'Objective';
  uuid: string;
  revisionUuid: string;
  calendarUuid: string | null;
  supportsObjectiveUuids: string[];
  @Field(() => Metric, { description: 'What is measured.' }) metric: Metric;
  @Field(() => Priority, { nullable: true, description: 'The incident priority a time objective applies to; null: every priority, or not a time metric.' }) priority: Priority | null;
  @Field({ description: 'A name for the objective, e.g. "Availability of the primary region".' }) name: string;
  @Field({ description: 'Free text explaining the objective.' }) description: string;
  @Field(() => Comparator, { description: 'Whether the attained value must be at least (percentages, scores) or at most (times) the target.' }) comparator: Comparator;
  @Field(() => Float, { nullable: true, description: 'Percent (availability, ratio: 99.95) or score (satisfaction).' }) target: number | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601 duration, for time metrics ("PT15M").' }) targetDuration: string | null;
  @Field(() => ObjectiveWindow, { description: 'The period over which it is judged.' }) window: ObjectiveWindow;
  @Field({ description: 'True when the target counts all time; false when it counts business hours of `calendar`.' }) twentyFourSeven: boolean;
  @Field(() => Float, { description: 'A clock warns when this share (percent) of the target has elapsed.' }) warningThresholdPercent: number;
  @Field(() => Float, { description: 'Share (percent) of DEGRADED time counted as downtime.' }) degradedWeightPercent: number;
  @Field(() => ObjectiveBudgeting, { description: 'How the window is budgeted: occurrences or time slices.' }) budgeting: ObjectiveBudgeting;
  @Field(() => ObjectiveConditions, {
    nullable: true,
    description: 'The incidents it applies to; null: every incident. Among matching objectives the most specific wins (see SlaClock.selectionReason).',
  })
  conditions: ObjectiveConditions | null;
}

export function toObjective(o: ObjectiveEntity): Objective {
  return Object.assign(new Objective(), {
    id: globalId('Objective', o.id),
    uuid: o.id,
    revisionUuid: o.revisionId,
    calendarUuid: o.calendarId,
    supportsObjectiveUuids: o.supportsObjectiveIds ?? [],
    metric: o.metric,
    priority: o.priority,
    name: o.name,
    description: o.description,
    comparator: o.comparator,
    target: o.target,
    targetDuration: o.targetSeconds == null ? null : isoDuration(o.targetSeconds),
    window: { kind: o.windowKind, days: o.windowDays },
    twentyFourSeven: o.calendarId === null,
    warningThresholdPercent: o.warningThresholdPercent,
    degradedWeightPercent: o.degradedWeightPercent,
    budgeting: { method: o.budgetingMethod, sliceDuration: o.sliceSeconds == null ? null : isoDuration(o.sliceSeconds), sliceTarget: o.sliceTarget },
    conditions: toConditions(o.conditions),
  });
}
