import { type ClassType, Field, ObjectType } from 'type-graphql';
import { type Page } from '../../domain/shared/pagination';
import { PageInfo } from './page-info.type';
import { SafeIntScalar } from './scalars';

export interface ConnectionShape<N> {
  edges: { cursor: string; node: N }[];
  nodes: N[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** `Agreement` -> `Agreements`, `Policy` -> `Policies`: how the descriptions of a connection name its items. */
function pluralOf(name: string): string {
  return /[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`;
}

/** Relay connection types for one node type: `<Name>Connection` and `<Name>Edge`. */
export function ConnectionType<N extends object>(nodeType: ClassType<N>, name: string) {
  const items = pluralOf(name);

  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `An edge in a page of ${items}: one ${name} with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque; pass it as `after` to get the items that follow.' }) cursor: string;
    @Field(() => nodeType, { description: `The ${name}.` }) node: N;
  }

  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${items} (Relay connection): \`first\` (default 20, at most 100) after the cursor \`after\`.`,
  })
  class Connection implements ConnectionShape<N> {
    @Field(() => [Edge], { description: `The ${items} of this page, each with its cursor.` }) edges: Edge[];
    @Field(() => [nodeType], { description: 'The nodes of `edges`, for clients that do not need cursors.' }) nodes: N[];
    @Field(() => PageInfo, { description: 'Whether there are more pages, and the cursors to get them.' }) pageInfo: PageInfo;
    count: () => Promise<number>;

    @Field(() => SafeIntScalar, { description: `How many ${items} match, across all pages.` })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return Connection;
}

/** An edge whose cursor is encoded only when a query selects it. */
class LazyEdge<N> {
  constructor(
    readonly node: N,
    private readonly page: Page<unknown>,
    private readonly index: number,
  ) {}

  get cursor(): string {
    return this.page.cursors[this.index];
  }
}

/** Builds a connection object from a domain page, mapping each entity to its GraphQL type. Cursors are read from the page only when selected. */
export function toConnection<E, N>(connectionType: ClassType<ConnectionShape<N>>, page: Page<E>, map: (entity: E) => N): ConnectionShape<N> {
  const nodes = page.nodes.map(map);
  const connection = new connectionType() as ConnectionShape<N> & { count: () => Promise<number> };
  connection.edges = nodes.map((node, i) => new LazyEdge(node, page, i));
  connection.nodes = nodes;
  connection.pageInfo = {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    get startCursor() {
      return page.cursors[0] ?? null;
    },
    get endCursor() {
      return page.cursors[page.cursors.length - 1] ?? null;
    },
  };
  connection.count = page.totalCount;
  return connection;
}
