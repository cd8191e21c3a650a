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
