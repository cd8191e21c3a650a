import { RequestContext } from '../src/context/request-context';
import { createLogger } from '../src/common/logger';
import { loadConfig } from '../src/common/config';
import { demoDirectory, seedDemo } from '../src/domain/demo/demo-seed';
import { mintDemoTokens } from '../src/graphql/demo-tokens';
import { Role } from '../src/common/roles';
import { TEST_JWT_SECRET, TestApp } from './support/test-app';

const counts = async (t: TestApp) => {
  const [row] = await t.app.db.dataSource.query(`SELECT
    (SELECT count(*)::int FROM provider) AS providers,
    (SELECT count(*)::int FROM customer) AS customers,
    (SELECT count(*)::int FROM segment) AS segments,
    (SELECT count(*)::int FROM segment_pin) AS pins,
    (SELECT count(*)::int FROM service) AS services`);
  return row as Record<string, number>;
};

describe('demo seed', () => {
  let t: TestApp;
  let system: RequestContext;
  beforeAll(async () => {
    t = await TestApp.start();
    system = new RequestContext(t.app.db, null, 'seed-test', t.app.clock, createLogger('silent'));
  });
  afterAll(() => t.stop());

  it('fills an empty database with two providers, a dozen customers in three segments and a handful of services', async () => {
    expect(await seedDemo(system)).toBe(true);
    expect(await counts(t)).toEqual({ providers: 2, customers: 12, segments: 3, pins: 2, services: 6 });
  });

  it('changes nothing when it runs again', async () => {
    const before = await counts(t);
    expect(await seedDemo(system)).toBe(false);
    expect(await counts(t)).toEqual(before);
  });

  it('prints a working token for each role, and the demo answers through them', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const tokens = await mintDemoTokens(config, TEST_JWT_SECRET, await demoDirectory(system));
    const northwind = tokens.filter((x) => x.provider === 'Northwind Cloud');
    expect(northwind.map((x) => x.role).sort()).toEqual(Object.values(Role).sort());
    for (const { role, token } of northwind) {
      const data = await t.ok(`{ viewer { roles provider { name } customer { name } } customers { totalCount } }`, {}, token);
      expect(data.viewer.roles).toEqual([role]);
      expect(data.viewer.provider.name).toBe('Northwind Cloud');
      const customerSide = role === Role.CUSTOMER_VIEWER || role === Role.CUSTOMER_SIGNATORY;
      expect(data.viewer.customer?.name ?? null).toBe(customerSide ? 'Hanseatic Bank AG' : null);
      expect(data.customers.totalCount).toBe(customerSide ? 1 : 8);
    }
    const admin = northwind.find((x) => x.role === Role.PROVIDER_ADMIN)!.token;
    const segments = await t.ok(`{ segments { nodes { name customers { nodes { name } } } } }`, {}, admin);
    expect(segments.segments.nodes.map((s: { name: string }) => s.name)).toEqual(['Enterprise / EU / Finance', 'Growth', 'Public sector']);
    const helios = tokens.find((x) => x.provider === 'Helios Managed Services')!;
    const other = await t.ok(`{ customers { totalCount } }`, {}, helios.token);
    expect(other.customers.totalCount).toBe(4);
  });

  it('holds agreements of every kind and level, with revision histories to explore', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const tokens = await mintDemoTokens(config, TEST_JWT_SECRET, await demoDirectory(system));
    const analyst = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.ANALYST)!.token;
    const data = await t.ok(
      `{ agreements(first: 50) { totalCount nodes { kind level status
          revisions { totalCount nodes { number state } }
          corporateOn: revisionAt(at: "2026-03-01T00:00:00Z") { number title }
          currentRevision { number objectives { metric priority } } } } }`,
      {},
      analyst,
    );
    const list = data.agreements.nodes as any[];
    expect(new Set(list.map((a) => a.kind))).toEqual(new Set(['SERVICE_BASED', 'CUSTOMER_BASED', 'MULTI_LEVEL', 'OLA', 'UNDERPINNING_CONTRACT']));
    expect(new Set(list.map((a) => a.level))).toEqual(new Set(['CORPORATE', 'SEGMENT', 'CUSTOMER', 'SERVICE']));
    expect(list.filter((a) => a.revisions.totalCount >= 2).length).toBeGreaterThanOrEqual(3);
    const corporate = list.find((a) => a.level === 'CORPORATE');
    expect(corporate.revisions.nodes.map((r: any) => [r.number, r.state])).toEqual([[1, 'SUPERSEDED'], [2, 'ACTIVE']]);
    expect(corporate.corporateOn.number).toBe(1);
    expect(list.some((a) => a.status === 'DRAFT')).toBe(true);
    expect(list.some((a) => a.revisions.nodes.some((r: any) => r.state === 'PROPOSED'))).toBe(true);
    expect(list.some((a) => a.revisions.nodes.some((r: any) => r.state === 'REJECTED'))).toBe(true);
  });

  it('holds months of incidents, so that compliance reports show breaches and credits', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const tokens = await mintDemoTokens(config, TEST_JWT_SECRET, await demoDirectory(system));
    const analyst = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.ANALYST)!.token;
    const { agreements } = await t.ok(`{ agreements(first: 50) { nodes { id level customer { name } } } }`, {}, analyst);
    const bank = (agreements.nodes as any[]).find((a) => a.level === 'CUSTOMER' && a.customer?.name === 'Hanseatic Bank AG');
    const data = await t.ok(
      `query($a: ID!) {
        complianceReport(agreement: $a, from: "2026-03-01T00:00:00+01:00", to: "2026-11-01T00:00:00+01:00", granularity: MONTH) {
          periods { start status objectives { objective { metric priority } status clocksMet clocksBreached } credit { amount totalPercent } }
        }
        incidents(first: 100) { totalCount nodes { status priority clocks { metric state } } }
      }`,
      { a: bank.id },
      analyst,
    );
    const periods = data.complianceReport.periods as any[];
    expect(periods).toHaveLength(8);
    expect(periods.some((p) => p.status === 'BREACHED')).toBe(true);
    expect(periods.some((p) => p.status === 'MET')).toBe(true);
    expect(periods.some((p) => p.credit && Number(p.credit.amount) > 0)).toBe(true);
    expect(data.incidents.totalCount).toBeGreaterThanOrEqual(60);
    const clocks = (data.incidents.nodes as any[]).flatMap((i) => i.clocks);
    expect(clocks.some((c) => c.state === 'BREACHED')).toBe(true);
  });

  it('holds query success of the bank\'s Managed PostgreSQL, budgeted by five-minute slices over a rolling 28 days', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const tokens = await mintDemoTokens(config, TEST_JWT_SECRET, await demoDirectory(system));
    const analyst = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.ANALYST)!.token;
    const { agreements } = await t.ok(`{ agreements(first: 50) { nodes { id currentRevision { title objectives { metric window { kind days } budgeting { method sliceDuration sliceTarget } } } } } }`, {}, analyst);
    const mpg = (agreements.nodes as any[]).find((a) => a.currentRevision?.title === 'Hanseatic Bank AG: Managed PostgreSQL');
    expect(mpg.currentRevision.objectives.find((o: any) => o.metric === 'RATIO')).toEqual({
      metric: 'RATIO',
      window: { kind: 'ROLLING_DAYS', days: 28 },
      budgeting: { method: 'TIMESLICES', sliceDuration: 'PT5M', sliceTarget: 99.5 },
    });
    const data = await t.ok(
      `query($a: ID!) { complianceReport(agreement: $a, from: "2026-11-12T00:00:00+01:00", to: "2026-11-13T00:00:00+01:00", granularity: DAY) {
        periods { label objectives { objective { metric } status slices { inWindow judged bad } errorBudget { unit allowed consumed }
          rollingWindow { label standing { status slices { judged bad } errorBudget { allowed consumed } } } } } } }`,
      { a: mpg.id },
      analyst,
    );
    const [day] = data.complianceReport.periods;
    // 12 November: 288 five-minute slices with data, 9 bad (a 40-minute burst and one more): over the day's 2.88.
    expect(day.label).toBe('2026-11-12');
    expect(day.objectives.find((o: any) => o.objective.metric === 'RATIO')).toEqual({
      objective: { metric: 'RATIO' },
      status: 'BREACHED',
      slices: { inWindow: 288, judged: 288, bad: 9 },
      errorBudget: { unit: 'SLICES', allowed: '2.88', consumed: '9' },
      // The 28 days ending with it (data from 18 October): 7,476 slices, 44 bad, within the 74.76 allowed.
      rollingWindow: { label: 'P28D/2026-11-13T00:00:00.000+01:00', standing: { status: 'MET', slices: { judged: 7476, bad: 44 }, errorBudget: { allowed: '74.76', consumed: '44' } } },
    });
  });

  it("shows the provider's own statuses pausing a clock by the terms, and an objective chosen by the incident's category", async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const tokens = await mintDemoTokens(config, TEST_JWT_SECRET, await demoDirectory(system));
    const analyst = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.ANALYST)!.token;
    const data = await t.ok(
      `{ incidentStatuses { key meaning builtIn }
         incidents(filter: { search: "Suspicious sign-ins" }) { nodes { status category channel
           revision { pauseRules { metric statuses } }
           events(first: 20) { nodes { toStatus toStatusKey } }
           clocks { metric state target pausingStatuses pausedIntervals { start end } objective { name } matchedConditions { categories } selectionReason } } } }`,
      {},
      analyst,
    );
    expect(data.incidentStatuses.filter((s: { builtIn: boolean }) => !s.builtIn)).toEqual([
      { key: 'AWAITING_VENDOR', meaning: 'WAITING_ON_THIRD_PARTY', builtIn: false },
      { key: 'CHANGE_WINDOW', meaning: 'SCHEDULED', builtIn: false },
    ]);
    const [incident] = data.incidents.nodes;
    expect(incident).toMatchObject({ status: 'RESOLVED', category: 'Security', channel: 'phone' });
    expect(incident.revision.pauseRules[0]).toEqual({ metric: 'RESOLUTION_TIME', statuses: ['WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'SCHEDULED'] });
    expect(incident.events.nodes.map((e: { toStatusKey: string | null }) => e.toStatusKey)).toEqual(['OPEN', 'IN_PROGRESS', 'AWAITING_VENDOR', 'CHANGE_WINDOW', 'IN_PROGRESS', 'RESOLVED']);
    const resolution = incident.clocks.find((c: { metric: string }) => c.metric === 'RESOLUTION_TIME');
    // Waiting on the vendor, then on the customer's slot: one pause, and the 8 office hours are met.
    expect(resolution).toMatchObject({
      state: 'MET',
      target: 'PT8H',
      objective: { name: 'Security incident resolution P3' },
      matchedConditions: { categories: ['Security'] },
      pausedIntervals: [{ start: '2026-10-20T10:50:00.000Z', end: '2026-10-22T08:00:00.000Z' }],
    });
    expect(resolution.selectionReason).toContain('most specific conditions');
  });

  it("shows burn-rate alert episodes of the bank's Managed PostgreSQL budget, raised and resolved through two outages", async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const tokens = await mintDemoTokens(config, TEST_JWT_SECRET, await demoDirectory(system));
    const analyst = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.ANALYST)!.token;
    const { agreements } = await t.ok(`{ agreements(first: 50) { nodes { id kind level services { code } customer { name } } } }`, {}, analyst);
    // The bank's own agreement: the OLA and the underpinning contract behind it cover the same service and name no customer.
    const bankMpg = (agreements.nodes as any[]).find((a) => a.level === 'SERVICE' && a.customer !== null && a.services.some((s: any) => s.code === 'MPG'));
    const data = await t.ok(
      `query($id: ID!) { node(id: $id) { ... on Agreement { burnRateAlerts(first: 20) { totalCount nodes { state budgetPercent longWindow startedAt resolvedAt objective { metric } } } } } }`,
      { id: bankMpg.id },
      analyst,
    );
    const episodes = data.node.burnRateAlerts.nodes as any[];
    // The storage failure of 17 June fires every default pair; the failover of 7 July fires again.
    expect(episodes.filter((e) => e.startedAt.startsWith('2026-06-17')).map((e) => e.budgetPercent).sort((x, y) => x - y)).toEqual([2, 5, 10]);
    expect(episodes.some((e) => e.startedAt.startsWith('2026-07-07'))).toBe(true);
    expect(episodes.every((e) => e.state === 'RESOLVED' && e.resolvedAt > e.startedAt && e.objective.metric === 'AVAILABILITY')).toBe(true);
  });

  it('holds escalations: open ones for the queues, acknowledged, resolved and cancelled ones with their history', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const tokens = await mintDemoTokens(config, TEST_JWT_SECRET, await demoDirectory(system));
    const analyst = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.ANALYST)!.token;
    const data = await t.ok(`{ escalations(first: 100) { nodes { status trigger incident { title } objective { metric } history { kind } } } }`, {}, analyst);
    const list = data.escalations.nodes as any[];
    const count = (status: string) => list.filter((e) => e.status === status).length;
    expect(count('OPEN')).toBeGreaterThanOrEqual(2);
    expect(list.some((e) => e.status === 'OPEN' && e.trigger === 'CLOCK_BREACH')).toBe(true);
    expect(count('ACKNOWLEDGED')).toBeGreaterThanOrEqual(1);
    expect(count('RESOLVED')).toBeGreaterThanOrEqual(1);
    expect(count('CANCELLED')).toBeGreaterThanOrEqual(1);
    expect(list.some((e) => e.objective?.metric === 'AVAILABILITY')).toBe(true);
    for (const e of list) expect(e.history[0].kind).toBe('NOTIFIED');
    expect(list.filter((e) => e.status === 'ACKNOWLEDGED').every((e) => e.history.some((h: any) => h.kind === 'ACKNOWLEDGED'))).toBe(true);
  });

  it("shows an incident handed from the database team (OLA) to the colocation supplier (underpinning contract) and back, under the bank's P1 resolution", async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const tokens = await mintDemoTokens(config, TEST_JWT_SECRET, await demoDirectory(system));
    const analyst = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.ANALYST)!.token;
    const data = await t.ok(
      `{ supportingParties { nodes { kind name calendar { name } } }
         incidents(filter: { search: "Storage controller failure" }) { nodes {
           assignedTo { name } assignments { party { name } assignedAt endedAt }
           clocks { metric state supportingClocks { party { name } agreement { kind } holding clock { state elapsed breachedAt } } }
           escalations { nodes { status trigger supportingParty { name } supportingMetric } } } } }`,
      {},
      analyst,
    );
    expect(data.supportingParties.nodes).toEqual([
      { kind: 'TEAM', name: 'Database platform team', calendar: { name: 'Berlin office hours' } },
      { kind: 'SUPPLIER', name: 'Frankfurt Colo GmbH', calendar: null },
    ]);
    const [incident] = data.incidents.nodes;
    expect(incident.assignedTo).toEqual({ name: 'Database platform team' });
    expect(incident.assignments.map((a: any) => [a.party.name, a.assignedAt, a.endedAt])).toEqual([
      ['Database platform team', '2026-11-10T09:10:00.000Z', '2026-11-10T10:00:00.000Z'],
      ['Frankfurt Colo GmbH', '2026-11-10T10:00:00.000Z', '2026-11-10T12:20:00.000Z'],
      ['Database platform team', '2026-11-10T12:20:00.000Z', null],
    ]);
    const resolution = incident.clocks.find((c: any) => c.metric === 'RESOLUTION_TIME');
    expect(resolution.state).toBe('MET');
    expect(resolution.supportingClocks).toEqual([
      { party: { name: 'Database platform team' }, agreement: { kind: 'OLA' }, holding: true, clock: { state: 'MET', elapsed: 'PT1H20M', breachedAt: null } },
      { party: { name: 'Frankfurt Colo GmbH' }, agreement: { kind: 'UNDERPINNING_CONTRACT' }, holding: false, clock: { state: 'BREACHED', elapsed: 'PT2H20M', breachedAt: '2026-11-10T12:00:00.000Z' } },
    ]);
    expect(incident.escalations.nodes).toEqual([{ status: 'RESOLVED', trigger: 'CLOCK_BREACH', supportingParty: { name: 'Frankfurt Colo GmbH' }, supportingMetric: 'RESOLUTION_TIME' }]);
  });

  it('shows an escalation whose level counts its delay in office hours, and recurring maintenance with its occurrences', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const tokens = await mintDemoTokens(config, TEST_JWT_SECRET, await demoDirectory(system));
    const analyst = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.ANALYST)!.token;
    const data = await t.ok(
      `{ escalations(first: 100) { nodes { raisedAt currentLevel nextLevelAt levels { level after calendar } } }
         maintenanceRecurrences { nodes { title rule timeZone calendar { name } occurrences(from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z") { startsAt endsAt } } } }`,
      {},
      analyst,
    );
    // Raised Friday 2026-11-13 16:00 Berlin: 2 office hours that day (to 18:00), 2 more on Monday from 08:00.
    const inOfficeHours = (data.escalations.nodes as any[]).find((e) => e.levels[0].calendar !== null && e.raisedAt === '2026-11-13T15:00:00.000Z');
    expect(inOfficeHours).toMatchObject({ raisedAt: '2026-11-13T15:00:00.000Z', levels: [{ level: 1, after: 'PT4H' }, { level: 2, after: 'PT8H' }, { level: 3, calendar: null }] });
    // Nobody acknowledged it: level 2 is due on Monday 10:00 (unless the scheduler has moved it on since).
    if (inOfficeHours.currentLevel === 1) expect(inOfficeHours.nextLevelAt).toBe('2026-11-16T09:00:00.000Z');
    const byTitle = [...data.maintenanceRecurrences.nodes].sort((a: any, b: any) => a.title.localeCompare(b.title));
    expect(byTitle).toEqual([
      {
        title: 'Kubernetes node patching',
        rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;UNTIL=20271231T230000Z',
        timeZone: 'Europe/Berlin',
        calendar: { name: 'Berlin office hours' },
        occurrences: ['2027-01-03', '2027-01-17', '2027-01-31'].map((d) => ({ startsAt: `${d}T01:30:00.000Z`, endsAt: `${d}T03:30:00.000Z` })),
      },
      {
        title: 'Object storage firmware rollout',
        rule: 'FREQ=MONTHLY;BYDAY=1SA',
        timeZone: 'Europe/Berlin',
        calendar: null,
        occurrences: [{ startsAt: '2027-01-02T22:00:00.000Z', endsAt: '2027-01-03T01:00:00.000Z' }],
      },
    ]);
  });
});
