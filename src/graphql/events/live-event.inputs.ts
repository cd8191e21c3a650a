import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType('IncidentEventsFilter', { description: 'Which incident events to hear; every condition given must hold.' })
export class IncidentEventsFilter {
  @Field(() => ID, { nullable: true, description: 'Only the events of this incident.' }) @IsOptional() incident?: string;
  @Field(() => ID, { nullable: true, description: "Only incidents judged against this agreement." }) @IsOptional() agreement?: string;
  @Field(() => ID, { nullable: true, description: "Only this customer's incidents." }) @IsOptional() customer?: string;
  @Field(() => [String], { nullable: true, description: 'Only these types: incident.reported, incident.updated, incident.resolved, incident.warning, incident.breached.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  types?: string[];
}

@InputType('EscalationEventsFilter', { description: 'Which escalation events to hear; every condition given must hold.' })
export class EscalationEventsFilter {
  @Field(() => ID, { nullable: true, description: 'Only the events of this escalation.' }) @IsOptional() escalation?: string;
  @Field(() => ID, { nullable: true, description: 'Only escalations under this agreement.' }) @IsOptional() agreement?: string;
  @Field(() => ID, { nullable: true, description: "Only this customer's escalations." }) @IsOptional() customer?: string;
  @Field(() => [String], { nullable: true, description: 'Only these types: escalation.raised, escalation.advanced, escalation.acknowledged, escalation.resolved, escalation.cancelled.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  types?: string[];
}

@InputType('BudgetEventsFilter', { description: 'Which error-budget events to hear; every condition given must hold.' })
export class BudgetEventsFilter {
  @Field(() => ID, { nullable: true, description: 'Only the events of this burn-rate alert episode.' }) @IsOptional() burnRateAlert?: string;
  @Field(() => ID, { nullable: true, description: 'Only the budgets of this agreement.' }) @IsOptional() agreement?: string;
  @Field(() => ID, { nullable: true, description: "Only this customer's agreements." }) @IsOptional() customer?: string;
  @Field(() => [String], { nullable: true, description: 'Only these types: budget.burn_alert.raised, budget.burn_alert.resolved.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  types?: string[];
}
