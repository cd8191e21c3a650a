import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IdOf } from '../core/ids';
import { PageArgs } from '../core/page.args';
import { DateTimeScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';

@InputType('MaintenanceWindowAnnounceInput')
export class MaintenanceWindowAnnounceInput {
  @Field(() => ID) @IdOf('Service') service: string;
  @Field() @NotBlank() @MaxLength(300) title: string;
  @Field(() => DateTimeScalar) startsAt: Date;
  @Field(() => DateTimeScalar) endsAt: Date;
}

@ArgsType()
export class MaintenanceWindowsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) service?: string;
}
