import { Field, ObjectType } from 'type-graphql';
import { type WhatIf } from '../../domain/reviews/what-if.service';
import { type CreditDifference } from '../../domain/reviews/what-if';
import { CompliancePeriod, TerminationRightType, toCompliancePeriod, toTerminationRight } from '../compliance/compliance.types';
import { LocalDateTimeScalar } from '../core/scalars';
import { localIso } from '../../domain/compliance/periods';
import { AgreementRevision, toRevision } from '../agreements/revision.type';

@ObjectType('CreditExposure', {
  description: 'Credits of the revisions in force against those the replayed revision would have produced, as exact decimal strings in one currency. Periods without a credit count 0; in different currencies nothing is compared (all null).',
})
export class CreditExposureType {
  @Field(() => String, { nullable: true, description: 'ISO 4217; null when the amounts are in different currencies, or when no period has a credit at all.' }) currency: string | null;
  @Field(() => String, { nullable: true, description: 'What the revisions in force credited.' }) inForce: string | null;
  @Field(() => String, { nullable: true, description: 'What the replayed revision would have credited.' }) replayed: string | null;
  @Field(() => String, { nullable: true, description: 'replayed - inForce: positive when the replayed revision would have cost the provider more.' }) difference: string | null;
}

@ObjectType('WhatIfPeriod', { description: 'One closed month: what the revision in force produced, and what the replayed revision would have produced on the same incidents and measurements.' })
export class WhatIfPeriodType {
  @Field(() => LocalDateTimeScalar, { description: 'Start of the month, in the provider\'s time zone ("2026-03-01T00:00:00.000+01:00"), as the compliance report shows it.' }) start: string;
  @Field(() => LocalDateTimeScalar, { description: 'End of the month (exclusive), in the provider\'s time zone.' }) end: string;
  @Field(() => CompliancePeriod, { description: 'The compliance report\'s period: judged by the revision in force (revision is null when none was).' }) inForce: CompliancePeriod;
  @Field(() => CompliancePeriod, {
    description: 'The same period judged by the replayed revision: attainment, status, violations, credit. A month no signed revision judged stays NO_DATA. `settlement` is null here: a replay has no statement.',
  })
  replayed: CompliancePeriod;
  @Field(() => CreditExposureType, { description: 'The credit of this month, in force against replayed.' }) credit: CreditExposureType;
}

@ObjectType('RevisionWhatIf', {
  description:
    'A revision replayed over the last closed months of the agreement\'s real data, side by side with what the revisions in force produced. Computed on request from one read-only snapshot; nothing is written.',
})
export class RevisionWhatIfType {
  @Field(() => AgreementRevision, { description: 'The replayed revision.' }) revision: AgreementRevision;
  @Field(() => [WhatIfPeriodType], { description: 'The closed months, oldest first.' }) periods: WhatIfPeriodType[];
  @Field(() => TerminationRightType, { nullable: true, description: 'The termination right as the revisions in force give it over these months (the latest one\'s rule).' })
  inForceTerminationRight: TerminationRightType | null;
  @Field(() => TerminationRightType, { nullable: true, description: 'The termination right under the replayed revision\'s rule and verdicts; null when its credit policy has none.' })
  replayedTerminationRight: TerminationRightType | null;
  @Field(() => CreditExposureType, { description: 'The credits of all the months, in force against replayed: "what would this change have cost us?".' }) exposure: CreditExposureType;
}

const toExposure = (c: CreditDifference): CreditExposureType => ({ ...c });

export const toWhatIf = (w: WhatIf): RevisionWhatIfType => ({
  revision: toRevision(w.revision),
  periods: w.periods.map((p) => ({ start: localIso(p.start, w.timeZone), end: localIso(p.end, w.timeZone), inForce: toCompliancePeriod(p.inForce, w.timeZone), replayed: toCompliancePeriod(p.replayed, w.timeZone), credit: toExposure(p.credit) })),
  inForceTerminationRight: w.inForceTerminationRight && toTerminationRight(w.inForceTerminationRight),
  replayedTerminationRight: w.replayedTerminationRight && toTerminationRight(w.replayedTerminationRight),
  exposure: toExposure(w.exposure),
});
