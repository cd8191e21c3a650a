import {
  BudgetingMethod,
  Comparator,
  DataSourceKind,
  Metric,
  Party,
  Priority,
  ReportingFrequency,
  ReviewCadence,
  WindowKind,
} from '../../common/agreement-enums';
import { Role } from '../../common/roles';
import { type DiffEntry, diffRevisions } from './revision-diff';
import { type ApiIds, revisionView } from './revision-view';
import { DEFAULT_ESCALATION_TRIGGERS } from './terms-rules';
import { type CreditPolicy, type EscalationLevelTerms, type ObjectiveTerms, type RevisionContent, type RevisionTerms } from './terms';

function objective(metric: Metric, priority: Priority | null, overrides: Partial<ObjectiveTerms> = {}): ObjectiveTerms {
  const time = metric !== Metric.AVAILABILITY && metric !== Metric.RATIO && metric !== Metric.SATISFACTION;
  return {
    metric,
    priority,
    name: priority ? `${metric} ${priority}` : metric,
    description: '',
    comparator: time ? Comparator.AT_MOST : Comparator.AT_LEAST,
    target: time ? null : 99.9,
    targetSeconds: time ? 3600 : null,
    window: { kind: WindowKind.CALENDAR_MONTH, days: null },
    calendarId: null,
    warningThresholdPercent: 75,
    degradedWeightPercent: 50,
    budgeting: { method: BudgetingMethod.OCCURRENCES, sliceSeconds: null, sliceTarget: null },
    ...overrides,
  };
}

function creditPolicy(overrides: Partial<CreditPolicy> = {}): CreditPolicy {
  return {
    currency: 'EUR',
    periodFee: '12500.00',
    tiers: [
      { below: 99.99, creditPercent: 10 },
      { below: 99.0, creditPercent: 30 },
      { below: 95.0, creditPercent: 100 },
    ],
    perBreach: [{ metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, creditPercent: 5 }],
    monthlyCapPercent: 50,
    terminationAfterConsecutiveBreaches: 3,
    ...overrides,
  };
}

function level(n: number, overrides: Partial<EscalationLevelTerms> = {}): EscalationLevelTerms {
  return { level: n, name: `Level ${n}`, notifyRoles: [Role.ACCOUNT_MANAGER], notifyUsers: [], notifyWebhookEndpoints: [], after: 'PT30M', ...overrides };
}

/** A complete revision; each test passes only what differs. */
function content(overrides: { terms?: Partial<RevisionTerms> } & Partial<Omit<RevisionContent, 'terms'>> = {}): RevisionContent {
  const { terms, ...rest } = overrides;
  return {
    terms: {
      title: 'Managed hosting',
      description: 'Hosting of the web shop',
      scopeOfServices: 'Web shop, 24x7',
      responsibilities: [
        { party: Party.PROVIDER, text: 'Operate the platform' },
        { party: Party.CUSTOMER, text: 'Report incidents through the portal' },
      ],
      measurement: { method: 'Synthetic probes every minute', dataSource: DataSourceKind.THIRD_PARTY_MONITOR },
      reporting: { frequency: ReportingFrequency.MONTHLY, recipients: ['ops@customer.example'] },
      creditPolicy: creditPolicy(),
      exclusions: {
        maintenanceWindows: [{ name: 'Sunday patching', description: 'Sundays 02:00-04:00', noticePeriod: 'P7D', maxPerMonth: 'PT8H' }],
        forceMajeure: 'Usual',
      },
      escalationPolicy: { levels: [level(1), level(2, { after: 'PT1H' })], triggers: { ...DEFAULT_ESCALATION_TRIGGERS } },
      reviewCadence: ReviewCadence.QUARTERLY,
      disputeResolution: 'Arbitration',
      changeProcedure: 'Written amendment',
      ...terms,
    },
    effectiveFrom: '2026-01-01T00:00:00.000Z',
    effectiveTo: null,
    objectives: [
      objective(Metric.AVAILABILITY, null),
      objective(Metric.FIRST_RESPONSE_TIME, Priority.P1, { targetSeconds: 900 }),
      objective(Metric.FIRST_RESPONSE_TIME, Priority.P2, { targetSeconds: 3600 }),
    ],
    ...rest,
  };
}

const IDS: ApiIds = { calendar: (id) => `BusinessCalendar:${id}`, webhookEndpoint: (id) => `WebhookEndpoint:${id}`, objective: (id) => `Objective:${id}` };
/** The diff of two revisions as the API shows them. */
const diff = (before: RevisionContent, after: RevisionContent): DiffEntry[] => diffRevisions(revisionView(before, IDS), revisionView(after, IDS));

/** An objective as the API shows it (what ADDED and REMOVED entries hold). */
const shown = (o: ObjectiveTerms) => revisionView(content({ objectives: [o] }), IDS).objectives[0];

const base = content();
const paths = (entries: DiffEntry[]): string[] => entries.map((e) => e.path);

describe('diffRevisions', () => {
  it('finds nothing between identical content, nor between equal copies', () => {
    expect(diff(base, base)).toEqual([]);
    expect(diff(content(), structuredClone(content()))).toEqual([]);
  });

  it('reports a changed target as exactly one CHANGED entry with both values', () => {
    const after = content({
      objectives: [
        objective(Metric.AVAILABILITY, null, { target: 99.95 }),
        objective(Metric.FIRST_RESPONSE_TIME, Priority.P1, { targetSeconds: 900 }),
        objective(Metric.FIRST_RESPONSE_TIME, Priority.P2, { targetSeconds: 3600 }),
      ],
    });
    expect(diff(base, after)).toEqual([{ path: 'objectives[AVAILABILITY].target', kind: 'CHANGED', before: 99.9, after: 99.95 }]);
  });

  it('matches objectives by metric and priority, so a changed target moved in the list is still one CHANGED entry', () => {
    const after = content({
      objectives: [
        objective(Metric.FIRST_RESPONSE_TIME, Priority.P2, { targetSeconds: 3600 }),
        objective(Metric.FIRST_RESPONSE_TIME, Priority.P1, { targetSeconds: 600 }),
        objective(Metric.AVAILABILITY, null),
      ],
    });
    expect(diff(base, after)).toEqual([
      { path: 'objectives[FIRST_RESPONSE_TIME/P1].targetDuration', kind: 'CHANGED', before: 'PT15M', after: 'PT10M' },
    ]);
  });

  it('does not count reordered objectives as a change', () => {
    expect(diff(base, content({ objectives: [...base.objectives].reverse() }))).toEqual([]);
  });

  it('reports an objective only in after as one ADDED entry holding the whole objective', () => {
    const resolution = objective(Metric.RESOLUTION_TIME, Priority.P2, { targetSeconds: 28800 });
    const after = content({ objectives: [...base.objectives, resolution] });
    expect(diff(base, after)).toEqual([{ path: 'objectives[RESOLUTION_TIME/P2]', kind: 'ADDED', before: null, after: shown(resolution) }]);
  });

  it('reports an objective only in before as one REMOVED entry holding the whole objective', () => {
    const after = content({ objectives: base.objectives.filter((o) => o.metric !== Metric.AVAILABILITY) });
    expect(diff(base, after)).toEqual([
      { path: 'objectives[AVAILABILITY]', kind: 'REMOVED', before: shown(base.objectives[0]), after: null },
    ]);
  });

  it('keeps objectives of one metric with different priorities apart', () => {
    const after = content({
      objectives: [
        objective(Metric.AVAILABILITY, null),
        objective(Metric.FIRST_RESPONSE_TIME, Priority.P2, { targetSeconds: 3600 }),
        objective(Metric.FIRST_RESPONSE_TIME, Priority.P3, { targetSeconds: 900 }),
      ],
    });
    // P3 now has P1's old target: still P1 removed and P3 added, not a change of P1's priority.
    expect(diff(base, after)).toEqual([
      { path: 'objectives[FIRST_RESPONSE_TIME/P1]', kind: 'REMOVED', before: shown(base.objectives[1]), after: null },
      { path: 'objectives[FIRST_RESPONSE_TIME/P3]', kind: 'ADDED', before: null, after: shown(after.objectives[2]) },
    ]);
  });

  it('compares fields nested in an objective down to the leaf', () => {
    const after = content({
      objectives: [objective(Metric.AVAILABILITY, null, { window: { kind: WindowKind.ROLLING_DAYS, days: 30 } }), ...base.objectives.slice(1)],
    });
    expect(diff(base, after)).toEqual([
      { path: 'objectives[AVAILABILITY].window.kind', kind: 'CHANGED', before: WindowKind.CALENDAR_MONTH, after: WindowKind.ROLLING_DAYS },
      { path: 'objectives[AVAILABILITY].window.days', kind: 'CHANGED', before: null, after: 30 },
    ]);
  });

  it('shows a change of budgeting method with the slice as the API writes it', () => {
    const after = content({
      objectives: [objective(Metric.AVAILABILITY, null, { budgeting: { method: BudgetingMethod.TIMESLICES, sliceSeconds: 300, sliceTarget: 95 } }), ...base.objectives.slice(1)],
    });
    expect(diff(base, after)).toEqual([
      { path: 'objectives[AVAILABILITY].budgeting.method', kind: 'CHANGED', before: BudgetingMethod.OCCURRENCES, after: BudgetingMethod.TIMESLICES },
      { path: 'objectives[AVAILABILITY].budgeting.sliceDuration', kind: 'CHANGED', before: null, after: 'PT5M' },
      { path: 'objectives[AVAILABILITY].budgeting.sliceTarget', kind: 'CHANGED', before: null, after: 95 },
    ]);
  });

  it('names paths and values as the API does: targetDuration in hours, the calendar by its global id', () => {
    const calendar = '5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
    const after = content({
      objectives: [
        base.objectives[0],
        objective(Metric.FIRST_RESPONSE_TIME, Priority.P1, { targetSeconds: 30 * 3600, calendarId: calendar }),
        base.objectives[2],
      ],
    });
    expect(diff(base, after)).toEqual([
      { path: 'objectives[FIRST_RESPONSE_TIME/P1].targetDuration', kind: 'CHANGED', before: 'PT15M', after: 'PT30H' },
      { path: 'objectives[FIRST_RESPONSE_TIME/P1].calendar', kind: 'CHANGED', before: null, after: `BusinessCalendar:${calendar}` },
    ]);
  });

  it('compares durations by length, however they were written (P7D and PT168H)', () => {
    const window = base.terms.exclusions.maintenanceWindows[0];
    const after = content({
      terms: {
        exclusions: { maintenanceWindows: [{ ...window, noticePeriod: 'PT168H', maxPerMonth: 'PT480M' }], forceMajeure: 'Usual' },
        escalationPolicy: { levels: [level(1, { after: 'PT1800S' }), level(2, { after: 'PT60M' })], triggers: { ...DEFAULT_ESCALATION_TRIGGERS } },
      },
    });
    expect(diff(base, after)).toEqual([]);
  });

  it('compares numbers by value (99.9 and 99.90, 0 and -0)', () => {
    const before = content({ objectives: [objective(Metric.AVAILABILITY, null, { target: 99.9, degradedWeightPercent: 0 })] });
    const after = content({ objectives: [objective(Metric.AVAILABILITY, null, { target: Number('99.90'), degradedWeightPercent: -0 })] });
    expect(diff(before, after)).toEqual([]);
  });

  describe('credit tiers, matched by below', () => {
    it('reports a changed credit as one CHANGED entry', () => {
      const after = content({
        terms: { creditPolicy: creditPolicy({ tiers: [{ below: 99.99, creditPercent: 10 }, { below: 99, creditPercent: 25 }, { below: 95, creditPercent: 100 }] }) },
      });
      expect(diff(base, after)).toEqual([
        { path: 'creditPolicy.tiers[below=99.0].creditPercent', kind: 'CHANGED', before: 30, after: 25 },
      ]);
    });

    it('reports an added tier as one ADDED entry, wherever it is inserted', () => {
      const tiers = creditPolicy().tiers;
      const after = content({ terms: { creditPolicy: creditPolicy({ tiers: [{ below: 99.5, creditPercent: 20 }, ...tiers] }) } });
      expect(diff(base, after)).toEqual([
        { path: 'creditPolicy.tiers[below=99.5]', kind: 'ADDED', before: null, after: { below: 99.5, creditPercent: 20 } },
      ]);
    });

    it('reports a removed tier as one REMOVED entry, without shifting the others', () => {
      const after = content({ terms: { creditPolicy: creditPolicy({ tiers: creditPolicy().tiers.slice(1) }) } });
      expect(diff(base, after)).toEqual([
        { path: 'creditPolicy.tiers[below=99.99]', kind: 'REMOVED', before: { below: 99.99, creditPercent: 10 }, after: null },
      ]);
    });
  });

  it('matches per-breach credits by metric and priority', () => {
    const after = content({
      terms: {
        creditPolicy: creditPolicy({
          perBreach: [
            { metric: Metric.RESOLUTION_TIME, priority: Priority.P1, creditPercent: 10 },
            { metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, creditPercent: 7.5 },
          ],
        }),
      },
    });
    expect(diff(base, after)).toEqual([
      { path: 'creditPolicy.perBreach[FIRST_RESPONSE_TIME/P1].creditPercent', kind: 'CHANGED', before: 5, after: 7.5 },
      {
        path: 'creditPolicy.perBreach[RESOLUTION_TIME/P1]',
        kind: 'ADDED',
        before: null,
        after: { metric: Metric.RESOLUTION_TIME, priority: Priority.P1, creditPercent: 10 },
      },
    ]);
  });

  it('reports changed escalation triggers and webhook endpoints field by field', () => {
    const after = content({
      terms: {
        escalationPolicy: {
          levels: [level(1, { notifyWebhookEndpoints: ['0b7c6a52-5f0e-4a8e-9d3c-1f2e3d4c5b6a'] }), level(2, { after: 'PT1H' })],
          triggers: { ...DEFAULT_ESCALATION_TRIGGERS, clockWarning: true, unacknowledgedAfter: 'PT10M' },
        },
      },
    });
    expect(diff(base, after)).toEqual([
      { path: 'escalationPolicy.levels[level=1].notifyWebhookEndpoints', kind: 'CHANGED', before: [], after: ['WebhookEndpoint:0b7c6a52-5f0e-4a8e-9d3c-1f2e3d4c5b6a'] },
      { path: 'escalationPolicy.triggers.clockWarning', kind: 'CHANGED', before: false, after: true },
      { path: 'escalationPolicy.triggers.unacknowledgedAfter', kind: 'CHANGED', before: null, after: 'PT10M' },
    ]);
  });

  it("reports a level's delay moved to business hours as its calendar, and a stored level without one as none (null), not as a change", () => {
    const calendar = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    const after = content({ terms: { escalationPolicy: { levels: [level(1), level(2, { after: 'PT1H', calendar })], triggers: { ...DEFAULT_ESCALATION_TRIGGERS } } } });
    expect(diff(base, after)).toEqual([{ path: 'escalationPolicy.levels[level=2].calendar', kind: 'CHANGED', before: null, after: `BusinessCalendar:${calendar}` }]);
    const explicitNone = content({ terms: { escalationPolicy: { levels: [level(1, { calendar: null }), level(2, { after: 'PT1H' })], triggers: { ...DEFAULT_ESCALATION_TRIGGERS } } } });
    expect(diff(base, explicitNone)).toEqual([]);
  });

  it("reports an escalation level's changed delay under its level number", () => {
    const after = content({ terms: { escalationPolicy: { levels: [level(2, { after: 'PT2H' }), level(1)], triggers: { ...DEFAULT_ESCALATION_TRIGGERS } } } });
    expect(diff(base, after)).toEqual([{ path: 'escalationPolicy.levels[level=2].after', kind: 'CHANGED', before: 'PT1H', after: 'PT2H' }]);
  });

  it('reports a credit policy appearing as one ADDED entry, and disappearing as one REMOVED entry', () => {
    const without = content({ terms: { creditPolicy: null } });
    expect(diff(without, base)).toEqual([{ path: 'creditPolicy', kind: 'ADDED', before: null, after: creditPolicy() }]);
    expect(diff(base, without)).toEqual([{ path: 'creditPolicy', kind: 'REMOVED', before: creditPolicy(), after: null }]);
  });

  it('compares the period fee as a decimal', () => {
    expect(diff(base, content({ terms: { creditPolicy: creditPolicy({ periodFee: '12500.0' }) } }))).toEqual([]);
    expect(diff(base, content({ terms: { creditPolicy: creditPolicy({ periodFee: '12500.01' }) } }))).toEqual([
      { path: 'creditPolicy.periodFee', kind: 'CHANGED', before: '12500.00', after: '12500.01' },
    ]);
  });

  it('reports a changed list of strings as one CHANGED entry of the whole list, ignoring its order', () => {
    const recipients = ['ops@customer.example', 'cio@customer.example'];
    const after = content({ terms: { reporting: { frequency: ReportingFrequency.MONTHLY, recipients } } });
    expect(diff(base, after)).toEqual([
      { path: 'reporting.recipients', kind: 'CHANGED', before: ['ops@customer.example'], after: recipients },
    ]);
    const reordered = content({ terms: { reporting: { frequency: ReportingFrequency.MONTHLY, recipients: [...recipients].reverse() } } });
    expect(diff(after, reordered)).toEqual([]);
  });

  it('matches responsibilities by position', () => {
    const after = content({
      terms: {
        responsibilities: [
          { party: Party.PROVIDER, text: 'Operate and patch the platform' },
          { party: Party.CUSTOMER, text: 'Report incidents through the portal' },
          { party: Party.CUSTOMER, text: 'Name a contact' },
        ],
      },
    });
    expect(diff(base, after)).toEqual([
      { path: 'responsibilities[0].text', kind: 'CHANGED', before: 'Operate the platform', after: 'Operate and patch the platform' },
      { path: 'responsibilities[2]', kind: 'ADDED', before: null, after: { party: Party.CUSTOMER, text: 'Name a contact' } },
    ]);
  });

  it('matches maintenance windows by name', () => {
    const window = base.terms.exclusions.maintenanceWindows[0];
    const after = content({
      terms: {
        exclusions: {
          maintenanceWindows: [{ ...window, name: 'Emergency', noticePeriod: 'PT4H' }, { ...window, maxPerMonth: null }],
          forceMajeure: 'Usual',
        },
      },
    });
    expect(diff(base, after)).toEqual([
      { path: 'exclusions.maintenanceWindows[name="Emergency"]', kind: 'ADDED', before: null, after: after.terms.exclusions.maintenanceWindows[0] },
      { path: 'exclusions.maintenanceWindows[name="Sunday patching"].maxPerMonth', kind: 'CHANGED', before: 'PT8H', after: null },
    ]);
  });

  it('reports a changed effectiveFrom, comparing instants rather than spellings', () => {
    expect(diff(base, content({ effectiveFrom: '2026-02-01T00:00:00.000Z' }))).toEqual([
      { path: 'effectiveFrom', kind: 'CHANGED', before: '2026-01-01T00:00:00.000Z', after: '2026-02-01T00:00:00.000Z' },
    ]);
    expect(diff(base, content({ effectiveFrom: '2026-01-01T01:00:00+01:00' }))).toEqual([]);
  });

  it('gives several changes in a deterministic order: terms in field order, dates, then objectives by metric and priority', () => {
    const after = content({
      terms: {
        title: 'Managed hosting 2026',
        measurement: { method: 'Synthetic probes every minute', dataSource: DataSourceKind.PROVIDER_REPORTED },
        creditPolicy: creditPolicy({ monthlyCapPercent: 100, tiers: [{ below: 95, creditPercent: 100 }] }),
        escalationPolicy: { levels: [level(1, { notifyUsers: ['u-1'] }), level(2, { after: 'PT1H' })], triggers: { ...DEFAULT_ESCALATION_TRIGGERS } },
        reviewCadence: ReviewCadence.MONTHLY,
      },
      effectiveTo: '2026-12-31T23:59:59.000Z',
      objectives: [
        objective(Metric.RESOLUTION_TIME, Priority.P1),
        objective(Metric.FIRST_RESPONSE_TIME, Priority.P2, { targetSeconds: 1800 }),
        objective(Metric.AVAILABILITY, null, { target: 99.5 }),
      ],
    });
    const expected = [
      'title',
      'measurement.dataSource',
      'creditPolicy.tiers[below=99.99]',
      'creditPolicy.tiers[below=99.0]',
      'creditPolicy.monthlyCapPercent',
      'escalationPolicy.levels[level=1].notifyUsers',
      'reviewCadence',
      'effectiveTo',
      'objectives[AVAILABILITY].target',
      'objectives[FIRST_RESPONSE_TIME/P1]',
      'objectives[FIRST_RESPONSE_TIME/P2].targetDuration',
      'objectives[RESOLUTION_TIME/P1]',
    ];
    expect(paths(diff(base, after))).toEqual(expected);
    const shuffled: RevisionContent = { ...after, objectives: [...after.objectives].reverse() };
    expect(diff(base, shuffled)).toEqual(diff(base, after));
    expect(diff(after, base).map((e) => e.kind)).toEqual(
      diff(base, after).map((e) => (e.kind === 'ADDED' ? 'REMOVED' : e.kind === 'REMOVED' ? 'ADDED' : 'CHANGED')),
    );
  });

  it('pairs items that share a key in order of appearance instead of losing one', () => {
    const before = content({ objectives: [objective(Metric.AVAILABILITY, null), objective(Metric.AVAILABILITY, null, { target: 99 })] });
    const after = content({ objectives: [objective(Metric.AVAILABILITY, null), objective(Metric.AVAILABILITY, null, { target: 98 })] });
    expect(diff(before, after)).toEqual([{ path: 'objectives[AVAILABILITY#2].target', kind: 'CHANGED', before: 99, after: 98 }]);
  });

  it('leaves its inputs alone and hands out copies', () => {
    const after = content({ terms: { creditPolicy: null } });
    const snapshot = structuredClone([base, after]);
    const [entry] = diff(base, after);
    (entry.before as CreditPolicy).tiers.push({ below: 50, creditPercent: 1 });
    expect([base, after]).toEqual(snapshot);
  });
});
