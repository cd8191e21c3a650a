import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, AGREEMENT_AMEND, objectives, REVISION_UPDATE } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

describe('agreements: the main flow', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('creates, proposes, approves (both parties), amends and shows history and diff', async () => {
    const w = await agreementWorld(t);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const { agreementId, revisionId } = await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceMpg.id],
        terms: { title: 'Alpha Bank SLA', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.availability(99.9), objectives.response('P1', 'PT15M')] },
      },
      { customerSignatory: signatory },
    );
    const a = await t.ok(
      `query($id: ID!) { agreement(id: $id) { status currentRevision { id number state effectiveFrom } revisions { totalCount nodes { number state } } } }`,
      { id: agreementId },
      w.admin,
    );
    expect(a.agreement.status).toBe('ACTIVE');
    expect(a.agreement.currentRevision).toMatchObject({ id: revisionId, number: 1, state: 'ACTIVE' });

    const amended = await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.admin);
    const draft = amended.agreementAmend.revision;
    expect(draft).toMatchObject({ number: 2, state: 'DRAFT', basedOn: { number: 1 } });
    const second = await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.admin);
    expect(second.agreementAmend.userErrors[0].code).toBe('INVALID_STATE');

    const edited = await t.ok(
      REVISION_UPDATE,
      { input: { id: draft.id, version: draft.version, terms: { title: 'Alpha Bank SLA v2', effectiveFrom: '2027-01-01T00:00:00Z', objectives: [objectives.availability(99.95), objectives.response('P1', 'PT10M')] } } },
      w.admin,
    );
    expect(edited.revisionUpdate.userErrors).toEqual([]);
    const diff = await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { diff(against: 1) { path kind before after } } } }`, { id: draft.id }, w.admin);
    expect(diff.node.diff).toEqual([
      { path: 'title', kind: 'CHANGED', before: 'Alpha Bank SLA', after: 'Alpha Bank SLA v2' },
      { path: 'effectiveFrom', kind: 'CHANGED', before: a.agreement.currentRevision.effectiveFrom, after: '2027-01-01T00:00:00.000Z' },
      { path: 'objectives[AVAILABILITY].target', kind: 'CHANGED', before: 99.9, after: 99.95 },
      { path: 'objectives[FIRST_RESPONSE_TIME/P1].targetDuration', kind: 'CHANGED', before: 'PT15M', after: 'PT10M' },
    ]);
    const history = await t.ok(`query($id: ID!) { agreement(id: $id) { events(first: 50) { nodes { type actorName revisionNumber data } } } }`, { id: agreementId }, w.admin);
    expect(history.agreement.events.nodes.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'PROPOSED', 'APPROVED', 'APPROVED', 'ACTIVATED', 'DRAFT_OPENED', 'EDITED']);
  });
});
