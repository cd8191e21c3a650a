import { creditDifference, totalDifference } from './what-if';

const eur = (amount: string) => ({ currency: 'EUR', amount });

describe('what-if credit difference', () => {
  it.each([
    ['both credited', eur('1250.00'), eur('3750.00'), { currency: 'EUR', inForce: '1250', replayed: '3750', difference: '2500' }],
    ['a cheaper draft', eur('3750.00'), eur('1250.00'), { currency: 'EUR', inForce: '3750', replayed: '1250', difference: '-2500' }],
    ['no credit in force (no policy): counts 0', null, eur('0.10'), { currency: 'EUR', inForce: '0', replayed: '0.1', difference: '0.1' }],
    ['the draft drops the policy', eur('99.99'), null, { currency: 'EUR', inForce: '99.99', replayed: '0', difference: '-99.99' }],
    ['neither credits', null, null, { currency: null, inForce: '0', replayed: '0', difference: '0' }],
    ['exact decimals, no float drift', eur('0.10'), eur('0.30'), { currency: 'EUR', inForce: '0.1', replayed: '0.3', difference: '0.2' }],
    ['currencies differ: not compared', eur('10.00'), { currency: 'USD', amount: '10.00' }, { currency: null, inForce: null, replayed: null, difference: null }],
  ])('%s', (_name, inForce, replayed, expected) => {
    expect(creditDifference(inForce, replayed)).toEqual(expected);
  });

  it('adds the periods up exactly', () => {
    const periods = [
      { inForce: eur('0.10'), replayed: eur('0.20') },
      { inForce: null, replayed: eur('0.20') },
      { inForce: eur('1000000000000.01'), replayed: eur('1000000000000.01') },
    ];
    expect(totalDifference(periods)).toEqual({ currency: 'EUR', inForce: '1000000000000.11', replayed: '1000000000000.41', difference: '0.3' });
  });

  it('refuses to add periods in different currencies', () => {
    expect(totalDifference([{ inForce: eur('1'), replayed: eur('1') }, { inForce: { currency: 'JPY', amount: '100' }, replayed: null }]).difference).toBeNull();
  });
});
