import { ArrayMaxSize, IsEnum, IsInt, IsISO31661Alpha2, IsOptional, IsString, IsTimeZone, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Region, SizeBand, Tier } from '../core/enums';
import { PageArgs } from '../core/page.args';
import { NotBlank, OptionalNotNull } from '../core/validation';
import { IdOf } from '../core/ids';

@InputType('CustomerCreateInput')
export class CustomerCreateInput {
  @Field() @NotBlank() @IsString() @MaxLength(200) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) externalRef?: string | null;
  @Field(() => SizeBand) @IsEnum(SizeBand) sizeBand: SizeBand;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) employeeCount?: number | null;
  @Field() @NotBlank() @IsString() @MaxLength(100) industry: string;
  @Field(() => Region) @IsEnum(Region) region: Region;
  @Field(() => Tier) @IsEnum(Tier) tier: Tier;
  @Field({ description: 'ISO 3166-1 alpha-2, e.g. "DE".' }) @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as "DE"' }) country: string;
  @Field({ description: 'IANA time zone, e.g. "Europe/Berlin".' }) @IsTimeZone({ message: 'timeZone must be an IANA time zone such as "Europe/Berlin"' }) timeZone: string;
}

@InputType('CustomerUpdateInput', { description: 'Only the fields given change.' })
export class CustomerUpdateInput {
  @Field(() => ID) @IdOf('Customer') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION and changes nothing.' })
  @IsOptional() @IsInt() version?: number | null;
  @Field({ nullable: true }) @OptionalNotNull() @NotBlank() @IsString() @MaxLength(200) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) externalRef?: string | null;
  @Field(() => SizeBand, { nullable: true }) @OptionalNotNull() @IsEnum(SizeBand) sizeBand?: SizeBand;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) employeeCount?: number | null;
  @Field({ nullable: true }) @OptionalNotNull() @NotBlank() @IsString() @MaxLength(100) industry?: string;
  @Field(() => Region, { nullable: true }) @OptionalNotNull() @IsEnum(Region) region?: Region;
  @Field(() => Tier, { nullable: true }) @OptionalNotNull() @IsEnum(Tier) tier?: Tier;
  @Field({ nullable: true }) @OptionalNotNull() @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as "DE"' }) country?: string;
  @Field({ nullable: true }) @OptionalNotNull() @IsTimeZone({ message: 'timeZone must be an IANA time zone such as "Europe/Berlin"' }) timeZone?: string;
}

@InputType('CustomerArchiveInput')
export class CustomerArchiveInput {
  @Field(() => ID) @IdOf('Customer') id: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() version?: number | null;
}

@InputType('CustomerFilter')
export class CustomerFilter {
  @Field({ nullable: true, description: 'Part of the name or external reference.' }) @IsOptional() @MaxLength(200) search?: string;
  @Field(() => [SizeBand], { nullable: true }) @IsOptional() @ArrayMaxSize(10) sizeBands?: SizeBand[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) industries?: string[];
  @Field(() => [Region], { nullable: true }) @IsOptional() @ArrayMaxSize(10) regions?: Region[];
  @Field(() => [Tier], { nullable: true }) @IsOptional() @ArrayMaxSize(10) tiers?: Tier[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(250) countries?: string[];
  @Field(() => ID, { nullable: true, description: 'Members of this segment only.' }) @IsOptional() segment?: string;
  @Field({ nullable: true, defaultValue: false }) @IsOptional() includeArchived?: boolean;
}

export enum CustomerOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}
registerEnumType(CustomerOrder, { name: 'CustomerOrder' });

@ArgsType()
export class CustomersArgs extends PageArgs {
  @Field(() => CustomerFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: CustomerFilter;
  @Field(() => CustomerOrder, { nullable: true, defaultValue: CustomerOrder.NAME_ASC }) orderBy?: CustomerOrder;
}
