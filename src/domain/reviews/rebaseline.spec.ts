import { rebaseline, targetStep } from './rebaseline';
import { Dec } from '../compliance/decimal';

describe('rebaseline', () => {
  it('supports the attainment met in at least 80% of the periods, rounded down to 0.01 above 99', () => {
    // Six months; 80% of 6 -> 5 periods must reach it: the 5th best is 99.9312 -> 99.93.
    const r = rebaseline(['99.9950', '99.9812', '99.9700', '99.9512', '99.9312', '99.2000'], 99.95);
    expect(r).toEqual({ periodsWithData: 6, periodsMet: 4, supportedTarget: '99.93', supportsCurrentTarget: false });
  });

  it('says the current target holds when the history supports it', () => {
    // 80% of 5 -> 4 periods: the 4th best (100, 100, 100, 99.99) is 99.99; one bad month does not count.
    const r = rebaseline(['100', '100', '99.99', '99.98', '100'], '99.9');
    expect(r.supportedTarget).toBe('99.99');
    expect(r.supportsCurrentTarget).toBe(true);
    expect(r.periodsMet).toBe(5);
  });

  it('leaves out periods without data, and gives no target with fewer than three periods of data', () => {
    expect(rebaseline([null, '99.5', null, '99.9', null], 99)).toEqual({ periodsWithData: 2, periodsMet: 2, supportedTarget: null, supportsCurrentTarget: null });
    expect(rebaseline([], 99).supportedTarget).toBeNull();
  });

  it('rounds down to 0.1 between 90 and 99 and to whole percent below 90', () => {
    expect(rebaseline(['97.89', '98.5', '99.5'], 99).supportedTarget).toBe('97.8');
    // 80% of 3 -> 3: the worst of the three.
    expect(rebaseline(['85.71', '90', '100'], null).supportedTarget).toBe('85');
  });

  it('never rounds up: an attainment exactly on a step stays', () => {
    expect(rebaseline(['99.95', '99.95', '99.95'], '99.95')).toMatchObject({ supportedTarget: '99.95', supportsCurrentTarget: true });
  });

  it('has no met count for time objectives (no percent target)', () => {
    const r = rebaseline(['100', '75', '100', '100'], null);
    expect(r.periodsMet).toBeNull();
    expect(r.supportsCurrentTarget).toBeNull();
    // 80% of 4 -> 4 periods (ceil 3.2): the worst, 75.
    expect(r.supportedTarget).toBe('75');
  });

  it('steps by size', () => {
    expect(targetStep(new Dec('99')).toString()).toBe('0.01');
    expect(targetStep(new Dec('98.99')).toString()).toBe('0.1');
    expect(targetStep(new Dec('89.9')).toString()).toBe('1');
  });
});
