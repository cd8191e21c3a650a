import { IsOptional, IsString, IsTimeZone, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { NotBlank } from '../core/validation';

@InputType('ProviderUpdateInput')
export class ProviderUpdateInput {
  @Field({ nullable: true }) @IsOptional() @NotBlank() @IsString() @MaxLength(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsTimeZone({ message: 'timeZone must be an IANA time zone such as "Europe/Berlin"' }) timeZone?: string;
}
