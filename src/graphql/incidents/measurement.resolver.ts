import { ArrayMaxSize, ArrayMinSize, IsInt, Min, MaxLength, ValidateNested } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Resolver } from 'type-graphql';
import * as measurements from '../../domain/incidents/measurement.service';
import { type GraphQLContext } from '../core/graphql-context';
import { IdOf, uuidOf } from '../core/ids';
import { PayloadMutation } from '../core/payload';
import { DateTimeScalar, SafeIntScalar } from '../core/scalars';
import { UserErrorType } from '../core/user-error.type';
import { NotBlank } from '../core/validation';
import { registerInputRules } from '../core/input-validation';

@InputType('MeasurementPointInput')
class MeasurementPointInput {
  @Field(() => ID, { description: 'A RATIO objective.' }) @IdOf('Objective') objective: string;
  @Field(() => DateTimeScalar) at: Date;
  @Field(() => SafeIntScalar) @IsInt() @Min(0) good: number;
  @Field(() => SafeIntScalar) @IsInt() @Min(1) total: number;
}

@InputType('MeasurementsRecordInput')
class MeasurementsRecordInput {
  @Field({ description: 'Identifies the batch: a retry with the same key records nothing twice.' }) @NotBlank() @MaxLength(200) batchKey: string;
  @Field(() => [MeasurementPointInput]) @ArrayMinSize(1) @ArrayMaxSize(measurements.MAX_BATCH) @ValidateNested({ each: true }) points: MeasurementPointInput[];
}

@ObjectType('MeasurementsRecordPayload')
class MeasurementsRecordPayload {
  @Field(() => Int, { nullable: true }) accepted: number | null;
  @Field(() => Boolean, { nullable: true, description: 'True when this batch key was recorded before: nothing new was stored.' }) replayed: boolean | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@Resolver()
export class MeasurementResolver {
  @PayloadMutation(() => MeasurementsRecordPayload, 'Records up to 1,000 good/total counts for RATIO objectives, idempotent per batch key.')
  async measurementsRecord(@Arg('input') input: MeasurementsRecordInput, @Ctx() { rc }: GraphQLContext) {
    const points = input.points.map((p, i) => ({ objectiveId: uuidOf(p.objective, 'Objective', ['input', 'points', i, 'objective']), at: p.at, good: p.good, total: p.total }));
    return { ...(await measurements.record(rc, input.batchKey, points)), userErrors: [] };
  }
}

registerInputRules(MeasurementPointInput, (point, { now }) => measurements.pointProblems(point, now));
