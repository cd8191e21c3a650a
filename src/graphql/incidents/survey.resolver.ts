import { ArrayMaxSize, ArrayMinSize, MaxLength, ValidateNested } from 'class-validator';
import { Arg, Ctx, Field, Float, ID, InputType, Int, ObjectType, Resolver } from 'type-graphql';
import * as surveys from '../../domain/incidents/survey.service';
import { type GraphQLContext } from '../core/graphql-context';
import { IdOf, uuidOf } from '../core/ids';
import { PayloadMutation } from '../core/payload';
import { DateTimeScalar } from '../core/scalars';
import { UserErrorType } from '../core/user-error.type';
import { NotBlank } from '../core/validation';

const SCORE = 'A whole number from 1 to 5 (the CSAT scale; 4 and 5 are satisfied). Any other value is the userError INVALID_INPUT naming this field.';

@InputType('SurveyResponseInput')
class SurveyResponseInput {
  @Field(() => ID, { description: 'A SATISFACTION objective.' }) @IdOf('Objective') objective: string;
  @Field(() => DateTimeScalar, { description: 'When the customer answered; never in the future.' }) at: Date;
  @Field(() => Float, { description: SCORE }) score: number;
}

@InputType('SurveyResponsesRecordInput')
class SurveyResponsesRecordInput {
  @Field({ description: 'Identifies the batch: a retry with the same key records nothing twice.' }) @NotBlank() @MaxLength(200) batchKey: string;
  @Field(() => [SurveyResponseInput]) @ArrayMinSize(1) @ArrayMaxSize(surveys.MAX_SURVEY_BATCH) @ValidateNested({ each: true }) responses: SurveyResponseInput[];
}

@InputType('SurveyResponseRecordInput')
class SurveyResponseRecordInput {
  @Field({ description: 'Identifies the response: a retry with the same key records nothing twice.' }) @NotBlank() @MaxLength(200) idempotencyKey: string;
  @Field(() => ID, { description: 'A SATISFACTION objective.' }) @IdOf('Objective') objective: string;
  @Field(() => DateTimeScalar, { description: 'When the customer answered; never in the future.' }) at: Date;
  @Field(() => Float, { description: SCORE }) score: number;
}

@ObjectType('SurveyResponsesRecordPayload')
class SurveyResponsesRecordPayload {
  @Field(() => Int, { nullable: true, description: 'Responses recorded by the first request with this key.' }) accepted: number | null;
  @Field(() => Boolean, { nullable: true, description: 'True when this key was recorded before: nothing new was stored.' }) replayed: boolean | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@Resolver()
export class SurveyResolver {
  @PayloadMutation(() => SurveyResponsesRecordPayload, 'Records up to 1,000 survey responses (customer satisfaction) for SATISFACTION objectives, idempotent per batch key.')
  async surveyResponsesRecord(@Arg('input') input: SurveyResponsesRecordInput, @Ctx() { rc }: GraphQLContext) {
    const responses = input.responses.map((r, i) => ({ objectiveId: uuidOf(r.objective, 'Objective', ['input', 'responses', i, 'objective']), at: r.at, score: r.score }));
    const where = (i: number) => ['input', 'responses', i];
    return { ...(await surveys.record(rc, input.batchKey, responses, { operation: 'surveyResponsesRecord', where })), userErrors: [] };
  }

  @PayloadMutation(() => SurveyResponsesRecordPayload, 'Records one survey response (customer satisfaction) for a SATISFACTION objective, idempotent per key.')
  async surveyResponseRecord(@Arg('input') input: SurveyResponseRecordInput, @Ctx() { rc }: GraphQLContext) {
    const response = { objectiveId: uuidOf(input.objective, 'Objective', ['input', 'objective']), at: input.at, score: input.score };
    return { ...(await surveys.record(rc, input.idempotencyKey, [response], { operation: 'surveyResponseRecord', where: () => ['input'] })), userErrors: [] };
  }
}
