import { Arg, Ctx, Resolver } from 'type-graphql';
import * as surveys from '../../domain/incidents/survey.service';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { PayloadMutation } from '../core/payload';
import { SurveyResponsesRecordPayload } from './incident.payloads';
import { SurveyResponseRecordInput, SurveyResponsesRecordInput } from './survey.inputs';

@Resolver()
export class SurveyResolver {
  @PayloadMutation(() => SurveyResponsesRecordPayload, 'Records up to 1,000 survey responses (customer satisfaction) for SATISFACTION objectives, idempotent per batch key.')
  async surveyResponsesRecord(@Arg('input', { description: 'A batch key and up to 1,000 responses.' }) input: SurveyResponsesRecordInput, @Ctx() { rc }: GraphQLContext) {
    const responses = input.responses.map((r, i) => ({ objectiveId: uuidOf(r.objective, 'Objective', ['responses', i, 'objective']), at: r.at, score: r.score }));
    const where = (i: number) => ['responses', i];
    return { ...(await surveys.record(rc, input.batchKey, responses, { operation: 'surveyResponsesRecord', where })), userErrors: [] };
  }

  @PayloadMutation(() => SurveyResponsesRecordPayload, 'Records one survey response (customer satisfaction) for a SATISFACTION objective, idempotent per key.')
  async surveyResponseRecord(@Arg('input', { description: 'One response and its idempotency key.' }) input: SurveyResponseRecordInput, @Ctx() { rc }: GraphQLContext) {
    const response = { objectiveId: uuidOf(input.objective, 'Objective', ['objective']), at: input.at, score: input.score };
    return { ...(await surveys.record(rc, input.idempotencyKey, [response], { operation: 'surveyResponseRecord', where: () => [] })), userErrors: [] };
  }
}
