import { durationSeconds, isoDuration } from './iso-duration';

describe('durationSeconds and isoDuration', () => {
  it.each([
    [900, 'PT15M'],
    [93600, 'P1DT2H'],
    [0, 'PT0S'],
    [61, 'PT1M1S'],
    [1, 'PT1S'],
    [3600, 'PT1H'],
    [86400, 'P1D'],
    [90061, 'P1DT1H1M1S'],
    [86401, 'P1DT1S'],
    [100800, 'P1DT4H'],
    [366 * 86400, 'P366D'],
  ])('%s seconds <-> %s', (seconds, iso) => {
    expect(isoDuration(seconds)).toBe(iso);
    expect(durationSeconds(iso)).toBe(seconds);
  });
});

describe('durationSeconds', () => {
  it.each([
    ['PT36H', 129600],
    ['PT90M', 5400],
    ['PT3600S', 3600],
    ['P2DT0H', 172800],
    ['P0D', 0],
    ['PT0.5S', 0.5],
    ['PT1,5S', 1.5],
    ['P1.5D', 129600],
  ])('reads %s as %s seconds', (iso, seconds) => {
    expect(durationSeconds(iso)).toBe(seconds);
  });

  it.each([
    ['months', 'P1M'],
    ['years', 'P1Y'],
    ['weeks', 'P2W'],
    ['years and months', 'P1Y2M'],
    ['months and days', 'P1M1D'],
    ['zero months', 'P0M'],
  ])('refuses %s (%s): their length depends on the date', (_what, iso) => {
    expect(durationSeconds(iso)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['words', '15 minutes'],
    ['a number', '900'],
    ['no designator', 'PT15'],
    ['no P', 'T15M'],
    ['lower case', 'pt15m'],
    ['spaces around', ' PT15M '],
    ['P alone', 'P'],
    ['PT alone', 'PT'],
    ['a T with nothing after it', 'P1DT'],
    ['negative', '-PT15M'],
    ['a negative component', 'PT-15M'],
    ['hours before days', 'PT1HP1D'],
    ['days after T', 'PT1D'],
    ['a clock time', '01:30:00'],
  ])('refuses %s (%j)', (_what, iso) => {
    expect(durationSeconds(iso)).toBeNull();
  });
});

describe('isoDuration', () => {
  it.each([
    [59, 'PT59S'],
    [60, 'PT1M'],
    [3599, 'PT59M59S'],
    [3601, 'PT1H1S'],
    [86399, 'PT23H59M59S'],
    [172800, 'P2D'],
  ])('writes %s seconds as %s', (seconds, iso) => {
    expect(isoDuration(seconds)).toBe(iso);
  });
});
