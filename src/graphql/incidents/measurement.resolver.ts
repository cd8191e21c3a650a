import { Arg, Ctx, Resolver } from 'type-graphql';
import * as measurements from '../../domain/incidents/measurement.service';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { PayloadMutation } from '../core/payload';
import { MeasurementsRecordPayload } from './incident.payloads';
import { MeasurementsRecordInput } from './measurement.inputs';

@Resolver()
export class MeasurementResolver {
  @PayloadMutation(() => MeasurementsRecordPayload, 'Records up to 1,000 good/total counts for RATIO objectives, idempotent per batch key.')
  async measurementsRecord(@Arg('input', { description: 'A batch key and up to 1,000 good/total counts.' }) input: MeasurementsRecordInput, @Ctx() { rc }: GraphQLContext) {
    const points = input.points.map((p, i) => ({ objectiveId: uuidOf(p.objective, 'Objective', ['points', i, 'objective']), at: p.at, good: p.good, total: p.total, source: p.source?.trim() || null }));
    return { ...(await measurements.record(rc, input.batchKey, points)), userErrors: [] };
  }
}
