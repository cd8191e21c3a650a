import { type RequestContext } from '../../context/request-context';
import { type NodeTypeName } from './ids';

type NodeFetcher = (rc: RequestContext, uuid: string) => Promise<object | null>;

const fetchers = new Map<string, NodeFetcher>();

/** Each area registers how `node(id:)` loads its types. */
export function registerNode(type: NodeTypeName, fetch: NodeFetcher): void {
  fetchers.set(type, fetch);
}

export function nodeFetcher(type: string): NodeFetcher | undefined {
  return fetchers.get(type);
}
