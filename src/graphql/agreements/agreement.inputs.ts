import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { type DraftInput, draftInputProblems } from '../../domain/agreements/draft-input';
import { type FieldPath, UserError } from '../../common/errors';
import { type IncidentStatus } from '../../common/incident-statuses';
import { AgreementKind, AgreementLevel, AgreementStatus, Priority } from '../core/enums';
import { IdOf, type NodeTypeName, uuidOf } from '../core/ids';
import { registerInputRules } from '../core/input-validation';
import { PageArgs } from '../core/page.args';
import { DateTimeScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';
import { RevisionTermsInput } from './terms.inputs';

@InputType('AgreementCreateInput', { description: 'A new agreement and the terms of its revision 1 (a DRAFT).' })
export class AgreementCreateInput {
  @Field(() => AgreementKind, { description: 'What it covers: one service for everyone (SERVICE_BASED), one customer or segment (CUSTOMER_BASED), or a layer of a multi-level agreement (MULTI_LEVEL).' }) @IsEnum(AgreementKind) kind: AgreementKind;
  @Field(() => AgreementLevel, { description: 'Its level: CORPORATE, SEGMENT, CUSTOMER or SERVICE (with `parent` one level up, for multi-level agreements).' }) @IsEnum(AgreementLevel) level: AgreementLevel;
  @Field(() => ID, { nullable: true, description: 'The customer it covers (CUSTOMER level).' }) @IsOptional() @IdOf('Customer') customer?: string | null;
  @Field(() => ID, { nullable: true, description: 'The segment it covers (SEGMENT level).' }) @IsOptional() @IdOf('Segment') segment?: string | null;
  @Field(() => ID, { nullable: true, description: 'The agreement one level up (multi-level).' }) @IsOptional() @IdOf('Agreement') parent?: string | null;
  @Field(() => [ID], { description: 'The services it covers.' }) @ArrayMinSize(1) @ArrayMaxSize(200) @IdOf('Service') services: string[];
  @Field(() => ID, { nullable: true, description: 'Copy the terms of this agreement (its revision in force, or its latest) into the first draft.' })
  @IsOptional() @IdOf('Agreement') template?: string | null;
  @Field(() => ID, { nullable: true, description: 'The team (kind OLA) or supplier (kind UNDERPINNING_CONTRACT) of a supporting agreement; required for those kinds, refused for the others.' })
  @IsOptional() @IdOf('SupportingParty') supportingParty?: string | null;
  @Field(() => RevisionTermsInput, { description: 'Terms of revision 1 (title required unless a template gives one).' }) @ValidateNested() terms: RevisionTermsInput;
}

@InputType('AgreementAmendInput', { description: 'Which agreement to amend.' })
export class AgreementAmendInput {
  @Field(() => ID, { description: 'The agreement whose revision in force is copied into a new DRAFT.' }) @IdOf('Agreement') agreement: string;
}

@InputType('AgreementTerminateInput', { description: 'Ends an agreement at a date: the terms in force end then, open and scheduled revisions are withdrawn.' })
export class AgreementTerminateInput {
  @Field(() => ID, { description: 'The agreement to terminate.' }) @IdOf('Agreement') id: string;
  @Field(() => Int, { nullable: true, description: "The agreement's version you read; a stale one gets STALE_VERSION and changes nothing." }) @IsOptional() @IsInt() version?: number | null;
  @Field(() => DateTimeScalar, { description: 'When the agreement ends; the terms in force end then.' }) at: Date;
  @Field({ description: 'Why, e.g. "Customer exercised its termination right"; kept in the history.' }) @NotBlank() @MaxLength(2000) reason: string;
}

@InputType('RevisionUpdateInput', { description: 'Edits a DRAFT. Only the fields given change.' })
export class RevisionUpdateInput {
  @Field(() => ID, { description: 'The DRAFT revision.' }) @IdOf('AgreementRevision') id: string;
  @Field(() => Int, { description: 'The version you read.' }) @IsInt() version: number;
  @Field(() => RevisionTermsInput, { description: 'The terms to change.' }) @ValidateNested() terms: RevisionTermsInput;
}

@InputType('RevisionProposeInput', { description: 'Which draft to propose.' })
export class RevisionProposeInput {
  @Field(() => ID, { description: 'The DRAFT revision.' }) @IdOf('AgreementRevision') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number | null;
}

@InputType('RevisionApproveInput', { description: 'Which revision to approve for your party.' })
export class RevisionApproveInput {
  @Field(() => ID, { description: 'The PROPOSED revision.' }) @IdOf('AgreementRevision') id: string;
}

@InputType('RevisionRejectInput', { description: 'Rejects a proposed revision.' })
export class RevisionRejectInput {
  @Field(() => ID, { description: 'The PROPOSED revision.' }) @IdOf('AgreementRevision') id: string;
  @Field({ nullable: true, description: 'Why, e.g. "Target too low"; kept in the history.' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

@InputType('RevisionWithdrawInput', { description: 'Withdraws a proposed revision (provider).' })
export class RevisionWithdrawInput {
  @Field(() => ID, { description: 'The PROPOSED revision.' }) @IdOf('AgreementRevision') id: string;
  @Field({ nullable: true, description: 'Why; kept in the history.' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

@InputType('AgreementFilter', { description: 'Narrows a list of agreements; every field given must hold.' })
export class AgreementFilter {
  @Field(() => ID, { nullable: true, description: 'Agreements that cover this customer (directly, through a segment, or all customers).' }) @IsOptional() customer?: string;
  @Field(() => ID, { nullable: true, description: 'Only agreements made for this segment.' }) @IsOptional() segment?: string;
  @Field(() => ID, { nullable: true, description: 'Only agreements that cover this service.' }) @IsOptional() service?: string;
  @Field(() => AgreementKind, { nullable: true, description: 'Only agreements of this kind.' }) @IsOptional() @IsEnum(AgreementKind) kind?: AgreementKind;
  @Field(() => AgreementLevel, { nullable: true, description: 'Only agreements at this level.' }) @IsOptional() @IsEnum(AgreementLevel) level?: AgreementLevel;
  @Field(() => AgreementStatus, { nullable: true, description: 'Only agreements in this status.' }) @IsOptional() @IsEnum(AgreementStatus) status?: AgreementStatus;
  @Field(() => [AgreementKind], { nullable: true, description: 'Any of these kinds.' }) @IsOptional() @ArrayMaxSize(3) kinds?: AgreementKind[];
  @Field(() => [AgreementLevel], { nullable: true, description: 'Any of these levels.' }) @IsOptional() @ArrayMaxSize(4) levels?: AgreementLevel[];
  @Field(() => [AgreementStatus], { nullable: true, description: 'Any of these statuses.' }) @IsOptional() @ArrayMaxSize(4) statuses?: AgreementStatus[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only agreements with terms in force at this instant.' }) @IsOptional() effectiveAt?: Date;
  @Field({ nullable: true, description: 'Part of the title of the latest revision.' }) @IsOptional() @MaxLength(200) search?: string;
}

export enum AgreementOrder {
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
}
registerEnumType(AgreementOrder, {
  name: 'AgreementOrder',
  description: 'The order of a list of agreements.',
  valuesConfig: {
    CREATED_AT_DESC: { description: 'Newest created first.' },
    CREATED_AT_ASC: { description: 'Oldest created first.' },
  },
});

@ArgsType()
export class AgreementsArgs extends PageArgs {
  @Field(() => AgreementFilter, { nullable: true, description: 'Narrow the list; every field given must hold.' }) @IsOptional() @ValidateNested() filter?: AgreementFilter;
  @Field(() => AgreementOrder, { nullable: true, defaultValue: AgreementOrder.CREATED_AT_DESC, description: 'The order of the list (default newest created first).' }) orderBy?: AgreementOrder;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The domain's draft input from the GraphQL one: global ids become uuids, with field paths. A bad
 * id throws INVALID_ID, or, given `badIds`, is collected there and stands in as the nil uuid (so
 * that the other rules see the list as given).
 */
export function toDraftInput(terms: RevisionTermsInput, at: FieldPath, badIds?: UserError[]): DraftInput {
  const idOf = (id: string, type: NodeTypeName, field: FieldPath): string => {
    try {
      return uuidOf(id, type, field);
    } catch (error) {
      if (!badIds || !(error instanceof UserError)) throw error;
      badIds.push(error);
      return NIL_UUID;
    }
  };
  return {
    ...terms,
    pauseRules: terms.pauseRules === undefined ? undefined : terms.pauseRules && terms.pauseRules.map((r) => ({ metric: r.metric, statuses: r.statuses as string[] as IncidentStatus[] })),
    objectives: terms.objectives?.map((o, i) => ({
      ...o,
      conditions: o.conditions && {
        categories: o.conditions.categories ?? undefined,
        channels: o.conditions.channels ?? undefined,
        impacts: o.conditions.impacts ?? undefined,
        customerTiers: o.conditions.customerTiers ?? undefined,
        customerRegions: o.conditions.customerRegions ?? undefined,
      },
      calendarId: o.calendar ? idOf(o.calendar, 'BusinessCalendar', [...at, 'objectives', i, 'calendar']) : null,
      supportsObjectiveIds: (o.supportsObjectives ?? []).map((id, j) => idOf(id, 'Objective', [...at, 'objectives', i, 'supportsObjectives', j])),
    })),
    creditPolicy:
      terms.creditPolicy === undefined
        ? undefined
        : terms.creditPolicy && {
            currency: terms.creditPolicy.currency,
            periodFee: terms.creditPolicy.periodFee,
            tiers: terms.creditPolicy.tiers,
            perBreach: (terms.creditPolicy.perBreach ?? []).map((b) => ({ metric: b.metric, priority: (b.priority as Priority | null) ?? null, creditPercent: b.creditPercent })),
            monthlyCapPercent: terms.creditPolicy.monthlyCapPercent ?? null,
            terminationAfterConsecutiveBreaches: terms.creditPolicy.terminationAfterConsecutiveBreaches ?? null,
          },
    exclusions: terms.exclusions && {
      maintenanceWindows: terms.exclusions.maintenanceWindows.map((w) => ({ name: w.name, description: w.description ?? '', noticePeriod: w.noticePeriod, maxPerMonth: w.maxPerMonth ?? null })),
      forceMajeure: terms.exclusions.forceMajeure ?? '',
    },
    settlement: terms.settlement && {
      statementGracePeriod: terms.settlement.statementGracePeriod ?? undefined,
      correctionReasons: terms.settlement.correctionReasons ?? undefined,
      correctionsNeedCustomerApproval: terms.settlement.correctionsNeedCustomerApproval ?? undefined,
    },
    burnRateAlertPolicy: terms.burnRateAlertPolicy && {
      enabled: terms.burnRateAlertPolicy.enabled ?? undefined,
      pairs: terms.burnRateAlertPolicy.pairs?.map((p) => ({ budgetPercent: p.budgetPercent, longWindow: p.longWindow, shortWindow: p.shortWindow })),
    },
    escalationPolicy: terms.escalationPolicy && {
      levels: terms.escalationPolicy.levels.map((l, i) => ({
        level: l.level,
        name: l.name,
        notifyRoles: l.notifyRoles ?? [],
        notifyUsers: l.notifyUsers ?? [],
        notifyWebhookEndpoints: (l.notifyWebhookEndpoints ?? []).map((id, j) => idOf(id, 'WebhookEndpoint', [...at, 'escalationPolicy', 'levels', i, 'notifyWebhookEndpoints', j])),
        after: l.after,
        calendar: l.calendar ? idOf(l.calendar, 'BusinessCalendar', [...at, 'escalationPolicy', 'levels', i, 'calendar']) : null,
        notifySupportingParty: l.notifySupportingParty ?? false,
      })),
      triggers: terms.escalationPolicy.triggers && {
        clockWarning: terms.escalationPolicy.triggers.clockWarning ?? undefined,
        clockBreach: terms.escalationPolicy.triggers.clockBreach ?? undefined,
        unacknowledgedAfter: terms.escalationPolicy.triggers.unacknowledgedAfter ?? undefined,
        objectiveBreached: terms.escalationPolicy.triggers.objectiveBreached ?? undefined,
        budgetBurn: terms.escalationPolicy.triggers.budgetBurn ?? undefined,
      },
    },
  };
}

// The domain's rules of terms and objectives run with the input's format checks: one answer lists every problem of the form.
registerInputRules(RevisionTermsInput, (terms: RevisionTermsInput) => {
  const badIds: UserError[] = [];
  const draft = toDraftInput(terms, [], badIds);
  return [...badIds, ...draftInputProblems(draft, [])];
});
