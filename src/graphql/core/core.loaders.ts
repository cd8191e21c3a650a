import { type RequestContext } from '../../context/request-context';

/** Per-request memos of the GraphQL layer itself (not of an area). */
export const CoreLoaders = {
  /** The argument values of each field of the query already found valid in this request (core/input-validation.ts), by field node. */
  checkedArguments: (rc: RequestContext, fieldNode: object): Set<string> => {
    const byField = rc.memo('checkedArguments', () => new WeakMap<object, Set<string>>());
    let checked = byField.get(fieldNode);
    if (!checked) byField.set(fieldNode, (checked = new Set()));
    return checked;
  },
};
