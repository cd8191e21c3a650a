import { FixedClock } from '../src/common/clock';
import { ACTION_ITEM_ADD, monthlyReviewWorld, outage, REVIEW_COMPLETE, REVIEW_SCHEDULE, REVIEW_START } from './support/review-fixtures';
import { TestApp } from './support/test-app';

const PAGE = `query($first: Int!) {
  reviews(first: $first) {
    totalCount
    nodes {
      id kind status periodStart dueAt decision
      agreement { id customer { name } }
      amendment { number }
      participants { name party }
      findings { severity text objective { metric } }
      actionItems(first: 5) { totalCount nodes { description done review { id } } }
      snapshot { status totalCredit { amount } periods { status objectives { metric attainedPercent objective { id } } credit { amount } } }
    }
  }
}`;

const AGREEMENT_PAGE = `query($first: Int!) { agreements(first: 5) { nodes { id reviews(first: $first) { totalCount nodes { id status snapshot { status } actionItems { totalCount } } } } } }`;

describe('review lists cost a fixed number of SQL statements', () => {
  it('costs the same for 3 and for 24 reviews with their agreement, snapshot, participants, findings and action items', async () => {
    const clock = new FixedClock(new Date('2025-08-20T09:00:00Z'));
    const t = await TestApp.start({ clock });
    try {
      const rw = await monthlyReviewWorld(t, clock);
      clock.set(new Date('2025-10-05T09:00:00Z'));
      await outage(t, clock, rw, '2025-09-10T10:00:00Z', 20, 'P1');
      for (let i = 0; i < 24; i++) {
        const day = String(1 + i).padStart(2, '0');
        const scheduled = (
          await t.ok(
            REVIEW_SCHEDULE,
            { input: { agreement: rw.agreementId, title: `Review ${i}`, periodStart: `2025-09-${day}T00:00:00Z`, periodEnd: `2025-09-${day}T12:00:00Z`, dueAt: `2025-12-${day}T00:00:00Z` } },
            rw.w.admin,
          )
        ).reviewSchedule.review;
        if (i % 2 === 0) {
          await t.ok(REVIEW_START, { input: { id: scheduled.id } }, rw.w.admin);
          await t.ok(ACTION_ITEM_ADD, { input: { review: scheduled.id, description: `Item ${i}`, owner: 'ops', dueOn: '2025-11-01' } }, rw.w.admin);
          if (i % 4 === 0) {
            await t.ok(
              REVIEW_COMPLETE,
              { input: { id: scheduled.id, decision: 'CONTINUE', participants: [{ name: 'Ann', party: 'PROVIDER' }], findings: [{ severity: 'INFO', text: 'Fine' }] } },
              rw.w.admin,
            );
          }
        }
      }
      const small = await t.gql<any>(PAGE, { first: 3 }, { token: rw.w.admin });
      const large = await t.gql<any>(PAGE, { first: 24 }, { token: rw.w.admin });
      expect(small.errors).toBeUndefined();
      expect(large.errors).toBeUndefined();
      expect(large.data.reviews.nodes).toHaveLength(24);
      expect(large.data.reviews.nodes.some((n: any) => n.snapshot && n.actionItems.totalCount > 0 && n.findings.length > 0)).toBe(true);
      // Both pages hold every kind of data (the due dates order the list), so only the page size differs.
      const full = (n: any) => n.snapshot && n.actionItems.totalCount > 0 && n.findings.length > 0 && n.participants.length > 0;
      expect(small.data.reviews.nodes.some(full)).toBe(true);
      expect(small.data.reviews.nodes.some((n: any) => !n.snapshot)).toBe(true);
      expect(large.statements).toBe(small.statements);

      const few = await t.gql<any>(AGREEMENT_PAGE, { first: 2 }, { token: rw.w.admin });
      const many = await t.gql<any>(AGREEMENT_PAGE, { first: 20 }, { token: rw.w.admin });
      expect(many.errors).toBeUndefined();
      expect(many.data.agreements.nodes[0].reviews.nodes).toHaveLength(20);
      expect(few.data.agreements.nodes[0].reviews.nodes.some((n: any) => n.snapshot)).toBe(true);
      expect(many.statements).toBe(few.statements);
    } finally {
      await t.stop();
    }
  });
});
