import { Field, ObjectType } from 'type-graphql';
import { PayloadType } from '../core/payload-type';
import { UserErrorType } from '../core/user-error.type';
import { Agreement } from './agreement.type';
import { BusinessCalendar } from './calendar.type';
import { AgreementRevision } from './revision.type';

@ObjectType('AgreementCreatePayload', { description: 'The agreement and its first draft revision, or userErrors naming the fields at fault.' })
export class AgreementCreatePayload {
  @Field(() => Agreement, { nullable: true, description: 'The new agreement, status DRAFT; null when it failed.' }) agreement: Agreement | null;
  @Field(() => AgreementRevision, { nullable: true, description: 'Revision 1, a DRAFT.' }) revision: AgreementRevision | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('AgreementAmendPayload', { description: 'The new draft revision, or userErrors (e.g. INVALID_STATE when a revision is already open).' })
export class AgreementAmendPayload {
  @Field(() => AgreementRevision, { nullable: true, description: 'The new DRAFT, copied from the revision in force.' }) revision: AgreementRevision | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('RevisionClosePayload', { description: 'The rejected or withdrawn revision, and the new draft copied from it.' })
export class RevisionClosePayload {
  @Field(() => AgreementRevision, { nullable: true, description: 'The revision, now REJECTED or WITHDRAWN; null when it failed.' }) revision: AgreementRevision | null;
  @Field(() => AgreementRevision, { nullable: true, description: 'The new DRAFT copied from it, to continue negotiating.' }) draft: AgreementRevision | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

export const AgreementTerminatePayload = PayloadType('AgreementTerminatePayload', 'agreement', Agreement);
export const RevisionUpdatePayload = PayloadType('RevisionUpdatePayload', 'revision', AgreementRevision);
export const RevisionProposePayload = PayloadType('RevisionProposePayload', 'revision', AgreementRevision);
export const RevisionApprovePayload = PayloadType('RevisionApprovePayload', 'revision', AgreementRevision);
export const BusinessCalendarCreatePayload = PayloadType('BusinessCalendarCreatePayload', 'calendar', BusinessCalendar);
