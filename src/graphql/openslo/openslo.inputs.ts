import { IsInt, IsString, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IdOf } from '../core/ids';

/** An OpenSLO file of a few hundred objectives fits many times over. */
const MAX_DOCUMENT_CHARS = 1_000_000;

@InputType('RevisionOpenSloImportInput', { description: 'OpenSLO v1 SLOs to read into a DRAFT revision.' })
export class RevisionOpenSloImportInput {
  @Field(() => ID, { description: 'The DRAFT revision.' }) @IdOf('AgreementRevision') id: string;
  @Field(() => Int, { description: 'The version of the revision you read.' }) @IsInt() version: number;
  @Field({ description: 'OpenSLO v1 objects in YAML (or JSON): SLOs with their SLIs inline or by indicatorRef, in one or several YAML documents or lists. At most 1,000,000 characters.' })
  @IsString()
  @MaxLength(MAX_DOCUMENT_CHARS)
  document: string;
}
