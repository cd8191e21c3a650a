import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { ForbiddenError, UserError } from '../../common/errors';
import { fromGlobalId } from '../../common/global-id';
import { type GraphQLContext } from './graphql-context';
import { nodeFetcher } from './node-registry';
import { Node } from './node.interface';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when it does not exist or is not yours to see." })
  async node(@Arg('id', () => ID, { description: 'A global id of any type.' }) id: string, @Ctx() { rc }: GraphQLContext): Promise<object | null> {
    const decoded = fromGlobalId(id);
    const fetch = decoded && nodeFetcher(decoded.type);
    if (!decoded || !fetch) return null;
    try {
      return await fetch(rc, decoded.uuid);
    } catch (error) {
      // A type the role may not read at all looks the same as a missing object.
      if (error instanceof ForbiddenError) return null;
      throw error;
    }
  }

  @Query(() => [Node], { nullable: 'items', description: 'Several objects at once, in the order asked; null for each one not found.' })
  async nodes(@Arg('ids', () => [ID], { description: 'Up to 100 global ids, of any types.' }) ids: string[], @Ctx() ctx: GraphQLContext): Promise<(object | null)[]> {
    if (ids.length > 100) throw new UserError('INVALID_INPUT', 'nodes takes at most 100 ids.', ['ids']);
    return Promise.all(ids.map((id) => this.node(id, ctx)));
  }
}
