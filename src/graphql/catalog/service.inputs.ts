import { ArrayMaxSize, IsInt, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../core/page.args';
import { NotBlank, OptionalNotNull } from '../core/validation';
import { IdOf } from '../core/ids';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const CODE_MESSAGE = 'code must be 1 to 32 letters, digits, "-" or "_", starting with a letter or digit';

@InputType('ServiceCreateInput', { description: 'A new service of the catalogue.' })
export class ServiceCreateInput {
  @Field({ description: 'Short unique code; stored upper case.' }) @Matches(CODE, { message: CODE_MESSAGE }) code: string;
  @Field({ description: 'e.g. "Managed PostgreSQL".' }) @NotBlank() @IsString() @MaxLength(200) name: string;
  @Field({ nullable: true, description: 'What the service is.' }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => String, { nullable: true, description: 'A grouping of the catalogue, e.g. "Databases".' }) @IsOptional() @MaxLength(100) category?: string | null;
}

@InputType('ServiceUpdateInput', { description: 'Only the fields given change.' })
export class ServiceUpdateInput {
  @Field(() => ID, { description: 'The service.' }) @IdOf('Service') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number | null;
  @Field({ nullable: true, description: 'A new code, unique per provider; stored upper case.' }) @OptionalNotNull() @Matches(CODE, { message: CODE_MESSAGE }) code?: string;
  @Field({ nullable: true, description: 'A new name.' }) @OptionalNotNull() @NotBlank() @IsString() @MaxLength(200) name?: string;
  @Field({ nullable: true, description: 'What the service is.' }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => String, { nullable: true, description: 'A new category.' }) @IsOptional() @MaxLength(100) category?: string | null;
}

@InputType('ServiceArchiveInput', { description: 'Which service to archive.' })
export class ServiceArchiveInput {
  @Field(() => ID, { description: 'The service.' }) @IdOf('Service') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number | null;
}

@InputType('ServiceFilter', { description: 'Narrows a list of services.' })
export class ServiceFilter {
  @Field({ nullable: true, description: 'Part of the name or code.' }) @IsOptional() @MaxLength(200) search?: string;
  @Field(() => [String], { nullable: true, description: 'Any of these categories.' }) @IsOptional() @ArrayMaxSize(50) categories?: string[];
  @Field({ nullable: true, defaultValue: false, description: 'Include archived services (default false).' }) @IsOptional() includeArchived?: boolean;
}

export enum ServiceOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  CODE_ASC = 'CODE_ASC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}
registerEnumType(ServiceOrder, {
  name: 'ServiceOrder',
  description: 'The order of a list of services.',
  valuesConfig: {
    NAME_ASC: { description: 'By name, A to Z.' },
    NAME_DESC: { description: 'By name, Z to A.' },
    CODE_ASC: { description: 'By code, A to Z.' },
    CREATED_AT_ASC: { description: 'Oldest created first.' },
    CREATED_AT_DESC: { description: 'Newest created first.' },
  },
});

@ArgsType()
export class ServicesArgs extends PageArgs {
  @Field(() => ServiceFilter, { nullable: true, description: 'Narrow the list.' }) @IsOptional() @ValidateNested() filter?: ServiceFilter;
  @Field(() => ServiceOrder, { nullable: true, defaultValue: ServiceOrder.NAME_ASC, description: 'The order of the list (default by name, A to Z).' }) orderBy?: ServiceOrder;
}
