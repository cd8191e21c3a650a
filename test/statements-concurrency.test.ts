import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { closeDueStatements } from '../src/domain/settlement/statement-close.service';
import { reconcileAgreement } from '../src/domain/settlement/statement-reconcile.service';
import { activeAgreement, agreementWorld } from './support/agreement-fixtures';
import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

/**
 * Closing runs exactly once however many processes run it at the same time (the agreement's row
 * lock, then the unique statement per month), and so does a recheck: several connections at once,
 * which only PostgreSQL has.
 */
describeOnPostgres('statements: exactly once with concurrent runs', () => {
  const clock = new FixedClock(new Date('2026-08-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock });
  });
  afterAll(() => t.stop());

  it('eight concurrent closes of the same months issue each statement once, with one statement.issued each; eight concurrent rechecks record one adjustment', async () => {
    const w = await agreementWorld(t, 'race-co');
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    await activeAgreement(t, w.admin, {
      kind: 'CUSTOMER_BASED',
      level: 'CUSTOMER',
      customer: w.customerA.id,
      services: [w.serviceMpg.id],
      terms: {
        title: 'Race SLA',
        effectiveFrom: '2026-08-31T22:00:00Z',
        objectives: [{ metric: 'AVAILABILITY', target: 99.9 }],
        creditPolicy: { currency: 'EUR', periodFee: '35000.00', tiers: [{ below: 99.9, creditPercent: 25 }], perBreach: [] },
      },
    }, { customerSignatory: signatory });
    clock.set(new Date('2026-09-01T00:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();
    const [{ id: agreementId }] = await t.app.db.dataSource.query(`SELECT id FROM agreement WHERE provider_id = $1`, [w.provider.id]);
    clock.set(new Date('2026-12-10T00:00:00Z'));
    const runs = await Promise.all(Array.from({ length: 8 }, () => closeDueStatements(t.context(null), agreementId)));
    expect(runs.map((r) => r.length).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 3]);
    const [{ statements, issued }] = await t.app.db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM statement WHERE agreement_id = $1) AS statements,
              (SELECT count(*)::int FROM domain_event WHERE agreement_id = $1 AND type = 'statement.issued') AS issued`,
      [agreementId],
    );
    expect({ statements, issued }).toEqual({ statements: 3, issued: 3 });

    // A back-filled outage in September (its recheck job is not run here); eight rechecks at once record it once.
    const reported = await t.ok(
      `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } } }`,
      { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Back-filled', startedAt: '2026-09-10T10:00:00Z' } },
      w.admin,
    );
    await t.ok(`mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code } } }`, { input: { id: reported.incidentReport.incident.id, to: 'RESOLVED', at: '2026-09-10T13:00:00Z' } }, w.admin);
    const incidentId = reported.incidentReport.incident.id as string;
    const cause = { kind: 'INCIDENT' as const, subjectId: incidentId, description: 'Back-filled', actorName: 'test' };
    const rechecks = await Promise.all(Array.from({ length: 8 }, () => reconcileAgreement(t.context(null), agreementId, cause)));
    expect(rechecks.map((r) => r.length).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(rechecks.flat()[0].creditDifference).toBe('8750.00');
  });
});
