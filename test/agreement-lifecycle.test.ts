import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClock } from '../src/common/clock';
import { toGlobalId } from '../src/common/global-id';
import { Role } from '../src/common/roles';
import {
  activeAgreement,
  AGREEMENT_AMEND,
  AGREEMENT_CREATE,
  AGREEMENT_TERMINATE,
  agreementRowCounts,
  agreementWorld,
  type AgreementWorld,
  objectives,
  REVISION_APPROVE,
  REVISION_PROPOSE,
  REVISION_REJECT,
  REVISION_UPDATE,
  REVISION_WITHDRAW,
} from './support/agreement-fixtures';
import { onPostgres, TestApp } from './support/test-app';

/**
 * The life of an agreement's revisions through the API: proposal, approval by the parties that
 * must sign, rejection and withdrawal, activation on time (also across a restart), termination,
 * and the history that records every step. Time is a FixedClock the tests move.
 */

const MARCH_1 = new Date('2026-03-01T00:00:00.000Z');

const AGREEMENT = `query($id: ID!) {
  agreement(id: $id) {
    status terminatedAt terminationReason
    currentRevision { number state effectiveFrom effectiveTo }
    openRevision { number state }
    revisions(first: 100) { nodes { number state effectiveFrom effectiveTo } }
  }
}`;

const REVISION = `query($id: ID!) {
  node(id: $id) {
    ... on AgreementRevision {
      number state version title effectiveFrom effectiveTo approvedAt
      objectives { metric priority target targetDuration }
      approvals { party approvedBy approvedAt }
    }
  }
}`;

const EVENTS = `query($id: ID!) { agreement(id: $id) { events(first: 100) { nodes { type actorKind actorName at revisionNumber data } } } }`;

interface Event {
  type: string;
  actorKind: string;
  actorName: string;
  at: string;
  revisionNumber: number | null;
  data: Record<string, unknown>;
}

/** A customer-level agreement for Alpha Bank over Managed PostgreSQL, with `terms` overriding the defaults. */
const alphaBankInput = (w: AgreementWorld, terms: Record<string, unknown> = {}) => ({
  kind: 'CUSTOMER_BASED',
  level: 'CUSTOMER',
  customer: w.customerA.id,
  services: [w.serviceMpg.id],
  terms: {
    title: 'Alpha Bank SLA',
    effectiveFrom: '2026-01-01T00:00:00Z',
    objectives: [objectives.availability(99.9), objectives.response('P1', 'PT15M')],
    ...terms,
  },
});

describe('agreement lifecycle', () => {
  const clock = new FixedClock(MARCH_1);
  // The restart test needs a database that outlives the app: the worker's PostgreSQL database, or embedded on disk.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sla-lifecycle-'));
  const env: Record<string, string> = onPostgres() ? {} : { DATA_DIR: dataDir };
  let t: TestApp;
  let slugs = 0;

  /** A provider with its people: Ann (provider admin) and Sam (Alpha Bank's signatory). */
  async function world() {
    const w = await agreementWorld(t, `lifecycle-${++slugs}`);
    return {
      ...w,
      ann: await t.token(w.provider, [Role.PROVIDER_ADMIN], undefined, { sub: 'ann@provider.example' }),
      sam: await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id, { sub: 'sam@alpha-bank.example' }),
    };
  }

  beforeAll(async () => {
    t = await TestApp.start({ clock, env });
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => clock.set(MARCH_1));

  const agreement = async (id: string, token: string) => (await t.ok(AGREEMENT, { id }, token)).agreement;
  const revision = async (id: string, token: string) => (await t.ok(REVISION, { id }, token)).node;
  const events = async (id: string, token: string): Promise<Event[]> => (await t.ok(EVENTS, { id }, token)).agreement.events.nodes;
  const approve = async (id: string, token: string) => {
    const res = await t.gql<Record<string, any>>(REVISION_APPROVE, { id }, { token });
    return { errors: res.errors?.map((e) => e.extensions?.code), payload: res.data?.revisionApprove };
  };
  async function proposedDraft(token: string, input: Record<string, unknown>) {
    const created = (await t.ok(AGREEMENT_CREATE, { input }, token)).agreementCreate;
    expect(created.userErrors).toEqual([]);
    expect((await t.ok(REVISION_PROPOSE, { id: created.revision.id }, token)).revisionPropose.userErrors).toEqual([]);
    return { agreementId: created.agreement.id as string, revisionId: created.revision.id as string };
  }
  /** Opens an amendment, edits it with `terms`, proposes it and has the provider (and `signatory`) approve it. */
  async function amendment(agreementId: string, admin: string, terms: Record<string, unknown>, signatory?: string): Promise<string> {
    const draft = (await t.ok(AGREEMENT_AMEND, { id: agreementId }, admin)).agreementAmend.revision;
    const edited = await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms } }, admin);
    expect(edited.revisionUpdate.userErrors).toEqual([]);
    expect((await t.ok(REVISION_PROPOSE, { id: draft.id }, admin)).revisionPropose.userErrors).toEqual([]);
    expect((await approve(draft.id, admin)).payload.userErrors).toEqual([]);
    if (signatory) expect((await approve(draft.id, signatory)).payload.userErrors).toEqual([]);
    return draft.id;
  }

  describe('approval', () => {
    it('a customer agreement waits for both parties, each approving once, and is ACTIVE with both signatures', async () => {
      const w = await world();
      const { agreementId, revisionId } = await proposedDraft(w.ann, alphaBankInput(w));

      const provider = await approve(revisionId, w.ann);
      expect(provider.payload).toMatchObject({ revision: { state: 'PROPOSED', approvals: [{ party: 'PROVIDER', approvedBy: 'ann@provider.example' }] }, userErrors: [] });
      expect(await agreement(agreementId, w.ann)).toMatchObject({ status: 'DRAFT', currentRevision: null, openRevision: { number: 1, state: 'PROPOSED' } });

      // Approving again before the customer signs records nothing more.
      clock.advance(60_000);
      expect((await approve(revisionId, w.ann)).payload).toMatchObject({ revision: { state: 'PROPOSED', approvals: [{ party: 'PROVIDER' }] }, userErrors: [] });

      clock.advance(60 * 60_000);
      const customer = await approve(revisionId, w.sam);
      expect(customer.payload.userErrors).toEqual([]);
      expect(await revision(revisionId, w.ann)).toMatchObject({
        state: 'ACTIVE',
        approvedAt: '2026-03-01T01:01:00.000Z',
        // Its effectiveFrom (January) had passed: it starts when the last party signed.
        effectiveFrom: '2026-03-01T01:01:00.000Z',
        effectiveTo: null,
        approvals: [
          { party: 'PROVIDER', approvedBy: 'ann@provider.example', approvedAt: '2026-03-01T00:00:00.000Z' },
          { party: 'CUSTOMER', approvedBy: 'sam@alpha-bank.example', approvedAt: '2026-03-01T01:01:00.000Z' },
        ],
      });
      expect(await agreement(agreementId, w.ann)).toMatchObject({ status: 'ACTIVE', currentRevision: { number: 1, state: 'ACTIVE' }, openRevision: null });

      // Approving an ACTIVE revision again is harmless for either party.
      const counts = await agreementRowCounts(t);
      expect((await approve(revisionId, w.sam)).payload).toMatchObject({ revision: { state: 'ACTIVE' }, userErrors: [] });
      expect((await approve(revisionId, w.ann)).payload).toMatchObject({ revision: { state: 'ACTIVE' }, userErrors: [] });
      expect(await agreementRowCounts(t)).toEqual(counts);
      expect((await events(agreementId, w.ann)).filter((e) => e.type === 'APPROVED').map((e) => e.data.party)).toEqual(['PROVIDER', 'CUSTOMER']);
    });

    it('only the provider staff who sign and the signatory of that very customer may approve', async () => {
      const w = await world();
      const { agreementId, revisionId } = await proposedDraft(w.ann, alphaBankInput(w));
      const betaSignatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id, { sub: 'bea@beta-insurance.example' });
      const alphaViewer = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
      const analyst = await t.token(w.provider, [Role.ANALYST]);
      const accountManager = await t.token(w.provider, [Role.ACCOUNT_MANAGER], undefined, { sub: 'max@provider.example' });
      const before = await agreementRowCounts(t);

      // To Beta's signatory, Alpha Bank's agreement does not exist: not to read, not to sign.
      expect(await t.ok(`query($id: ID!, $rev: ID!) { agreement(id: $id) { id } node(id: $rev) { id } }`, { id: agreementId, rev: revisionId }, betaSignatory)).toEqual({ agreement: null, node: null });
      const missing = await approve(toGlobalId('AgreementRevision', randomUUID()), betaSignatory);
      expect(missing.payload).toEqual({ revision: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }] });
      expect(await approve(revisionId, betaSignatory)).toEqual(missing);
      expect(await approve(revisionId, alphaViewer)).toEqual({ errors: ['FORBIDDEN'], payload: undefined });
      expect(await approve(revisionId, analyst)).toEqual({ errors: ['FORBIDDEN'], payload: undefined });
      expect(await agreementRowCounts(t)).toEqual(before);
      expect((await revision(revisionId, w.ann)).approvals).toEqual([]);

      // An account manager signs for the provider as well as an admin does.
      expect((await approve(revisionId, accountManager)).payload).toMatchObject({ revision: { state: 'PROPOSED', approvals: [{ party: 'PROVIDER', approvedBy: 'max@provider.example' }] } });
      expect((await approve(revisionId, w.sam)).payload).toMatchObject({ revision: { state: 'ACTIVE' }, userErrors: [] });
    });

    it.each([
      ['a service-based agreement', (w: AgreementWorld) => ({ kind: 'SERVICE_BASED', level: 'SERVICE', services: [w.serviceMpg.id] })],
      ['a corporate agreement', (w: AgreementWorld) => ({ kind: 'MULTI_LEVEL', level: 'CORPORATE', services: [w.serviceMpg.id] })],
      ['a segment agreement', (w: AgreementWorld) => ({ kind: 'CUSTOMER_BASED', level: 'SEGMENT', segment: w.segment.id, services: [w.serviceMpg.id] })],
    ])('%s is ACTIVE with the provider approval alone; no customer signs it', async (_, shape) => {
      const w = await world();
      const { agreementId, revisionId } = await proposedDraft(w.ann, {
        ...shape(w),
        terms: { title: 'For every customer', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.availability(99.5)] },
      });

      // No single customer speaks for everyone the agreement covers: a signatory may not sign it, before or after.
      expect(await approve(revisionId, w.sam)).toEqual({ errors: ['FORBIDDEN'], payload: undefined });
      expect((await approve(revisionId, w.ann)).payload).toMatchObject({
        revision: { state: 'ACTIVE', effectiveFrom: MARCH_1.toISOString(), approvals: [{ party: 'PROVIDER', approvedBy: 'ann@provider.example' }] },
        userErrors: [],
      });
      expect(await approve(revisionId, w.sam)).toEqual({ errors: ['FORBIDDEN'], payload: undefined });

      // The customer still sees the agreement that covers it, signed by the provider alone.
      const seenByCustomer = await t.ok(`query($id: ID!) { agreement(id: $id) { status currentRevision { approvals { party } } } }`, { id: agreementId }, w.sam);
      expect(seenByCustomer.agreement).toEqual({ status: 'ACTIVE', currentRevision: { approvals: [{ party: 'PROVIDER' }] } });
    });
  });

  describe('rejection and withdrawal', () => {
    it('each opens the next draft, a copy of the closed proposal; numbers run 1, 2, 3 ... without gaps', async () => {
      const w = await world();
      const alphaViewer = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
      const { agreementId, revisionId: first } = await proposedDraft(w.ann, alphaBankInput(w));
      const proposedTerms = await revision(first, w.ann);

      // A viewer may not reject; the customer's signatory may.
      expect((await t.gql(REVISION_REJECT, { id: first }, { token: alphaViewer })).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const rejected = (await t.ok(REVISION_REJECT, { id: first, reason: 'P1 response must be 10 minutes' }, w.sam)).revisionReject;
      expect(rejected.userErrors).toEqual([]);
      expect(rejected.revision).toEqual({ id: first, number: 1, state: 'REJECTED' });
      expect(rejected.draft).toMatchObject({ number: 2, state: 'DRAFT', title: 'Alpha Bank SLA', basedOn: { number: 1 }, objectives: proposedTerms.objectives });

      const second = rejected.draft.id;
      const edited = await t.ok(REVISION_UPDATE, { input: { id: second, version: rejected.draft.version, terms: { objectives: [objectives.availability(99.9), objectives.response('P1', 'PT10M')] } } }, w.ann);
      expect(edited.revisionUpdate.userErrors).toEqual([]);
      expect((await t.ok(REVISION_PROPOSE, { id: second }, w.ann)).revisionPropose.userErrors).toEqual([]);

      // Withdrawing is the provider's: the customer's signatory may not.
      expect((await t.gql(REVISION_WITHDRAW, { id: second }, { token: w.sam })).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const withdrawn = (await t.ok(REVISION_WITHDRAW, { id: second, reason: 'Pricing to be revised' }, w.ann)).revisionWithdraw;
      expect(withdrawn.userErrors).toEqual([]);
      expect(withdrawn.revision).toEqual({ id: second, number: 2, state: 'WITHDRAWN' });
      expect(withdrawn.draft).toMatchObject({
        number: 3,
        state: 'DRAFT',
        basedOn: { number: 2 },
        objectives: [
          { metric: 'AVAILABILITY', priority: null, target: 99.9, targetDuration: null },
          { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', target: null, targetDuration: 'PT10M' },
        ],
      });

      // A closed proposal cannot be approved, rejected or withdrawn any more.
      expect((await approve(second, w.ann)).payload.userErrors).toEqual([{ code: 'INVALID_STATE', field: ['input', 'id'], message: expect.any(String) }]);
      expect((await t.ok(REVISION_REJECT, { id: first }, w.sam)).revisionReject.userErrors).toEqual([{ code: 'INVALID_STATE', field: ['input', 'id'], message: expect.any(String) }]);
      expect((await t.ok(REVISION_WITHDRAW, { id: second }, w.ann)).revisionWithdraw.userErrors).toEqual([{ code: 'INVALID_STATE', field: ['input', 'id'], message: expect.any(String) }]);

      const third = withdrawn.draft.id;
      expect((await t.ok(REVISION_PROPOSE, { id: third }, w.ann)).revisionPropose.userErrors).toEqual([]);
      await approve(third, w.ann);
      expect((await approve(third, w.sam)).payload.revision.state).toBe('ACTIVE');

      // An amendment takes the next number; a refused second one uses none up.
      expect((await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.ann)).agreementAmend.revision.number).toBe(4);
      expect((await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.ann)).agreementAmend.userErrors).toEqual([{ code: 'INVALID_STATE', field: ['input', 'agreement'], message: expect.any(String) }]);
      const after = await agreement(agreementId, w.ann);
      expect(after.revisions.nodes.map((r: { number: number; state: string }) => [r.number, r.state])).toEqual([
        [1, 'REJECTED'],
        [2, 'WITHDRAWN'],
        [3, 'ACTIVE'],
        [4, 'DRAFT'],
      ]);
      expect(after.openRevision).toEqual({ number: 4, state: 'DRAFT' });

      const history = await events(agreementId, w.ann);
      expect(history.find((e) => e.type === 'REJECTED')).toMatchObject({ actorName: 'sam@alpha-bank.example', revisionNumber: 1, data: { reason: 'P1 response must be 10 minutes' } });
      expect(history.find((e) => e.type === 'WITHDRAWN')).toMatchObject({ actorName: 'ann@provider.example', revisionNumber: 2, data: { reason: 'Pricing to be revised' } });
    });
  });

  describe('activation on time', () => {
    it('an approved revision waits for its effectiveFrom; the scheduler then activates it and supersedes the one in force', async () => {
      const w = await world();
      const { agreementId, revisionId: first } = await activeAgreement(t, w.ann, alphaBankInput(w), { customerSignatory: w.sam });
      expect((await revision(first, w.ann)).effectiveFrom).toBe(MARCH_1.toISOString());

      const second = await amendment(agreementId, w.ann, { effectiveFrom: '2026-04-01T00:00:00Z', objectives: [objectives.availability(99.95)] }, w.sam);

      expect(await revision(second, w.ann)).toMatchObject({ number: 2, state: 'APPROVED', effectiveFrom: '2026-04-01T00:00:00.000Z', effectiveTo: null });
      expect(await revision(first, w.ann)).toMatchObject({ number: 1, state: 'ACTIVE', effectiveFrom: MARCH_1.toISOString(), effectiveTo: '2026-04-01T00:00:00.000Z' });
      const at = async (instant: string) =>
        (await t.ok(`query($id: ID!, $at: DateTime!) { agreement(id: $id) { revisionAt(at: $at) { number } } }`, { id: agreementId, at: instant }, w.ann)).agreement.revisionAt;
      expect(await at('2026-02-15T00:00:00Z')).toBeNull();
      expect(await at('2026-03-15T00:00:00Z')).toEqual({ number: 1 });
      expect(await at('2026-03-31T23:59:59.999Z')).toEqual({ number: 1 });
      expect(await at('2026-04-01T00:00:00Z')).toEqual({ number: 2 });
      expect(await at('2026-04-02T00:00:00Z')).toEqual({ number: 2 });

      // Before its time, the scheduler leaves it alone.
      clock.set(new Date('2026-03-31T23:59:59Z'));
      expect(await t.app.jobs.revisionActivation!.runNow()).toBe(0);
      expect((await revision(second, w.ann)).state).toBe('APPROVED');

      clock.set(new Date('2026-04-01T00:00:01Z'));
      expect(await t.app.jobs.revisionActivation!.runNow()).toBe(1);

      expect(await agreement(agreementId, w.ann)).toMatchObject({
        status: 'ACTIVE',
        currentRevision: { number: 2, state: 'ACTIVE', effectiveFrom: '2026-04-01T00:00:00.000Z', effectiveTo: null },
        revisions: {
          nodes: [
            { number: 1, state: 'SUPERSEDED', effectiveFrom: MARCH_1.toISOString(), effectiveTo: '2026-04-01T00:00:00.000Z' },
            { number: 2, state: 'ACTIVE', effectiveFrom: '2026-04-01T00:00:00.000Z', effectiveTo: null },
          ],
        },
      });
      expect((await events(agreementId, w.ann)).slice(-2)).toEqual([
        { type: 'SUPERSEDED', actorKind: 'SYSTEM', actorName: 'Scheduler', at: '2026-04-01T00:00:01.000Z', revisionNumber: 1, data: expect.objectContaining({ by: 2 }) },
        { type: 'ACTIVATED', actorKind: 'SYSTEM', actorName: 'Scheduler', at: '2026-04-01T00:00:01.000Z', revisionNumber: 2, data: expect.objectContaining({ effectiveFrom: '2026-04-01T00:00:00.000Z' }) },
      ]);

      // A second run finds nothing to do.
      expect(await t.app.jobs.revisionActivation!.runNow()).toBe(0);
      expect((await events(agreementId, w.ann)).filter((e) => e.type === 'ACTIVATED')).toHaveLength(2);
    });

    it('a revision that came due while the app was down is ACTIVE as soon as the app is back', async () => {
      const w = await world();
      const { agreementId } = await activeAgreement(t, w.ann, alphaBankInput(w), { customerSignatory: w.sam });
      const second = await amendment(agreementId, w.ann, { effectiveFrom: '2026-04-01T00:00:00Z', objectives: [objectives.availability(99.95)] }, w.sam);
      expect((await revision(second, w.ann)).state).toBe('APPROVED');

      await t.stop();
      clock.set(new Date('2026-04-03T08:00:00Z'));
      t = await TestApp.start({ clock, env, keepData: true });

      expect(await agreement(agreementId, w.ann)).toMatchObject({
        status: 'ACTIVE',
        currentRevision: { number: 2, state: 'ACTIVE', effectiveFrom: '2026-04-01T00:00:00.000Z' },
        revisions: { nodes: [{ number: 1, state: 'SUPERSEDED', effectiveTo: '2026-04-01T00:00:00.000Z' }, { number: 2, state: 'ACTIVE' }] },
      });
      expect((await events(agreementId, w.ann)).slice(-1)).toEqual([expect.objectContaining({ type: 'ACTIVATED', actorKind: 'SYSTEM', at: '2026-04-03T08:00:00.000Z' })]);
    });
  });

  describe('termination', () => {
    it('ends the terms in force at the date, withdraws the open draft, freezes the agreement and deletes nothing', async () => {
      const w = await world();
      const { agreementId, revisionId: first } = await activeAgreement(t, w.ann, alphaBankInput(w), { customerSignatory: w.sam });
      const draft = (await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.ann)).agreementAmend.revision;
      const before = await agreementRowCounts(t);

      const terminated = await t.ok(AGREEMENT_TERMINATE, { input: { id: agreementId, at: '2026-06-30T00:00:00Z', reason: 'Alpha Bank moves its databases in-house' } }, w.ann);

      expect(terminated.agreementTerminate).toEqual({
        agreement: { id: agreementId, status: 'TERMINATED', terminatedAt: '2026-06-30T00:00:00.000Z', terminationReason: 'Alpha Bank moves its databases in-house' },
        userErrors: [],
      });
      expect(await agreement(agreementId, w.ann)).toMatchObject({
        status: 'TERMINATED',
        currentRevision: { number: 1, state: 'ACTIVE', effectiveTo: '2026-06-30T00:00:00.000Z' },
        openRevision: null,
        revisions: { nodes: [{ number: 1, state: 'ACTIVE' }, { number: 2, state: 'WITHDRAWN' }] },
      });
      const after = (instant: string) =>
        t.ok(`query($id: ID!, $at: DateTime!) { agreement(id: $id) { revisionAt(at: $at) { number } } }`, { id: agreementId, at: instant }, w.ann);
      expect((await after('2026-06-30T00:00:00Z')).agreement.revisionAt).toBeNull();
      // Nothing was deleted: the same agreements, revisions and objectives; two more history entries.
      expect(await agreementRowCounts(t)).toEqual({ ...before, events: before.events + 2 });

      // A terminated agreement no longer changes.
      const frozen = await agreementRowCounts(t);
      const terminatedAt = (field: string) => [{ code: 'INVALID_STATE', field: ['input', field], message: expect.stringContaining('terminated') }];
      expect((await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.ann)).agreementAmend.userErrors).toEqual(terminatedAt('agreement'));
      expect((await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms: { title: 'Too late' } } }, w.ann)).revisionUpdate.userErrors).toEqual(terminatedAt('id'));
      expect((await t.ok(AGREEMENT_TERMINATE, { input: { id: agreementId, at: '2026-05-31T00:00:00Z', reason: 'Again' } }, w.ann)).agreementTerminate.userErrors).toEqual(terminatedAt('id'));
      expect(await agreementRowCounts(t)).toEqual(frozen);
      expect((await revision(first, w.ann)).state).toBe('ACTIVE');

      expect((await events(agreementId, w.ann)).slice(-2)).toEqual([
        expect.objectContaining({ type: 'WITHDRAWN', actorName: 'ann@provider.example', revisionNumber: 2 }),
        expect.objectContaining({
          type: 'TERMINATED',
          actorName: 'ann@provider.example',
          at: MARCH_1.toISOString(),
          data: { at: '2026-06-30T00:00:00.000Z', reason: 'Alpha Bank moves its databases in-house' },
        }),
      ]);
    });

    it.each([
      ['before the agreement took effect', '2026-02-01T00:00:00Z'],
      ['at the very instant it took effect', '2026-03-01T00:00:00Z'],
    ])('refuses a termination date %s, and changes nothing', async (_, at) => {
      const w = await world();
      const { agreementId } = await activeAgreement(t, w.ann, alphaBankInput(w), { customerSignatory: w.sam });
      const before = await agreementRowCounts(t);

      const res = await t.ok(AGREEMENT_TERMINATE, { input: { id: agreementId, at, reason: 'Backdated' } }, w.ann);

      expect(res.agreementTerminate.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'at'], message: expect.any(String) }]);
      expect(await agreement(agreementId, w.ann)).toMatchObject({ status: 'ACTIVE', terminatedAt: null, currentRevision: { number: 1, effectiveTo: null } });
      expect(await agreementRowCounts(t)).toEqual(before);
    });

    it('refuses to end terms before the revision now in force started: that history is signed', async () => {
      const w = await world();
      const { agreementId } = await activeAgreement(t, w.ann, alphaBankInput(w), { customerSignatory: w.sam });
      await amendment(agreementId, w.ann, { effectiveFrom: '2026-04-01T00:00:00Z' }, w.sam);
      clock.set(new Date('2026-04-15T00:00:00Z'));
      await t.app.jobs.revisionActivation!.runNow();
      const signed = await agreement(agreementId, w.ann);
      const before = await agreementRowCounts(t);

      // Mid-March fell within revision 1, which revision 2 has superseded since.
      const res = await t.ok(AGREEMENT_TERMINATE, { input: { id: agreementId, at: '2026-03-15T00:00:00Z', reason: 'Backdated' } }, w.ann);

      expect(res.agreementTerminate.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'at'], message: expect.stringContaining('revision 2') }]);
      expect(await agreement(agreementId, w.ann)).toEqual(signed);
      expect(await agreementRowCounts(t)).toEqual(before);
    });

    it('at the start of a scheduled revision: that revision never takes effect, and the terms in force end there', async () => {
      const w = await world();
      const { agreementId } = await activeAgreement(t, w.ann, alphaBankInput(w), { customerSignatory: w.sam });
      await amendment(agreementId, w.ann, { effectiveFrom: '2026-04-01T00:00:00Z', objectives: [objectives.availability(99.95)] }, w.sam);

      const res = await t.ok(AGREEMENT_TERMINATE, { input: { id: agreementId, at: '2026-04-01T00:00:00Z', reason: 'New terms not wanted after all' } }, w.ann);
      expect(res.agreementTerminate.userErrors).toEqual([]);

      clock.set(new Date('2026-04-02T00:00:00Z'));
      await t.app.jobs.revisionActivation!.runNow();
      expect(await agreement(agreementId, w.ann)).toMatchObject({
        status: 'TERMINATED',
        currentRevision: null,
        revisions: {
          nodes: [
            { number: 1, state: 'ACTIVE', effectiveFrom: MARCH_1.toISOString(), effectiveTo: '2026-04-01T00:00:00.000Z' },
            { number: 2, state: 'WITHDRAWN' },
          ],
        },
      });
    });

    it('after the start of a scheduled revision: it still takes effect on time, and ends at the termination', async () => {
      const w = await world();
      const { agreementId } = await activeAgreement(t, w.ann, alphaBankInput(w), { customerSignatory: w.sam });
      await amendment(agreementId, w.ann, { effectiveFrom: '2026-04-01T00:00:00Z', objectives: [objectives.availability(99.95)] }, w.sam);

      const res = await t.ok(AGREEMENT_TERMINATE, { input: { id: agreementId, at: '2026-05-01T00:00:00Z', reason: 'Ends with April' } }, w.ann);
      expect(res.agreementTerminate.userErrors).toEqual([]);

      clock.set(new Date('2026-04-01T00:00:01Z'));
      expect(await t.app.jobs.revisionActivation!.runNow()).toBe(1);
      expect(await agreement(agreementId, w.ann)).toMatchObject({
        status: 'TERMINATED',
        currentRevision: { number: 2, state: 'ACTIVE', effectiveTo: '2026-05-01T00:00:00.000Z' },
        revisions: {
          nodes: [
            { number: 1, state: 'SUPERSEDED', effectiveTo: '2026-04-01T00:00:00.000Z' },
            { number: 2, state: 'ACTIVE', effectiveFrom: '2026-04-01T00:00:00.000Z', effectiveTo: '2026-05-01T00:00:00.000Z' },
          ],
        },
      });
      clock.set(new Date('2026-05-01T00:00:00Z'));
      expect((await agreement(agreementId, w.ann)).currentRevision).toBeNull();
    });
  });

  describe('history', () => {
    it('tells every step: what happened, to which revision, who did it and when', async () => {
      const w = await world();
      const step = () => clock.advance(60 * 60_000);

      const created = (await t.ok(AGREEMENT_CREATE, { input: alphaBankInput(w) }, w.ann)).agreementCreate;
      const agreementId = created.agreement.id;
      const first = created.revision.id;
      step();
      await t.ok(REVISION_UPDATE, { input: { id: first, version: created.revision.version, terms: { title: 'Alpha Bank SLA 2026', objectives: [objectives.availability(99.95), objectives.response('P1', 'PT15M')] } } }, w.ann);
      step();
      await t.ok(REVISION_PROPOSE, { id: first }, w.ann);
      step();
      await approve(first, w.ann);
      step();
      await approve(first, w.sam);
      step();
      await amendment(agreementId, w.ann, { effectiveFrom: '2026-04-01T00:00:00Z' }, w.sam);
      clock.set(new Date('2026-04-01T00:00:00Z'));
      await t.app.jobs.revisionActivation!.runNow();
      step();
      await t.ok(AGREEMENT_TERMINATE, { input: { id: agreementId, at: '2026-12-31T00:00:00Z', reason: 'Contract not renewed' } }, w.ann);

      const ann = { actorKind: 'USER', actorName: 'ann@provider.example' };
      const sam = { actorKind: 'USER', actorName: 'sam@alpha-bank.example' };
      const scheduler = { actorKind: 'SYSTEM', actorName: 'Scheduler' };
      expect((await events(agreementId, w.ann)).map(({ type, actorKind, actorName, at, revisionNumber, data }) => ({ type, actorKind, actorName, at, revisionNumber, data }))).toEqual([
        { type: 'CREATED', ...ann, at: '2026-03-01T00:00:00.000Z', revisionNumber: 1, data: expect.objectContaining({ kind: 'CUSTOMER_BASED', level: 'CUSTOMER' }) },
        { type: 'EDITED', ...ann, at: '2026-03-01T01:00:00.000Z', revisionNumber: 1, data: expect.objectContaining({ changed: ['title', 'objectives[AVAILABILITY].target'] }) },
        { type: 'PROPOSED', ...ann, at: '2026-03-01T02:00:00.000Z', revisionNumber: 1, data: expect.any(Object) },
        { type: 'APPROVED', ...ann, at: '2026-03-01T03:00:00.000Z', revisionNumber: 1, data: expect.objectContaining({ party: 'PROVIDER' }) },
        { type: 'APPROVED', ...sam, at: '2026-03-01T04:00:00.000Z', revisionNumber: 1, data: expect.objectContaining({ party: 'CUSTOMER' }) },
        // Both had signed and its date had passed: in force at once, by Sam's signature.
        { type: 'ACTIVATED', ...sam, at: '2026-03-01T04:00:00.000Z', revisionNumber: 1, data: expect.any(Object) },
        { type: 'DRAFT_OPENED', ...ann, at: '2026-03-01T05:00:00.000Z', revisionNumber: 2, data: expect.objectContaining({ basedOn: 1 }) },
        { type: 'EDITED', ...ann, at: '2026-03-01T05:00:00.000Z', revisionNumber: 2, data: expect.objectContaining({ changed: ['effectiveFrom'] }) },
        { type: 'PROPOSED', ...ann, at: '2026-03-01T05:00:00.000Z', revisionNumber: 2, data: expect.any(Object) },
        { type: 'APPROVED', ...ann, at: '2026-03-01T05:00:00.000Z', revisionNumber: 2, data: expect.objectContaining({ party: 'PROVIDER' }) },
        { type: 'APPROVED', ...sam, at: '2026-03-01T05:00:00.000Z', revisionNumber: 2, data: expect.objectContaining({ party: 'CUSTOMER' }) },
        { type: 'SUPERSEDED', ...scheduler, at: '2026-04-01T00:00:00.000Z', revisionNumber: 1, data: expect.objectContaining({ by: 2 }) },
        { type: 'ACTIVATED', ...scheduler, at: '2026-04-01T00:00:00.000Z', revisionNumber: 2, data: expect.any(Object) },
        { type: 'TERMINATED', ...ann, at: '2026-04-01T01:00:00.000Z', revisionNumber: null, data: { at: '2026-12-31T00:00:00.000Z', reason: 'Contract not renewed' } },
      ]);
    });
  });
});
