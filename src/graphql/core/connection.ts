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

/** Relay connection types for one node type: `<Name>Connection` and `<Name>Edge`. */
export function ConnectionType<N extends object>(nodeType: ClassType<N>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field({ description: 'Opaque; pass it as `after` to get the items that follow.' }) cursor: string;
    @Field(() => nodeType) node: N;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class Connection implements ConnectionShape<N> {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [nodeType], { description: 'The nodes of `edges`, for clients that do not need cursors.' }) nodes: N[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    count: () => Promise<number>;

    @Field(() => SafeIntScalar, { description: 'How many items match, over all pages.' })
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
