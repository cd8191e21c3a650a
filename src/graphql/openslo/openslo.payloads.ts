import { Field, ObjectType } from 'type-graphql';
import { Objective } from '../agreements/objective.type';
import { AgreementRevision } from '../agreements/revision.type';
import { UserErrorType } from '../core/user-error.type';

@ObjectType('RevisionOpenSloImportPayload', { description: 'The result of revisionOpenSloImport.' })
export class RevisionOpenSloImportPayload {
  @Field(() => AgreementRevision, { nullable: true, description: 'The draft with the imported objectives; null when nothing was imported.' }) revision: AgreementRevision | null;
  @Field(() => [Objective], { nullable: true, description: 'The objectives the SLOs set, in the order of the draft.' }) objectives: Objective[] | null;
  @Field(() => [UserErrorType], { description: 'Why nothing was imported: each SLO field that cannot be mapped, by its place in the document (["input", "document", 3, "spec", "timeWindow", 0, "duration"], objects counted from 0).' })
  userErrors: UserErrorType[];
}
