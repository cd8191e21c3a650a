import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { mintAccessToken } from '../src/domain/identity/access-token';
import {
  AGREEMENT_AMEND,
  AGREEMENT_CREATE,
  agreementWorld,
  objectives,
  REVISION_APPROVE,
  REVISION_PROPOSE,
  REVISION_UPDATE,
  type AgreementWorld,
} from './support/agreement-fixtures';
import { TEST_JWT_SECRET, TestApp } from './support/test-app';

/**
 * The contract's history as an analyst reads it: revisions in number order, the terms in force
 * at any instant, what changed between two revisions field by field, and who did what when.
 *
 * Timeline (the server's clock is under the test's control):
 * - 2026-01-01 09:00  revision 1 created, proposed and approved by the provider: in force at once
 *                     (its requested effectiveFrom, midnight, is already past, so it starts when signed)
 * - 2026-02-01 10:00  revision 2 amended, edited, proposed and approved for 2026-03-01 (scheduled)
 * - 2026-03-01 00:00  the scheduler activates revision 2; revision 1 is superseded
 * - 2026-04-01 12:00  revision 3 amended, edited, proposed and approved: in force at once
 */
describe('agreement history: revisions, terms in force at an instant, diffs and events', () => {
  const clock = new FixedClock(new Date('2026-01-01T09:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let jane: string;
  let max: string;
  let agreementId: string;
  const revisionIds: string[] = [];
  /** What a client saw of the scheduled revision 2: when it was signed, at its date before the scheduler ran, and after. */
  const seen: Record<'atSigning' | 'beforeScheduler' | 'afterScheduler', any> = { atSigning: null, beforeScheduler: null, afterScheduler: null };
  const look = async () =>
    (
      await t.ok(
        `query($id: ID!) { agreement(id: $id) { currentRevision { number state } revisions { nodes { number state effectiveFrom effectiveTo } } } }`,
        { id: agreementId },
        jane,
      )
    ).agreement;

  const REVISION_FIELDS = `id number state title effectiveFrom effectiveTo`;

  const amendAndSign = async (terms: Record<string, unknown>) => {
    const draft = (await t.ok(AGREEMENT_AMEND, { id: agreementId }, jane)).agreementAmend.revision;
    const edited = await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms } }, jane);
    expect(edited.revisionUpdate.userErrors).toEqual([]);
    expect((await t.ok(REVISION_PROPOSE, { id: draft.id }, jane)).revisionPropose.userErrors).toEqual([]);
    const approved = await t.ok(REVISION_APPROVE, { id: draft.id }, max);
    expect(approved.revisionApprove.userErrors).toEqual([]);
    return draft.id as string;
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await agreementWorld(t);
    jane = await t.token(w.provider, [Role.PROVIDER_ADMIN], undefined, { sub: 'jane.doe@acme.example' });
    // A token with a display name: the history shows the name rather than the subject.
    max = await mintAccessToken(
      { secret: TEST_JWT_SECRET },
      { sub: 'max.mustermann@acme.example', name: 'Max Mustermann', provider: w.provider.globalId, roles: [Role.ACCOUNT_MANAGER] },
      3600,
    );

    // 2026-01-01 09:00: revision 1.
    const created = await t.ok(
      AGREEMENT_CREATE,
      {
        input: {
          kind: 'SERVICE_BASED',
          level: 'SERVICE',
          services: [w.serviceMpg.id],
          terms: {
            title: 'Managed PostgreSQL SLA',
            effectiveFrom: '2026-01-01T00:00:00Z',
            objectives: [objectives.availability(99.9), objectives.response('P1', 'PT30M'), { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT8H' }],
            creditPolicy: { currency: 'EUR', periodFee: '12500.00', tiers: [{ below: 99.9, creditPercent: 10 }, { below: 99.0, creditPercent: 25 }] },
          },
        },
      },
      jane,
    );
    expect(created.agreementCreate.userErrors).toEqual([]);
    agreementId = created.agreementCreate.agreement.id;
    revisionIds.push(created.agreementCreate.revision.id);
    await t.ok(REVISION_PROPOSE, { id: revisionIds[0] }, jane);
    await t.ok(REVISION_APPROVE, { id: revisionIds[0] }, max);

    // 2026-02-01 10:00: revision 2, scheduled for 2026-03-01.
    clock.set(new Date('2026-02-01T10:00:00Z'));
    revisionIds.push(await amendAndSign({ title: 'Managed PostgreSQL SLA 2026', effectiveFrom: '2026-03-01T00:00:00Z' }));
    seen.atSigning = await look();

    // 2026-03-01 00:00: the date has come; before and after the scheduler runs.
    clock.set(new Date('2026-03-01T00:00:00Z'));
    seen.beforeScheduler = await look();
    await t.app.jobs.revisionActivation!.runNow();
    seen.afterScheduler = await look();

    // 2026-04-01 12:00: revision 3, in force at once.
    clock.set(new Date('2026-04-01T12:00:00Z'));
    revisionIds.push(
      await amendAndSign({
        title: 'Managed PostgreSQL SLA 2026 (rev. 3)',
        effectiveFrom: '2026-04-01T12:00:00Z',
        objectives: [objectives.availability(99.95), objectives.response('P1', 'PT30M'), objectives.response('P2', 'PT2H')],
        creditPolicy: { currency: 'EUR', periodFee: '12500.00', tiers: [{ below: 99.9, creditPercent: 10 }, { below: 99.0, creditPercent: 30 }] },
      }),
    );
  });
  afterAll(() => t.stop());

  it('an approved revision dated in the future is scheduled: in force from its date, ACTIVE once the scheduler has run', () => {
    const scheduled = [
      { number: 1, state: 'ACTIVE', effectiveFrom: '2026-01-01T09:00:00.000Z', effectiveTo: '2026-03-01T00:00:00.000Z' },
      { number: 2, state: 'APPROVED', effectiveFrom: '2026-03-01T00:00:00.000Z', effectiveTo: null },
    ];
    expect(seen.atSigning).toEqual({ currentRevision: { number: 1, state: 'ACTIVE' }, revisions: { nodes: scheduled } });
    // The terms in force go by the dates, even before the scheduler has run.
    expect(seen.beforeScheduler).toEqual({ currentRevision: { number: 2, state: 'APPROVED' }, revisions: { nodes: scheduled } });
    expect(seen.afterScheduler).toEqual({
      currentRevision: { number: 2, state: 'ACTIVE' },
      revisions: { nodes: [{ ...scheduled[0], state: 'SUPERSEDED' }, { ...scheduled[1], state: 'ACTIVE' }] },
    });
  });

  it('lists the revisions in number order, page by page, with the one in force now as currentRevision', async () => {
    const query = `query($id: ID!, $after: String) {
      agreement(id: $id) {
        currentRevision { id number state }
        revisions(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${REVISION_FIELDS} } }
      }
    }`;
    const page1 = await t.ok(query, { id: agreementId }, jane);
    expect(page1.agreement.currentRevision).toEqual({ id: revisionIds[2], number: 3, state: 'ACTIVE' });
    expect(page1.agreement.revisions.totalCount).toBe(3);
    expect(page1.agreement.revisions.pageInfo.hasNextPage).toBe(true);
    expect(page1.agreement.revisions.nodes).toEqual([
      { id: revisionIds[0], number: 1, state: 'SUPERSEDED', title: 'Managed PostgreSQL SLA', effectiveFrom: '2026-01-01T09:00:00.000Z', effectiveTo: '2026-03-01T00:00:00.000Z' },
      { id: revisionIds[1], number: 2, state: 'SUPERSEDED', title: 'Managed PostgreSQL SLA 2026', effectiveFrom: '2026-03-01T00:00:00.000Z', effectiveTo: '2026-04-01T12:00:00.000Z' },
    ]);

    const page2 = await t.ok(query, { id: agreementId, after: page1.agreement.revisions.pageInfo.endCursor }, jane);
    expect(page2.agreement.revisions.pageInfo.hasNextPage).toBe(false);
    expect(page2.agreement.revisions.nodes).toEqual([
      { id: revisionIds[2], number: 3, state: 'ACTIVE', title: 'Managed PostgreSQL SLA 2026 (rev. 3)', effectiveFrom: '2026-04-01T12:00:00.000Z', effectiveTo: null },
    ]);
  });

  it('revisionAt gives the terms in force at each instant: none before the first took effect, then each revision in its period', async () => {
    const instants: [string, number | null][] = [
      ['2025-12-31T23:59:59Z', null],
      ['2026-01-01T08:59:59Z', null], // revision 1 asked for midnight but was signed at 09:00
      ['2026-01-01T09:00:00Z', 1],
      ['2026-02-28T23:59:59Z', 1],
      ['2026-03-01T00:00:00Z', 2],
      ['2026-04-01T11:59:59Z', 2],
      ['2026-04-01T12:00:00Z', 3],
      ['2030-01-01T00:00:00Z', 3],
    ];
    const query = `query($id: ID!) { agreement(id: $id) { ${instants.map(([at], i) => `at${i}: revisionAt(at: "${at}") { number title }`).join(' ')} } }`;
    const res = await t.ok(query, { id: agreementId }, jane);
    const titles = [null, 'Managed PostgreSQL SLA', 'Managed PostgreSQL SLA 2026', 'Managed PostgreSQL SLA 2026 (rev. 3)'];
    instants.forEach(([at, number], i) => {
      expect({ at, revision: res.agreement[`at${i}`] }).toEqual({ at, revision: number === null ? null : { number, title: titles[number] } });
    });
  });

  it('diffs revision 3 against revision 1 field by field: title, a changed target, an added and a removed objective, a changed credit tier', async () => {
    const res = await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { number diff(against: 1) { path kind before after } } } }`, { id: revisionIds[2] }, jane);
    expect(res.node.diff).toEqual([
      { path: 'title', kind: 'CHANGED', before: 'Managed PostgreSQL SLA', after: 'Managed PostgreSQL SLA 2026 (rev. 3)' },
      { path: 'creditPolicy.tiers[below=99.0].creditPercent', kind: 'CHANGED', before: 25, after: 30 },
      { path: 'effectiveFrom', kind: 'CHANGED', before: '2026-01-01T09:00:00.000Z', after: '2026-04-01T12:00:00.000Z' },
      { path: 'effectiveTo', kind: 'CHANGED', before: '2026-03-01T00:00:00.000Z', after: null },
      { path: 'objectives[AVAILABILITY].target', kind: 'CHANGED', before: 99.9, after: 99.95 },
      { path: 'objectives[FIRST_RESPONSE_TIME/P2]', kind: 'ADDED', before: null, after: expect.objectContaining({ metric: 'FIRST_RESPONSE_TIME', priority: 'P2', targetDuration: 'PT2H' }) },
      { path: 'objectives[RESOLUTION_TIME/P1]', kind: 'REMOVED', before: expect.objectContaining({ metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT8H' }), after: null },
    ]);
  });

  it('without `against`, diffs a revision against the one it was copied from', async () => {
    const res = await t.ok(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on AgreementRevision { number basedOn { number } diff { path before after } } } }`,
      { ids: revisionIds },
      jane,
    );
    const [first, second, third] = res.nodes;
    expect(first).toEqual({ number: 1, basedOn: null, diff: [] });
    expect(second.basedOn).toEqual({ number: 1 });
    expect(second.diff.map((d: { path: string }) => d.path)).toEqual(['title', 'effectiveFrom', 'effectiveTo']);
    expect(third.basedOn).toEqual({ number: 2 });
    // Compared with revision 2, not 1: the values before are revision 2's.
    expect(third.diff.find((d: { path: string }) => d.path === 'title')).toEqual({ path: 'title', before: 'Managed PostgreSQL SLA 2026', after: 'Managed PostgreSQL SLA 2026 (rev. 3)' });
    expect(third.diff.find((d: { path: string }) => d.path === 'effectiveFrom')).toEqual({ path: 'effectiveFrom', before: '2026-03-01T00:00:00.000Z', after: '2026-04-01T12:00:00.000Z' });
    expect(third.diff.map((d: { path: string }) => d.path)).toEqual([
      'title',
      'creditPolicy.tiers[below=99.0].creditPercent',
      'effectiveFrom',
      'effectiveTo',
      'objectives[AVAILABILITY].target',
      'objectives[FIRST_RESPONSE_TIME/P2]',
      'objectives[RESOLUTION_TIME/P1]',
    ]);
  });

  it('records every change as an event, in order, with who did it and when', async () => {
    const res = await t.ok(
      `query($id: ID!) { agreement(id: $id) { events(first: 100) { totalCount nodes { sequence type actorKind actorName at revisionNumber } } } }`,
      { id: agreementId },
      jane,
    );
    const events = res.agreement.events.nodes as { sequence: number; type: string; actorKind: string; actorName: string; at: string; revisionNumber: number | null }[];
    const JANE = 'jane.doe@acme.example';
    const MAX = 'Max Mustermann';
    expect(events.map(({ type, actorName, at, revisionNumber }) => [type, actorName, at, revisionNumber])).toEqual([
      ['CREATED', JANE, '2026-01-01T09:00:00.000Z', 1],
      ['PROPOSED', JANE, '2026-01-01T09:00:00.000Z', 1],
      ['APPROVED', MAX, '2026-01-01T09:00:00.000Z', 1],
      ['ACTIVATED', MAX, '2026-01-01T09:00:00.000Z', 1],
      ['DRAFT_OPENED', JANE, '2026-02-01T10:00:00.000Z', 2],
      ['EDITED', JANE, '2026-02-01T10:00:00.000Z', 2],
      ['PROPOSED', JANE, '2026-02-01T10:00:00.000Z', 2],
      ['APPROVED', MAX, '2026-02-01T10:00:00.000Z', 2],
      ['SUPERSEDED', 'Scheduler', '2026-03-01T00:00:00.000Z', 1],
      ['ACTIVATED', 'Scheduler', '2026-03-01T00:00:00.000Z', 2],
      ['DRAFT_OPENED', JANE, '2026-04-01T12:00:00.000Z', 3],
      ['EDITED', JANE, '2026-04-01T12:00:00.000Z', 3],
      ['PROPOSED', JANE, '2026-04-01T12:00:00.000Z', 3],
      ['APPROVED', MAX, '2026-04-01T12:00:00.000Z', 3],
      ['SUPERSEDED', MAX, '2026-04-01T12:00:00.000Z', 2],
      ['ACTIVATED', MAX, '2026-04-01T12:00:00.000Z', 3],
    ]);
    expect(res.agreement.events.totalCount).toBe(events.length);
    // Who approved what, when: also on each revision.
    const approvals = await t.ok(`query($id: ID!) { agreement(id: $id) { revisions { nodes { number approvals { party approvedBy approvedAt } } } } }`, { id: agreementId }, jane);
    expect(approvals.agreement.revisions.nodes).toEqual([
      { number: 1, approvals: [{ party: 'PROVIDER', approvedBy: MAX, approvedAt: '2026-01-01T09:00:00.000Z' }] },
      { number: 2, approvals: [{ party: 'PROVIDER', approvedBy: MAX, approvedAt: '2026-02-01T10:00:00.000Z' }] },
      { number: 3, approvals: [{ party: 'PROVIDER', approvedBy: MAX, approvedAt: '2026-04-01T12:00:00.000Z' }] },
    ]);
    expect(new Set(events.map((e) => e.actorKind))).toEqual(new Set(['USER', 'SYSTEM']));
    const sequences = events.map((e) => e.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
  });

  it('a refused edit of a signed revision leaves no trace: the same history, the same terms', async () => {
    const before = await t.ok(`query($id: ID!) { agreement(id: $id) { events(first: 100) { nodes { sequence type at } } } }`, { id: agreementId }, jane);
    // Editing a signed revision is refused and leaves no trace.
    const refused = await t.ok(REVISION_UPDATE, { input: { id: revisionIds[2], version: 1, terms: { title: 'Rewritten history' } } }, jane);
    expect(refused.revisionUpdate.userErrors[0].code).toBe('INVALID_STATE');
    const after = await t.ok(`query($id: ID!) { agreement(id: $id) { events(first: 100) { nodes { sequence type at } } revisionAt(at: "2026-04-02T00:00:00Z") { title } } }`, { id: agreementId }, jane);
    expect(after.agreement.events.nodes).toEqual(before.agreement.events.nodes);
    expect(after.agreement.revisionAt.title).toBe('Managed PostgreSQL SLA 2026 (rev. 3)');
  });
});
