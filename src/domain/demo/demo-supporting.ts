import { AgreementKind, AgreementLevel, Metric } from '../../common/agreement-enums';
import { type FixedClock } from '../../common/clock';
import { type RequestContext } from '../../context/request-context';
import * as agreements from '../agreements/agreement.service';
import * as revisions from '../agreements/revision.service';
import * as parties from '../catalog/supporting-party.service';
import * as escalations from '../escalations/escalation.service';
import * as assignments from '../incidents/incident-assignment.service';
import * as incidents from '../incidents/incident.service';
import type { DemoRefs } from './demo-agreements';

/** The supporting parties the demo's incident goes to. */
export interface DemoSupportingParties {
  team: string;
  colo: string;
}

/**
 * The multi-level SLA's internal and external layer: Northwind's database platform team (an OLA,
 * in Berlin office hours) and its colocation supplier (an underpinning contract, 24x7) support the
 * Hanseatic Bank's P1 resolution target of its August terms (4 hours). Signed on the seed's clock
 * with the bank's revision 2, taking effect with it.
 */
export async function seedDemoSupportingAgreements(manager: RequestContext, refs: DemoRefs, clock: FixedClock, ids: { bankRevision: string; officeHours: string }): Promise<DemoSupportingParties> {
  const mpg = refs.services.get('MPG')!;
  clock.set(new Date('2026-07-20T09:00:00Z'));
  const team = await parties.create(manager, { kind: 'TEAM', name: 'Database platform team', calendarId: ids.officeHours, contacts: ['dba-oncall@northwind.example'] });
  const colo = await parties.create(manager, { kind: 'SUPPLIER', name: 'Frankfurt Colo GmbH', contacts: ['noc@frankfurt-colo.example'] });
  const [bankP1] = (await manager.em.query(`SELECT id FROM objective WHERE revision_id = $1 AND metric = 'RESOLUTION_TIME' AND priority = 'P1'`, [ids.bankRevision])) as { id: string }[];

  const supporting = async (kind: AgreementKind, partyId: string, title: string, target: string, scope: string) => {
    const created = await agreements.create(manager, {
      kind,
      level: AgreementLevel.SERVICE,
      supportingPartyId: partyId,
      serviceIds: [mpg],
      draft: {
        title,
        description: `${title}: what the provider's PostgreSQL agreements with its customers need from it.`,
        scopeOfServices: scope,
        effectiveFrom: new Date('2026-08-01T00:00:00Z'),
        objectives: [{ metric: Metric.RESOLUTION_TIME, priority: 'P1', targetDuration: target, supportsObjectiveIds: [bankP1.id] }],
      },
    });
    await revisions.propose(manager, created.revision.id);
    await revisions.approve(manager, created.revision.id);
  };
  await supporting(AgreementKind.OLA, team.id, 'Database platform OLA', 'PT3H', 'Second-line operation of the Managed PostgreSQL clusters, in office hours.');
  await supporting(AgreementKind.UNDERPINNING_CONTRACT, colo.id, 'Frankfurt Colo hosting contract', 'PT2H', 'Racks, power, network and remote hands in the Frankfurt data centre, 24x7.');
  return { team: team.id, colo: colo.id };
}

/**
 * One incident of the bank's PostgreSQL goes from the database team to the supplier and back: the
 * supplier's 2 hours run out, which escalates naming it (acknowledged, then resolved with the
 * incident), while the team's and the bank's own clocks are met. Runs after the incidents, on the
 * seed's clock.
 */
export async function seedDemoSupportedIncident(manager: RequestContext, refs: DemoRefs, clock: FixedClock, p: DemoSupportingParties): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- the demo's own clock, where its replay ended
  const end = clock.now();
  const at = (iso: string) => clock.set(new Date(iso));

  // Tuesday 10 November: a storage controller fails under the bank's primary cluster.
  at('2026-11-10T09:00:00Z');
  const { incident } = await incidents.report(manager, {
    customerId: refs.customers.get('Hanseatic Bank AG')!,
    serviceId: refs.services.get('MPG')!,
    priority: 'P1',
    impact: 'DEGRADED',
    title: 'Storage controller failure under the primary cluster',
    description: 'Write latency above 2 s on the primary; replicas healthy.',
    startedAt: new Date('2026-11-10T09:00:00Z'),
  });
  at('2026-11-10T09:06:00Z');
  await incidents.transition(manager, { id: incident.id, to: 'ACKNOWLEDGED', note: 'On it; the database team takes over.' });
  at('2026-11-10T09:10:00Z');
  await assignments.assign(manager, { id: incident.id, supportingPartyId: p.team });
  at('2026-11-10T10:00:00Z');
  await assignments.assign(manager, { id: incident.id, supportingPartyId: p.colo });
  // The supplier's 2 hours run out at 12:00; the next change records the breach and escalates, naming the supplier.
  at('2026-11-10T12:05:00Z');
  await incidents.update(manager, { id: incident.id, note: 'The data centre is replacing the storage controller.' });
  const [raised] = (await manager.em.query(`SELECT id FROM escalation WHERE incident_id = $1 AND supporting_party_id = $2`, [incident.id, p.colo])) as { id: string }[];
  if (raised) {
    at('2026-11-10T12:10:00Z');
    await escalations.act(manager, 'ACKNOWLEDGE', { id: raised.id, note: 'Frankfurt Colo engineer on site with the spare part.' });
  }
  at('2026-11-10T12:20:00Z');
  await assignments.assign(manager, { id: incident.id, supportingPartyId: p.team });
  at('2026-11-10T12:50:00Z');
  await incidents.transition(manager, { id: incident.id, to: 'RESOLVED', note: 'Controller replaced; write latency back to normal.' });

  clock.set(end);
}
