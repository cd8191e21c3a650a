import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type ReportAttemptRow, type ReportDeliveryRow } from '../../domain/reporting/report-delivery.service';
import { ConnectionType } from '../core/connection';
import { ReportingFrequency } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

export enum ReportEmailStatusEnum {
  PENDING = 'PENDING',
  SENT = 'SENT',
  SKIPPED = 'SKIPPED',
  FAILED = 'FAILED',
}
registerEnumType(ReportEmailStatusEnum, {
  name: 'ReportEmailStatus',
  description: "What became of a report's e-mail.",
  valuesConfig: {
    PENDING: { description: 'Not sent yet: an attempt is due (the first at once, retries after 1 min, 5 min, 30 min and 2 h).' },
    SENT: { description: 'The SMTP server accepted it for at least one recipient.' },
    SKIPPED: { description: 'Not sent, for the reason given: e-mail is not configured on the server (SMTP_URL), or the terms name no recipients. The webhook went anyway.' },
    FAILED: { description: 'Every attempt failed; the last error says why.' },
  },
});

@ObjectType('AgreementExports', { description: 'Download URLs of an agreement\'s exports: plain GET URLs that take the same `Authorization: Bearer` credentials as the API (another tenant\'s agreement is 404).' })
export class AgreementExports {
  agreementUuid: string;
  baseUrl: string;
}

@ObjectType('ReportEmailAttempt', { description: 'One attempt to send a report by e-mail, as logged (the log is append-only).' })
export class ReportEmailAttempt {
  @Field(() => Int, { description: '1 for the first attempt.' }) number: number;
  @Field(() => DateTimeScalar, { description: 'When the attempt started.' }) startedAt: Date;
  @Field(() => Int, { description: 'How long the SMTP exchange took.' }) durationMs: number;
  @Field({ description: 'Whether the SMTP server accepted the message for at least one recipient.' }) succeeded: boolean;
  @Field(() => [String], { description: 'Recipients the SMTP server accepted.' }) accepted: string[];
  @Field(() => [String], { description: 'Recipients the SMTP server rejected.' }) rejected: string[];
  @Field(() => String, { nullable: true, description: "The SMTP server's last answer." }) response: string | null;
  @Field(() => String, { nullable: true, description: 'Why the attempt failed.' }) error: string | null;
}

export const toReportEmailAttempt = (a: ReportAttemptRow): ReportEmailAttempt => ({
  number: a.number,
  startedAt: a.startedAt,
  durationMs: a.durationMs,
  succeeded: a.succeeded,
  accepted: a.accepted,
  rejected: a.rejected,
  response: a.response,
  error: a.error,
});

@ObjectType('ReportDelivery', {
  implements: Node,
  description: "One scheduled report of an agreement's reporting period (the terms' reporting frequency): sent once, by e-mail to the terms' recipients and as a `report.ready` webhook event, with every e-mail attempt.",
})
export class ReportDelivery extends Node {
  readonly __typename = 'ReportDelivery';
  uuid: string;
  agreementUuid: string;
  revisionUuid: string;
  @Field(() => ReportingFrequency, { description: 'The reporting frequency of the terms the period was reported under.' }) frequency: ReportingFrequency;
  @Field(() => DateTimeScalar, { description: 'Start of the reported period (inclusive), in the provider\'s time zone.' }) periodStart: Date;
  @Field(() => DateTimeScalar, { description: 'End of the reported period (exclusive).' }) periodEnd: Date;
  @Field(() => [String], { description: 'The e-mail addresses the terms named.' }) recipients: string[];
  @Field(() => ReportEmailStatusEnum, { description: 'What became of the e-mail.' }) emailStatus: ReportEmailStatusEnum;
  @Field(() => String, { nullable: true, description: 'Why the e-mail was SKIPPED.' }) skippedReason: string | null;
  @Field(() => Int, { description: 'E-mail attempts made so far.' }) attemptCount: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the next e-mail attempt is due; null unless PENDING.' }) nextAttemptAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The error of the last failed attempt.' }) lastError: string | null;
  @Field(() => String, { nullable: true, description: 'The Message-ID the e-mail was sent with.' }) messageId: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the e-mail was accepted by the SMTP server.' }) sentAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the last attempt failed and none remained.' }) failedAt: Date | null;
  @Field(() => DateTimeScalar, { description: 'When the report was made (the period had ended); its `report.ready` event was raised then.' }) createdAt: Date;
}

export const ReportDeliveryConnection = ConnectionType(ReportDelivery, 'ReportDelivery');

export function toReportDelivery(d: ReportDeliveryRow): ReportDelivery {
  return Object.assign(new ReportDelivery(), {
    id: globalId('ReportDelivery', d.id),
    uuid: d.id,
    agreementUuid: d.agreementId,
    revisionUuid: d.revisionId,
    frequency: d.frequency as unknown as ReportingFrequency,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    recipients: d.recipients,
    emailStatus: d.emailStatus as ReportEmailStatusEnum,
    skippedReason: d.skippedReason,
    attemptCount: d.attemptCount,
    nextAttemptAt: d.nextAttemptAt,
    lastError: d.lastError,
    messageId: d.messageId,
    sentAt: d.sentAt,
    failedAt: d.failedAt,
    createdAt: d.createdAt,
  });
}
