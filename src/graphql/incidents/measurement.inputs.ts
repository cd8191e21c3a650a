import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Min, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import * as measurements from '../../domain/incidents/measurement.service';
import { IdOf } from '../core/ids';
import { registerInputRules } from '../core/input-validation';
import { DateTimeScalar, SafeIntScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';

@InputType('MeasurementPointInput', { description: 'One good/total count of a RATIO objective.' })
export class MeasurementPointInput {
  @Field(() => ID, { description: 'A RATIO objective.' }) @IdOf('Objective') objective: string;
  @Field(() => DateTimeScalar, { description: 'The instant the count is for; not in the future.' }) at: Date;
  @Field(() => SafeIntScalar, { description: 'Good events, e.g. successful API calls; at most `total`.' }) @IsInt() @Min(0) good: number;
  @Field(() => SafeIntScalar, { description: 'All events counted.' }) @IsInt() @Min(1) total: number;
  @Field(() => String, {
    nullable: true,
    description: 'The monitor the counts come from ("Pingdom"), as the terms name it in `measurement.monitor`: compliance reports say which share of a period\'s measurement data came from that monitor. Compared exactly (after trimming).',
  })
  @IsOptional()
  @NotBlank()
  @MaxLength(200)
  source?: string | null;
}

@InputType('MeasurementsRecordInput', { description: 'A batch of up to 1,000 measurements.' })
export class MeasurementsRecordInput {
  @Field({ description: 'Identifies the batch: a retry with the same key records nothing twice.' }) @NotBlank() @MaxLength(200) batchKey: string;
  @Field(() => [MeasurementPointInput], { description: 'The counts, up to 1,000.' }) @ArrayMinSize(1) @ArrayMaxSize(measurements.MAX_BATCH) @ValidateNested({ each: true }) points: MeasurementPointInput[];
}

registerInputRules(MeasurementPointInput, (point, { now }) => measurements.pointProblems(point, now));
