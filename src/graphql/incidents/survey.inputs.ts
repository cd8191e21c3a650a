import { ArrayMaxSize, ArrayMinSize, MaxLength, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import * as surveys from '../../domain/incidents/survey.service';
import { IdOf } from '../core/ids';
import { DateTimeScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';

const SCORE = 'A whole number from 1 to 5 (the CSAT scale; 4 and 5 are satisfied). Any other value is the userError INVALID_INPUT naming this field.';

@InputType('SurveyResponseInput', { description: 'One survey response (customer satisfaction).' })
export class SurveyResponseInput {
  @Field(() => ID, { description: 'A SATISFACTION objective.' }) @IdOf('Objective') objective: string;
  @Field(() => DateTimeScalar, { description: 'When the customer answered; never in the future.' }) at: Date;
  @Field(() => Float, { description: SCORE }) score: number;
}

@InputType('SurveyResponsesRecordInput', { description: 'A batch of up to 1,000 survey responses.' })
export class SurveyResponsesRecordInput {
  @Field({ description: 'Identifies the batch: a retry with the same key records nothing twice.' }) @NotBlank() @MaxLength(200) batchKey: string;
  @Field(() => [SurveyResponseInput], { description: 'The responses, up to 1,000.' }) @ArrayMinSize(1) @ArrayMaxSize(surveys.MAX_SURVEY_BATCH) @ValidateNested({ each: true }) responses: SurveyResponseInput[];
}

@InputType('SurveyResponseRecordInput', { description: 'One survey response, with its idempotency key.' })
export class SurveyResponseRecordInput {
  @Field({ description: 'Identifies the response: a retry with the same key records nothing twice.' }) @NotBlank() @MaxLength(200) idempotencyKey: string;
  @Field(() => ID, { description: 'A SATISFACTION objective.' }) @IdOf('Objective') objective: string;
  @Field(() => DateTimeScalar, { description: 'When the customer answered; never in the future.' }) at: Date;
  @Field(() => Float, { description: SCORE }) score: number;
}
