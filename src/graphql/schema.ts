import 'reflect-metadata';
import { type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CustomerResolver } from './catalog/customer.resolver';
import { ProviderResolver } from './catalog/provider.resolver';
import { SegmentResolver } from './catalog/segment.resolver';
import { ServiceResolver } from './catalog/service.resolver';
import { NodeResolver } from './core/node.resolver';
import { DateTimeScalar } from './core/scalars';
import { ApiKeyResolver } from './identity/api-key.resolver';
import { ViewerResolver } from './identity/viewer.resolver';

export const resolvers = [
  NodeResolver,
  ViewerResolver,
  ProviderResolver,
  CustomerResolver,
  SegmentResolver,
  ServiceResolver,
  ApiKeyResolver,
] as const;

let built: Promise<GraphQLSchema> | null = null;

/** The schema, built once per process. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: { forbidUnknownValues: false, skipMissingProperties: false },
    emitSchemaFile: false,
  });
  return built;
}
