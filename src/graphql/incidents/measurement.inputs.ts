import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Min, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import * as measurements from '../../domain/incidents/measurement.service';
import { IdOf } from '../core/ids';
import { registerInputRules } from '../core/input-validation';
import { DateTimeScalar, SafeIntScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';

@InputType('MeasurementPointInput')
export class MeasurementPointInput {
  @Field(() => ID, { description: 'A RATIO objective.' }) @IdOf('Objective') objective: string;
  @Field(() => DateTimeScalar) at: Date;
  @Field(() => SafeIntScalar) @IsInt() @Min(0) good: number;
  @Field(() => SafeIntScalar) @IsInt() @Min(1) total: number;
  @Field(() => String, {
    nullable: true,
    description: 'The monitor the counts come from ("Pingdom"), as the terms name it in `measurement.monitor`: compliance reports say which share of a period\'s measurement data came from that monitor. Compared exactly (after trimming).',
  })
  @IsOptional()
  @NotBlank()
  @MaxLength(200)
  source?: string | null;
}

@InputType('MeasurementsRecordInput')
export class MeasurementsRecordInput {
  @Field({ description: 'Identifies the batch: a retry with the same key records nothing twice.' }) @NotBlank() @MaxLength(200) batchKey: string;
  @Field(() => [MeasurementPointInput]) @ArrayMinSize(1) @ArrayMaxSize(measurements.MAX_BATCH) @ValidateNested({ each: true }) points: MeasurementPointInput[];
}

registerInputRules(MeasurementPointInput, (point, { now }) => measurements.pointProblems(point, now));
