import { Role } from '../../src/common/roles';
import { type TestApp, type TestProvider } from './test-app';

/** A provider with an admin token, two customers, a segment and two services: the starting point of agreement tests. */
export interface AgreementWorld {
  provider: TestProvider;
  admin: string;
  customerA: { id: string; name: string };
  customerB: { id: string; name: string };
  segment: { id: string };
  serviceMpg: { id: string };
  serviceDesk: { id: string };
}

export async function agreementWorld(t: TestApp, slug = 'acme'): Promise<AgreementWorld> {
  const provider = await t.provider(slug);
  const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
  const customer = async (name: string, industry: string) =>
    (
      await t.ok(
        `mutation($i: CustomerCreateInput!) { customerCreate(input: $i) { customer { id name } userErrors { message } } }`,
        { i: { name, sizeBand: 'ENTERPRISE', industry, region: 'EUROPE', tier: 'GOLD', country: 'DE', timeZone: 'Europe/Berlin' } },
        admin,
      )
    ).customerCreate.customer;
  const customerA = await customer('Alpha Bank', 'Finance');
  const customerB = await customer('Beta Insurance', 'Finance');
  const segment = (
    await t.ok(`mutation { segmentCreate(input: { name: "Finance", rules: [{ industries: ["Finance"] }] }) { segment { id } } }`, {}, admin)
  ).segmentCreate.segment;
  const service = async (code: string, name: string) =>
    (await t.ok(`mutation($i: ServiceCreateInput!) { serviceCreate(input: $i) { service { id } } }`, { i: { code, name } }, admin)).serviceCreate.service;
  return { provider, admin, customerA, customerB, segment, serviceMpg: await service('MPG', 'Managed PostgreSQL'), serviceDesk: await service('DESK', 'Service Desk') };
}

export const AGREEMENT_CREATE = `mutation($input: AgreementCreateInput!) {
  agreementCreate(input: $input) {
    agreement { id kind level status }
    revision { id number state version title effectiveFrom objectives { metric priority target targetDuration } }
    userErrors { code field message }
  }
}`;

export const REVISION_UPDATE = `mutation($input: RevisionUpdateInput!) {
  revisionUpdate(input: $input) { revision { id number state version title effectiveFrom objectives { metric priority target targetDuration } } userErrors { code field message } }
}`;
export const REVISION_PROPOSE = `mutation($id: ID!) { revisionPropose(input: { id: $id }) { revision { id state } userErrors { code field message } } }`;
export const REVISION_APPROVE = `mutation($id: ID!) { revisionApprove(input: { id: $id }) { revision { id state effectiveFrom effectiveTo approvals { party approvedBy } } userErrors { code field message } } }`;
export const AGREEMENT_AMEND = `mutation($id: ID!) { agreementAmend(input: { agreement: $id }) { revision { id number state version basedOn { number } } userErrors { code field message } } }`;

export const objectives = {
  availability: (target: number) => ({ metric: 'AVAILABILITY', target }),
  response: (priority: string, duration: string) => ({ metric: 'FIRST_RESPONSE_TIME', priority, targetDuration: duration }),
};

/** Creates, proposes and approves (provider side, plus `customerSignatory` if given) an agreement; returns ids. */
export async function activeAgreement(
  t: TestApp,
  admin: string,
  input: Record<string, unknown>,
  opts: { customerSignatory?: string } = {},
): Promise<{ agreementId: string; revisionId: string }> {
  const created = await t.ok(AGREEMENT_CREATE, { input }, admin);
  if (created.agreementCreate.userErrors.length) throw new Error(JSON.stringify(created.agreementCreate.userErrors));
  const revisionId = created.agreementCreate.revision.id;
  const proposed = await t.ok(REVISION_PROPOSE, { id: revisionId }, admin);
  if (proposed.revisionPropose.userErrors.length) throw new Error(JSON.stringify(proposed.revisionPropose.userErrors));
  await t.ok(REVISION_APPROVE, { id: revisionId }, admin);
  if (opts.customerSignatory) await t.ok(REVISION_APPROVE, { id: revisionId }, opts.customerSignatory);
  return { agreementId: created.agreementCreate.agreement.id, revisionId };
}

/** How many rows the agreement tables hold: a failed mutation must leave these as they were, and nothing is ever deleted. */
export async function agreementRowCounts(t: TestApp): Promise<Record<'agreements' | 'services' | 'revisions' | 'objectives' | 'approvals' | 'events', number>> {
  const [counts] = await t.app.db.dataSource.query(
    `SELECT (SELECT count(*)::int FROM agreement) AS agreements,
            (SELECT count(*)::int FROM agreement_service) AS services,
            (SELECT count(*)::int FROM agreement_revision) AS revisions,
            (SELECT count(*)::int FROM objective) AS objectives,
            (SELECT count(*)::int FROM revision_approval) AS approvals,
            (SELECT count(*)::int FROM agreement_event) AS events`,
  );
  return counts;
}

export const REVISION_REJECT = `mutation($id: ID!, $reason: String) {
  revisionReject(input: { id: $id, reason: $reason }) { revision { id number state } draft { id number state version title basedOn { number } objectives { metric priority target targetDuration } } userErrors { code field message } }
}`;
export const REVISION_WITHDRAW = `mutation($id: ID!, $reason: String) {
  revisionWithdraw(input: { id: $id, reason: $reason }) { revision { id number state } draft { id number state version title basedOn { number } objectives { metric priority target targetDuration } } userErrors { code field message } }
}`;
export const AGREEMENT_TERMINATE = `mutation($input: AgreementTerminateInput!) {
  agreementTerminate(input: $input) { agreement { id status terminatedAt terminationReason } userErrors { code field message } }
}`;

/**
 * The four layers of one multi-level agreement, all approved: CORPORATE (MPG and DESK: AVAILABILITY
 * 99.5, FIRST_RESPONSE_TIME P1 PT1H and P2 PT4H), SEGMENT for the Finance segment (AVAILABILITY 99.9),
 * CUSTOMER for customer A (FIRST_RESPONSE_TIME P1 PT15M), SERVICE for A's use of MPG (AVAILABILITY
 * 99.95). `from` sets each layer's effectiveFrom (default 2026-01-01). Returns agreement ids.
 */
export async function layeredAgreements(
  t: TestApp,
  w: AgreementWorld,
  from: Partial<Record<'corporate' | 'segment' | 'customer' | 'service', string>> = {},
): Promise<{ corporate: string; segment: string; customer: string; service: string }> {
  const signatoryA = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
  const start = (layer: keyof typeof from) => from[layer] ?? '2026-01-01T00:00:00Z';
  const corporate = await activeAgreement(t, w.admin, {
    kind: 'MULTI_LEVEL',
    level: 'CORPORATE',
    services: [w.serviceMpg.id, w.serviceDesk.id],
    terms: { title: 'Corporate SLA', effectiveFrom: start('corporate'), objectives: [objectives.availability(99.5), objectives.response('P1', 'PT1H'), objectives.response('P2', 'PT4H')] },
  });
  const segment = await activeAgreement(t, w.admin, {
    kind: 'MULTI_LEVEL',
    level: 'SEGMENT',
    parent: corporate.agreementId,
    segment: w.segment.id,
    services: [w.serviceMpg.id, w.serviceDesk.id],
    terms: { title: 'Finance segment SLA', effectiveFrom: start('segment'), objectives: [objectives.availability(99.9)] },
  });
  const customer = await activeAgreement(
    t,
    w.admin,
    {
      kind: 'MULTI_LEVEL',
      level: 'CUSTOMER',
      parent: segment.agreementId,
      customer: w.customerA.id,
      services: [w.serviceMpg.id, w.serviceDesk.id],
      terms: { title: 'Alpha Bank SLA', effectiveFrom: start('customer'), objectives: [objectives.response('P1', 'PT15M')] },
    },
    { customerSignatory: signatoryA },
  );
  const service = await activeAgreement(
    t,
    w.admin,
    {
      kind: 'MULTI_LEVEL',
      level: 'SERVICE',
      parent: customer.agreementId,
      services: [w.serviceMpg.id],
      terms: { title: 'Alpha Bank Managed PostgreSQL SLA', effectiveFrom: start('service'), objectives: [objectives.availability(99.95)] },
    },
    { customerSignatory: signatoryA },
  );
  return { corporate: corporate.agreementId, segment: segment.agreementId, customer: customer.agreementId, service: service.agreementId };
}
