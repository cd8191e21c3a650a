import { FixedClock } from '../src/common/clock';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const BATCH = `mutation($input: SurveyResponsesRecordInput!) { surveyResponsesRecord(input: $input) { accepted replayed userErrors { code field message } } }`;
const ONE = `mutation($input: SurveyResponseRecordInput!) { surveyResponseRecord(input: $input) { accepted replayed userErrors { code field message } } }`;
const MEASURE = `mutation($input: MeasurementsRecordInput!) { measurementsRecord(input: $input) { accepted userErrors { code field message } } }`;
const COMPLIANCE = `query($a: ID!) {
  complianceReport(agreement: $a, from: "2026-01-01T00:00:00+01:00", to: "2026-04-01T00:00:00+02:00", granularity: MONTH) {
    terminationRight { arises period }
    periods { status
      objectives { objective { metric } status attainedPercent satisfaction { measure responses meanScore satisfiedPercent } }
      violations { rule target actual unit }
      credit { perBreach { metric count creditPercent } totalPercent amount explanation } }
  }
}`;

/** Customer satisfaction (1-5 scale) with a floor of a mean score of 4.2 a month. */
describeOnBothDatabases('survey responses for a SATISFACTION objective', (db) => {
  const clock = new FixedClock(new Date('2026-01-31T12:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let agreementId: string;
  let csat: string;
  let ratio: string;
  const rows = async (): Promise<number> => (await t.app.db.dataSource.query('SELECT count(*)::int AS n FROM survey_response'))[0].n;

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    const created = await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceDesk.id],
      terms: {
        title: 'Helpdesk',
        effectiveFrom: '2025-12-31T23:00:00Z',
        objectives: [{ metric: 'SATISFACTION', target: 4.2 }, { metric: 'RATIO', target: 99 }],
        creditPolicy: { currency: 'EUR', periodFee: '2000.00', tiers: [], perBreach: [{ metric: 'SATISFACTION', creditPercent: 5 }], terminationAfterConsecutiveBreaches: 1 },
      },
    });
    agreementId = created.agreementId;
    const objectives = (await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives { id metric } } } }`, { id: created.revisionId }, w.admin)).node.objectives;
    csat = objectives.find((o: { metric: string }) => o.metric === 'SATISFACTION').id;
    ratio = objectives.find((o: { metric: string }) => o.metric === 'RATIO').id;
  });
  afterAll(() => t.stop());

  it('records a batch once, however often it is retried, and refuses the key with other responses', async () => {
    const responses = [5, 4, 4, 5, 3].map((score, i) => ({ objective: csat, at: `2026-01-${10 + i}T09:00:00Z`, score }));
    expect((await t.ok(BATCH, { input: { batchKey: 'survey-jan', responses } }, w.admin)).surveyResponsesRecord).toEqual({ accepted: 5, replayed: false, userErrors: [] });
    expect((await t.ok(BATCH, { input: { batchKey: 'survey-jan', responses } }, w.admin)).surveyResponsesRecord).toEqual({ accepted: 5, replayed: true, userErrors: [] });
    expect(await rows()).toBe(5);
    const reused = await t.ok(BATCH, { input: { batchKey: 'survey-jan', responses: responses.slice(0, 2) } }, w.admin);
    expect(reused.surveyResponsesRecord.userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })]);
    expect(await rows()).toBe(5);
  });

  it('records single responses, idempotent per key', async () => {
    clock.set(new Date('2026-02-20T12:00:00Z'));
    const first = { idempotencyKey: 'ticket-4711-survey', objective: csat, at: '2026-02-10T09:00:00Z', score: 3 };
    expect((await t.ok(ONE, { input: first }, w.admin)).surveyResponseRecord).toEqual({ accepted: 1, replayed: false, userErrors: [] });
    expect((await t.ok(ONE, { input: first }, w.admin)).surveyResponseRecord).toEqual({ accepted: 1, replayed: true, userErrors: [] });
    expect((await t.ok(ONE, { input: { ...first, score: 5 } }, w.admin)).surveyResponseRecord.userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })]);
    expect((await t.ok(ONE, { input: { ...first, idempotencyKey: 'ticket-4712-survey', score: 4 } }, w.admin)).surveyResponseRecord.userErrors).toEqual([]);
    expect(await rows()).toBe(7);
  });

  it('refuses scores off the 1-5 scale, responses in the future and other objectives, naming each field, and records nothing', async () => {
    const bad = await t.ok(
      BATCH,
      { input: { batchKey: 'bad-1', responses: [{ objective: csat, at: '2026-02-11T09:00:00Z', score: 4.5 }, { objective: csat, at: '2026-02-11T09:00:00Z', score: 6 }, { objective: csat, at: '2026-02-21T09:00:00Z', score: 0 }] } },
      w.admin,
    );
    expect(bad.surveyResponsesRecord).toEqual({
      accepted: null,
      replayed: null,
      userErrors: [
        { code: 'INVALID_INPUT', field: ['input', 'responses', '0', 'score'], message: expect.stringContaining('whole number from 1 to 5') },
        { code: 'INVALID_INPUT', field: ['input', 'responses', '1', 'score'], message: expect.stringContaining('whole number from 1 to 5') },
        { code: 'INVALID_INPUT', field: ['input', 'responses', '2', 'score'], message: expect.stringContaining('whole number from 1 to 5') },
        { code: 'INVALID_INPUT', field: ['input', 'responses', '2', 'at'], message: 'A survey response cannot be in the future.' },
      ],
    });
    const wrongObjective = await t.ok(ONE, { input: { idempotencyKey: 'bad-2', objective: ratio, at: '2026-02-11T09:00:00Z', score: 4 } }, w.admin);
    expect(wrongObjective.surveyResponseRecord.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'objective'], message: 'Survey responses feed SATISFACTION objectives only; this is a RATIO objective.' },
    ]);
    const measured = await t.ok(MEASURE, { input: { batchKey: 'bad-3', points: [{ objective: csat, at: '2026-02-11T09:00:00Z', good: 1, total: 1 }] } }, w.admin);
    expect(measured.measurementsRecord.userErrors).toEqual([expect.objectContaining({ field: ['input', 'points', '0', 'objective'], message: expect.stringContaining('surveyResponsesRecord') })]);
    expect(await rows()).toBe(7);
    // A key whose request was refused was not used: it can be used for a valid one.
    expect((await t.ok(ONE, { input: { idempotencyKey: 'bad-2', objective: csat, at: '2026-02-11T09:00:00Z', score: 3 } }, w.admin)).surveyResponseRecord.userErrors).toEqual([]);
    expect(await rows()).toBe(8);
  });

  it('judges the floor per month: met at exactly the target, breached below it (with its credit and termination right), no data without responses', async () => {
    clock.set(new Date('2026-04-02T00:00:00Z'));
    const report = (await t.ok(COMPLIANCE, { a: agreementId }, w.admin)).complianceReport;
    const [jan, feb, mar] = report.periods;
    const csatOf = (p: any) => p.objectives.find((o: any) => o.objective.metric === 'SATISFACTION');
    // January: 5, 4, 4, 5, 3: a mean of exactly 4.2, 4 of 5 satisfied.
    expect(csatOf(jan)).toEqual({
      objective: { metric: 'SATISFACTION' },
      status: 'MET',
      attainedPercent: '80.0000',
      satisfaction: { measure: 'MEAN_SCORE', responses: 5, meanScore: '4.2000', satisfiedPercent: '80.0000' },
    });
    expect(jan.credit).toMatchObject({ perBreach: [], amount: '0.00' });
    // February: 3, 4, 3: a mean of 3.3333, below 4.2.
    expect(csatOf(feb)).toEqual({
      objective: { metric: 'SATISFACTION' },
      status: 'BREACHED',
      attainedPercent: '33.3333',
      satisfaction: { measure: 'MEAN_SCORE', responses: 3, meanScore: '3.3333', satisfiedPercent: '33.3333' },
    });
    expect(feb.status).toBe('BREACHED');
    expect(feb.violations).toEqual([{ rule: 'SATISFACTION at least a mean score of 4.2 (scale 1-5) per CALENDAR_MONTH', target: '4.2', actual: '3.3333', unit: 'MEAN_SCORE' }]);
    expect(feb.credit).toMatchObject({ perBreach: [{ metric: 'SATISFACTION', count: 1, creditPercent: '5' }], totalPercent: '5', amount: '100.00' });
    expect(feb.credit.explanation).toContain('1 breached SATISFACTION period at 5% each: 5%.');
    expect(report.terminationRight).toEqual({ arises: true, period: 2 });
    // March: nobody answered.
    expect(csatOf(mar)).toEqual({
      objective: { metric: 'SATISFACTION' },
      status: 'NO_DATA',
      attainedPercent: null,
      satisfaction: { measure: 'MEAN_SCORE', responses: 0, meanScore: null, satisfiedPercent: null },
    });
  });
});
