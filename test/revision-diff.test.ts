import { FixedClock } from '../src/common/clock';
import { AGREEMENT_AMEND, activeAgreement, agreementWorld, type AgreementWorld, REVISION_UPDATE } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const DIFF = `query($id: ID!, $against: Int) { node(id: $id) { ... on AgreementRevision { diff(against: $against) { path kind before after } } } }`;
const SHOWN = `query($id: ID!) { node(id: $id) { ... on AgreementRevision {
  reviewCadence creditPolicy { tiers { below creditPercent } } objectives { metric priority targetDuration calendar { id } }
} } }`;

const policy = (creditPercent: number) => ({ currency: 'EUR', periodFee: '10000.00', tiers: [{ below: 99.99, creditPercent: 10 }, { below: 99.0, creditPercent }] });

describeOnBothDatabases('revision diffs', (db) => {
  const clock = new FixedClock(new Date('2026-03-01T09:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let agreement: string;
  let draft: { id: string; version: number };
  let calendar: string;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    calendar = (
      await t.ok(
        `mutation { businessCalendarCreate(input: { name: "Office", timeZone: "Europe/Berlin", weeklyHours: [{ weekday: 1, from: "09:00", to: "17:00" }] }) { calendar { id } } }`,
        {},
        w.admin,
      )
    ).businessCalendarCreate.calendar.id;
    ({ agreementId: agreement } = await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: {
        title: 'Helpdesk',
        effectiveFrom: '2026-02-01T00:00:00Z',
        reviewCadence: 'QUARTERLY',
        creditPolicy: policy(25),
        objectives: [
          { metric: 'AVAILABILITY', target: 99.9 },
          { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
        ],
      },
    }));
    draft = (await t.ok(AGREEMENT_AMEND, { id: agreement }, w.admin)).agreementAmend.revision;
    const updated = await t.ok(
      REVISION_UPDATE,
      {
        input: {
          id: draft.id,
          version: draft.version,
          terms: {
            reviewCadence: 'MONTHLY',
            creditPolicy: policy(30),
            objectives: [
              { metric: 'AVAILABILITY', target: 99.9 },
              { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'P1DT8H', calendar },
            ],
          },
        },
      },
      w.admin,
    );
    expect(updated.revisionUpdate.userErrors).toEqual([]);
  });
  afterAll(() => t.stop());

  it('names what changed as the API names it: field names of its types, durations in hours, global ids, enum values', async () => {
    const { diff } = (await t.ok(DIFF, { id: draft.id, against: 1 }, w.admin)).node;
    expect(diff).toEqual([
      { path: 'creditPolicy.tiers[below=99.0].creditPercent', kind: 'CHANGED', before: 25, after: 30 },
      { path: 'reviewCadence', kind: 'CHANGED', before: 'QUARTERLY', after: 'MONTHLY' },
      // An amendment starts without a date; revision 1 took effect at its signature.
      { path: 'effectiveFrom', kind: 'CHANGED', before: '2026-03-01T09:00:00.000Z', after: null },
      { path: 'objectives[FIRST_RESPONSE_TIME/P1].targetDuration', kind: 'CHANGED', before: 'PT15M', after: 'PT32H' },
      { path: 'objectives[FIRST_RESPONSE_TIME/P1].calendar', kind: 'CHANGED', before: null, after: calendar },
    ]);
    // Each value after is what the API shows under that name for the revision.
    const shown = (await t.ok(SHOWN, { id: draft.id }, w.admin)).node;
    const p1 = shown.objectives.find((o: { priority: string | null }) => o.priority === 'P1');
    expect([shown.creditPolicy.tiers.find((x: { below: number }) => x.below === 99).creditPercent, shown.reviewCadence, p1.targetDuration, p1.calendar.id]).toEqual(
      diff.filter((d: { path: string }) => d.path !== 'effectiveFrom').map((d: { after: unknown }) => d.after),
    );
  });

  it('says so when `against` names no revision of the agreement', async () => {
    for (const against of [9, 0, -1]) {
      const res = await t.gql(DIFF, { id: draft.id, against }, { token: w.admin });
      expect(res.status).toBeLessThan(500);
      expect(res.errors).toMatchObject([{ path: ['node', 'diff'], extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_FOUND', field: ['against'] } }]);
      expect(res.errors?.[0].message).toBe(`Revision ${against} of this agreement was not found.`);
    }
    // Against itself: nothing changed.
    expect((await t.ok(DIFF, { id: draft.id, against: 2 }, w.admin)).node.diff).toEqual([]);
  });
});
