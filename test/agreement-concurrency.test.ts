import {
  activeAgreement,
  AGREEMENT_AMEND,
  AGREEMENT_CREATE,
  agreementWorld,
  objectives,
  REVISION_APPROVE,
  REVISION_PROPOSE,
  REVISION_UPDATE,
  type AgreementWorld,
} from './support/agreement-fixtures';
import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

const REVISIONS = `query($id: ID!) { agreement(id: $id) { openRevision { number state } revisions(first: 100) { totalCount nodes { number state } } } }`;

describeOnPostgres('agreements under concurrent writes (PostgreSQL)', () => {
  let t: TestApp;
  let w: AgreementWorld;
  beforeAll(async () => {
    t = await TestApp.start();
    w = await agreementWorld(t);
  });
  afterAll(() => t.stop());

  const serviceAgreement = (title: string) =>
    activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: { title, effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.availability(99.9)] },
    });

  const amendTwentyTimesAtOnce = async (agreementId: string) => {
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql<any>(AGREEMENT_AMEND, { id: agreementId }, { token: w.admin })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const winners = results.filter((r) => r.data.agreementAmend.revision);
    const losers = results.filter((r) => r.data.agreementAmend.userErrors.length);
    return { winners, losers };
  };

  it('20 concurrent amendments of one active agreement: exactly one draft is opened, the others get INVALID_STATE, numbers stay gap-free', async () => {
    const { agreementId } = await serviceAgreement('Contended amendments');

    const first = await amendTwentyTimesAtOnce(agreementId);
    expect(first.winners).toHaveLength(1);
    expect(first.losers).toHaveLength(19);
    for (const l of first.losers) expect(l.data.agreementAmend.userErrors[0]).toMatchObject({ code: 'INVALID_STATE', field: ['input', 'agreement'] });
    expect(first.winners[0].data.agreementAmend.revision).toMatchObject({ number: 2, state: 'DRAFT', basedOn: { number: 1 } });
    const afterFirst = await t.ok(REVISIONS, { id: agreementId }, w.admin);
    expect(afterFirst.agreement.openRevision).toEqual({ number: 2, state: 'DRAFT' });
    expect(afterFirst.agreement.revisions.nodes).toEqual([
      { number: 1, state: 'ACTIVE' },
      { number: 2, state: 'DRAFT' },
    ]);

    // Sign revision 2 and race again: the next number is 3, never 4 or a duplicate 2.
    const draft = first.winners[0].data.agreementAmend.revision;
    await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms: { effectiveFrom: '2026-01-01T00:00:00Z' } } }, w.admin);
    expect((await t.ok(REVISION_PROPOSE, { id: draft.id }, w.admin)).revisionPropose.userErrors).toEqual([]);
    expect((await t.ok(REVISION_APPROVE, { id: draft.id }, w.admin)).revisionApprove.revision.state).toBe('ACTIVE');
    const second = await amendTwentyTimesAtOnce(agreementId);
    expect(second.winners).toHaveLength(1);
    expect(second.losers.map((l) => l.data.agreementAmend.userErrors[0].code)).toEqual(Array(19).fill('INVALID_STATE'));
    expect(second.winners[0].data.agreementAmend.revision).toMatchObject({ number: 3, basedOn: { number: 2 } });
    const afterSecond = await t.ok(REVISIONS, { id: agreementId }, w.admin);
    expect(afterSecond.agreement.revisions).toEqual({
      totalCount: 3,
      nodes: [
        { number: 1, state: 'SUPERSEDED' },
        { number: 2, state: 'ACTIVE' },
        { number: 3, state: 'DRAFT' },
      ],
    });
  });

  it('20 concurrent edits of one draft with the same version: exactly one wins, the others get STALE_VERSION', async () => {
    const created = await t.ok(
      AGREEMENT_CREATE,
      { input: { kind: 'SERVICE_BASED', level: 'SERVICE', services: [w.serviceDesk.id], terms: { title: 'Contended draft' } } },
      w.admin,
    );
    const { id, version } = created.agreementCreate.revision;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.gql<any>(REVISION_UPDATE, { input: { id, version, terms: { title: `Edit ${i}`, objectives: [objectives.availability(99 + i / 100)] } } }, { token: w.admin }),
      ),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const winners = results.filter((r) => r.data.revisionUpdate.revision);
    const losers = results.filter((r) => r.data.revisionUpdate.userErrors.length);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const l of losers) expect(l.data.revisionUpdate.userErrors[0]).toMatchObject({ code: 'STALE_VERSION', field: ['input', 'version'] });

    const won = winners[0].data.revisionUpdate.revision;
    const now = await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { title version objectives { target } } } }`, { id }, w.admin);
    expect(now.node).toEqual({ title: won.title, version: version + 1, objectives: won.objectives.map((o: { target: number }) => ({ target: o.target })) });
    // The history holds exactly one edit.
    const history = await t.ok(`query($id: ID!) { agreement(id: $id) { events { nodes { type } } } }`, { id: created.agreementCreate.agreement.id }, w.admin);
    expect(history.agreement.events.nodes.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'EDITED']);
  });
});
