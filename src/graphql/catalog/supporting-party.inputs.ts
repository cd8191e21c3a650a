import { ArrayMaxSize, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IdOf } from '../core/ids';
import { PageArgs } from '../core/page.args';
import { NotBlank } from '../core/validation';
import { SupportingPartyKindEnum } from './supporting-party.type';

@InputType('SupportingPartyCreateInput', { description: 'A new internal team or supplier.' })
export class SupportingPartyCreateInput {
  @Field(() => SupportingPartyKindEnum, { description: 'TEAM (its agreements are OLAs) or SUPPLIER (underpinning contracts).' }) @IsEnum(SupportingPartyKindEnum) kind: SupportingPartyKindEnum;
  @Field({ description: 'Unique per provider ("Database team", "Hetzner").' }) @NotBlank() @IsString() @MaxLength(200) name: string;
  @Field(() => ID, { nullable: true, description: "The BusinessCalendar its clocks count when its objectives name none (its own working hours); leave out for 24x7." })
  @IsOptional()
  @IdOf('BusinessCalendar')
  calendar?: string | null;
  @Field(() => [String], { nullable: true, description: 'Whom an escalation naming it notifies (e-mail addresses, on-call aliases).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(320, { each: true })
  contacts?: string[] | null;
}

@InputType('SupportingPartyFilter', { description: 'Which supporting parties to list.' })
export class SupportingPartyFilter {
  @Field(() => [SupportingPartyKindEnum], { nullable: true, description: 'Only these kinds.' }) @IsOptional() @IsEnum(SupportingPartyKindEnum, { each: true }) kinds?: SupportingPartyKindEnum[] | null;
}

@ArgsType()
export class SupportingPartiesArgs extends PageArgs {
  @Field(() => SupportingPartyFilter, { nullable: true, description: 'Which ones; all when left out.' }) @IsOptional() @ValidateNested() filter?: SupportingPartyFilter | null;
}
