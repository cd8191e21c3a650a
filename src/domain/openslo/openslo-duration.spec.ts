import { parseShorthand, shorthandOf, shorthandSeconds } from './openslo-duration';

describe('OpenSLO duration shorthand', () => {
  it.each([
    ['5m', 300],
    ['1h', 3600],
    ['28d', 28 * 86_400],
    ['2w', 14 * 86_400],
    ['1M', 30 * 86_400],
    ['1Q', 90 * 86_400],
    ['1Y', 365 * 86_400],
  ])('%s is %i seconds', (text, seconds) => {
    expect(shorthandSeconds(parseShorthand(text)!)).toBe(seconds);
  });

  it.each(['0d', '1.5h', 'P1D', '1s', 'd', '', '10', ' 5 m', 42, null])('%p is not a shorthand', (text) => {
    expect(parseShorthand(text)).toBeNull();
  });

  it.each([
    [300, '5m'],
    [1800, '30m'],
    [3600, '1h'],
    [21_600, '6h'],
    [259_200, '3d'],
    [604_800, '1w'],
    [90, '2m'], // not a whole minute: the nearest
  ])('%i seconds are written %s', (seconds, text) => {
    expect(shorthandOf(seconds)).toBe(text);
  });
});
