import { ArrayMaxSize, IsEnum, IsInt, IsISO31661Alpha2, IsOptional, IsString, IsTimeZone, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Region, SizeBand, Tier } from '../core/enums';
import { PageArgs } from '../core/page.args';
import { NotBlank, OptionalNotNull } from '../core/validation';
import { IdOf } from '../core/ids';

@InputType('CustomerCreateInput', { description: 'A new customer of the provider.' })
export class CustomerCreateInput {
  @Field({ description: `Unique among the provider's customers not archived (ignoring case).` }) @NotBlank() @IsString() @MaxLength(200) name: string;
  @Field(() => String, { nullable: true, description: "The provider's own reference (CRM id), unique per provider." }) @IsOptional() @MaxLength(100) externalRef?: string | null;
  @Field(() => SizeBand, { description: 'Company size by headcount.' }) @IsEnum(SizeBand) sizeBand: SizeBand;
  @Field(() => Int, { nullable: true, description: 'Headcount, when known.' }) @IsOptional() @IsInt() @Min(0) employeeCount?: number | null;
  @Field({ description: 'Industry, e.g. "Finance".' }) @NotBlank() @IsString() @MaxLength(100) industry: string;
  @Field(() => Region, { description: 'The world region the customer is in.' }) @IsEnum(Region) region: Region;
  @Field(() => Tier, { description: 'Commercial tier.' }) @IsEnum(Tier) tier: Tier;
  @Field({ description: 'ISO 3166-1 alpha-2, e.g. "DE".' }) @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as "DE"' }) country: string;
  @Field({ description: 'IANA time zone, e.g. "Europe/Berlin".' }) @IsTimeZone({ message: 'timeZone must be an IANA time zone such as "Europe/Berlin"' }) timeZone: string;
}

@InputType('CustomerUpdateInput', { description: 'Only the fields given change.' })
export class CustomerUpdateInput {
  @Field(() => ID, { description: 'The customer to change.' }) @IdOf('Customer') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION and changes nothing.' })
  @IsOptional() @IsInt() version?: number | null;
  @Field({ nullable: true, description: `A new name, unique among the provider's customers not archived (ignoring case).` }) @OptionalNotNull() @NotBlank() @IsString() @MaxLength(200) name?: string;
  @Field(() => String, { nullable: true, description: "The provider's own reference (CRM id)." }) @IsOptional() @MaxLength(100) externalRef?: string | null;
  @Field(() => SizeBand, { nullable: true, description: 'Company size by headcount.' }) @OptionalNotNull() @IsEnum(SizeBand) sizeBand?: SizeBand;
  @Field(() => Int, { nullable: true, description: 'Headcount.' }) @IsOptional() @IsInt() @Min(0) employeeCount?: number | null;
  @Field({ nullable: true, description: 'Industry, e.g. "Finance".' }) @OptionalNotNull() @NotBlank() @IsString() @MaxLength(100) industry?: string;
  @Field(() => Region, { nullable: true, description: 'The world region.' }) @OptionalNotNull() @IsEnum(Region) region?: Region;
  @Field(() => Tier, { nullable: true, description: 'Commercial tier.' }) @OptionalNotNull() @IsEnum(Tier) tier?: Tier;
  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2 country code, e.g. "DE".' }) @OptionalNotNull() @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as "DE"' }) country?: string;
  @Field({ nullable: true, description: 'IANA time zone, e.g. "Europe/Berlin".' }) @OptionalNotNull() @IsTimeZone({ message: 'timeZone must be an IANA time zone such as "Europe/Berlin"' }) timeZone?: string;
}

@InputType('CustomerArchiveInput', { description: 'Which customer to archive (customers are archived, never deleted).' })
export class CustomerArchiveInput {
  @Field(() => ID, { description: 'The customer to archive.' }) @IdOf('Customer') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION and changes nothing.' }) @IsOptional() @IsInt() version?: number | null;
}

@InputType('CustomerFilter', { description: 'Narrows a list of customers; every field given must hold, and a list matches any of its values.' })
export class CustomerFilter {
  @Field({ nullable: true, description: 'Part of the name or external reference.' }) @IsOptional() @MaxLength(200) search?: string;
  @Field(() => [SizeBand], { nullable: true, description: 'Customers of any of these sizes.' }) @IsOptional() @ArrayMaxSize(10) sizeBands?: SizeBand[];
  @Field(() => [String], { nullable: true, description: 'Customers in any of these industries (case-insensitive).' }) @IsOptional() @ArrayMaxSize(50) industries?: string[];
  @Field(() => [Region], { nullable: true, description: 'Customers in any of these regions.' }) @IsOptional() @ArrayMaxSize(10) regions?: Region[];
  @Field(() => [Tier], { nullable: true, description: 'Customers of any of these tiers.' }) @IsOptional() @ArrayMaxSize(10) tiers?: Tier[];
  @Field(() => [String], { nullable: true, description: 'Customers in any of these countries (ISO 3166-1 alpha-2).' }) @IsOptional() @ArrayMaxSize(250) countries?: string[];
  @Field(() => ID, { nullable: true, description: 'Members of this segment only.' }) @IsOptional() segment?: string;
  @Field({ nullable: true, defaultValue: false, description: 'Include archived customers (default false).' }) @IsOptional() includeArchived?: boolean;
}

export enum CustomerOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}
registerEnumType(CustomerOrder, {
  name: 'CustomerOrder',
  description: 'The order of a list of customers.',
  valuesConfig: {
    NAME_ASC: { description: 'By name, A to Z.' },
    NAME_DESC: { description: 'By name, Z to A.' },
    CREATED_AT_ASC: { description: 'Oldest created first.' },
    CREATED_AT_DESC: { description: 'Newest created first.' },
  },
});

@ArgsType()
export class CustomersArgs extends PageArgs {
  @Field(() => CustomerFilter, { nullable: true, description: 'Narrow the list; every field given must hold.' }) @IsOptional() @ValidateNested() filter?: CustomerFilter;
  @Field(() => CustomerOrder, { nullable: true, defaultValue: CustomerOrder.NAME_ASC, description: 'The order of the list (default by name, A to Z).' }) orderBy?: CustomerOrder;
}
