import { Field, ObjectType } from 'type-graphql';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type EffectiveObjective, type ObjectiveSource } from '../../domain/agreements/effective-objectives';
import { AgreementLevel } from '../core/enums';
import { Objective, toObjective } from './objective.type';

@ObjectType('ObjectiveSource', { description: 'An objective of one level, and where it comes from.' })
export class ObjectiveSourceType {
  @Field(() => Objective, { description: 'The objective this level sets.' }) objective: Objective;
  @Field(() => AgreementLevel, { description: 'The level of the agreement that sets it (for an effective objective: the most specific level that sets its metric and priority).' }) level: AgreementLevel;
  agreementUuid: string;
  revisionUuid: string;
}

@ObjectType('EffectiveObjective', { description: 'The objective that applies for one metric and priority, the level it came from, and what it overrode.' })
export class EffectiveObjectiveType extends ObjectiveSourceType {
  @Field(() => [ObjectiveSourceType], { description: 'Less specific (or looser) objectives it overrode, most specific first.' }) overrides: ObjectiveSourceType[];
}

const toSource = (s: ObjectiveSource<ObjectiveEntity>): ObjectiveSourceType =>
  Object.assign(new ObjectiveSourceType(), { objective: toObjective(s.objective), level: s.level, agreementUuid: s.agreementId, revisionUuid: s.revisionId });

export const toEffectiveObjective = (e: EffectiveObjective<ObjectiveEntity>): EffectiveObjectiveType =>
  Object.assign(new EffectiveObjectiveType(), { ...toSource(e.source), overrides: e.overrides.map(toSource) });
