import { ArrayMaxSize, IsOptional, IsString, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import * as apiKeys from '../../domain/identity/api-key.service';
import { Role } from '../core/enums';
import { IdOf } from '../core/ids';
import { registerInputRules } from '../core/input-validation';
import { PageArgs } from '../core/page.args';
import { DateTimeScalar } from '../core/scalars';

@InputType('ApiKeyCreateInput', { description: 'A new API key for a partner integration.' })
export class ApiKeyCreateInput {
  @Field({ description: 'What the key is for, e.g. "Datadog monitors".' }) @IsString() @Length(1, 200) name: string;
  @Field(() => [Role], { nullable: true, description: 'Defaults to [INTEGRATION]. Provider-side roles only.' }) @IsOptional() @ArrayMaxSize(4) roles?: Role[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key stops working (in the future); leave out for a key that never expires.' }) @IsOptional() expiresAt?: Date;
}

@InputType('ApiKeyRevokeInput', { description: 'Which key to revoke.' })
export class ApiKeyRevokeInput {
  @Field(() => ID, { description: 'The API key to revoke; it stops authenticating at once.' }) @IdOf('ApiKey') id: string;
}

@ArgsType()
export class ApiKeysArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Include revoked keys (default false).' }) includeRevoked?: boolean;
}

registerInputRules(ApiKeyCreateInput, (input, { now }) => apiKeys.apiKeyProblems(input, now, []));
