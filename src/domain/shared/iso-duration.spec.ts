import { durationSeconds, isoDuration, shownDuration } from './iso-duration';

describe('isoDuration: durations as the API shows them, in hours', () => {
  it.each([
    [0, 'PT0S'],
    [1, 'PT1S'], // seconds only
    [59, 'PT59S'],
    [61, 'PT1M1S'],
    [900, 'PT15M'],
    [3600, 'PT1H'],
    [86400, 'PT24H'], // exactly 24 h: hours, not "P1D"
    [86401, 'PT24H1S'],
    [93600, 'PT26H'],
    [104 * 3600 + 58 * 60 + 19, 'PT104H58M19S'], // business time, not "P4DT8H58M19S"
    [40 * 86400, 'PT960H'], // 40 days
    [366 * 86400, 'PT8784H'],
  ])('%s seconds <-> %s', (seconds, iso) => {
    expect(isoDuration(seconds)).toBe(iso);
    expect(durationSeconds(iso)).toBe(seconds);
  });

  it.each([
    [0.5, 'PT0.5S'],
    [3600.1, 'PT1H0.1S'], // no floating-point residue
    [0.0004, 'PT0S'], // below a millisecond
    [-300, '-PT5M'],
  ])('%s seconds -> %s', (seconds, iso) => {
    expect(isoDuration(seconds)).toBe(iso);
  });
});

describe('shownDuration', () => {
  it.each([
    ['P7D', 'PT168H'],
    ['P1DT4H', 'PT28H'],
    ['PT90M', 'PT1H30M'],
    ['PT15M', 'PT15M'],
    ['P0D', 'PT0S'],
  ])('writes %s as %s', (given, shown) => {
    expect(shownDuration(given)).toBe(shown);
  });

  it('leaves what is not a duration of days and time as it is', () => {
    expect(shownDuration('P1M')).toBe('P1M');
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
    [172800, 'PT48H'],
  ])('writes %s seconds as %s', (seconds, iso) => {
    expect(isoDuration(seconds)).toBe(iso);
  });
});
