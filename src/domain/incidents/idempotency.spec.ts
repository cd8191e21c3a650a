import { requestHash } from './idempotency';

describe('requestHash', () => {
  it('is the same whatever the order of keys, and for dates equal as instants', () => {
    expect(requestHash({ a: 1, b: { c: 2, d: [1, 2] }, at: new Date('2026-01-01T00:00:00Z') })).toBe(
      requestHash({ at: new Date('2026-01-01T00:00:00.000Z'), b: { d: [1, 2], c: 2 }, a: 1 }),
    );
  });

  it('treats a field sent as null like a field left out', () => {
    expect(requestHash({ title: 'x', description: null })).toBe(requestHash({ title: 'x' }));
    expect(requestHash({ title: 'x', description: undefined })).toBe(requestHash({ title: 'x' }));
  });

  it('differs when a value, or the order of a list, differs', () => {
    expect(requestHash({ title: 'x' })).not.toBe(requestHash({ title: 'y' }));
    expect(requestHash({ ids: [1, 2] })).not.toBe(requestHash({ ids: [2, 1] }));
    expect(requestHash({ n: 1 })).not.toBe(requestHash({ n: '1' }));
  });
});
