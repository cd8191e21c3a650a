import { type FixedClock } from '../../common/clock';
import { type RequestContext } from '../../context/request-context';
import { type IncidentImpact } from '../../db/entities/incident.entity';
import { type IncidentTarget } from '../incidents/incident-lifecycle';
import * as incidents from '../incidents/incident.service';
import * as statuses from '../incidents/incident-status.service';
import type { DemoRefs } from './demo-agreements';

/** Who records the demo incidents: the monitoring integration reports alerts, the service desk the rest and works them all. */
export interface DemoIncidentActors {
  /** A provider user (account manager or admin): reports tickets, acknowledges, updates, resolves. */
  desk: RequestContext;
  /** An INTEGRATION caller: reports monitoring alerts. */
  monitoring: RequestContext;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The demo's "now": nothing happens after it; the incidents still open then stay open. */
const LAST_MOMENT = new Date('2026-11-15T11:00:00Z');

type Step =
  | { at: number; kind: 'move'; to: IncidentTarget; note?: string }
  | { at: number; kind: 'status'; status: string; note?: string }
  | { at: number; kind: 'update'; priority?: string; impact?: IncidentImpact; note?: string };

interface Plan {
  by: 'desk' | 'monitoring';
  customer: string;
  service: string;
  priority: string;
  impact: IncidentImpact;
  title: string;
  description: string;
  startedAt: number;
  externalId: string;
  steps: Step[];
  category?: string;
  channel?: string;
}

/** A small seeded generator (mulberry32): the same demo every time. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes an incident's timeline step by step: `after(minutes)` moves the pen forward. */
class Timeline {
  readonly steps: Step[] = [];
  constructor(private t: number) {}
  after(minutes: number): this {
    this.t += Math.round(minutes * MINUTE);
    return this;
  }
  move(to: IncidentTarget, note?: string): this {
    this.steps.push({ at: this.t, kind: 'move', to, note });
    return this;
  }
  /** To one of the provider's own statuses (DEMO_STATUSES). */
  status(status: string, note?: string): this {
    this.steps.push({ at: this.t, kind: 'status', status, note });
    return this;
  }
  note(note: string): this {
    this.steps.push({ at: this.t, kind: 'update', note });
    return this;
  }
  impact(impact: IncidentImpact, note?: string): this {
    this.steps.push({ at: this.t, kind: 'update', impact, note });
    return this;
  }
  priority(priority: string, note?: string): this {
    this.steps.push({ at: this.t, kind: 'update', priority, note });
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Everyday incidents, drawn at random: P2 to P4, DEGRADED or no impact, handled within targets.

interface Topic {
  service: string;
  title: string;
  description: string;
  impact: IncidentImpact;
  /** Raised by monitoring (any hour) rather than by a person at the desk (office hours). */
  alert: boolean;
}

const topic = (service: string, impact: IncidentImpact, alert: boolean, title: string, description: string): Topic => ({ service, impact, alert, title, description });

const TOPICS: Topic[] = [
  topic('MPG', 'DEGRADED', true, 'Replication lag above 60 s on a standby', 'The standby of a production cluster falls behind the primary; reads from it return stale data.'),
  topic('MPG', 'DEGRADED', true, 'Slow queries after minor version upgrade', 'Several reporting queries take three to five times longer since the last patch window.'),
  topic('MPG', 'DEGRADED', true, 'Connection pool saturated on cluster', 'PgBouncer reports all server connections in use; new sessions wait.'),
  topic('MPG', 'NONE', true, 'Nightly backup verification failed', 'The restore test of last night\u2019s base backup did not complete; backups themselves are intact.'),
  topic('MPG', 'NONE', false, 'Request: enable pg_partman extension', 'The customer asks for the pg_partman extension on their staging and production clusters.'),
  topic('MPG', 'NONE', false, 'Disk usage above 85% on data volume', 'Storage alert on a data volume; the customer is asked to confirm growth before the resize.'),
  topic('K8S', 'DEGRADED', true, 'Ingress returns intermittent 502 errors', 'A share of requests through the public ingress fail with 502 while pods restart.'),
  topic('K8S', 'DEGRADED', true, 'Pods evicted under memory pressure', 'Nodes of one pool evict workloads under memory pressure.'),
  topic('K8S', 'NONE', false, 'Request: upgrade cluster to Kubernetes 1.34', 'The customer asks for the control plane and node pools to be upgraded in the next window.'),
  topic('K8S', 'NONE', true, 'Image pulls from registry slow', 'Pulling images from the private registry takes minutes instead of seconds.'),
  topic('OBJ', 'DEGRADED', true, 'Elevated latency on PUT requests', 'Uploads take several seconds longer than usual in one region.'),
  topic('OBJ', 'NONE', false, 'Presigned URLs expire too early', 'Links generated with a 24 h lifetime stop working after about an hour.'),
  topic('OBJ', 'NONE', false, 'Request: bucket policy for a new partner', 'The customer needs read access to one bucket for an external partner.'),
  topic('HELPDESK', 'NONE', false, 'Password reset for a service account', 'A technical contact is locked out of a service account and asks for a reset.'),
  topic('HELPDESK', 'NONE', false, 'Question about the monthly service report', 'The customer does not understand how an availability figure in the last report was computed.'),
  topic('HELPDESK', 'NONE', false, 'Add two users to the customer portal', 'New operations staff need portal access with the viewer role.'),
  topic('HELPDESK', 'DEGRADED', false, 'Customer portal slow to load tickets', 'The ticket list takes more than 20 s to load for the customer\u2019s users.'),
  topic('HELPDESK', 'NONE', false, 'VPN access for an external auditor', 'The customer asks for time-limited VPN access for its external auditor.'),
];

interface DemoCustomer {
  name: string;
  services: string[];
  /** Everyday incidents a month, on average. */
  perMonth: number;
}

const CUSTOMERS: DemoCustomer[] = [
  { name: 'Hanseatic Bank AG', services: ['MPG', 'HELPDESK'], perMonth: 2.4 },
  { name: 'Banque Lumière SA', services: ['MPG', 'K8S', 'HELPDESK'], perMonth: 1.6 },
  { name: 'Stadtwerke Mittelheim', services: ['MPG', 'OBJ'], perMonth: 1 },
  { name: 'Pixelhaus GmbH', services: ['OBJ', 'HELPDESK'], perMonth: 0.8 },
];

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
const between = (rnd: () => number, min: number, max: number) => min + rnd() * (max - min);

/** A start time in the month: any hour for alerts; for desk tickets a weekday between 08:00 and 17:00 in Berlin (roughly). */
function startIn(rnd: () => number, monthStart: number, days: number, alert: boolean): number {
  const dayStart = monthStart + Math.floor(rnd() * days) * DAY;
  if (alert) return dayStart + Math.floor(rnd() * 24 * 60) * MINUTE;
  const weekday = new Date(dayStart).getUTCDay();
  const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  return dayStart + shift * DAY + (6.5 * 60 + Math.floor(rnd() * 9 * 60)) * MINUTE;
}

function everyday(rnd: () => number, customer: DemoCustomer, monthStart: number, days: number): Plan {
  const t = pick(rnd, TOPICS.filter((x) => customer.services.includes(x.service)));
  const start = startIn(rnd, monthStart, days, t.alert);
  const roll = rnd();
  const priority = t.impact === 'DEGRADED' ? (roll < 0.35 ? 'P2' : 'P3') : roll < 0.5 ? 'P3' : 'P4';
  const line = new Timeline(start);
  // First response well within every target: P2 within 45 min (the bank's P2 target is 1 h), P3 within 4 h.
  const respond = priority === 'P2' ? between(rnd, 4, 45) : priority === 'P3' ? between(rnd, 10, 240) : between(rnd, 30, 600);
  if (priority === 'P4' && rnd() < 0.6) {
    // Answered and done in one go.
    line.after(respond + between(rnd, 10, 90)).move('RESOLVED', pick(rnd, ['Done; the customer confirmed.', 'Answered by phone.', 'Done as requested.']));
  } else {
    line.after(respond).move(rnd() < 0.5 ? 'ACKNOWLEDGED' : 'IN_PROGRESS');
    if (priority === 'P2' && rnd() < 0.5) {
      line.after(between(rnd, 15, 50)).note(pick(rnd, ['Cause identified; a fix is being rolled out.', 'Mitigation in place; monitoring the effect.', 'Engineers are on it; next update within the hour.']));
    }
    if (priority !== 'P2' && rnd() < 0.2) {
      line.after(between(rnd, 10, 90)).move('WAITING_ON_CUSTOMER', 'Asked the customer for details (affected accounts, time of the last attempt).');
      line.after(between(rnd, 3 * 60, 40 * 60)).move('IN_PROGRESS', 'The customer answered.');
    }
    if (priority === 'P3' && t.impact === 'NONE' && rnd() < 0.25) line.after(between(rnd, 10, 60)).priority('P4', 'Workaround in place: lowered to P4.');
    else if (priority === 'P4' && rnd() < 0.25) line.after(between(rnd, 10, 60)).priority('P3', 'More users affected than first reported: raised to P3.');
    // DEGRADED incidents are fixed within hours; requests and questions within a day or so.
    const work = t.impact === 'DEGRADED' ? between(rnd, 30, 240) : between(rnd, 60, 20 * 60);
    line.after(work).move('RESOLVED', pick(rnd, ['Fixed and verified with the monitoring.', 'Resolved; details in the ticket.', 'Fixed; the customer confirmed.']));
  }
  if (rnd() < 0.12) line.after((between(rnd, 2, 5) * DAY) / MINUTE).move('CLOSED');
  return {
    by: t.alert ? 'monitoring' : 'desk',
    customer: customer.name,
    service: t.service,
    priority,
    impact: t.impact,
    title: t.title,
    description: t.description,
    startedAt: start,
    externalId: '',
    steps: line.steps,
  };
}

// ---------------------------------------------------------------------------------------------
// The story: P1 outages (some overlapping, some late), a breached P2 response, a reopen, and the
// incidents still open at the end.

type Story = Omit<Plan, 'startedAt' | 'steps' | 'externalId'> & { at: string; write: (line: Timeline) => Timeline };

/** Northwind's own incident statuses, as its ticketing tool names them, each with the meaning the SLA clocks go by. */
const DEMO_STATUSES = [
  { key: 'AWAITING_VENDOR', label: 'Awaiting vendor', meaning: 'WAITING_ON_THIRD_PARTY' },
  { key: 'CHANGE_WINDOW', label: "Booked into the customer's change window", meaning: 'SCHEDULED' },
];

const BANK = 'Hanseatic Bank AG';
const LUMIERE = 'Banque Lumière SA';
const STADTWERKE = 'Stadtwerke Mittelheim';
const PIXELHAUS = 'Pixelhaus GmbH';

const STORIES: Story[] = [
  {
    at: '2026-03-12T10:14:00Z', by: 'monitoring', customer: BANK, service: 'MPG', priority: 'P1', impact: 'OUTAGE',
    title: 'Primary PostgreSQL node unreachable on bank-core-prod',
    description: 'Health checks of the primary fail from both regions; applications cannot write.',
    write: (l) => l.after(6).move('IN_PROGRESS').after(6).note('Automatic failover to the standby in zone b completed; checking replication.')
      .after(5).move('RESOLVED', 'Failover complete; the failed node was replaced.'),
  },
  {
    // The on-call engineer was paged late: the first response breaches (and earns a credit).
    at: '2026-04-08T07:40:00Z', by: 'monitoring', customer: BANK, service: 'HELPDESK', priority: 'P1', impact: 'OUTAGE',
    title: 'Service desk hotline unreachable (SIP trunk down)',
    description: 'Calls to the 24x7 hotline end with a busy tone; the portal still works.',
    write: (l) => l.after(27).move('IN_PROGRESS', 'Paging failed on the first attempt; on-call engineer reached by phone.')
      .after(4).impact('DEGRADED', 'The carrier confirmed a routing fault; calls now go to the backup number.')
      .after(4).move('RESOLVED', 'The carrier fixed the route; hotline reachable again.'),
  },
  {
    // Raised to P1 while being worked on; still resolved within the P1 target.
    at: '2026-05-20T12:05:00Z', by: 'desk', customer: BANK, service: 'HELPDESK', priority: 'P2', impact: 'DEGRADED',
    title: 'Ticket portal times out when attaching files',
    description: 'Uploading attachments to tickets fails after 30 s; tickets without attachments work.',
    write: (l) => l.after(8).move('IN_PROGRESS')
      .after(35).priority('P1', 'Raised to P1: the bank\u2019s payment operations team cannot submit incident evidence. The virus scanner in front of the upload service is overloaded; adding capacity.')
      .after(50).move('RESOLVED', 'Scanner capacity doubled; uploads work again.'),
  },
  {
    // The long one: the bank's clusters are read-only for over nine hours; resolution breaches, availability drops below 99%.
    at: '2026-06-17T03:52:00Z', by: 'monitoring', customer: BANK, service: 'MPG', priority: 'P1', impact: 'OUTAGE',
    title: 'Storage array failure: PostgreSQL clusters read-only',
    description: 'A storage controller failed; every cluster on the array switched to read-only.',
    write: (l) => l.after(8).move('ACKNOWLEDGED').after(2).move('IN_PROGRESS')
      .after(40).note('Storage controller A failed; the vendor\u2019s engineer is on the way.')
      .after(230).note('Controller replaced; the array is rebuilding, clusters stay read-only until it completes.')
      .after(270).move('RESOLVED', 'Array rebuilt; all clusters writable again. A post-incident review follows.')
      .after(6 * 24 * 60).move('CLOSED', 'Post-incident review PIR-2026-06 shared with the customer.'),
  },
  {
    // Same failure, another customer: overlaps the bank's outage.
    at: '2026-06-17T04:05:00Z', by: 'monitoring', customer: LUMIERE, service: 'MPG', priority: 'P1', impact: 'OUTAGE',
    title: 'Databases read-only (shared storage failure)',
    description: 'Writes fail on the customer\u2019s clusters hosted on the failed storage array.',
    write: (l) => l.after(11).move('IN_PROGRESS').after(124).move('RESOLVED', 'Clusters moved to the standby storage pool; writes work again.'),
  },
  {
    at: '2026-07-07T14:02:00Z', by: 'monitoring', customer: BANK, service: 'MPG', priority: 'P1', impact: 'OUTAGE',
    title: 'Failover after kernel panic on primary',
    description: 'The primary of bank-payments rebooted after a kernel panic; the standby took over.',
    write: (l) => l.after(4).move('ACKNOWLEDGED').after(10).move('RESOLVED', 'Failover completed; the node was drained for analysis.'),
  },
  {
    // One failure, two customers, two overlapping incidents.
    at: '2026-07-22T09:31:00Z', by: 'monitoring', customer: STADTWERKE, service: 'OBJ', priority: 'P2', impact: 'OUTAGE',
    title: 'Object storage unavailable in eu-central',
    description: 'All requests to the eu-central endpoint fail with 503.',
    write: (l) => l.after(9).move('IN_PROGRESS').after(15).note('A faulty load balancer update is being rolled back.')
      .after(18).move('RESOLVED', 'Rollback complete; the endpoint answers again.'),
  },
  {
    at: '2026-07-22T09:33:00Z', by: 'monitoring', customer: PIXELHAUS, service: 'OBJ', priority: 'P2', impact: 'OUTAGE',
    title: 'Uploads fail with HTTP 503',
    description: 'The render pipeline cannot store its output; the same failure as on the eu-central endpoint.',
    write: (l) => l.after(12).move('ACKNOWLEDGED').after(28).move('RESOLVED', 'Fixed with the load balancer rollback.'),
  },
  {
    at: '2026-08-19T16:20:00Z', by: 'monitoring', customer: LUMIERE, service: 'MPG', priority: 'P1', impact: 'OUTAGE',
    title: 'Connection storms after certificate rotation',
    description: 'Clients reconnect in a loop after the server certificates were rotated; the clusters refuse new sessions.',
    write: (l) => l.after(12).move('IN_PROGRESS').after(20).note('The intermediate certificate is missing from the new chain; redeploying.')
      .after(18).move('RESOLVED', 'Full chain deployed; clients connect again.'),
  },
  {
    at: '2026-08-26T08:47:00Z', by: 'monitoring', customer: BANK, service: 'MPG', priority: 'P1', impact: 'DEGRADED',
    title: 'Write latency spikes on cluster bank-payments',
    description: 'Commit latency above 500 ms at the 99th percentile; payments are slow but go through.',
    write: (l) => l.after(6).move('IN_PROGRESS').after(30).note('A vacuum of a large table saturates the disks; throttling it.')
      .after(64).move('RESOLVED', 'Vacuum throttled and rescheduled to the night window.'),
  },
  {
    // Nobody looked at the alert for almost an hour and a half: the bank's P2 response target (1 h since August) breaches.
    at: '2026-09-09T01:10:00Z', by: 'monitoring', customer: BANK, service: 'MPG', priority: 'P2', impact: 'DEGRADED',
    title: 'Nightly batch slow: replica lag above 15 minutes',
    description: 'The end-of-day batch runs on a replica that lags far behind the primary.',
    write: (l) => l.after(85).move('IN_PROGRESS', 'The alert was routed to the wrong on-call rotation.')
      .after(160).move('RESOLVED', 'A long-running analytical query was cancelled with the customer\u2019s consent; the replica caught up.')
      .after(3 * 24 * 60).move('CLOSED'),
  },
  {
    // Resolved, reopened by the customer, waited on them, resolved again.
    at: '2026-09-15T10:30:00Z', by: 'desk', customer: BANK, service: 'HELPDESK', priority: 'P3', impact: 'NONE',
    title: 'Monthly SLA report export fails (PDF)',
    description: 'Exporting the August service report as PDF ends with an error page.',
    write: (l) => l.after(40).move('IN_PROGRESS').after(4 * 60).move('RESOLVED', 'Fixed the report template.')
      .after(26 * 60).move('REOPENED', 'The customer reports the export still fails for the September report.')
      .after(3 * 60).move('WAITING_ON_CUSTOMER', 'Asked for the report id and the browser used.')
      .after(20 * 60).move('IN_PROGRESS', 'The customer sent the details.')
      .after(3 * 60).move('RESOLVED', 'Long customer names overflowed the PDF header; fixed.'),
  },
  {
    at: '2026-10-14T07:20:00Z', by: 'desk', customer: BANK, service: 'HELPDESK', priority: 'P1', impact: 'DEGRADED',
    title: 'SSO login to the customer portal fails',
    description: 'Users who sign in through the bank\u2019s identity provider get an error; phone support works.',
    write: (l) => l.after(7).move('IN_PROGRESS').after(22).note('The signing certificate of our SAML endpoint expired; renewing it.')
      .after(25).move('RESOLVED', 'Certificate renewed; SSO works again. Expiry monitoring added.'),
  },
  // Still open at the end. This one runs late: its resolution target (40 office hours) has passed.
  {
    at: '2026-11-03T09:00:00Z', by: 'desk', customer: BANK, service: 'HELPDESK', priority: 'P3', impact: 'NONE',
    title: 'Audit log export for the DORA register incomplete',
    description: 'The export of portal audit logs misses entries for API key changes.',
    write: (l) => l.after(50).move('IN_PROGRESS')
      .after(25 * 60 + 10).move('WAITING_ON_CUSTOMER', 'Asked which registers the export feeds and the expected format.')
      .after(21.5 * 60).move('IN_PROGRESS', 'The customer sent the register format.')
      .after(7 * 24 * 60 + 6.5 * 60).note('A fix is scheduled with portal release 2026.11.3 on 19 November.'),
  },
  {
    // A security ticket: the Security objective (8 office hours) applies, and the helpdesk terms
    // pause its resolution clock while the identity provider investigates and until the slot the
    // customer chose: met, where counting every hour would have breached.
    at: '2026-10-20T08:30:00Z', by: 'desk', customer: PIXELHAUS, service: 'HELPDESK', priority: 'P3', impact: 'NONE', category: 'Security', channel: 'phone',
    title: 'Suspicious sign-ins to the customer portal',
    description: 'The customer reports sign-in alerts from an unknown country for two of its portal users.',
    write: (l) => l.after(20).move('IN_PROGRESS', 'Sessions of both users revoked.')
      .after(2 * 60).status('AWAITING_VENDOR', 'The identity provider investigates the sign-in attempts.')
      .after(24 * 60).status('CHANGE_WINDOW', 'Password reset and MFA enrolment booked for the slot the customer chose, Thursday 10:00.')
      .after(21 * 60 + 10).move('IN_PROGRESS', 'Working with the customer in its slot.')
      .after(90).move('RESOLVED', 'Passwords reset and MFA enrolled; no data was accessed.'),
  },
  {
    at: '2026-11-12T13:15:00Z', by: 'desk', customer: PIXELHAUS, service: 'OBJ', priority: 'P4', impact: 'NONE',
    title: 'Request: lifecycle rule to expire old renders',
    description: 'The customer wants renders older than 90 days deleted automatically.',
    write: (l) => l.after(2 * 60).move('ACKNOWLEDGED'),
  },
  {
    at: '2026-11-14T19:40:00Z', by: 'monitoring', customer: LUMIERE, service: 'K8S', priority: 'P2', impact: 'DEGRADED',
    title: 'Node pool autoscaling stuck',
    description: 'The batch node pool does not scale up; jobs queue for hours.',
    write: (l) => l.after(18).move('IN_PROGRESS', 'Cloud quota raised; waiting for the new nodes to join.'),
  },
];

function plans(): Plan[] {
  const rnd = mulberry32(20260301);
  let alerts = 4100;
  let tickets = 18200;
  const serial = (by: Plan['by']) => (by === 'monitoring' ? `ALERT-${++alerts}` : `SD-${++tickets}`);
  const out: Plan[] = [];
  for (const s of STORIES) {
    const start = new Date(s.at).getTime();
    out.push({
      by: s.by, customer: s.customer, service: s.service, priority: s.priority, impact: s.impact, title: s.title, description: s.description,
      startedAt: start, externalId: '', steps: s.write(new Timeline(start)).steps, category: s.category, channel: s.channel,
    });
  }
  // Everyday incidents, month by month; in November only in its first days, so that they are all settled by the end.
  for (let month = 2; month <= 10; month++) {
    const monthStart = Date.UTC(2026, month, 1);
    const days = month === 10 ? 5 : new Date(Date.UTC(2026, month + 1, 0)).getUTCDate();
    for (const customer of CUSTOMERS) {
      const expected = customer.perMonth * (days / 30);
      const count = Math.floor(expected + rnd());
      for (let n = 0; n < count; n++) out.push(everyday(rnd, customer, monthStart, days));
    }
  }
  // Alert and ticket numbers in the order the incidents started.
  out.sort((a, b) => a.startedAt - b.startedAt);
  for (const plan of out) plan.externalId = serial(plan.by);
  return out;
}

/**
 * Some eight months of incidents for a few Northwind customers, recorded through the incident
 * services in time order on the seed's clock (moved to each event before it is recorded), so
 * that clocks, compliance reports and credits have something to show. Deterministic: a seeded
 * generator draws the everyday incidents; the outages and breaches are written out.
 */
export async function seedDemoIncidents(tx: RequestContext, refs: DemoRefs, clock: FixedClock, actors: DemoIncidentActors): Promise<void> {
  const all = plans();
  for (const status of DEMO_STATUSES) await statuses.createStatus(actors.desk, status);
  const ids: string[] = [];
  type Event = { at: number; plan: number; step: number };
  const events: Event[] = [];
  all.forEach((plan, p) => {
    events.push({ at: plan.startedAt, plan: p, step: -1 });
    plan.steps.forEach((s, i) => events.push({ at: s.at, plan: p, step: i }));
  });
  events.sort((a, b) => a.at - b.at || a.plan - b.plan || a.step - b.step);
  let recorded = 0;
  for (const event of events) {
    if (event.at > LAST_MOMENT.getTime()) continue;
    const plan = all[event.plan];
    const at = new Date(event.at);
    clock.set(at);
    if (event.step < 0) {
      const { incident } = await incidents.report(actors[plan.by], {
        customerId: refs.customers.get(plan.customer)!,
        serviceId: refs.services.get(plan.service)!,
        priority: plan.priority,
        impact: plan.impact,
        title: plan.title,
        description: plan.description,
        startedAt: at,
        externalId: plan.externalId,
        category: plan.category ?? null,
        channel: plan.channel ?? null,
      });
      ids[event.plan] = incident.id;
    } else {
      const step = plan.steps[event.step];
      const id = ids[event.plan];
      if (step.kind === 'move') await incidents.transition(actors.desk, { id, to: step.to, at, note: step.note ?? null });
      else if (step.kind === 'status') await incidents.transition(actors.desk, { id, status: step.status, at, note: step.note ?? null });
      else await incidents.update(actors.desk, { id, priority: step.priority ?? null, impact: step.impact ?? null, note: step.note ?? null, at });
    }
    recorded += 1;
  }
  clock.set(LAST_MOMENT);
  tx.logger.debug({ incidents: all.length, events: recorded }, 'demo incidents seeded');
}
