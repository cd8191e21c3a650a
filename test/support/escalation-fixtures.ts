import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../src/common/global-id';
import { Role } from '../../src/common/roles';
import { activeAgreement, agreementWorld, type AgreementWorld } from './agreement-fixtures';
import { type TestApp } from './test-app';
import { WebhookReceiver } from './webhook-receiver';

export const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
export const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { incident { status } userErrors { code field message } } }`;
export const ESCALATION_FIELDS = `id trigger status currentLevel currentLevelName metric note raisedAt raisedBy acknowledgedAt acknowledgedBy resolvedAt resolvedBy nextLevelAt version
  period { start end } incident { id title } objective { id metric } agreement { id } customer { name }
  history { kind level channel recipients at actorKind actorName note }`;
export const INCIDENT_ESCALATIONS = `query($id: ID!) { incident(id: $id) { status escalations(first: 20) { totalCount nodes { ${ESCALATION_FIELDS} } } } }`;
export const ESCALATIONS = `query($filter: EscalationFilter, $first: Int) { escalations(filter: $filter, first: $first) { totalCount nodes { ${ESCALATION_FIELDS} } } }`;
export const ACKNOWLEDGE = `mutation($input: EscalationActionInput!) { escalationAcknowledge(input: $input) { escalation { ${ESCALATION_FIELDS} } userErrors { code field message } } }`;
export const RESOLVE = `mutation($input: EscalationActionInput!) { escalationResolve(input: $input) { escalation { ${ESCALATION_FIELDS} } userErrors { code field message } } }`;
export const RAISE = `mutation($input: EscalationRaiseInput!) { escalationRaise(input: $input) { escalation { ${ESCALATION_FIELDS} } userErrors { code field message } } }`;

/** A well-formed webhook endpoint id that names no endpoint. */
export const UNKNOWN_ENDPOINT = toGlobalId('WebhookEndpoint', randomUUID());

/** Three levels: on call (30 minutes; also the pager's webhook endpoint), service manager (1 hour), account executive. */
export const levels = (pager: string) => [
  { level: 1, name: 'On call', notifyRoles: ['ACCOUNT_MANAGER'], notifyUsers: ['oncall@acme.example'], notifyWebhookEndpoints: [pager], after: 'PT30M' },
  { level: 2, name: 'Service manager', notifyUsers: ['service.manager@acme.example'], after: 'PT1H' },
  { level: 3, name: 'Account executive', notifyRoles: ['PROVIDER_ADMIN'], after: 'PT4H' },
];

/** The levels for rules checked before any endpoint is looked up. */
export const LEVELS = levels(UNKNOWN_ENDPOINT);

export interface EscalationWorld extends AgreementWorld {
  integration: string;
  /** The on-call tool's webhook endpoint (level 1 names it; it subscribes to no escalation event) and its receiver on loopback. */
  pager: string;
  pagerReceiver: WebhookReceiver;
  levels: ReturnType<typeof levels>;
  signatoryA: string;
  /** Customer A, Managed PostgreSQL: P1 first response 15 min, resolution 4 h, availability 99.9; breaches and objectives escalate. */
  mpgAgreement: string;
  /** Customer A, Service Desk: P2 first response 1 h; only incidents left unacknowledged 20 minutes escalate. */
  deskAgreement: string;
  /** Customer B, Managed PostgreSQL: P1 first response 15 min; breaches escalate. */
  bAgreement: string;
}

export async function escalationWorld(t: TestApp): Promise<EscalationWorld> {
  const w = await agreementWorld(t);
  const integration = (await t.ok(`mutation { apiKeyCreate(input: { name: "Monitoring", roles: [INTEGRATION] }) { secret } }`, {}, w.admin)).apiKeyCreate.secret;
  const pagerReceiver = await WebhookReceiver.start(() => 200);
  const endpoint = await t.ok(
    `mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { webhookEndpoint { id } userErrors { code field message } } }`,
    { input: { url: pagerReceiver.url, events: ['review.due'], description: 'On-call pager' } },
    w.admin,
  );
  if (endpoint.webhookEndpointCreate.userErrors.length) throw new Error(JSON.stringify(endpoint.webhookEndpointCreate.userErrors));
  const pager = endpoint.webhookEndpointCreate.webhookEndpoint.id as string;
  const LEVELS = levels(pager);
  const signatoryA = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
  const signatoryB = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id);
  const mpg = await activeAgreement(
    t,
    w.admin,
    {
      kind: 'CUSTOMER_BASED',
      level: 'CUSTOMER',
      customer: w.customerA.id,
      services: [w.serviceMpg.id],
      terms: {
        title: 'Alpha Bank database SLA',
        effectiveFrom: '2026-01-01T00:00:00Z',
        objectives: [
          { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
          { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT4H' },
          { metric: 'AVAILABILITY', target: 99.9 },
        ],
        escalationPolicy: { levels: LEVELS, triggers: { clockBreach: true, objectiveBreached: true } },
      },
    },
    { customerSignatory: signatoryA },
  );
  const desk = await activeAgreement(
    t,
    w.admin,
    {
      kind: 'CUSTOMER_BASED',
      level: 'CUSTOMER',
      customer: w.customerA.id,
      services: [w.serviceDesk.id],
      terms: {
        title: 'Alpha Bank service desk SLA',
        effectiveFrom: '2026-01-01T00:00:00Z',
        objectives: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P2', targetDuration: 'PT1H' }],
        escalationPolicy: { levels: LEVELS.slice(0, 2), triggers: { clockBreach: false, unacknowledgedAfter: 'PT20M' } },
      },
    },
    { customerSignatory: signatoryA },
  );
  const b = await activeAgreement(
    t,
    w.admin,
    {
      kind: 'CUSTOMER_BASED',
      level: 'CUSTOMER',
      customer: w.customerB.id,
      services: [w.serviceMpg.id],
      terms: {
        title: 'Beta Insurance database SLA',
        effectiveFrom: '2026-01-01T00:00:00Z',
        objectives: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' }],
        escalationPolicy: { levels: LEVELS },
      },
    },
    { customerSignatory: signatoryB },
  );
  return { ...w, integration, pager, pagerReceiver, levels: LEVELS, signatoryA, mpgAgreement: mpg.agreementId, deskAgreement: desk.agreementId, bAgreement: b.agreementId };
}

/** Reports an incident that starts now (by the app's clock). */
export async function report(t: TestApp, w: EscalationWorld, input: { customer?: string; service?: string; priority?: string; title?: string; impact?: string } = {}): Promise<string> {
  const res = await t.ok(
    REPORT,
    {
      input: {
        customer: input.customer ?? w.customerA.id,
        service: input.service ?? w.serviceMpg.id,
        priority: input.priority ?? 'P1',
        impact: input.impact ?? 'OUTAGE',
        title: input.title ?? 'Primary database unreachable',
        startedAt: t.app.clock.now().toISOString(),
      },
    },
    w.integration,
  );
  if (res.incidentReport.userErrors.length) throw new Error(JSON.stringify(res.incidentReport.userErrors));
  return res.incidentReport.incident.id;
}

/** The events raised so far, oldest first, as a receiver would see their type and body. */
export async function domainEvents(t: TestApp, type?: string): Promise<{ type: string; data: any; subject_id: string }[]> {
  return t.app.db.dataSource.query(
    `SELECT type, data, subject_id FROM domain_event WHERE ($1::text IS NULL OR type = $1) ORDER BY occurred_at, recorded_at`,
    [type ?? null],
  );
}

