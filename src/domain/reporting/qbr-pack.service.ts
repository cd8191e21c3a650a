import { In } from 'typeorm';
import { type RequestContext } from '../../context/request-context';
import { withSnapshot } from '../../context/transaction';
import { ReviewActionItemEntity } from '../../db/entities/review-action-item.entity';
import { type RevisionTerms } from '../agreements/terms';
import { complianceReport } from '../compliance/compliance.service';
import { findByIds as findIncidents, list as listIncidents } from '../incidents/incident.service';
import { findingsOf, visibleReviews } from '../reviews/review.service';
import { snapshotPeriod, type SnapshotPeriod } from '../reviews/review-snapshot';
import { sumMoney } from '../settlement/settlement-figures';
import { type AttainmentSeries, attainmentSeries } from './attainment-chart';

/** Everything a QBR pack shows, read from one snapshot of the database as the caller sees it. */
export interface QbrPack {
  agreementId: string;
  title: string;
  customerName: string | null;
  timeZone: string;
  from: Date;
  to: Date;
  generatedAt: Date;
  status: 'MET' | 'BREACHED' | 'NO_DATA';
  periods: SnapshotPeriod[];
  series: AttainmentSeries[];
  totalCredit: { amount: string; currency: string } | null;
  terminationRight: { requiredConsecutiveBreaches: number | null; arises: boolean; currentStreak: number } | null;
  /** The incidents behind breached objectives, oldest first: clocks that breached a time objective, downtime in a breached availability period. */
  incidents: { id: string; title: string; priority: string; impact: string; startedAt: Date; resolvedAt: Date | null; breached: string[] }[];
  /** Reviews whose period overlaps the pack's, with their findings and action items. */
  reviews: {
    id: string;
    title: string;
    kind: string;
    periodStart: Date;
    periodEnd: Date;
    status: string;
    decision: string | null;
    decisionNotes: string | null;
    findings: { severity: string; text: string }[];
    actionItems: { description: string; owner: string; dueOn: string; done: boolean }[];
  }[];
}

/**
 * The QBR pack of an agreement over [from, to): the compliance report by month (attainment
 * against target per objective, violations, credits, termination right), the incidents behind
 * the breaches, and the reviews of the range with their findings and action items. Null when
 * the caller may not see the agreement (another tenant's looks like a missing one).
 */
export async function qbrPack(ctx: RequestContext, agreementId: string, from: Date, to: Date): Promise<QbrPack | null> {
  return withSnapshot(ctx, async (s) => {
    const report = await complianceReport(s, agreementId, from, to, 'MONTH');
    if (!report) return null;
    const periods = report.periods.map(snapshotPeriod);
    const latest = [...report.periods].reverse().find((p) => p.revision)?.revision;
    const [head]: { title: string | null; customer_name: string | null; time_zone: string }[] = await s.em.query(
      `SELECT (SELECT r.terms->>'title' FROM agreement_revision r WHERE r.agreement_id = a.id AND r.state IN ('ACTIVE','SUPERSEDED','APPROVED') ORDER BY r.number DESC LIMIT 1) AS title,
              (SELECT c.name FROM customer c WHERE c.id = a.customer_id) AS customer_name, p.time_zone
       FROM agreement a JOIN provider p ON p.id = a.provider_id WHERE a.id = $1`,
      [agreementId],
    );
    const title = (latest?.terms as unknown as RevisionTerms | undefined)?.title ?? head?.title ?? 'Agreement';
    const breachedBy = new Map<string, Set<string>>();
    for (const p of periods) {
      for (const o of p.objectives) for (const id of o.breachedIncidentIds) (breachedBy.get(id) ?? breachedBy.set(id, new Set()).get(id)!).add(`${o.metric}${o.priority ? ` ${o.priority}` : ''}`);
    }
    // Availability: the agreement's outages and degradations during a breached period (their downtime is what breached it).
    const breachedUptime = periods.flatMap((p) => p.objectives.filter((o) => o.metric === 'AVAILABILITY' && o.status === 'BREACHED').map((o) => ({ p, label: `${o.metric}${o.priority ? ` ${o.priority}` : ''}` })));
    const down = breachedUptime.length ? (await listIncidents(s, { agreementId, startedBefore: to }, { first: 100 })).nodes.filter((i) => i.impact !== 'NONE') : [];
    for (const { p, label } of breachedUptime) {
      const [start, end] = [new Date(p.start), new Date(p.end)];
      for (const i of down) if (i.startedAt < end && (i.resolvedAt ?? ctx.now) > start) (breachedBy.get(i.id) ?? breachedBy.set(i.id, new Set()).get(i.id)!).add(label);
    }
    const incidents = (await findIncidents(s, [...breachedBy.keys()]))
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
      .map((i) => ({ id: i.id, title: i.title, priority: i.priority, impact: i.impact, startedAt: i.startedAt, resolvedAt: i.resolvedAt, breached: [...(breachedBy.get(i.id) ?? [])] }));
    const reviewRows = await visibleReviews(s)
      .andWhere('rv.agreementId = :agreementId AND rv.periodStart < :to AND rv.periodEnd > :from', { agreementId, from, to })
      .andWhere("rv.status <> 'CANCELLED'")
      .orderBy('rv.periodStart', 'ASC')
      .getMany();
    const ids = reviewRows.map((r) => r.id);
    const findings = await findingsOf(s, ids);
    const items = ids.length ? await s.em.getRepository(ReviewActionItemEntity).find({ where: { reviewId: In(ids), providerId: reviewRows[0].providerId }, order: { dueOn: 'ASC', seq: 'ASC' } }) : [];
    const credits = periods.flatMap((p) => (p.credit ? [p.credit] : []));
    const t = report.terminationRight;
    return {
      agreementId,
      title,
      customerName: head?.customer_name ?? null,
      timeZone: head?.time_zone ?? 'UTC',
      from,
      to,
      generatedAt: ctx.now,
      status: periods.some((p) => p.status === 'BREACHED') ? 'BREACHED' : periods.some((p) => p.status === 'MET') ? 'MET' : 'NO_DATA',
      periods,
      series: attainmentSeries(periods),
      totalCredit: credits.length ? { amount: sumMoney(credits.map((c) => c.amount), credits[0].currency), currency: credits[0].currency } : null,
      terminationRight: t && { requiredConsecutiveBreaches: t.requiredConsecutiveBreaches ?? null, arises: t.arises, currentStreak: t.currentStreak },
      incidents,
      reviews: reviewRows.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        status: r.status,
        decision: r.decision,
        decisionNotes: r.decisionNotes,
        findings: findings.filter((f) => f.reviewId === r.id).map((f) => ({ severity: f.severity, text: f.text })),
        actionItems: items.filter((i) => i.reviewId === r.id).map((i) => ({ description: i.description, owner: i.owner, dueOn: i.dueOn, done: i.doneAt !== null })),
      })),
    };
  });
}
