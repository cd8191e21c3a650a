import { eventMatches, type EventSubscription, noticeMatches } from './event-filter';

const P = '11111111-1111-4111-8111-111111111111';
const OTHER_P = '22222222-2222-4222-8222-222222222222';
const C1 = '33333333-3333-4333-8333-333333333333';
const C2 = '44444444-4444-4444-8444-444444444444';
const A1 = '55555555-5555-4555-8555-555555555555';
const I1 = '66666666-6666-4666-8666-666666666666';
const I2 = '77777777-7777-4777-8777-777777777777';

const sub = (over: Partial<EventSubscription> = {}): EventSubscription => ({
  providerId: P,
  onlyCustomerId: null,
  typePrefix: 'incident.',
  types: null,
  subjectId: null,
  customerId: null,
  agreementId: null,
  ...over,
});

const event = (over: Partial<{ type: string; providerId: string; customerId: string | null; subjectId: string; agreementId: string | null }> = {}) => ({
  type: 'incident.reported',
  providerId: P,
  customerId: C1,
  subjectId: I1,
  agreementId: A1,
  ...over,
});

describe('live event filters', () => {
  it('a provider-side subscriber hears every event of its family for its provider', () => {
    expect(noticeMatches(sub(), event())).toBe(true);
    expect(noticeMatches(sub(), event({ customerId: null }))).toBe(true);
    expect(noticeMatches(sub(), event({ customerId: C2 }))).toBe(true);
  });

  it("never hears another provider's events, whatever the filter", () => {
    expect(noticeMatches(sub(), event({ providerId: OTHER_P }))).toBe(false);
    expect(eventMatches(sub({ customerId: C1, subjectId: I1, agreementId: A1 }), event({ providerId: OTHER_P }))).toBe(false);
  });

  it("a customer user hears only its customer's events, never those of no customer", () => {
    const customerUser = sub({ onlyCustomerId: C1 });
    expect(noticeMatches(customerUser, event())).toBe(true);
    expect(noticeMatches(customerUser, event({ customerId: C2 }))).toBe(false);
    expect(noticeMatches(customerUser, event({ customerId: null }))).toBe(false);
    // Asking for another customer does not widen the scope.
    expect(noticeMatches(sub({ onlyCustomerId: C1, customerId: C2 }), event({ customerId: C2 }))).toBe(false);
  });

  it('keeps to the family of the subscription', () => {
    expect(noticeMatches(sub(), event({ type: 'escalation.raised' }))).toBe(false);
    expect(noticeMatches(sub({ typePrefix: 'escalation.' }), event({ type: 'escalation.raised' }))).toBe(true);
    expect(noticeMatches(sub({ typePrefix: 'escalation.' }), event())).toBe(false);
  });

  it('narrows by types, subject, customer and agreement', () => {
    expect(noticeMatches(sub({ types: ['incident.resolved'] }), event())).toBe(false);
    expect(noticeMatches(sub({ types: ['incident.resolved', 'incident.reported'] }), event())).toBe(true);
    expect(noticeMatches(sub({ types: [] }), event())).toBe(true);
    expect(noticeMatches(sub({ subjectId: I2 }), event())).toBe(false);
    expect(noticeMatches(sub({ subjectId: I1 }), event())).toBe(true);
    expect(noticeMatches(sub({ customerId: C2 }), event())).toBe(false);
    expect(noticeMatches(sub({ customerId: C1 }), event())).toBe(true);
  });

  it('judges the agreement only on the event row (the notice does not carry it)', () => {
    const byAgreement = sub({ agreementId: A1 });
    expect(noticeMatches(byAgreement, event({ agreementId: undefined }))).toBe(true);
    expect(eventMatches(byAgreement, event())).toBe(true);
    expect(eventMatches(byAgreement, event({ agreementId: null }))).toBe(false);
    expect(eventMatches(byAgreement, event({ agreementId: '88888888-8888-4888-8888-888888888888' }))).toBe(false);
  });
});
