import { ArgsType, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { type BurnAlertRow } from '../../domain/compliance/burn-rate.sql';
import { isoDuration } from '../../domain/shared/iso-duration';
import { ConnectionType } from '../core/connection';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { PageArgs } from '../core/page.args';
import { DateTimeScalar } from '../core/scalars';

export enum BurnRateAlertStateEnum {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(BurnRateAlertStateEnum, {
  name: 'BurnRateAlertState',
  description: 'Whether a burn-rate alert episode is still burning.',
  valuesConfig: {
    OPEN: { description: 'Still burning: both windows of the pair burn above its threshold (as of the last evaluation).' },
    RESOLVED: { description: 'The burn stopped: the pair no longer fires.' },
  },
});

@ObjectType('BurnRateAlert', {
  implements: Node,
  simpleResolvers: true,
  description:
    'One episode of a multi-window burn-rate alert: an objective\'s error budget burning faster than a pair of the terms\' burnRateAlertPolicy allows, in both of its windows, from `startedAt` until the burn stops. Raised once per episode (budget.burn_alert.raised), resolved once (budget.burn_alert.resolved).',
})
export class BurnRateAlert extends Node {
  readonly __typename = 'BurnRateAlert';
  uuid: string;
  agreementUuid: string;
  objectiveUuid: string;
  revisionUuid: string;
  @Field(() => BurnRateAlertStateEnum, { description: 'OPEN while it burns, RESOLVED once it stopped.' }) state: BurnRateAlertStateEnum;
  @Field(() => Float, { description: 'The pair\'s share of the period\'s error budget, percent.' }) budgetPercent: number;
  @Field({ description: 'The pair\'s long window (ISO 8601, in hours).' }) longWindow: string;
  @Field({ description: 'The pair\'s short window (ISO 8601, in hours).' }) shortWindow: string;
  @Field({ description: 'The burn rate both windows exceeded: budgetPercent / 100 * period length / long window (14.4 for 2% in 1 h of a 30-day period).' })
  threshold: string;
  @Field(() => DateTimeScalar, { description: 'Start of the budget period the objective was judged over when the episode began.' }) periodStart: Date;
  @Field(() => DateTimeScalar, { description: 'End of that budget period.' }) periodEnd: Date;
  @Field(() => DateTimeScalar, { description: 'The evaluation that first saw both windows burn above the threshold.' }) startedAt: Date;
  @Field(() => String, { nullable: true, description: 'The long window\'s burn rate then (4 decimals); null: infinite (a 100% target with something failed).' })
  longBurnRate: string | null;
  @Field(() => String, { nullable: true, description: 'The short window\'s burn rate then (4 decimals); null: infinite.' }) shortBurnRate: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The evaluation that found the pair no longer firing; null while it burns.' }) resolvedAt: Date | null;
}

export const BurnRateAlertConnection = ConnectionType(BurnRateAlert, 'BurnRateAlert');

@ArgsType()
export class BurnRateAlertsArgs extends PageArgs {
  @Field(() => BurnRateAlertStateEnum, { nullable: true, description: 'Only the open or only the resolved episodes; all when left out.' })
  @IsOptional()
  @IsEnum(BurnRateAlertStateEnum)
  state?: BurnRateAlertStateEnum | null;
}

const shown = (value: string | null) => (value === null ? null : Number(value).toFixed(4));

export function toBurnRateAlert(r: BurnAlertRow): BurnRateAlert {
  return Object.assign(new BurnRateAlert(), {
    id: globalId('BurnRateAlert', r.id),
    uuid: r.id,
    agreementUuid: r.agreementId,
    objectiveUuid: r.objectiveId,
    revisionUuid: r.revisionId,
    state: r.resolvedAt ? BurnRateAlertStateEnum.RESOLVED : BurnRateAlertStateEnum.OPEN,
    budgetPercent: Number(r.budgetPercent),
    longWindow: isoDuration(r.longWindowSeconds),
    shortWindow: isoDuration(r.shortWindowSeconds),
    threshold: shown(r.threshold)!,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    startedAt: r.startedAt,
    longBurnRate: shown(r.longBurnRate),
    shortBurnRate: shown(r.shortBurnRate),
    resolvedAt: r.resolvedAt,
  });
}
