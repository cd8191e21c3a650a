import { fromGlobalId } from '../src/common/global-id';
import { Role } from '../src/common/roles';
import {
  activeAgreement,
  AGREEMENT_CREATE,
  agreementRowCounts,
  agreementWorld,
  type AgreementWorld,
  objectives,
  REVISION_PROPOSE,
  REVISION_UPDATE,
} from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

/**
 * The rules an agreement and its drafts follow: what the API refuses (naming the field, writing
 * nothing), what only a DRAFT may do, what the database itself refuses once terms are signed,
 * and agreements started from a template.
 */

const REVISION = `query($id: ID!) {
  node(id: $id) {
    ... on AgreementRevision {
      number state version title effectiveFrom
      objectives { metric priority target targetDuration }
      approvals { party approvedBy approvedAt }
      creditPolicy { currency periodFee tiers { below creditPercent } }
    }
  }
}`;

const EVENT_TYPES = `query($id: ID!) { agreement(id: $id) { events(first: 100) { nodes { type } } } }`;

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

describe('agreement rules', () => {
  let t: TestApp;
  let slugs = 0;
  /** A fresh provider for each test: tests share the database but never each other's data. */
  const world = () => agreementWorld(t, `rules-${++slugs}`);

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  const revision = async (id: string, token: string) => (await t.ok(REVISION, { id }, token)).node;
  const eventTypes = async (agreementId: string, token: string): Promise<string[]> =>
    (await t.ok(EVENT_TYPES, { id: agreementId }, token)).agreement.events.nodes.map((e: { type: string }) => e.type);

  describe('invalid terms are refused, naming the field, and nothing is written', () => {
    it.each([
      ['an availability target of 120%', [{ metric: 'AVAILABILITY', target: 120 }], ['0', 'target']],
      ['priority "P5"', [objectives.availability(99.9), objectives.response('P5', 'PT15M')], ['1', 'priority']],
      ['a response time without targetDuration', [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1' }], ['0', 'targetDuration']],
      ['two objectives for the same metric and priority', [objectives.response('P1', 'PT15M'), objectives.response('P1', 'PT30M')], ['1', 'metric']],
    ])('agreementCreate with %s', async (_, objectiveInputs, field) => {
      const w = await world();
      const before = await agreementRowCounts(t);

      const res = await t.ok(AGREEMENT_CREATE, { input: alphaBankInput(w, { objectives: objectiveInputs }) }, w.admin);

      expect(res.agreementCreate.agreement).toBeNull();
      expect(res.agreementCreate.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'terms', 'objectives', ...field], message: expect.any(String) }]);
      expect(await agreementRowCounts(t)).toEqual(before);
    });

    it('says what is wrong with the value in words a user understands', async () => {
      const w = await world();
      const res = await t.ok(
        AGREEMENT_CREATE,
        { input: alphaBankInput(w, { objectives: [{ metric: 'AVAILABILITY', target: 120 }, objectives.response('P5', 'PT15M')] }) },
        w.admin,
      );
      expect(res.agreementCreate.userErrors).toEqual([
        { code: 'INVALID_INPUT', field: ['input', 'terms', 'objectives', '0', 'target'], message: expect.stringContaining('at most 100') },
        { code: 'INVALID_INPUT', field: ['input', 'terms', 'objectives', '1', 'priority'], message: expect.stringContaining('P1, P2, P3, P4') },
      ]);
    });

    it('revisionUpdate with a target of 120% leaves the draft as it was', async () => {
      const w = await world();
      const created = (await t.ok(AGREEMENT_CREATE, { input: alphaBankInput(w) }, w.admin)).agreementCreate;
      const draftBefore = await revision(created.revision.id, w.admin);
      const before = await agreementRowCounts(t);

      const res = await t.ok(
        REVISION_UPDATE,
        { input: { id: created.revision.id, version: created.revision.version, terms: { title: 'Renamed', objectives: [{ metric: 'AVAILABILITY', target: 120 }] } } },
        w.admin,
      );

      expect(res.revisionUpdate.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'terms', 'objectives', '0', 'target'], message: expect.any(String) }]);
      expect(await revision(created.revision.id, w.admin)).toEqual(draftBefore);
      expect(await agreementRowCounts(t)).toEqual(before);
    });
  });

  describe('the shape of an agreement: kind, level, party, parent', () => {
    it.each([
      ['a customer-level agreement without its customer', (w: AgreementWorld) => ({ kind: 'CUSTOMER_BASED', level: 'CUSTOMER', services: [w.serviceMpg.id] }), ['input', 'customer']],
      [
        'a service-based agreement over two services',
        (w: AgreementWorld) => ({ kind: 'SERVICE_BASED', level: 'SERVICE', services: [w.serviceMpg.id, w.serviceDesk.id] }),
        ['input', 'services'],
      ],
      [
        'a segment level of a multi-level agreement without a parent',
        (w: AgreementWorld) => ({ kind: 'MULTI_LEVEL', level: 'SEGMENT', segment: w.segment.id, services: [w.serviceMpg.id] }),
        ['input', 'parent'],
      ],
    ])('refuses %s and writes nothing', async (_, shape, field) => {
      const w = await world();
      const before = await agreementRowCounts(t);

      const res = await t.ok(AGREEMENT_CREATE, { input: { ...shape(w), terms: { title: 'Misshapen', objectives: [objectives.availability(99.9)] } } }, w.admin);

      expect(res.agreementCreate.agreement).toBeNull();
      expect(res.agreementCreate.userErrors).toEqual([{ code: 'INVALID_INPUT', field, message: expect.any(String) }]);
      expect(await agreementRowCounts(t)).toEqual(before);
    });

    it('refuses a lower level covering a service its parent does not cover', async () => {
      const w = await world();
      const corporate = await t.ok(
        AGREEMENT_CREATE,
        { input: { kind: 'MULTI_LEVEL', level: 'CORPORATE', services: [w.serviceMpg.id], terms: { title: 'Corporate floor', objectives: [objectives.availability(99.5)] } } },
        w.admin,
      );
      const child = (services: string[]) => ({
        kind: 'MULTI_LEVEL',
        level: 'SEGMENT',
        segment: w.segment.id,
        parent: corporate.agreementCreate.agreement.id,
        services,
        terms: { title: 'Finance level', objectives: [objectives.availability(99.9)] },
      });
      const before = await agreementRowCounts(t);

      const refused = await t.ok(AGREEMENT_CREATE, { input: child([w.serviceMpg.id, w.serviceDesk.id]) }, w.admin);
      expect(refused.agreementCreate.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'services', '1'], message: expect.stringContaining('parent') }]);
      expect(await agreementRowCounts(t)).toEqual(before);

      const accepted = await t.ok(AGREEMENT_CREATE, { input: child([w.serviceMpg.id]) }, w.admin);
      expect(accepted.agreementCreate.userErrors).toEqual([]);
      expect(accepted.agreementCreate.agreement).toMatchObject({ kind: 'MULTI_LEVEL', level: 'SEGMENT', status: 'DRAFT' });
    });
  });

  describe('editing and proposing a draft', () => {
    it('a stale version gets STALE_VERSION and changes nothing', async () => {
      const w = await world();
      const created = (await t.ok(AGREEMENT_CREATE, { input: alphaBankInput(w) }, w.admin)).agreementCreate;
      const readVersion = created.revision.version;
      const first = await t.ok(REVISION_UPDATE, { input: { id: created.revision.id, version: readVersion, terms: { title: 'Alpha Bank SLA (edited by Ann)' } } }, w.admin);
      expect(first.revisionUpdate.userErrors).toEqual([]);
      expect(first.revisionUpdate.revision.version).toBeGreaterThan(readVersion);
      const afterFirst = await revision(created.revision.id, w.admin);
      const before = await agreementRowCounts(t);

      // A second editor still holds the version read before Ann's edit.
      const stale = await t.ok(
        REVISION_UPDATE,
        { input: { id: created.revision.id, version: readVersion, terms: { title: 'Alpha Bank SLA (edited by Bob)', objectives: [objectives.availability(95)] } } },
        w.admin,
      );

      expect(stale.revisionUpdate.revision).toBeNull();
      expect(stale.revisionUpdate.userErrors).toEqual([{ code: 'STALE_VERSION', field: ['input', 'version'], message: expect.any(String) }]);
      expect(await revision(created.revision.id, w.admin)).toEqual(afterFirst);
      expect(afterFirst.title).toBe('Alpha Bank SLA (edited by Ann)');
      expect(await agreementRowCounts(t)).toEqual(before);
    });

    it('only a DRAFT is edited: a PROPOSED revision gets INVALID_STATE', async () => {
      const w = await world();
      const created = (await t.ok(AGREEMENT_CREATE, { input: alphaBankInput(w) }, w.admin)).agreementCreate;
      expect((await t.ok(REVISION_PROPOSE, { id: created.revision.id }, w.admin)).revisionPropose.revision.state).toBe('PROPOSED');
      const proposed = await revision(created.revision.id, w.admin);
      const before = await agreementRowCounts(t);

      const res = await t.ok(REVISION_UPDATE, { input: { id: created.revision.id, version: proposed.version, terms: { title: 'Sneaked in' } } }, w.admin);

      expect(res.revisionUpdate.userErrors).toEqual([{ code: 'INVALID_STATE', field: ['input', 'id'], message: expect.stringContaining('DRAFT') }]);
      expect(await revision(created.revision.id, w.admin)).toEqual(proposed);
      expect(await agreementRowCounts(t)).toEqual(before);
    });

    it('a draft is proposed only once it has an effectiveFrom and at least one objective', async () => {
      const w = await world();
      const created = (await t.ok(AGREEMENT_CREATE, { input: alphaBankInput(w, { effectiveFrom: null, objectives: [] }) }, w.admin)).agreementCreate;
      const id = created.revision.id;
      const before = await agreementRowCounts(t);

      const noDate = await t.ok(REVISION_PROPOSE, { id }, w.admin);
      expect(noDate.revisionPropose.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'id'], message: expect.stringContaining('effectiveFrom') }]);

      const dated = await t.ok(REVISION_UPDATE, { input: { id, version: created.revision.version, terms: { effectiveFrom: '2026-01-01T00:00:00Z' } } }, w.admin);
      expect(dated.revisionUpdate.userErrors).toEqual([]);
      const noObjective = await t.ok(REVISION_PROPOSE, { id }, w.admin);
      expect(noObjective.revisionPropose.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'id'], message: expect.stringContaining('objective') }]);
      expect((await revision(id, w.admin)).state).toBe('DRAFT');
      // The edit wrote the draft and its EDITED event; the refused proposals wrote nothing.
      expect(await agreementRowCounts(t)).toEqual({ ...before, events: before.events + 1 });

      const complete = await t.ok(
        REVISION_UPDATE,
        { input: { id, version: dated.revisionUpdate.revision.version, terms: { objectives: [objectives.availability(99.9)] } } },
        w.admin,
      );
      expect(complete.revisionUpdate.userErrors).toEqual([]);
      const proposed = await t.ok(REVISION_PROPOSE, { id }, w.admin);
      expect(proposed.revisionPropose).toEqual({ revision: { id, state: 'PROPOSED' }, userErrors: [] });
    });
  });

  describe('the database refuses to change signed terms and history', () => {
    let w: AgreementWorld;
    let agreementId: string;
    let revisionId: string;
    let signed: Record<string, unknown>;
    let events: string[];

    beforeAll(async () => {
      w = await world();
      const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id, { sub: 'sam@alpha-bank.example' });
      ({ agreementId, revisionId } = await activeAgreement(t, w.admin, alphaBankInput(w), { customerSignatory: signatory }));
      signed = await revision(revisionId, w.admin);
      events = await eventTypes(agreementId, w.admin);
    });

    it('starts from an ACTIVE revision with objectives, two approvals and a history', () => {
      expect(signed).toMatchObject({
        state: 'ACTIVE',
        objectives: [
          { metric: 'AVAILABILITY', target: 99.9 },
          { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
        ],
        approvals: [{ party: 'PROVIDER' }, { party: 'CUSTOMER', approvedBy: 'sam@alpha-bank.example' }],
      });
      expect(events).toEqual(['CREATED', 'PROPOSED', 'APPROVED', 'APPROVED', 'ACTIVATED']);
    });

    it.each([
      ['changing the terms of an ACTIVE revision', `UPDATE agreement_revision SET terms = jsonb_set(terms, '{title}', '"Rewritten"') WHERE id = $1`, /terms can no longer change/],
      ['moving its effectiveFrom', `UPDATE agreement_revision SET effective_from = effective_from - interval '1 day' WHERE id = $1`, /effectiveFrom is fixed/],
      ['sending it back to DRAFT', `UPDATE agreement_revision SET state = 'DRAFT' WHERE id = $1`, /cannot go from ACTIVE to DRAFT/],
      ['deleting it', `DELETE FROM agreement_revision WHERE id = $1`, /never deleted/],
      ['lowering one of its objectives', `UPDATE objective SET target = 50 WHERE revision_id = $1 AND metric = 'AVAILABILITY'`, /objectives of a ACTIVE revision can no longer change/],
      ['deleting its objectives', `DELETE FROM objective WHERE revision_id = $1`, /can no longer change/],
      [
        'adding an objective to it',
        `INSERT INTO objective (provider_id, revision_id, position, metric, name, comparator, target, window_kind)
         SELECT provider_id, id, 9, 'SATISFACTION', 'Added later', 'AT_LEAST', 80, 'CALENDAR_MONTH' FROM agreement_revision WHERE id = $1`,
        /can no longer change/,
      ],
      ['forging an approval', `UPDATE revision_approval SET actor_name = 'someone else' WHERE revision_id = $1`, /revision_approval is append-only/],
      ['removing an approval', `DELETE FROM revision_approval WHERE revision_id = $1`, /revision_approval is append-only/],
      ['rewriting the history', `UPDATE agreement_event SET actor_name = 'someone else' WHERE revision_id = $1`, /agreement_event is append-only/],
      ['erasing the history', `DELETE FROM agreement_event WHERE revision_id = $1`, /agreement_event is append-only/],
    ])('refuses %s, and the data stays as signed', async (_, sql, message) => {
      const revisionRowId = fromGlobalId(revisionId)!.uuid;
      await expect(t.app.db.dataSource.query(sql, [revisionRowId])).rejects.toThrow(message);

      expect(await revision(revisionId, w.admin)).toEqual(signed);
      expect(await eventTypes(agreementId, w.admin)).toEqual(events);
    });
  });

  describe('templates', () => {
    it('copies the terms of the template into the first draft of a new agreement, under its own title', async () => {
      const w = await world();
      const creditPolicy = {
        currency: 'EUR',
        periodFee: '12500.00',
        tiers: [
          { below: 99.99, creditPercent: 10 },
          { below: 99.0, creditPercent: 30 },
          { below: 95.0, creditPercent: 100 },
        ],
      };
      const template = await activeAgreement(t, w.admin, {
        kind: 'CUSTOMER_BASED',
        level: 'SEGMENT',
        segment: w.segment.id,
        services: [w.serviceMpg.id, w.serviceDesk.id],
        terms: {
          title: 'Finance standard',
          effectiveFrom: '2026-01-01T00:00:00Z',
          objectives: [objectives.availability(99.95), objectives.response('P1', 'PT15M'), { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT4H' }],
          creditPolicy,
        },
      });

      const created = await t.ok(
        AGREEMENT_CREATE,
        { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], template: template.agreementId, terms: { title: 'Alpha Bank SLA' } } },
        w.admin,
      );

      expect(created.agreementCreate.userErrors).toEqual([]);
      const copy = await revision(created.agreementCreate.revision.id, w.admin);
      const original = await revision(template.revisionId, w.admin);
      expect(copy).toMatchObject({ number: 1, state: 'DRAFT', title: 'Alpha Bank SLA', approvals: [] });
      expect(copy.objectives).toEqual([
        { metric: 'AVAILABILITY', priority: null, target: 99.95, targetDuration: null },
        { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', target: null, targetDuration: 'PT15M' },
        { metric: 'RESOLUTION_TIME', priority: 'P1', target: null, targetDuration: 'PT4H' },
      ]);
      expect(copy.creditPolicy).toEqual(creditPolicy);
      expect(original).toMatchObject({ title: 'Finance standard', state: 'ACTIVE', objectives: copy.objectives, creditPolicy });

      const agreement = await t.ok(`query($id: ID!) { agreement(id: $id) { template { id } } }`, { id: created.agreementCreate.agreement.id }, w.admin);
      expect(agreement.agreement.template).toEqual({ id: template.agreementId });
    });

    it("refuses another provider's agreement as a template, as if it did not exist", async () => {
      const w = await world();
      const other = await world();
      const theirs = (await t.ok(AGREEMENT_CREATE, { input: alphaBankInput(other) }, other.admin)).agreementCreate.agreement;
      const before = await agreementRowCounts(t);

      const res = await t.ok(
        AGREEMENT_CREATE,
        { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], template: theirs.id, terms: { title: 'Copied' } } },
        w.admin,
      );

      expect(res.agreementCreate.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'template'], message: expect.any(String) }]);
      expect(await agreementRowCounts(t)).toEqual(before);
    });
  });
});
