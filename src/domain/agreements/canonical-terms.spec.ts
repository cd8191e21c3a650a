import { BudgetingMethod, Comparator, Metric, Priority, WindowKind } from '../../common/agreement-enums';
import { canonicalTerms, sha256Hex } from './canonical-terms';
import { emptyTerms } from './terms-rules';
import { type ObjectiveTerms, type RevisionContent } from './terms';

const AGREEMENT = '6f1c1d7e-6a52-4c1e-9d53-0d3f5b0e6a11';
const CALENDAR = '0b8e4c1a-2f3d-4e5f-8a9b-1c2d3e4f5a6b';

const objective = (overrides: Partial<ObjectiveTerms> = {}): ObjectiveTerms => ({
  metric: Metric.FIRST_RESPONSE_TIME,
  priority: Priority.P1,
  name: 'First response P1',
  description: '',
  comparator: Comparator.AT_MOST,
  target: null,
  targetSeconds: 900,
  window: { kind: WindowKind.CALENDAR_MONTH, days: null },
  budgeting: { method: BudgetingMethod.OCCURRENCES, sliceSeconds: null, sliceTarget: null },
  calendarId: null,
  warningThresholdPercent: 75,
  degradedWeightPercent: 50,
  ...overrides,
});

function content(): RevisionContent {
  return {
    terms: {
      ...emptyTerms('Alpha Bank SLA'),
      creditPolicy: { currency: 'EUR', periodFee: '10000.00', tiers: [{ below: 99.9, creditPercent: 10 }], perBreach: [], monthlyCapPercent: null, terminationAfterConsecutiveBreaches: null },
    },
    effectiveFrom: '2026-01-01T00:00:00.000Z',
    effectiveTo: null,
    objectives: [
      objective({ metric: Metric.AVAILABILITY, priority: null, name: 'Uptime', comparator: Comparator.AT_LEAST, target: 99.95, targetSeconds: null }),
      objective(),
    ],
  };
}

describe('canonical terms (RFC 8785) and their SHA-256', () => {
  it('is RFC 8785 text: keys sorted, no whitespace, numbers as ES2015 writes them, and its hash is the SHA-256 of that text', () => {
    const { canonical, sha256 } = canonicalTerms(AGREEMENT, 1, content());
    expect(canonical).not.toMatch(/\s(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(canonical.startsWith('{"agreement":"')).toBe(true);
    expect(canonical).toContain('"target":99.95');
    expect(canonical).toContain('"targetDuration":"PT15M"');
    expect(sha256).toBe(sha256Hex(canonical));
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(canonical)).toMatchObject({ format: 'sla-revision-terms/1', revision: 1, title: 'Alpha Bank SLA' });
  });

  it('does not depend on the order keys were written in, nor on the validity period', () => {
    const a = content();
    const b = content();
    b.terms = Object.fromEntries(Object.entries(b.terms).reverse()) as typeof b.terms;
    b.effectiveFrom = '2026-03-01T00:00:00.000Z';
    b.effectiveTo = '2026-12-31T23:00:00.000Z';
    expect(canonicalTerms(AGREEMENT, 1, b)).toEqual(canonicalTerms(AGREEMENT, 1, a));
  });

  it.each<[string, (c: RevisionContent) => void]>([
    ['the title', (c) => (c.terms.title = 'Alpha Bank SLA.')],
    ['a percent target, by a hundredth', (c) => (c.objectives[0].target = 99.96)],
    ['a duration target, by a second', (c) => (c.objectives[1].targetSeconds = 901)],
    ['the calendar of an objective', (c) => (c.objectives[1].calendarId = CALENDAR)],
    ['the order of the objectives', (c) => c.objectives.reverse()],
    ['a credit tier', (c) => (c.terms.creditPolicy!.tiers[0].creditPercent = 11)],
    ['the fee, by a cent', (c) => (c.terms.creditPolicy!.periodFee = '10000.01')],
    ['the dispute resolution', (c) => (c.terms.disputeResolution = 'Arbitration in Zurich')],
    ['the measurement method', (c) => (c.terms.measurement.method = 'external probes')],
  ])('changes with %s', (_what, change) => {
    const changed = content();
    change(changed);
    expect(canonicalTerms(AGREEMENT, 1, changed).sha256).not.toBe(canonicalTerms(AGREEMENT, 1, content()).sha256);
  });

  it('binds the text to its agreement and revision number', () => {
    expect(canonicalTerms(AGREEMENT, 2, content()).sha256).not.toBe(canonicalTerms(AGREEMENT, 1, content()).sha256);
    expect(canonicalTerms(CALENDAR, 1, content()).sha256).not.toBe(canonicalTerms(AGREEMENT, 1, content()).sha256);
  });

  it('gives the same hash today as it gave when these terms were written (a pinned value)', () => {
    const { sha256 } = canonicalTerms(AGREEMENT, 1, content());
    expect(sha256).toBe(PINNED);
  });
});

// Pinned from the first run: a change of the canonical form that moves it must be deliberate (a new CANONICAL_FORMAT).
// Pinned again once, before any release, when the form took in the terms that arrived with it (pause rules,
// objective conditions, supported objectives, budgeting, the burn-rate alert policy, the dispute procedure).
const PINNED = '6d2c5c97d30f99e770b0e511db86680060bac09152e80af228313df9e29d8a74';
