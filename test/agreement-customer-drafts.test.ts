import { Role } from '../src/common/roles';
import { activeAgreement, AGREEMENT_AMEND, AGREEMENT_CREATE, agreementWorld, objectives, REVISION_PROPOSE } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

/** Drafts are the provider's work in progress: the customer sees a revision once it is proposed. */
describe('customer users and drafts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('hides draft agreements and draft revisions from the customer until they are proposed', async () => {
    const w = await agreementWorld(t);
    const viewer = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const terms = (title: string) => ({ title, effectiveFrom: '2030-01-01T00:00:00Z', objectives: [objectives.availability(99.9)] });

    const draftOnly = await t.ok(AGREEMENT_CREATE, { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: terms('Still drafting') } }, w.admin);
    const draftAgreement = draftOnly.agreementCreate.agreement.id;
    const seen = async () => (await t.ok(`{ agreements { nodes { id } } }`, {}, viewer)).agreements.nodes.map((n: { id: string }) => n.id);
    expect(await seen()).toEqual([]);
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: draftAgreement }, viewer)).node).toBeNull();

    await t.ok(REVISION_PROPOSE, { id: draftOnly.agreementCreate.revision.id }, w.admin);
    expect(await seen()).toEqual([draftAgreement]);

    const { agreementId } = await activeAgreement(t, w.admin, { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceDesk.id], terms: { ...terms('Signed'), effectiveFrom: '2020-01-01T00:00:00Z' } }, { customerSignatory: signatory });
    const amended = await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.admin);
    const draftRevision = amended.agreementAmend.revision.id;
    const asCustomer = await t.ok(
      `query($id: ID!, $draft: ID!) { agreement(id: $id) { openRevision { id } revisions { totalCount nodes { number state } } events(first: 50) { nodes { type } } } draft: node(id: $draft) { id } }`,
      { id: agreementId, draft: draftRevision },
      viewer,
    );
    expect(asCustomer.agreement.openRevision).toBeNull();
    expect(asCustomer.agreement.revisions).toEqual({ totalCount: 1, nodes: [{ number: 1, state: 'ACTIVE' }] });
    expect(asCustomer.agreement.events.nodes.map((e: { type: string }) => e.type)).not.toContain('DRAFT_OPENED');
    expect(asCustomer.draft).toBeNull();

    const asProvider = await t.ok(`query($id: ID!) { agreement(id: $id) { openRevision { id } revisions { totalCount } } }`, { id: agreementId }, w.admin);
    expect(asProvider.agreement).toEqual({ openRevision: { id: draftRevision }, revisions: { totalCount: 2 } });
  });
});

describe('agreement filters by one kind, level or status', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('accepts kind, level and status as single values, alone or with the lists', async () => {
    const w = await agreementWorld(t);
    await t.ok(AGREEMENT_CREATE, { input: { kind: 'SERVICE_BASED', level: 'SERVICE', services: [w.serviceMpg.id], terms: { title: 'MPG for all' } } }, w.admin);
    await t.ok(AGREEMENT_CREATE, { input: { kind: 'MULTI_LEVEL', level: 'CORPORATE', services: [w.serviceMpg.id], terms: { title: 'Corporate' } } }, w.admin);
    const titles = async (filter: Record<string, unknown>) =>
      (await t.ok(`query($f: AgreementFilter) { agreements(filter: $f) { nodes { openRevision { title } } } }`, { f: filter }, w.admin)).agreements.nodes
        .map((n: any) => n.openRevision.title)
        .sort();
    expect(await titles({ kind: 'SERVICE_BASED' })).toEqual(['MPG for all']);
    expect(await titles({ level: 'CORPORATE', status: 'DRAFT' })).toEqual(['Corporate']);
    expect(await titles({ kind: 'MULTI_LEVEL', kinds: ['MULTI_LEVEL', 'SERVICE_BASED'] })).toEqual(['Corporate']);
    expect(await titles({ kind: 'MULTI_LEVEL', kinds: ['SERVICE_BASED'] })).toEqual([]);
    expect(await titles({ status: 'ACTIVE' })).toEqual([]);
  });
});
