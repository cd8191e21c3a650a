import { type FixedClock } from '../../common/clock';
import { type RequestContext } from '../../context/request-context';
import * as escalations from '../escalations/escalation.service';
import * as incidents from '../incidents/incident.service';
import type { DemoRefs } from './demo-agreements';

/**
 * Escalations besides those the demo's incidents raise on their own (breached clocks, most of
 * them cancelled when the incident was resolved before anyone acknowledged): one raised by hand
 * and still open, one raised by hand and acknowledged, and an objective escalated for November
 * and resolved. Runs after the incidents, on the seed's clock.
 */
export async function seedDemoEscalations(manager: RequestContext, refs: DemoRefs, clock: FixedClock): Promise<void> {
  const incident = async (title: string): Promise<string> => {
    const rows: { id: string }[] = await manager.em.query('SELECT id FROM incident WHERE provider_id = $1 AND title = $2 ORDER BY started_at DESC LIMIT 1', [refs.providerId, title]);
    if (!rows[0]) throw new Error(`The demo has no incident "${title}".`);
    return rows[0].id;
  };
  // eslint-disable-next-line no-restricted-syntax -- the demo's own clock, where its replay ended
  const end = clock.now();
  const at = (iso: string) => clock.set(new Date(iso));

  // The bank's PostgreSQL availability (99.99%) is at risk in November: escalated, then resolved.
  const [availability] = (await manager.em.query(
    `SELECT o.id FROM objective o JOIN agreement_revision r ON r.id = o.revision_id
     WHERE o.provider_id = $1 AND r.state = 'ACTIVE' AND r.terms->>'title' = $2 AND o.metric = 'AVAILABILITY'`,
    [refs.providerId, 'Hanseatic Bank AG: Managed PostgreSQL'],
  )) as { id: string }[];
  if (availability) {
    at('2026-11-09T08:30:00Z');
    const e = await escalations.raiseByHand(manager, { objectiveId: availability.id, note: 'Two degraded episodes this month: the error budget is almost spent.' });
    at('2026-11-09T08:41:00Z');
    await escalations.act(manager, 'ACKNOWLEDGE', { id: e.id, note: 'Service manager informed; storage migration moved forward.' });
    at('2026-11-13T16:00:00Z');
    await escalations.act(manager, 'RESOLVE', { id: e.id, note: 'Clusters moved to the new storage pool; no further degradation.' });
  }

  // The DORA export runs late: the compliance officer asks for the account executive.
  at('2026-11-13T10:00:00Z');
  const dora = await escalations.raiseByHand(manager, { incidentId: await incident('Audit log export for the DORA register incomplete'), note: "The bank's compliance officer asks for a date before the register deadline." });
  at('2026-11-13T10:25:00Z');
  await escalations.act(manager, 'ACKNOWLEDGE', { id: dora.id, note: 'Call with the compliance officer booked for Monday.' });

  // A helpdesk ticket under the helpdesk's own terms (their levels count office hours, 08:00-18:00
  // Berlin), reported and escalated on a Friday afternoon: the team lead has 4 office hours, 2 that
  // day and 2 on Monday, so the service manager is due on Monday at 10:00.
  at('2026-11-13T14:40:00Z');
  const { incident: ticket } = await incidents.report(manager, {
    customerId: refs.customers.get('Hanseatic Bank AG')!,
    serviceId: refs.services.get('HELPDESK')!,
    priority: 'P3',
    impact: 'NONE',
    title: 'Certificate renewal for the customer portal',
    description: 'The portal certificate expires on Monday; the customer needs the new chain installed first.',
    startedAt: new Date('2026-11-13T14:40:00Z'),
  });
  at('2026-11-13T15:00:00Z');
  await escalations.raiseByHand(manager, { incidentId: ticket.id, note: 'The customer chased twice today; the team lead takes it over.' });
  // Answered, then waiting on the customer's new certificate chain: no clock of it runs on after the demo ends.
  at('2026-11-13T15:10:00Z');
  await incidents.transition(manager, { id: ticket.id, to: 'ACKNOWLEDGED', note: 'We will install the chain as soon as we have it.' });
  at('2026-11-13T15:20:00Z');
  await incidents.transition(manager, { id: ticket.id, to: 'WAITING_ON_CUSTOMER', note: 'Please send the new certificate chain.' });

  // Batch jobs queue for hours on the autoscaling incident: raised by hand, nobody has taken it yet.
  at('2026-11-15T10:30:00Z');
  await escalations.raiseByHand(manager, { incidentId: await incident('Node pool autoscaling stuck'), note: 'The customer reports render and batch jobs queued since last night.' });

  clock.set(end);
}
