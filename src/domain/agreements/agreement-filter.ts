/**
 * One value and a list of the same filter given together (`kind` and `kinds`): both must hold,
 * so the list narrows to the value, and to nothing when it lacks it. A missing or empty list is
 * no filter.
 */
export function bothOf<T>(one: T | undefined, many: readonly T[] | null | undefined): T[] | undefined {
  const list = many?.length ? [...many] : undefined;
  if (one === undefined) return list;
  return list ? list.filter((x) => x === one) : [one];
}
