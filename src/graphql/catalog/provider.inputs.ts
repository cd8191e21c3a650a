import { IsOptional, IsString, IsTimeZone, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { NotBlank } from '../core/validation';

@InputType('ProviderUpdateInput', { description: 'Changes your provider; only the fields given change.' })
export class ProviderUpdateInput {
  @Field({ nullable: true, description: 'A new name.' }) @IsOptional() @NotBlank() @IsString() @MaxLength(200) name?: string;
  @Field({ nullable: true, description: `A new default IANA time zone, e.g. "Europe/Berlin": reports' months follow it.` }) @IsOptional() @IsTimeZone({ message: 'timeZone must be an IANA time zone such as "Europe/Berlin"' }) timeZone?: string;
}
