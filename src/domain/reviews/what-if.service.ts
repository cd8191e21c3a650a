import { DateTime } from 'luxon';
import { In } from 'typeorm';
import { UserError } from '../../common/errors';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { type RequestContext } from '../../context/request-context';
import { withSnapshot } from '../../context/transaction';
import { objectivesOfRevisions } from '../agreements/revision-store';
import { type ComplianceReport, complianceReplay, complianceReport, type PeriodCompliance } from '../compliance/compliance.service';
import { type TerminationRight } from '../compliance/termination-right';
import { rejudgeUnder } from './what-if-clocks';
import { type CreditDifference, creditDifference, totalDifference, WHAT_IF_DEFAULT_PERIODS, WHAT_IF_MAX_PERIODS } from './what-if';

export interface WhatIfPeriod {
  start: Date;
  end: Date;
  /** What the revisions in force produced (the compliance report's period). */
  inForce: PeriodCompliance;
  /** What the replayed revision would have produced, judged on the same data. */
  replayed: PeriodCompliance;
  credit: CreditDifference;
}

export interface WhatIf {
  revision: AgreementRevisionEntity;
  agreementId: string;
  /** The provider's: the periods' bounds are shown in it. */
  timeZone: string;
  periods: WhatIfPeriod[];
  inForceTerminationRight: TerminationRight | null;
  replayedTerminationRight: TerminationRight | null;
  /** The credit exposure over all the periods, and its difference. */
  exposure: CreditDifference;
}

/**
 * What `revision` (a draft, a proposal, or any revision of the agreement) would have produced
 * over the last `periods` closed calendar months (in the provider's time zone) of the agreement's
 * real incidents and measurements, side by side with what the revisions in force produced: both
 * are the compliance report (compliance.service.ts, computed in SQL), once as is and once with
 * the revision judging every month a signed revision judged. One read-only snapshot; nothing is
 * written. Null when the revision is not the caller's to see.
 */
export async function revisionWhatIf(ctx: RequestContext, revision: AgreementRevisionEntity, periods: number = WHAT_IF_DEFAULT_PERIODS): Promise<WhatIf | null> {
  if (!Number.isInteger(periods) || periods < 1 || periods > WHAT_IF_MAX_PERIODS) {
    throw new UserError('INVALID_INPUT', `Replay 1 to ${WHAT_IF_MAX_PERIODS} closed months.`, ['periods']);
  }
  return withSnapshot(ctx, async (snapshot) => {
    const provider = await snapshot.em.getRepository(ProviderEntity).findOneByOrFail({ id: revision.providerId });
    const to = DateTime.fromJSDate(snapshot.now, { zone: provider.timeZone }).startOf('month');
    const from = to.minus({ months: periods });
    const objectives = await objectivesOfRevisions(snapshot, [revision.id]);
    const calendarIds = [...new Set(objectives.map((o) => o.calendarId).filter((id): id is string => id !== null))];
    const calendars = calendarIds.length ? await snapshot.em.getRepository(BusinessCalendarEntity).findBy({ id: In(calendarIds), providerId: revision.providerId }) : [];
    const actual = await complianceReport(snapshot, revision.agreementId, from.toJSDate(), to.toJSDate(), 'MONTH');
    const calendarsById = new Map(calendars.map((c) => [c.id, c]));
    const replay = await complianceReplay(snapshot, revision.agreementId, from.toJSDate(), to.toJSDate(), 'MONTH', {
      revision,
      objectives,
      calendars: calendarsById,
      // Time objectives: each clock judged again against the revision's targets (what-if-clocks.ts).
      rejudgeClocks: rejudgeUnder(revision, objectives, calendarsById),
    });
    if (!actual || !replay) return null;
    return compare(revision, actual, replay);
  });
}

function compare(revision: AgreementRevisionEntity, actual: ComplianceReport, replay: ComplianceReport): WhatIf {
  const amountOf = (p: PeriodCompliance) => p.credit && { currency: p.credit.currency, amount: p.credit.amount };
  const periods = actual.periods.map((inForce, i) => {
    const replayed = replay.periods[i];
    return { start: inForce.start, end: inForce.end, inForce, replayed, credit: creditDifference(amountOf(inForce), amountOf(replayed)) };
  });
  return {
    revision,
    agreementId: actual.agreementId,
    timeZone: actual.timeZone,
    periods,
    inForceTerminationRight: actual.terminationRight,
    replayedTerminationRight: replay.terminationRight,
    exposure: totalDifference(periods.map((p) => ({ inForce: amountOf(p.inForce), replayed: amountOf(p.replayed) }))),
  };
}
