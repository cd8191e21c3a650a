import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdOf } from '../core/ids';

@InputType('IncidentEventsFilter', { description: 'Which incident events to hear; every condition given must hold.' })
export class IncidentEventsFilter {
  @Field(() => ID, { nullable: true, description: 'Only the events of this incident.' }) @IsOptional() @IdOf('Incident') incident?: string;
  @Field(() => ID, { nullable: true, description: "Only incidents judged against this agreement." }) @IsOptional() @IdOf('Agreement') agreement?: string;
  @Field(() => ID, { nullable: true, description: "Only this customer's incidents." }) @IsOptional() @IdOf('Customer') customer?: string;
  @Field(() => [String], { nullable: true, description: 'Only these types: incident.reported, incident.updated, incident.resolved, incident.warning, incident.breached.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  types?: string[];
}

@InputType('EscalationEventsFilter', { description: 'Which escalation events to hear; every condition given must hold.' })
export class EscalationEventsFilter {
  @Field(() => ID, { nullable: true, description: 'Only the events of this escalation.' }) @IsOptional() @IdOf('Escalation') escalation?: string;
  @Field(() => ID, { nullable: true, description: 'Only escalations under this agreement.' }) @IsOptional() @IdOf('Agreement') agreement?: string;
  @Field(() => ID, { nullable: true, description: "Only this customer's escalations." }) @IsOptional() @IdOf('Customer') customer?: string;
  @Field(() => [String], { nullable: true, description: 'Only these types: escalation.raised, escalation.advanced, escalation.acknowledged, escalation.resolved, escalation.cancelled.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  types?: string[];
}
