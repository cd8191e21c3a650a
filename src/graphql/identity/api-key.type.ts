import { Field, ObjectType } from 'type-graphql';
import { type ApiKeyEntity } from '../../db/entities/api-key.entity';
import { ConnectionType } from '../core/connection';
import { Role } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('ApiKey', { implements: Node, description: "A partner integration's credential. The secret is shown once, at creation." })
export class ApiKey extends Node {
  readonly __typename = 'ApiKey';
  @Field({ description: 'What the key is for, e.g. "Datadog monitors".' }) name: string;
  @Field({ description: 'The public start of the key, to recognise it: slak_<prefix>_...' }) prefix: string;
  @Field(() => [Role], { description: 'What the key may do (INTEGRATION by default).' }) roles: Role[];
  @Field({ description: 'Who created it.' }) createdBy: string;
  @Field(() => DateTimeScalar, { description: 'When the key was created.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key stops working; null: never expires.' }) expiresAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Last use, to the minute.' }) lastUsedAt: Date | null;
  @Field({ description: 'True once revoked: the key no longer authenticates.' }) revoked: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was revoked.' }) revokedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who revoked it.' }) revokedBy: string | null;
}

export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');

export function toApiKey(e: ApiKeyEntity): ApiKey {
  return Object.assign(new ApiKey(), {
    id: globalId('ApiKey', e.id),
    name: e.name,
    prefix: `slak_${e.prefix}`,
    roles: e.roles as Role[],
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    expiresAt: e.expiresAt,
    lastUsedAt: e.lastUsedAt,
    revoked: e.revokedAt !== null,
    revokedAt: e.revokedAt,
    revokedBy: e.revokedBy,
  });
}
