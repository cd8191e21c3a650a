import { judgeSatisfaction, measureOf, scoreProblem } from './satisfaction';

describe('measureOf: how a SATISFACTION target reads', () => {
  it.each([
    [4.2, 'MEAN_SCORE'],
    [5, 'MEAN_SCORE'], // the top of the scale: every response a 5
    [0.5, 'MEAN_SCORE'],
    [5.000001, 'PERCENT_SATISFIED'],
    [80, 'PERCENT_SATISFIED'],
    [100, 'PERCENT_SATISFIED'],
  ])('target %p is a %s floor', (target, measure) => {
    expect(measureOf(target)).toBe(measure);
  });
});

describe('scoreProblem', () => {
  it.each([1, 2, 3, 4, 5])('accepts %p', (score) => expect(scoreProblem(score)).toBeNull());
  it.each([0, 6, -1, 4.5, 3.0000001, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (score) => expect(scoreProblem(score)).toMatch(/whole number from 1 to 5/));
});

describe('judgeSatisfaction', () => {
  it.each<[string, number, [number, number, number], [string | null, string | null, string]]>([
    ['no responses: no data', 4.2, [0, 0, 0], [null, null, 'NO_DATA']],
    ['mean exactly the target meets it', 4.2, [5, 21, 4], ['4.2000', '80.0000', 'MET']],
    ['a mean just below the target breaches', 4.2, [3, 12, 2], ['4.0000', '66.6667', 'BREACHED']],
    ['a mean that does not terminate (25/6 = 4.1666...) is compared exactly', 4.2, [6, 25, 4], ['4.1667', '66.6667', 'BREACHED']],
    ['a percentage target: 4 of 5 satisfied is 80%, meets 80', 80, [5, 17, 4], ['3.4000', '80.0000', 'MET']],
    ['a percentage target: 2 of 3 satisfied is 66.67%, below 70', 70, [3, 13, 2], ['4.3333', '66.6667', 'BREACHED']],
    ['a percentage that does not terminate is compared exactly: 2 of 3 is not 66.6667', 66.6667, [3, 13, 2], ['4.3333', '66.6667', 'BREACHED']],
    ['a single response', 4, [1, 5, 1], ['5.0000', '100.0000', 'MET']],
  ])('%s', (_name, target, [responses, scoreSum, satisfied], [meanScore, satisfiedPercent, status]) => {
    expect(judgeSatisfaction(target, { responses, scoreSum, satisfied })).toMatchObject({ responses, meanScore, satisfiedPercent, status });
  });
});
