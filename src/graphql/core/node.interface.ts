import { Field, ID, InterfaceType } from 'type-graphql';

/** Every business object: fetch any of them again with `node(id:)`. */
@InterfaceType('Node', {
  description: 'An object with an opaque, global id.',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id. Stable; never parse it.' })
  id: string;
}
