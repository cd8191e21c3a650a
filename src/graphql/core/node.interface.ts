import { Field, ID, InterfaceType } from 'type-graphql';

/** Every object a resolver returns as a Node says which type it is. */
export const nodeTypeOf = (value: { __typename?: string }): string | undefined => value.__typename;

/** Every business object: fetch any of them again with `node(id:)`. */
@InterfaceType('Node', {
  description: 'An object with an opaque, global id.',
  resolveType: nodeTypeOf,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id. Stable; never parse it.' })
  id: string;
}
