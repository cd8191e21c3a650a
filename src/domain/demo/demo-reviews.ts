import { type Actor } from '../../common/actor';
import { type FixedClock } from '../../common/clock';
import { RequestContext } from '../../context/request-context';
import { reviewForPeriod } from '../reviews/review-planner.service';
import { addFinding, addParticipant, setActionItemDone } from '../reviews/review-items.service';
import { cancelReview, completeReview, startReview } from '../reviews/review-workflow.service';
import { ReviewActionItemEntity } from '../../db/entities/review-action-item.entity';

/** The demo agreements that get reviews (all reviewed QUARTERLY). */
export interface DemoReviewRefs {
  corporate: string;
  bank: string;
  publicSector: string;
  helpdesk: string;
}

const day = (iso: string) => new Date(`${iso}T09:00:00Z`);

/**
 * Quarterly reviews of the demo agreements, run on the demo's own clock after its incidents:
 * completed ones with participants, findings, action items and decisions (one AMEND with its
 * draft), one in progress past its due date, one never started and overdue, one cancelled, and
 * the fourth quarter scheduled for each. Everything goes through the reviews domain.
 */
export async function seedDemoReviews(tx: RequestContext, actor: Actor, clock: FixedClock, refs: DemoReviewRefs): Promise<void> {
  // A fresh context per step, so that "now" is the clock's at that step.
  const on = (iso: string) => {
    clock.set(day(iso));
    return new RequestContext(tx.db, actor, tx.requestId, clock, tx.logger, tx.em, true);
  };
  const quarter = (agreementId: string, inside: string) => reviewForPeriod(on('2026-11-15'), agreementId, 'QUARTERLY', day(inside));
  const maria = { name: 'Maria Keller', party: 'PROVIDER' as const, role: 'Account manager', email: 'maria.keller@northwind.example' };
  const ops = { name: 'Tobias Brandt', party: 'PROVIDER' as const, role: 'Head of operations' };

  // Corporate floor: Q1 and Q2 continued, Q3 sent to renegotiation; Q4 scheduled.
  const c1 = await quarter(refs.corporate, '2026-02-15');
  await startReview(on('2026-04-07'), c1.id);
  await completeReview(on('2026-04-09'), {
    id: c1.id,
    decision: 'CONTINUE',
    decisionNotes: 'Targets met in every month but January; no change needed.',
    participants: [maria, ops],
    findings: [{ severity: 'MINOR', text: 'January outage of Object Storage consumed most of the availability budget.' }],
    actionItems: [{ description: 'Add synthetic checks for the storage gateway in the second region.', owner: 'Tobias Brandt', dueOn: '2026-05-15' }],
  });
  const [c1Item] = await tx.em.getRepository(ReviewActionItemEntity).findBy({ reviewId: c1.id });
  await setActionItemDone(on('2026-05-04'), c1Item.id, true);
  const c2 = await quarter(refs.corporate, '2026-05-15');
  await startReview(on('2026-07-06'), c2.id);
  await completeReview(on('2026-07-08'), { id: c2.id, decision: 'CONTINUE', participants: [maria, ops] });
  const c3 = await quarter(refs.corporate, '2026-08-15');
  await startReview(on('2026-10-06'), c3.id);
  await completeReview(on('2026-10-09'), {
    id: c3.id,
    decision: 'RENEGOTIATE',
    decisionNotes: 'P1 first response missed repeatedly after the June amendment; open talks on staffing and targets.',
    participants: [maria, ops, { name: 'Dr. Elke Vogt', party: 'PROVIDER', role: 'Service delivery director' }],
    findings: [
      { severity: 'MAJOR', text: 'P1 first response (30 minutes) breached in August and September.' },
      { severity: 'INFO', text: 'Maintenance announced with the notice the terms require in every month.' },
    ],
    actionItems: [
      { description: 'Propose a follow-the-sun on-call rota to the steering committee.', owner: 'Dr. Elke Vogt', dueOn: '2026-11-30' },
      { description: 'Report P1 response times weekly until the renegotiation closes.', owner: 'Maria Keller', dueOn: '2026-10-31' },
    ],
  });
  await quarter(refs.corporate, '2026-11-15');

  // Hanseatic Bank: Q2 completed with the bank; Q3 started late and still in progress (overdue).
  const b2 = await quarter(refs.bank, '2026-05-15');
  await startReview(on('2026-07-07'), b2.id);
  await completeReview(on('2026-07-09'), {
    id: b2.id,
    decision: 'CONTINUE',
    decisionNotes: 'DORA update already under way (revision 2).',
    participants: [maria, { name: 'Jonas Richter', party: 'CUSTOMER', role: 'Head of IT operations' }],
    findings: [{ severity: 'MINOR', text: 'Two P1 incidents acknowledged after more than 10 minutes.' }],
    actionItems: [{ description: 'Share the P1 paging runbook with the bank.', owner: 'Maria Keller', dueOn: '2026-07-31' }],
  });
  const b3 = await quarter(refs.bank, '2026-08-15');
  await startReview(on('2026-10-12'), b3.id);
  await addParticipant(on('2026-10-12'), b3.id, maria);
  await addParticipant(on('2026-10-12'), b3.id, { name: 'Jonas Richter', party: 'CUSTOMER', role: 'Head of IT operations' });
  await addFinding(on('2026-10-13'), b3.id, { severity: 'MAJOR', text: 'The September report export failed twice; the customer asks for a credit.' });
  await quarter(refs.bank, '2026-11-15');

  // Public sector: the Q3 review was never started (overdue); Q2 was cancelled; Q4 scheduled.
  const p2 = await quarter(refs.publicSector, '2026-05-15');
  await cancelReview(on('2026-07-02'), p2.id, 'Replaced by the framework renewal workshop on 2 July.');
  await quarter(refs.publicSector, '2026-08-15');
  await quarter(refs.publicSector, '2026-11-15');

  // Helpdesk: the Q3 review decided to amend the terms; the draft it opened is linked to it.
  const h3 = await quarter(refs.helpdesk, '2026-08-15');
  await startReview(on('2026-10-05'), h3.id);
  await completeReview(on('2026-10-07'), {
    id: h3.id,
    decision: 'AMEND',
    decisionNotes: 'P3 resolution in 40 business hours is met with room to spare; propose 32 hours.',
    participants: [maria, { name: 'Lena Hoffmann', party: 'PROVIDER', role: 'Service desk lead' }],
    findings: [{ severity: 'INFO', text: 'P3 tickets resolved in 19 business hours on average.' }],
    actionItems: [{ description: 'Draft the amended P3 resolution target and send it for approval.', owner: 'Lena Hoffmann', dueOn: '2026-11-20' }],
  });
  await quarter(refs.helpdesk, '2026-11-15');
}
