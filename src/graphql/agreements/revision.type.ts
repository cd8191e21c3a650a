import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type AgreementEventEntity } from '../../db/entities/agreement-event.entity';
import { type RevisionOriginEntity } from '../../db/entities/revision-origin.entity';
import { type RevisionApprovalEntity } from '../../db/entities/revision-approval.entity';
import { disputeProcedureOf, type RevisionTerms, settlementTermsOf } from '../../domain/agreements/terms';
import { effectivePauseRules, readTerms } from '../../domain/agreements/terms-rules';
import { type IncidentStatusEnum } from '../incidents/incident.type';
import { burnRateAlertsOf } from '../../domain/agreements/burn-alert-terms';
import { ConnectionType } from '../core/connection';
import { type CorrectionReasonEnum, Party, ReviewCadence, RevisionState } from '../core/enums';
import { shownDuration } from '../../domain/shared/iso-duration';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar, JSONScalar, SafeIntScalar } from '../core/scalars';
import { BurnRateAlertPolicy, CreditPolicy, DisputeProcedureType, EscalationPolicy, Exclusions, Measurement, PauseRule, Reporting, Responsibility, SettlementTermsType, toBurnRateAlertPolicy, toDisputeProcedure, toEscalationPolicy, toExclusions } from './terms.types';

@ObjectType('AgreementRevision', { implements: Node, simpleResolvers: true, description: 'One version of an agreement\'s terms. Only a DRAFT changes; once approved it never changes again.' })
export class AgreementRevision extends Node {
  readonly __typename = 'AgreementRevision';
  uuid: string;
  agreementUuid: string;
  @Field(() => Int, { description: '1, 2, 3 ... per agreement, without gaps.' }) number: number;
  @Field(() => RevisionState, { description: 'DRAFT -> PROPOSED -> APPROVED -> ACTIVE -> SUPERSEDED, or REJECTED / WITHDRAWN.' }) state: RevisionState;
  @Field(() => Int, { description: 'Send it back with revisionUpdate; a stale one gets STALE_VERSION.' }) version: number;
  @Field({ description: `The contract's title, e.g. "Alpha Bank SLA".` }) title: string;
  @Field({ description: "Free text describing the agreement's purpose." }) description: string;
  @Field({ description: "What the services cover, in the contract's words." }) scopeOfServices: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the terms take effect (set to the moment of the last approval if that is later).' })
  effectiveFrom: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the terms end: a planned end, the start of the next revision, or the termination.' })
  effectiveTo: Date | null;
  @Field(() => [Responsibility], { description: 'What each party undertakes to do.' }) responsibilities: RevisionTerms['responsibilities'];
  @Field(() => Measurement, { description: 'How performance is measured and from which data source.' }) measurement: RevisionTerms['measurement'];
  @Field(() => Reporting, { description: 'How often performance is reported, and to whom.' }) reporting: RevisionTerms['reporting'];
  @Field(() => CreditPolicy, { nullable: true, description: 'Service credits and termination rights when objectives are missed; null when the terms give no credits.' }) creditPolicy: RevisionTerms['creditPolicy'];
  @Field(() => Exclusions, { description: 'What does not count against the objectives: announced maintenance windows and force majeure.' }) exclusions: RevisionTerms['exclusions'];
  @Field(() => EscalationPolicy, { description: 'Who is notified, level by level, when an incident or objective escalates, and what triggers it.' }) escalationPolicy: EscalationPolicy;
  @Field(() => ReviewCadence, { description: 'How often the agreement is reviewed: reviews are planned on this cadence while these terms are in force.' }) reviewCadence: ReviewCadence;
  @Field({ description: "How disputes are resolved (the stages and who decides), in the contract's words." }) disputeResolution: string;
  @Field(() => DisputeProcedureType, { description: 'The structured dispute procedure: claim window, response deadline, stages (the defaults when the terms set none).' })
  disputeProcedure: DisputeProcedureType;
  @Field({ description: "How the agreement itself is changed (the amendment procedure), in the contract's words." }) changeProcedure: string;
  @Field(() => SettlementTermsType, { description: 'When periods close into statements and which corrections count (the defaults when the terms set none).' })
  settlement: SettlementTermsType;
  @Field(() => [PauseRule], {
    description: 'Which statuses pause the resolution and update-interval clocks of the incidents this revision judges, defaults included (WAITING_ON_CUSTOMER where the terms say nothing).',
  })
  pauseRules: PauseRule[];
  @Field(() => BurnRateAlertPolicy, { description: 'Which burn rates of the error budgets raise an alert (the SRE workbook\'s pairs when the terms set none).' })
  burnRateAlertPolicy: BurnRateAlertPolicy;
  @Field({ description: 'Who created the draft, as `name (USER)` or `name (API_KEY)`.' }) createdBy: string;
  @Field(() => DateTimeScalar, { description: 'When this revision was created as a draft.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the draft was proposed for approval; null for a draft.' }) proposedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the last required party approved.' }) approvedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it came into force (became ACTIVE); null before.' }) activatedAt: Date | null;
  @Field(() => String, {
    nullable: true,
    description:
      'SHA-256 (64 lower-case hex digits) of `canonicalTerms`, fixed when the revision left DRAFT (proposed, or imported signed) and never changed after; every approval records it. Null for a DRAFT.',
  })
  termsSha256: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The revision\'s terms and objectives in canonical form (RFC 8785 JSON: keys sorted, no whitespace), as fixed when it left DRAFT: hash these exact UTF-8 bytes with SHA-256 to check `termsSha256` offline. Ids are global ids; the validity period is not part of it. Null for a DRAFT.',
  })
  canonicalTerms: string | null;
  basedOnUuid: string | null;
}

export const AgreementRevisionConnection = ConnectionType(AgreementRevision, 'AgreementRevision');

export function toRevision(r: AgreementRevisionEntity): AgreementRevision {
  const t = readTerms(r.terms);
  return Object.assign(new AgreementRevision(), {
    id: globalId('AgreementRevision', r.id),
    uuid: r.id,
    agreementUuid: r.agreementId,
    number: r.number,
    state: r.state,
    version: r.version,
    title: t.title,
    description: t.description,
    scopeOfServices: t.scopeOfServices,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    responsibilities: t.responsibilities,
    measurement: t.measurement,
    reporting: t.reporting,
    creditPolicy: t.creditPolicy,
    exclusions: toExclusions(t.exclusions),
    escalationPolicy: toEscalationPolicy(t.escalationPolicy),
    reviewCadence: t.reviewCadence,
    disputeResolution: t.disputeResolution,
    disputeProcedure: toDisputeProcedure(disputeProcedureOf(t)),
    changeProcedure: t.changeProcedure,
    settlement: (() => {
      const st = settlementTermsOf(t);
      return { ...st, statementGracePeriod: shownDuration(st.statementGracePeriod), correctionReasons: st.correctionReasons as CorrectionReasonEnum[] };
    })(),
    pauseRules: effectivePauseRules(t).map((p) => ({ metric: p.metric, statuses: p.statuses as IncidentStatusEnum[] })),
    burnRateAlertPolicy: toBurnRateAlertPolicy(burnRateAlertsOf(t)),
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    proposedAt: r.proposedAt,
    approvedAt: r.approvedAt,
    activatedAt: r.activatedAt,
    termsSha256: r.termsSha256,
    canonicalTerms: r.termsCanonical,
    basedOnUuid: r.basedOnId,
  });
}

@ObjectType('RevisionApproval', { description: "One party's signature." })
export class RevisionApproval {
  @Field(() => Party, { description: 'The party signed for.' }) party: Party;
  @Field({ description: "Who approved: the token subject's name, or for an imported revision the signer's name as the source recorded it." }) approvedBy: string;
  @Field({ description: "The signer's id: the token's subject, or for an imported revision the id the source gave (else the name)." }) approverId: string;
  @Field(() => DateTimeScalar, { description: 'When the party signed.' }) approvedAt: Date;
  @Field(() => String, { nullable: true, description: 'The SHA-256 of the canonical terms this party signed (the revision\'s `termsSha256`).' }) termsSha256: string | null;
}

@ObjectType('RevisionEvidence', { description: 'The signed document of a revision signed elsewhere.' })
export class RevisionEvidence {
  @Field({ description: 'Where the signed document is (a DMS reference, a path, a URL), as the import gave it.' }) document: string;
  @Field({ description: 'The SHA-256 of the document, 64 lower-case hexadecimal digits.' }) sha256: string;
}

@ObjectType('RevisionOrigin', { description: 'Where a revision signed in another tool came from: it was imported, with its signatures as recorded there.' })
export class RevisionOrigin {
  @Field({ description: 'The tool it was imported from, as the import named it ("legacy-crm").' }) source: string;
  @Field({ description: "The agreement's id in that source." }) externalId: string;
  @Field({ description: 'Who imported it.' }) importedBy: string;
  @Field(() => DateTimeScalar, { description: 'When it was imported.' }) importedAt: Date;
  @Field(() => RevisionEvidence, { description: 'The evidence of the signatures.' }) evidence: RevisionEvidence;
}

export const toOrigin = (o: RevisionOriginEntity): RevisionOrigin => ({
  source: o.source,
  externalId: o.externalId,
  importedBy: o.importedBy,
  importedAt: o.importedAt,
  evidence: { document: o.evidenceDocument, sha256: o.evidenceSha256 },
});

export const toApproval = (a: RevisionApprovalEntity): RevisionApproval => ({ party: a.party, approvedBy: a.actorName, approverId: a.actorId, approvedAt: a.approvedAt, termsSha256: a.termsSha256 });

export enum DiffKindEnum {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
}
registerEnumType(DiffKindEnum, {
  name: 'ChangeKind',
  description: 'How a field differs between two revisions.',
  valuesConfig: {
    ADDED: { description: 'Present only in the newer revision (e.g. a new objective).' },
    REMOVED: { description: 'Present only in the older revision.' },
    CHANGED: { description: 'Present in both, with another value.' },
  },
});

@ObjectType('RevisionChange', { simpleResolvers: true, description: 'One change between two revisions. Objectives are matched by metric and priority.' })
export class RevisionChange {
  @Field({ description: 'The field as the API names it, e.g. "objectives[FIRST_RESPONSE_TIME/P1].targetDuration", "objectives[FIRST_RESPONSE_TIME/P1].calendar" or "creditPolicy.tiers[below=99.0].creditPercent".' }) path: string;
  @Field(() => DiffKindEnum, { description: 'ADDED (only in the newer revision), REMOVED (only in the older) or CHANGED.' }) kind: DiffKindEnum;
  @Field(() => JSONScalar, { nullable: true, description: 'The value in the older revision, as the API shows it; null when ADDED.' }) before: unknown;
  @Field(() => JSONScalar, { nullable: true, description: 'The value in the newer revision, as the API shows it; null when REMOVED.' }) after: unknown;
}

@ObjectType('AgreementEvent', { description: 'One entry of an agreement\'s append-only history.' })
export class AgreementEvent {
  @Field(() => SafeIntScalar, { description: 'Orders the history: a later event has a higher sequence (numbers are shared by all agreements, so they have gaps).' }) sequence: number;
  @Field({ description: 'What happened: CREATED, DRAFT_OPENED, EDITED, PROPOSED, APPROVED, REJECTED, WITHDRAWN, ACTIVATED, SUPERSEDED, EXPIRED, TERMINATED or IMPORTED.' }) type: string;
  @Field({ description: 'USER, API_KEY or SYSTEM (the scheduler).' }) actorKind: string;
  @Field({ description: 'Who acted, by name.' }) actorName: string;
  @Field({ description: `Who acted, by id: the token's subject, the API key's id, or "system" for the scheduler.` }) actorId: string;
  @Field(() => DateTimeScalar, { description: 'When it happened.' }) at: Date;
  @Field(() => Int, { nullable: true, description: 'The revision concerned, by number.' }) revisionNumber: number | null;
  @Field(() => JSONScalar, { description: 'What happened: changed fields, approving party, reason ...' }) data: Record<string, unknown>;
}

export const AgreementEventConnection = ConnectionType(AgreementEvent, 'AgreementEvent');

export const toEvent = (e: AgreementEventEntity): AgreementEvent => ({
  sequence: Number(e.id),
  type: e.type,
  actorKind: e.actorKind,
  actorName: e.actorName,
  actorId: e.actorId,
  at: e.at,
  revisionNumber: typeof e.data.revision === 'number' ? e.data.revision : null,
  data: e.data,
});
