import { AgreementStatus, Party, RevisionState } from '../../common/agreement-enums';
import { Role } from '../../common/roles';
import { type RevisionRecord } from './history-file';
import { approvedAt, contentHash, importedPeriods, importedStates, revisionDraft, signedHistoryProblems } from './history-rules';

const d = (iso: string) => new Date(iso);
const NOW = d('2026-03-05T00:00:00Z');
const rev = (number: number, from: string, extra: Partial<RevisionRecord> = {}): RevisionRecord => ({
  number,
  title: `R${number}`,
  effectiveFrom: d(from),
  objectives: [{ metric: 'AVAILABILITY' as never, target: 99.9 }],
  signatures: [
    { party: Party.PROVIDER, name: 'Jane', at: d('2024-12-01T00:00:00Z') },
    { party: Party.CUSTOMER, name: 'Max', at: d('2024-12-02T00:00:00Z') },
  ],
  evidence: { document: 'dms://x', sha256: 'a'.repeat(64) },
  ...extra,
});
const problems = (revisions: RevisionRecord[], customerId: string | null = 'c1', calendars = new Map<string, string>()) =>
  signedHistoryProblems({ customerId }, revisions, calendars, NOW).map((e) => [e.field.join('.'), e.code]);

describe('the rules of signed history', () => {
  it('accepts revisions numbered 1, 2, 3 that follow each other, signed by every party needed', () => {
    expect(problems([rev(1, '2025-01-01T00:00:00Z'), rev(2, '2025-07-01T00:00:00Z', { effectiveTo: d('2027-01-01T00:00:00Z') })])).toEqual([]);
  });

  it.each([
    ['a gap in the numbers', [rev(1, '2025-01-01T00:00:00Z'), rev(3, '2025-07-01T00:00:00Z')], [['revisions.1.number', 'INVALID_INPUT']]],
    ['numbers out of order', [rev(2, '2025-01-01T00:00:00Z'), rev(1, '2025-07-01T00:00:00Z')], [['revisions.0.number', 'INVALID_INPUT'], ['revisions.1.number', 'INVALID_INPUT']]],
    ['a revision starting with or before the previous one', [rev(1, '2025-01-01T00:00:00Z'), rev(2, '2025-01-01T00:00:00Z')], [['revisions.1.effectiveFrom', 'INVALID_INPUT']]],
    ['overlapping periods', [rev(1, '2025-01-01T00:00:00Z', { effectiveTo: d('2025-08-01T00:00:00Z') }), rev(2, '2025-07-01T00:00:00Z')], [['revisions.1.effectiveFrom', 'INVALID_INPUT']]],
    ['an earlier revision starting in the future', [rev(1, '2026-04-01T00:00:00Z'), rev(2, '2026-05-01T00:00:00Z')], [['revisions.0.effectiveFrom', 'INVALID_INPUT']]],
    ['a missing signature', [rev(1, '2025-01-01T00:00:00Z', { signatures: [{ party: Party.PROVIDER, name: 'Jane', at: d('2024-12-01T00:00:00Z') }] })], [['revisions.0.signatures', 'INVALID_INPUT']]],
    [
      'a party signing twice',
      [rev(1, '2025-01-01T00:00:00Z', { signatures: [...rev(1, '2025-01-01T00:00:00Z').signatures, { party: Party.CUSTOMER, name: 'Eve', at: d('2024-12-03T00:00:00Z') }] })],
      [['revisions.0.signatures.2.party', 'INVALID_INPUT']],
    ],
    ['a signature in the future', [rev(1, '2025-01-01T00:00:00Z', { signatures: [{ party: Party.PROVIDER, name: 'J', at: d('2026-04-01T00:00:00Z') }, { party: Party.CUSTOMER, name: 'M', at: d('2024-01-01T00:00:00Z') }] })], [['revisions.0.signatures.0.at', 'INVALID_INPUT']]],
    ['an objective the rules refuse', [rev(1, '2025-01-01T00:00:00Z', { objectives: [{ metric: 'FIRST_RESPONSE_TIME' as never, priority: 'P5' }] })], [['revisions.0.objectives.0.priority', 'INVALID_INPUT'], ['revisions.0.objectives.0.targetDuration', 'INVALID_INPUT']]],
    ['an unknown calendar', [rev(1, '2025-01-01T00:00:00Z', { objectives: [{ metric: 'RESOLUTION_TIME' as never, priority: 'P1', targetDuration: 'PT4H', calendar: 'Mars' }] })], [['revisions.0.objectives.0.calendar', 'NOT_FOUND']]],
    ['terms the rules refuse', [rev(1, '2025-01-01T00:00:00Z', { creditPolicy: { currency: 'EUR', periodFee: 'lots', tiers: [] } })], [['revisions.0.creditPolicy.periodFee', 'INVALID_INPUT']]],
    ['an end before the start', [rev(1, '2025-01-01T00:00:00Z', { effectiveTo: d('2024-01-01T00:00:00Z') })], [['revisions.0.effectiveTo', 'INVALID_INPUT']]],
  ])('refuses %s, naming the field', (_name, revisions, expected) => {
    expect(problems(revisions)).toEqual(expected);
  });

  it('a provider-only agreement takes no customer signature', () => {
    expect(problems([rev(1, '2025-01-01T00:00:00Z')], null)).toEqual([['revisions.0.signatures.1.party', 'NOT_ALLOWED']]);
  });

  it('finds calendars by name, whatever the case', () => {
    expect(problems([rev(1, '2025-01-01T00:00:00Z', { objectives: [{ metric: 'RESOLUTION_TIME' as never, priority: 'P1', targetDuration: 'PT4H', calendar: 'Office' }] })], 'c1', new Map([['office', 'cal-1']]))).toEqual([]);
  });

  const escalating = (calendar: string | null, after = 'PT4H') =>
    rev(1, '2025-01-01T00:00:00Z', {
      escalationPolicy: {
        levels: [
          { level: 1, name: 'Duty manager', after: 'PT1H', notifyRoles: [Role.ACCOUNT_MANAGER] },
          { level: 2, name: 'Head of operations', after, calendar, notifyUsers: ['ops-head@example.com'] },
        ],
        triggers: { clockBreach: true, unacknowledgedAfter: 'PT30M' },
      },
      settlement: { statementGracePeriod: 'P5D', correctionsNeedCustomerApproval: true },
    });

  it('carries pause rules and objectives chosen by conditions into the draft, checked by the same rules', () => {
    const withRules = rev(1, '2025-01-01T00:00:00Z', {
      objectives: [
        { metric: 'RESOLUTION_TIME' as never, priority: 'P1', targetDuration: 'PT8H' },
        { metric: 'RESOLUTION_TIME' as never, priority: 'P1', targetDuration: 'PT4H', conditions: { customerTiers: ['GOLD' as never], impacts: null } },
      ],
      pauseRules: [{ metric: 'RESOLUTION_TIME' as never, statuses: ['WAITING_ON_THIRD_PARTY'] }],
    });
    const draft = revisionDraft(withRules, new Map());
    expect(draft.objectives?.map((o) => o.conditions)).toEqual([null, { customerTiers: ['GOLD'] }]);
    expect(draft.pauseRules).toEqual([{ metric: 'RESOLUTION_TIME', statuses: ['WAITING_ON_THIRD_PARTY'] }]);
    expect(problems([withRules])).toEqual([]);
    const refused = rev(1, '2025-01-01T00:00:00Z', { pauseRules: [{ metric: 'FIRST_RESPONSE_TIME' as never, statuses: [] }] });
    expect(problems([refused])).toEqual([['revisions.0.pauseRules.0.metric', 'INVALID_INPUT']]);
  });

  it('carries the escalation policy, a level’s calendar by name, and the settlement terms into the draft', () => {
    const calendars = new Map([['office', '5f0d8a7e-2c1b-4c86-9a51-3d2f6b7e8c90']]);
    const draft = revisionDraft(escalating('office'), calendars);
    expect(draft.escalationPolicy?.levels.map((l) => [l.name, l.after, l.calendar, l.notifyRoles])).toEqual([
      ['Duty manager', 'PT1H', null, [Role.ACCOUNT_MANAGER]],
      ['Head of operations', 'PT4H', '5f0d8a7e-2c1b-4c86-9a51-3d2f6b7e8c90', []],
    ]);
    expect(draft.escalationPolicy?.triggers).toEqual({ clockBreach: true, unacknowledgedAfter: 'PT30M' });
    expect(draft.settlement).toEqual({ statementGracePeriod: 'P5D', correctionsNeedCustomerApproval: true });
    expect(problems([escalating('Office')], 'c1', calendars)).toEqual([]);
  });

  it('refuses an escalation level naming a calendar the provider does not have, or a delay that is not a duration', () => {
    expect(problems([escalating('Night shift')])).toEqual([['revisions.0.escalationPolicy.levels.1.calendar', 'NOT_FOUND']]);
    expect(problems([escalating(null, 'four hours')]).map(([field]) => field)).toEqual([expect.stringMatching(/^revisions\.0\.escalationPolicy\.levels\.1/)]);
  });
});

describe('the periods and states of imported revisions', () => {
  it('ends each revision when the next starts, unless the file ends it earlier (a gap)', () => {
    expect(
      importedPeriods([
        { effectiveFrom: d('2025-01-01T00:00:00Z'), effectiveTo: null },
        { effectiveFrom: d('2025-06-01T00:00:00Z'), effectiveTo: d('2025-09-01T00:00:00Z') },
        { effectiveFrom: d('2025-10-01T00:00:00Z'), effectiveTo: null },
      ]),
    ).toEqual([
      { effectiveFrom: d('2025-01-01T00:00:00Z'), effectiveTo: d('2025-06-01T00:00:00Z') },
      { effectiveFrom: d('2025-06-01T00:00:00Z'), effectiveTo: d('2025-09-01T00:00:00Z') },
      { effectiveFrom: d('2025-10-01T00:00:00Z'), effectiveTo: null },
    ]);
  });

  const p = (from: string, to: string | null = null) => ({ effectiveFrom: d(from), effectiveTo: to ? d(to) : null });
  it.each([
    ['the latest started ACTIVE, those before SUPERSEDED', [p('2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z'), p('2025-06-01T00:00:00Z')], [RevisionState.SUPERSEDED, RevisionState.ACTIVE], AgreementStatus.ACTIVE],
    ['one starting later APPROVED (scheduled)', [p('2025-01-01T00:00:00Z', '2026-04-01T00:00:00Z'), p('2026-04-01T00:00:00Z')], [RevisionState.ACTIVE, RevisionState.APPROVED], AgreementStatus.ACTIVE],
    ['terms that ran out: EXPIRED', [p('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')], [RevisionState.ACTIVE], AgreementStatus.EXPIRED],
    ['ending exactly now: EXPIRED', [p('2025-01-01T00:00:00Z', '2026-03-05T00:00:00Z')], [RevisionState.ACTIVE], AgreementStatus.EXPIRED],
    ['starting exactly now: ACTIVE', [p('2026-03-05T00:00:00Z')], [RevisionState.ACTIVE], AgreementStatus.ACTIVE],
    ['nothing started yet: DRAFT', [p('2026-04-01T00:00:00Z')], [RevisionState.APPROVED], AgreementStatus.DRAFT],
  ])('%s', (_name, periods, states, status) => {
    expect(importedStates(periods, NOW)).toEqual({ states, status });
  });

  it('approves a revision when its last party signed', () => {
    expect(approvedAt(rev(1, '2025-01-01T00:00:00Z'))).toEqual(d('2024-12-02T00:00:00Z'));
  });
});

describe('content hash', () => {
  it('is the same whatever the key order or empty fields, and differs with the content', () => {
    const a = contentHash({ b: 1, a: { d: d('2025-01-01T00:00:00Z'), c: null }, e: [1, 2] });
    expect(contentHash({ e: [1, 2], a: { d: d('2025-01-01T00:00:00.000Z') }, b: 1, f: undefined })).toBe(a);
    expect(contentHash({ b: 1, a: { d: d('2025-01-01T00:00:00Z') }, e: [2, 1] })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
  it('carries the dispute procedure into the draft, and refuses a bad one naming its field', () => {
    const disputing = (claimWindow: string) =>
      rev(1, '2025-01-01T00:00:00Z', { disputeProcedure: { claimWindow, stages: [{ name: 'Account manager' }, { name: 'Executive', responseDeadline: 'P20D' }] } });
    expect(revisionDraft(disputing('P60D'), new Map()).disputeProcedure).toEqual({ claimWindow: 'P60D', stages: [{ name: 'Account manager' }, { name: 'Executive', responseDeadline: 'P20D' }] });
    expect(problems([disputing('P60D')])).toEqual([]);
    expect(problems([disputing('sixty days')]).map(([field]) => field)).toEqual(['revisions.0.disputeProcedure.claimWindow']);
  });
});
