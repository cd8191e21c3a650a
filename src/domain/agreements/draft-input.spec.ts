import { DataSourceKind, Metric, Party, Priority, ReportingFrequency, ReviewCadence } from '../../common/agreement-enums';
import { Role } from '../../common/roles';
import { applyDraftInput, type DraftInput, draftInputProblems, effectiveDatesProblems } from './draft-input';
import { type CreditPolicy, type RevisionTerms } from './terms';
import { emptyTerms } from './terms-rules';

const policy: CreditPolicy = {
  currency: 'EUR',
  periodFee: '12500.00',
  tiers: [
    { below: 99.99, creditPercent: 10 },
    { below: 99.0, creditPercent: 30 },
  ],
  perBreach: [{ metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, creditPercent: 5 }],
  monthlyCapPercent: 50,
  terminationAfterConsecutiveBreaches: 3,
};

/** Terms with something in every field, so that "kept" and "replaced" can be told apart. */
function terms(): RevisionTerms {
  return {
    title: 'Managed hosting',
    description: 'Hosting of the web shop',
    scopeOfServices: 'Web shop, 24x7',
    responsibilities: [{ party: Party.PROVIDER, text: 'Operate the platform' }],
    measurement: { method: 'Synthetic probes', dataSource: DataSourceKind.THIRD_PARTY_MONITOR },
    reporting: { frequency: ReportingFrequency.MONTHLY, recipients: ['ops@customer.example'] },
    creditPolicy: policy,
    exclusions: {
      maintenanceWindows: [{ name: 'Sunday patching', description: 'Sundays 02:00-04:00', noticePeriod: 'P7D', maxPerMonth: 'PT8H' }],
      forceMajeure: 'Usual',
    },
    escalationPolicy: {
      levels: [{ level: 1, name: 'Duty manager', notifyRoles: [Role.ACCOUNT_MANAGER], notifyUsers: [], notifyWebhookEndpoints: [], after: 'PT30M' }],
      triggers: { clockWarning: true, clockBreach: true, unacknowledgedAfter: 'PT15M', objectiveBreached: true, budgetBurn: false },
    },
    reviewCadence: ReviewCadence.QUARTERLY,
    disputeResolution: 'Arbitration',
    changeProcedure: 'Written amendment',
  };
}

type TextField = 'title' | 'description' | 'scopeOfServices' | 'disputeResolution' | 'changeProcedure';
const TEXT_FIELDS: TextField[] = ['title', 'description', 'scopeOfServices', 'disputeResolution', 'changeProcedure'];

describe('applyDraftInput', () => {
  it('keeps every term when nothing is given', () => {
    expect(applyDraftInput(terms(), {})).toEqual(terms());
  });

  it('keeps every term when every field is null', () => {
    const allNull: DraftInput = {
      title: null,
      description: null,
      scopeOfServices: null,
      responsibilities: null,
      measurement: null,
      reporting: null,
      exclusions: null,
      escalationPolicy: null,
      reviewCadence: null,
      disputeResolution: null,
      changeProcedure: null,
    };
    expect(applyDraftInput(terms(), allNull)).toEqual(terms());
  });

  it('does not change the terms it is given', () => {
    const before = terms();
    applyDraftInput(before, { title: 'New', creditPolicy: null, responsibilities: [], exclusions: { maintenanceWindows: [] } });
    expect(before).toEqual(terms());
  });

  describe.each(TEXT_FIELDS)('%s', (field) => {
    it('is trimmed, and the other fields are kept', () => {
      const after = applyDraftInput(terms(), { [field]: '  New text \n' });
      expect(after).toEqual({ ...terms(), [field]: 'New text' });
    });

    it('keeps its value when undefined or null', () => {
      expect(applyDraftInput(terms(), { [field]: undefined })[field]).toBe(terms()[field]);
      expect(applyDraftInput(terms(), { [field]: null })[field]).toBe(terms()[field]);
    });
  });

  describe('credit policy', () => {
    it('is removed by null', () => {
      expect(applyDraftInput(terms(), { creditPolicy: null }).creditPolicy).toBeNull();
    });

    it('is kept when undefined', () => {
      expect(applyDraftInput(terms(), { creditPolicy: undefined }).creditPolicy).toEqual(policy);
    });

    it('is replaced as a whole, with the currency upper-cased and optional parts defaulted', () => {
      const given = { currency: 'chf', periodFee: '900.50', tiers: [{ below: 99.5, creditPercent: 15 }] } as unknown as CreditPolicy;
      expect(applyDraftInput(terms(), { creditPolicy: given }).creditPolicy).toEqual({
        currency: 'CHF',
        periodFee: '900.50',
        tiers: [{ below: 99.5, creditPercent: 15 }],
        perBreach: [],
        monthlyCapPercent: null,
        terminationAfterConsecutiveBreaches: null,
      });
    });

    it('sets a per-breach credit without priority to null', () => {
      const given = { ...policy, perBreach: [{ metric: Metric.AVAILABILITY, creditPercent: 2 }] } as unknown as CreditPolicy;
      expect(applyDraftInput(terms(), { creditPolicy: given }).creditPolicy!.perBreach).toEqual([{ metric: Metric.AVAILABILITY, priority: null, creditPercent: 2 }]);
    });

    it('replaces a removed policy with a new one', () => {
      const removed = { ...terms(), creditPolicy: null };
      expect(applyDraftInput(removed, { creditPolicy: { ...policy, currency: 'usd' } }).creditPolicy).toEqual({ ...policy, currency: 'USD' });
    });
  });

  describe('lists and objects replace the old ones', () => {
    it('responsibilities: the given list replaces the old one, texts trimmed', () => {
      const after = applyDraftInput(terms(), { responsibilities: [{ party: Party.CUSTOMER, text: ' Report incidents ' }] });
      expect(after.responsibilities).toEqual([{ party: Party.CUSTOMER, text: 'Report incidents' }]);
    });

    it('responsibilities: an empty list empties it', () => {
      expect(applyDraftInput(terms(), { responsibilities: [] }).responsibilities).toEqual([]);
    });

    it('measurement: replaced, method trimmed', () => {
      const after = applyDraftInput(terms(), { measurement: { method: ' Ticket timestamps ', dataSource: DataSourceKind.PROVIDER_REPORTED } });
      expect(after.measurement).toEqual({ method: 'Ticket timestamps', dataSource: DataSourceKind.PROVIDER_REPORTED, monitor: null });
    });

    it.each([
      [' Pingdom ', 'Pingdom'],
      ['   ', null],
      [null, null],
      [undefined, null],
    ])('measurement: the monitor %p is stored as %p', (monitor, stored) => {
      const after = applyDraftInput(terms(), { measurement: { method: 'probes', dataSource: DataSourceKind.THIRD_PARTY_MONITOR, monitor } });
      expect(after.measurement.monitor).toBe(stored);
    });

    it('reporting: replaced by a copy, not the caller\'s array', () => {
      const recipients = ['cio@customer.example'];
      const after = applyDraftInput(terms(), { reporting: { frequency: ReportingFrequency.WEEKLY, recipients } });
      expect(after.reporting).toEqual({ frequency: ReportingFrequency.WEEKLY, recipients: ['cio@customer.example'] });
      expect(after.reporting.recipients).not.toBe(recipients);
    });

    it('maintenance windows: the given list replaces the old one, names and descriptions trimmed', () => {
      const after = applyDraftInput(terms(), {
        exclusions: { maintenanceWindows: [{ name: ' Night ', description: ' 01:00-02:00 ', noticePeriod: 'P2D', maxPerMonth: null }], forceMajeure: ' Storms ' },
      });
      expect(after.exclusions).toEqual({
        maintenanceWindows: [{ name: 'Night', description: '01:00-02:00', noticePeriod: 'P2D', maxPerMonth: null }],
        forceMajeure: 'Storms',
      });
    });

    it('maintenance windows: an empty list empties it; force majeure not given becomes empty with it', () => {
      expect(applyDraftInput(terms(), { exclusions: { maintenanceWindows: [] } }).exclusions).toEqual({ maintenanceWindows: [], forceMajeure: '' });
    });

    it('escalation levels: the given list replaces the old one, names trimmed', () => {
      const levels = [
        { level: 1, name: ' Support ', notifyRoles: [Role.ANALYST], notifyUsers: [], after: 'PT15M' },
        { level: 2, name: 'Head of ops', notifyRoles: [], notifyUsers: ['user-7'], after: 'PT1H', calendar: '0b6f7c1e-8d3a-4c1e-9f4e-2a7d5c3b1e90' },
      ];
      expect(applyDraftInput(terms(), { escalationPolicy: { levels } }).escalationPolicy).toEqual({
        levels: [
          { level: 1, name: 'Support', notifyRoles: [Role.ANALYST], notifyUsers: [], notifyWebhookEndpoints: [], after: 'PT15M', calendar: null, notifySupportingParty: false },
          { level: 2, name: 'Head of ops', notifyRoles: [], notifyUsers: ['user-7'], notifyWebhookEndpoints: [], after: 'PT1H', calendar: '0b6f7c1e-8d3a-4c1e-9f4e-2a7d5c3b1e90', notifySupportingParty: false },
        ],
        triggers: { clockWarning: false, clockBreach: true, unacknowledgedAfter: null, objectiveBreached: false, budgetBurn: false },
      });
    });

    it('escalation levels: an empty list empties it', () => {
      expect(applyDraftInput(terms(), { escalationPolicy: { levels: [] } }).escalationPolicy.levels).toEqual([]);
    });

    it('escalation triggers: those given replace the old ones, the rest take the defaults', () => {
      expect(applyDraftInput(terms(), { escalationPolicy: { levels: [], triggers: { unacknowledgedAfter: 'PT5M' } } }).escalationPolicy.triggers).toEqual({
        clockWarning: false,
        clockBreach: true,
        unacknowledgedAfter: 'PT5M',
        objectiveBreached: false,
        budgetBurn: false,
      });
    });
  });

  it('changes the review cadence when given', () => {
    expect(applyDraftInput(terms(), { reviewCadence: ReviewCadence.ANNUAL })).toEqual({ ...terms(), reviewCadence: ReviewCadence.ANNUAL });
  });

  it('changes only what is given', () => {
    const after = applyDraftInput(terms(), { title: ' Premium hosting ', reviewCadence: ReviewCadence.MONTHLY, responsibilities: [] });
    expect(after).toEqual({ ...terms(), title: 'Premium hosting', reviewCadence: ReviewCadence.MONTHLY, responsibilities: [] });
  });
});

describe('draftInputProblems', () => {
  const at = ['terms'];
  const fields = (input: DraftInput) => draftInputProblems(input, at).map((e) => e.field);

  it('finds nothing in an empty input or a good one', () => {
    expect(draftInputProblems({}, at)).toEqual([]);
    expect(draftInputProblems({ creditPolicy: policy, objectives: [{ metric: Metric.AVAILABILITY, target: 99.9 }] }, at)).toEqual([]);
  });

  it('reports the rules of terms, objectives and dates together, each with its field', () => {
    expect(
      fields({
        creditPolicy: { ...policy, tiers: [{ below: 99.9, creditPercent: 150 }] },
        objectives: [{ metric: Metric.AVAILABILITY, target: 150 }, { metric: Metric.FIRST_RESPONSE_TIME, priority: 'P9', targetDuration: 'PT0S' }],
        escalationPolicy: { levels: [{ level: 2, name: 'On call', after: 'PT0S', notifyRoles: [Role.PROVIDER_ADMIN] }] },
        effectiveFrom: new Date('2026-03-01T00:00:00Z'),
        effectiveTo: new Date('2026-03-01T00:00:00Z'),
      }),
    ).toEqual([
      [...at, 'creditPolicy', 'tiers', 0, 'creditPercent'],
      [...at, 'escalationPolicy', 'levels', 0, 'level'],
      [...at, 'escalationPolicy', 'levels', 0, 'after'],
      [...at, 'objectives', 0, 'target'],
      [...at, 'objectives', 1, 'priority'],
      [...at, 'objectives', 1, 'targetDuration'],
      [...at, 'effectiveTo'],
    ]);
  });

  it.each([
    ['no dates', null, null, 0],
    ['only a start', new Date('2026-03-01T00:00:00Z'), null, 0],
    ['an end after the start', new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T00:00:01Z'), 0],
    ['an end at the start', new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'), 1],
    ['an end before the start', new Date('2026-03-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'), 1],
  ])('effective dates with %s: %d problem(s)', (_what, from, to, count) => {
    expect(effectiveDatesProblems(from, to, at)).toHaveLength(count);
  });
});

describe('applyDraftInput: the dispute procedure', () => {
  const base = emptyTerms('Hosting');
  it('is absent (the defaults apply) until given, and kept when not given again', () => {
    expect(applyDraftInput(base, {}).disputeProcedure).toBeUndefined();
    const given = applyDraftInput(base, { disputeProcedure: { claimWindow: 'P45D', stages: [{ name: ' Desk ' }, { name: 'Board', responseDeadline: 'P20D' }] } });
    expect(given.disputeProcedure).toEqual({ claimWindow: 'P45D', responseDeadline: 'P10D', stages: [{ name: 'Desk', responseDeadline: null }, { name: 'Board', responseDeadline: 'P20D' }] });
    expect(applyDraftInput(given, { title: 'Renamed' }).disputeProcedure).toEqual(given.disputeProcedure);
  });

  it('takes the default stages when only the durations are given', () => {
    expect(applyDraftInput(base, { disputeProcedure: { responseDeadline: 'P14D' } }).disputeProcedure?.stages.map((s) => s.name)).toEqual(['Account manager', 'Service manager', 'Executive']);
  });
});
