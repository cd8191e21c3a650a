import { appliesToPriority, type PriorityTerm, termForPriority } from './objective-priority';

const term = (metric: string, priority: string | null): PriorityTerm => ({ metric, priority });

// One revision's response objectives: P1 has its own, the others fall to the priority-less one.
const P1 = term('FIRST_RESPONSE_TIME', 'P1');
const ANY = term('FIRST_RESPONSE_TIME', null);
const RESOLUTION_P2 = term('RESOLUTION_TIME', 'P2');
const SET = [P1, ANY, RESOLUTION_P2];

/** [term, priority, among, applies] */
const CASES: [PriorityTerm, string | null, PriorityTerm[], boolean][] = [
  [P1, 'P1', SET, true], // its own priority
  [P1, 'P2', SET, false], // not another one
  [P1, null, SET, false], // nor what has no priority
  [ANY, 'P1', SET, false], // P1 has an objective of its own
  [ANY, 'P2', SET, true], // P2 has none of its metric (RESOLUTION_TIME's P2 is another metric)
  [ANY, 'P4', SET, true],
  [ANY, null, SET, true], // what has no priority
  [ANY, 'P1', [ANY], true], // alone in its set: every priority
  [RESOLUTION_P2, 'P2', SET, true],
];

describe('appliesToPriority: its own priority, or, priority-less, each priority without a term of its own', () => {
  it.each(CASES)('%o to %s among the set: %s', (t, priority, among, expected) => {
    expect(appliesToPriority(t, priority, among)).toBe(expected);
  });

  it('lets exactly one term of a metric apply to each priority', () => {
    for (const priority of ['P1', 'P2', 'P3', 'P4', null]) {
      expect(SET.filter((t) => t.metric === 'FIRST_RESPONSE_TIME' && appliesToPriority(t, priority, SET))).toHaveLength(1);
    }
  });
});

describe('termForPriority', () => {
  it.each([
    ['FIRST_RESPONSE_TIME', 'P1', P1],
    ['FIRST_RESPONSE_TIME', 'P3', ANY],
    ['FIRST_RESPONSE_TIME', null, ANY],
    ['RESOLUTION_TIME', 'P2', RESOLUTION_P2],
    ['RESOLUTION_TIME', 'P1', undefined], // no term of the metric applies
    ['AVAILABILITY', null, undefined],
  ] as [string, string | null, PriorityTerm | undefined][])('%s %s: %o', (metric, priority, expected) => {
    expect(termForPriority(SET, metric, priority)).toBe(expected);
  });

  it('finds the own term whatever the order of the set', () => {
    expect(termForPriority([ANY, P1], 'FIRST_RESPONSE_TIME', 'P1')).toBe(P1);
    expect(termForPriority([P1, ANY], 'FIRST_RESPONSE_TIME', 'P1')).toBe(P1);
  });
});
