import { bothOf } from './agreement-filter';

describe('bothOf (kind with kinds, level with levels, status with statuses)', () => {
  it.each<[string | undefined, string[] | null | undefined, string[] | undefined]>([
    [undefined, undefined, undefined], // neither: no filter
    [undefined, null, undefined],
    [undefined, [], undefined], // an empty list is no filter
    [undefined, ['A', 'B'], ['A', 'B']],
    ['A', undefined, ['A']],
    ['A', [], ['A']],
    ['A', ['A', 'B'], ['A']], // both must hold
    ['C', ['A', 'B'], []], // they cannot both hold: nothing matches
  ])('one %p with many %p -> %p', (one, many, expected) => {
    expect(bothOf(one, many)).toEqual(expected);
  });
});
