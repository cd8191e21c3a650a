import { ArrayMaxSize, ArrayMinSize, IsEnum, IsISO31661Alpha2, IsOptional, IsString, Length, MaxLength, ValidateNested, IsInt } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Region, SizeBand, Tier } from '../core/enums';
import { rulesProblems } from '../../domain/catalog/segment.service';
import { registerInputRules } from '../core/input-validation';
import { PageArgs } from '../core/page.args';
import { NotBlank, OptionalNotNull } from '../core/validation';
import { IdOf } from '../core/ids';

@InputType('SegmentRuleInput', { description: 'Every attribute given must match; leave out the ones that do not matter.' })
export class SegmentRuleInput {
  @Field(() => [SizeBand], { nullable: true, description: 'Any of these sizes.' }) @IsOptional() @ArrayMinSize(1) @IsEnum(SizeBand, { each: true }) sizeBands?: SizeBand[];
  @Field(() => [String], { nullable: true, description: 'Any of these industries (case-insensitive).' }) @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 100, { each: true }) industries?: string[];
  @Field(() => [Region], { nullable: true, description: 'Any of these regions.' }) @IsOptional() @ArrayMinSize(1) @IsEnum(Region, { each: true }) regions?: Region[];
  @Field(() => [Tier], { nullable: true, description: 'Any of these tiers.' }) @IsOptional() @ArrayMinSize(1) @IsEnum(Tier, { each: true }) tiers?: Tier[];
  @Field(() => [String], { nullable: true, description: 'Any of these countries (ISO 3166-1 alpha-2).' }) @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(250) @IsISO31661Alpha2({ each: true, message: 'countries must hold ISO 3166-1 alpha-2 codes such as "DE"' }) countries?: string[];
}

@InputType('SegmentCreateInput', { description: 'A new customer segment.' })
export class SegmentCreateInput {
  @Field({ description: `Unique among the provider's segments not archived (ignoring case), e.g. "Enterprise / EU / Finance".` }) @NotBlank() @IsString() @MaxLength(200) name: string;
  @Field({ nullable: true, description: 'What the segment is for.' }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => [SegmentRuleInput], { nullable: true, description: 'A customer is a member when it matches any rule.' })
  @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) rules?: SegmentRuleInput[];
  @Field(() => [ID], { nullable: true, description: 'Customers who are members whatever the rules say.' })
  @IsOptional() @ArrayMaxSize(1000) @IdOf('Customer') includedCustomers?: string[];
  @Field(() => [ID], { nullable: true, description: 'Customers who are never members.' })
  @IsOptional() @ArrayMaxSize(1000) @IdOf('Customer') excludedCustomers?: string[];
}

@InputType('SegmentUpdateInput', { description: 'Only the fields given change; a list given replaces the old list.' })
export class SegmentUpdateInput {
  @Field(() => ID, { description: 'The segment.' }) @IdOf('Segment') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number | null;
  @Field({ nullable: true, description: `A new name, unique among the provider's segments not archived (ignoring case).` }) @OptionalNotNull() @NotBlank() @IsString() @MaxLength(200) name?: string;
  @Field({ nullable: true, description: 'What the segment is for.' }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => [SegmentRuleInput], { nullable: true, description: 'New rules; replaces the list.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) rules?: SegmentRuleInput[];
  @Field(() => [ID], { nullable: true, description: 'Customers who are members whatever the rules say; replaces the list.' }) @IsOptional() @ArrayMaxSize(1000) @IdOf('Customer') includedCustomers?: string[];
  @Field(() => [ID], { nullable: true, description: 'Customers who are never members; replaces the list.' }) @IsOptional() @ArrayMaxSize(1000) @IdOf('Customer') excludedCustomers?: string[];
}

@InputType('SegmentArchiveInput', { description: 'Which segment to archive.' })
export class SegmentArchiveInput {
  @Field(() => ID, { description: 'The segment.' }) @IdOf('Segment') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number | null;
}

@InputType('SegmentFilter', { description: 'Narrows a list of segments.' })
export class SegmentFilter {
  @Field({ nullable: true, description: 'Part of the name or the description, ignoring case.' }) @IsOptional() @MaxLength(200) search?: string;
  @Field({ nullable: true, defaultValue: false, description: 'Include archived segments (default false).' }) @IsOptional() includeArchived?: boolean;
}

export enum SegmentOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}
registerEnumType(SegmentOrder, {
  name: 'SegmentOrder',
  description: 'The order of a list of segments.',
  valuesConfig: {
    NAME_ASC: { description: 'By name, A to Z.' },
    NAME_DESC: { description: 'By name, Z to A.' },
    CREATED_AT_ASC: { description: 'Oldest created first.' },
    CREATED_AT_DESC: { description: 'Newest created first.' },
  },
});

@ArgsType()
export class SegmentsArgs extends PageArgs {
  @Field(() => SegmentFilter, { nullable: true, description: 'Narrow the list.' }) @IsOptional() @ValidateNested() filter?: SegmentFilter;
  @Field(() => SegmentOrder, { nullable: true, defaultValue: SegmentOrder.NAME_ASC, description: 'The order of the list (default by name, A to Z).' }) orderBy?: SegmentOrder;
}

// The domain's rules of segment rules run with the input's format checks: one answer lists every problem.
registerInputRules(SegmentCreateInput, (input) => rulesProblems(input.rules ?? [], []));
registerInputRules(SegmentUpdateInput, (input) => rulesProblems(input.rules ?? [], []));
