import { AGREEMENT_CREATE, agreementWorld } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

const RECORD = `mutation($input: MeasurementsRecordInput!) { measurementsRecord(input: $input) { accepted replayed userErrors { code field message } } }`;

describe('measurements for ratio objectives', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('records a batch once, however often it is retried, and refuses the key with other points', async () => {
    const w = await agreementWorld(t);
    const created = await t.ok(
      AGREEMENT_CREATE,
      { input: { kind: 'SERVICE_BASED', level: 'SERVICE', services: [w.serviceMpg.id], terms: { title: 'API success', objectives: [{ metric: 'RATIO', target: 99.5 }, { metric: 'AVAILABILITY', target: 99.9 }] } } },
      w.admin,
    );
    const objectives = (await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives { id metric } } } }`, { id: created.agreementCreate.revision.id }, w.admin)).node.objectives;
    const ratio = objectives.find((o: any) => o.metric === 'RATIO').id;
    const availability = objectives.find((o: any) => o.metric === 'AVAILABILITY').id;
    const points = Array.from({ length: 1000 }, (_, i) => ({ objective: ratio, at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), good: 995 + (i % 5), total: 1000 }));

    const first = await t.ok(RECORD, { input: { batchKey: 'batch-1', points } }, w.admin);
    expect(first.measurementsRecord).toEqual({ accepted: 1000, replayed: false, userErrors: [] });
    const retry = await t.ok(RECORD, { input: { batchKey: 'batch-1', points } }, w.admin);
    expect(retry.measurementsRecord).toEqual({ accepted: 1000, replayed: true, userErrors: [] });
    const [{ n, good }] = await t.app.db.dataSource.query('SELECT count(*)::int AS n, sum(good)::int AS good FROM measurement');
    expect(n).toBe(1000);
    expect(good).toBe(points.reduce((s, p) => s + p.good, 0));

    const reused = await t.ok(RECORD, { input: { batchKey: 'batch-1', points: points.slice(0, 10) } }, w.admin);
    expect(reused.measurementsRecord.userErrors[0]).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const wrongKind = await t.ok(RECORD, { input: { batchKey: 'batch-2', points: [{ objective: availability, at: '2026-01-02T00:00:00Z', good: 1, total: 1 }] } }, w.admin);
    expect(wrongKind.measurementsRecord.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'points', '0', 'objective'] });
    const badCounts = await t.ok(RECORD, { input: { batchKey: 'batch-3', points: [{ objective: ratio, at: '2026-01-02T00:00:00Z', good: 5, total: 4 }] } }, w.admin);
    expect(badCounts.measurementsRecord.userErrors[0]).toMatchObject({ field: ['input', 'points', '0', 'good'] });
    const tooMany = await t.ok(RECORD, { input: { batchKey: 'batch-4', points: [...points, points[0]] } }, w.admin);
    expect(tooMany.measurementsRecord.userErrors[0]).toMatchObject({ field: ['input', 'points'] });
  });
});
