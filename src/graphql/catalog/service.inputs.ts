import { ArrayMaxSize, IsInt, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../core/page.args';
import { NotBlank, OptionalNotNull } from '../core/validation';
import { IdOf } from '../core/ids';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const CODE_MESSAGE = 'code must be 1 to 32 letters, digits, "-" or "_", starting with a letter or digit';

@InputType('ServiceCreateInput')
export class ServiceCreateInput {
  @Field({ description: 'Short unique code; stored upper case.' }) @Matches(CODE, { message: CODE_MESSAGE }) code: string;
  @Field() @NotBlank() @IsString() @MaxLength(200) name: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
}

@InputType('ServiceUpdateInput', { description: 'Only the fields given change.' })
export class ServiceUpdateInput {
  @Field(() => ID) @IdOf('Service') id: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() version?: number | null;
  @Field({ nullable: true }) @OptionalNotNull() @Matches(CODE, { message: CODE_MESSAGE }) code?: string;
  @Field({ nullable: true }) @OptionalNotNull() @NotBlank() @IsString() @MaxLength(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
}

@InputType('ServiceArchiveInput')
export class ServiceArchiveInput {
  @Field(() => ID) @IdOf('Service') id: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() version?: number | null;
}

@InputType('ServiceFilter')
export class ServiceFilter {
  @Field({ nullable: true, description: 'Part of the name or code.' }) @IsOptional() @MaxLength(200) search?: string;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) categories?: string[];
  @Field({ nullable: true, defaultValue: false }) @IsOptional() includeArchived?: boolean;
}

export enum ServiceOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  CODE_ASC = 'CODE_ASC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}
registerEnumType(ServiceOrder, { name: 'ServiceOrder' });

@ArgsType()
export class ServicesArgs extends PageArgs {
  @Field(() => ServiceFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: ServiceFilter;
  @Field(() => ServiceOrder, { nullable: true, defaultValue: ServiceOrder.NAME_ASC }) orderBy?: ServiceOrder;
}
