import { AgreementKind, AgreementLevel, BudgetingMethod, DataSourceKind, Metric, Party, ReportingFrequency, ReviewCadence, RevisionState, WindowKind } from '../../common/agreement-enums';
import { type Actor } from '../../common/actor';
import { FixedClock } from '../../common/clock';
import { Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { demoActor } from './demo-context';
import { settleDueAgreements } from '../agreements/activation';
import * as agreements from '../agreements/agreement.service';
import { type DraftInput } from '../agreements/draft-input';
import { type ObjectiveInput } from '../agreements/objective-rules';
import * as revisions from '../agreements/revision.service';
import * as calendars from '../calendars/calendar.service';
import { seedDemoEscalations } from './demo-escalations';
import { seedDemoMaintenance } from './demo-maintenance';
import { seedDemoMeasurements } from './demo-measurements';
import { seedDemoIncidents } from './demo-incidents';
import { seedDemoBurnAlerts } from './demo-burn-alerts';
import { seedDemoReviews } from './demo-reviews';
import { seedDemoSupportedIncident, seedDemoSupportingAgreements } from './demo-supporting';

/** Ids the demo agreements refer to, by name. */
export interface DemoRefs {
  providerId: string;
  customers: Map<string, string>;
  services: Map<string, string>;
  segments: Map<string, string>;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const availability = (target: number, extra: Partial<ObjectiveInput> = {}): ObjectiveInput => ({ metric: Metric.AVAILABILITY, target, ...extra });
const response = (priority: string, targetDuration: string, calendarId: string | null = null): ObjectiveInput => ({ metric: Metric.FIRST_RESPONSE_TIME, priority, targetDuration, calendarId });
const resolution = (priority: string, targetDuration: string, calendarId: string | null = null): ObjectiveInput => ({ metric: Metric.RESOLUTION_TIME, priority, targetDuration, calendarId });

const standardCredits = (fee: string) => ({
  currency: 'EUR',
  periodFee: fee,
  tiers: [
    { below: 99.99, creditPercent: 10 },
    { below: 99.0, creditPercent: 30 },
    { below: 95.0, creditPercent: 100 },
  ],
  perBreach: [{ metric: Metric.FIRST_RESPONSE_TIME, priority: null, creditPercent: 5 }],
  monthlyCapPercent: 50,
  terminationAfterConsecutiveBreaches: 3,
});

const commonTerms = (title: string): DraftInput => ({
  title,
  description: `${title}: service levels, credits and governance.`,
  scopeOfServices: 'Operation, monitoring, patching and support of the services listed in this agreement.',
  responsibilities: [
    { party: Party.PROVIDER, text: 'Operate the services around the clock and report incidents within the agreed times.' },
    { party: Party.CUSTOMER, text: 'Name two technical contacts and answer requests for information within one business day.' },
  ],
  measurement: { method: 'Synthetic checks every 60 s from two regions; tickets from the service desk.', dataSource: DataSourceKind.THIRD_PARTY_MONITOR },
  reporting: { frequency: ReportingFrequency.MONTHLY, recipients: ['service-reports@example.com'] },
  exclusions: {
    maintenanceWindows: [{ name: 'Sunday patching', description: 'Sundays 02:00-06:00 local time', noticePeriod: 'P5D', maxPerMonth: 'PT8H' }],
    forceMajeure: 'Events beyond reasonable control, as defined in the master agreement.',
  },
  escalationPolicy: {
    levels: [
      { level: 1, name: 'On-call engineer', notifyRoles: [Role.ACCOUNT_MANAGER], notifyUsers: ['oncall@example.com'], after: 'PT30M' },
      { level: 2, name: 'Service manager', notifyRoles: [Role.ACCOUNT_MANAGER], notifyUsers: ['service.manager@example.com'], after: 'PT1H' },
      { level: 3, name: 'Account executive', notifyRoles: [Role.PROVIDER_ADMIN], notifyUsers: [], after: 'PT4H' },
    ],
  },
  reviewCadence: ReviewCadence.QUARTERLY,
  disputeResolution: 'Escalate to the steering committee; then mediation under the master agreement.',
  changeProcedure: 'Amendments are proposed in writing and signed by both parties.',
});

/**
 * Agreements of every kind with a few revisions each, signed at past dates, so that an analyst
 * finds a history to explore. Runs inside the seed's transaction, on a clock of its own.
 */
export async function seedDemoAgreements(tx: RequestContext, refs: DemoRefs): Promise<void> {
  const clock = new FixedClock(day('2025-11-03'));
  const as = (actor: Actor) => demoActor(tx, actor, clock);
  const admin = as({ kind: 'USER', id: 'maria.keller@northwind.example', name: 'Maria Keller', providerId: refs.providerId, roles: [Role.ACCOUNT_MANAGER], customerId: null });
  const signatoryOf = (customer: string, name: string) =>
    as({ kind: 'USER', id: `${name.toLowerCase().replace(/ /g, '.')}@customer.example`, name, providerId: refs.providerId, roles: [Role.CUSTOMER_SIGNATORY], customerId: refs.customers.get(customer)! });
  const services = (...codes: string[]) => codes.map((c) => refs.services.get(c)!);
  const settleAt = async (iso: string) => {
    clock.set(day(iso));
    await settleDueAgreements(admin);
  };
  /** Propose and approve (provider, then customer when it signs), on `approvedOn`. */
  const sign = async (revisionId: string, approvedOn: string, customerSignatory?: RequestContext) => {
    clock.set(day(approvedOn));
    await revisions.propose(admin, revisionId);
    await revisions.approve(admin, revisionId);
    if (customerSignatory) await revisions.approve(customerSignatory, revisionId);
  };
  const amend = async (agreementId: string, on: string, input: DraftInput) => {
    clock.set(day(on));
    const draft = await revisions.amend(admin, agreementId);
    return revisions.updateDraft(admin, draft.id, draft.version, input);
  };

  const officeHours = await calendars.create(admin, {
    name: 'Berlin office hours',
    timeZone: 'Europe/Berlin',
    weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:00', to: '18:00' })),
    holidayCountry: 'DE',
    holidayRegion: 'BE',
    closedDates: ['2026-12-24', '2026-12-31'],
  });

  // Corporate floor for every customer, amended once.
  const corporate = await agreements.create(admin, {
    kind: AgreementKind.MULTI_LEVEL,
    level: AgreementLevel.CORPORATE,
    serviceIds: services('MPG', 'K8S', 'OBJ', 'HELPDESK'),
    draft: { ...commonTerms('Northwind corporate service levels'), effectiveFrom: day('2026-01-01'), objectives: [availability(99.5), response('P1', 'PT1H'), response('P2', 'PT4H'), resolution('P1', 'PT8H')] },
  });
  await sign(corporate.revision.id, '2025-12-10');
  await settleAt('2026-01-01');
  const corporate2 = await amend(corporate.agreement.id, '2026-05-12', {
    effectiveFrom: day('2026-06-01'),
    objectives: [availability(99.9), response('P1', 'PT30M'), response('P2', 'PT4H'), response('P3', 'PT8H', officeHours.id), resolution('P1', 'PT8H')],
  });
  await sign(corporate2.id, '2026-05-20');
  await settleAt('2026-06-01');

  // Segment level for regulated finance, with service credits.
  const finance = await agreements.create(admin, {
    kind: AgreementKind.MULTI_LEVEL,
    level: AgreementLevel.SEGMENT,
    parentId: corporate.agreement.id,
    segmentId: refs.segments.get('Enterprise / EU / Finance')!,
    serviceIds: services('MPG', 'K8S', 'HELPDESK'),
    draft: { ...commonTerms('Enterprise finance service levels'), effectiveFrom: day('2026-02-01'), creditPolicy: standardCredits('25000.00'), objectives: [availability(99.95), response('P1', 'PT15M')] },
  });
  await sign(finance.revision.id, '2026-01-20');
  await settleAt('2026-02-01');

  // Customer level for Hanseatic Bank: three revisions, the third still being negotiated.
  const bankSignatory = signatoryOf('Hanseatic Bank AG', 'Jonas Richter');
  const bank = await agreements.create(admin, {
    kind: AgreementKind.MULTI_LEVEL,
    level: AgreementLevel.CUSTOMER,
    parentId: finance.agreement.id,
    customerId: refs.customers.get('Hanseatic Bank AG')!,
    serviceIds: services('MPG', 'HELPDESK'),
    draft: { ...commonTerms('Hanseatic Bank AG service agreement'), effectiveFrom: day('2026-03-01'), creditPolicy: standardCredits('42000.00'), objectives: [response('P1', 'PT10M'), resolution('P1', 'PT4H'), { metric: Metric.SATISFACTION, target: 4.2 }] },
  });
  await sign(bank.revision.id, '2026-02-16', bankSignatory);
  await settleAt('2026-03-01');
  const bank2 = await amend(bank.agreement.id, '2026-07-01', {
    title: 'Hanseatic Bank AG service agreement (DORA update)',
    effectiveFrom: day('2026-08-01'),
    objectives: [response('P1', 'PT10M'), response('P2', 'PT1H'), resolution('P1', 'PT4H'), { metric: Metric.SATISFACTION, target: 4.5 }],
  });
  await sign(bank2.id, '2026-07-15', bankSignatory);
  // The database team's OLA and the colocation supplier's contract underpin the bank's new P1 resolution target.
  const supportingParties = await seedDemoSupportingAgreements(admin, refs, clock, { bankRevision: bank2.id, officeHours: officeHours.id });
  await settleAt('2026-08-01');
  const bank3 = await amend(bank.agreement.id, '2026-10-20', { effectiveFrom: day('2027-01-01'), reviewCadence: ReviewCadence.MONTHLY });
  clock.set(day('2026-10-22'));
  await revisions.propose(admin, bank3.id);

  // Service level: Managed PostgreSQL for the bank, rolling 30-day window; query success over a
  // rolling 28 days, budgeted by five-minute time slices (a slice is good at 99.5% or more).
  const bankMpg = await agreements.create(admin, {
    kind: AgreementKind.MULTI_LEVEL,
    level: AgreementLevel.SERVICE,
    parentId: bank.agreement.id,
    serviceIds: services('MPG'),
    draft: { ...commonTerms('Hanseatic Bank AG: Managed PostgreSQL'), effectiveFrom: day('2026-03-01'), objectives: [
        availability(99.99, { window: { kind: WindowKind.ROLLING_DAYS, days: 30 }, degradedWeightPercent: 50 }),
        {
          metric: Metric.RATIO,
          name: 'Query success',
          description: 'Share of successful queries, from the monitoring bridge; a five-minute slice is good at 99.5% or more.',
          target: 99,
          window: { kind: WindowKind.ROLLING_DAYS, duration: 'P28D' },
          budgeting: { method: BudgetingMethod.TIMESLICES, sliceDuration: 'PT5M', sliceTarget: 99.5 },
        },
      ],
    },
  });
  await sign(bankMpg.revision.id, '2026-02-20', bankSignatory);
  await settleAt('2026-03-01');

  // Service-based: the helpdesk, the same for everyone, in business hours.
  const helpdesk = await agreements.create(admin, {
    kind: AgreementKind.SERVICE_BASED,
    level: AgreementLevel.SERVICE,
    serviceIds: services('HELPDESK'),
    draft: {
      ...commonTerms('24x7 Helpdesk standard terms'),
      effectiveFrom: day('2026-01-01'),
      objectives: [
        response('P1', 'PT15M'),
        response('P3', 'PT8H', officeHours.id),
        resolution('P3', 'PT40H', officeHours.id),
        // Security tickets are resolved faster: an objective chosen by the incident's category.
        { ...resolution('P3', 'PT8H', officeHours.id), name: 'Security incident resolution P3', conditions: { categories: ['Security'] } },
        { metric: Metric.UPDATE_INTERVAL, priority: 'P1', targetDuration: 'PT1H' },
      ],
      // The resolution clock also stops while a supplier works on it or while a fix waits for the customer's chosen slot.
      pauseRules: [{ metric: Metric.RESOLUTION_TIME, statuses: ['WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'SCHEDULED'] }],
      // The helpdesk escalates in office hours: the team lead has 4 business hours (a ticket
      // escalated Friday evening reaches the service manager on Monday), the service manager one.
      escalationPolicy: {
        levels: [
          { level: 1, name: 'Helpdesk team lead', notifyRoles: [Role.ACCOUNT_MANAGER], notifyUsers: ['helpdesk.lead@example.com'], after: 'PT4H', calendar: officeHours.id },
          { level: 2, name: 'Service manager', notifyRoles: [Role.ACCOUNT_MANAGER], notifyUsers: ['service.manager@example.com'], after: 'PT8H', calendar: officeHours.id },
          { level: 3, name: 'Account executive', notifyRoles: [Role.PROVIDER_ADMIN], notifyUsers: [], after: 'PT4H' },
        ],
      },
    },
  });
  await sign(helpdesk.revision.id, '2025-12-01');
  await settleAt('2026-01-01');

  // Customer-based for the public sector segment, from the finance terms as a template; later amended.
  const publicSector = await agreements.create(admin, {
    kind: AgreementKind.CUSTOMER_BASED,
    level: AgreementLevel.SEGMENT,
    segmentId: refs.segments.get('Public sector')!,
    serviceIds: services('MPG', 'OBJ'),
    templateId: finance.agreement.id,
    draft: { title: 'Public sector framework agreement', effectiveFrom: day('2026-04-01'), creditPolicy: { ...standardCredits('9000.00'), terminationAfterConsecutiveBreaches: 2 } },
  });
  await sign(publicSector.revision.id, '2026-03-25');
  await settleAt('2026-04-01');
  const publicSector2 = await amend(publicSector.agreement.id, '2026-09-01', { effectiveFrom: day('2026-10-01'), objectives: [availability(99.9), response('P1', 'PT30M')] });
  await sign(publicSector2.id, '2026-09-10');
  await settleAt('2026-10-01');

  // A customer agreement still in draft, and one whose first proposal was rejected.
  const pixel = await agreements.create(admin, {
    kind: AgreementKind.CUSTOMER_BASED,
    level: AgreementLevel.CUSTOMER,
    customerId: refs.customers.get('Pixelhaus GmbH')!,
    serviceIds: services('OBJ'),
    draft: { ...commonTerms('Pixelhaus GmbH storage agreement'), effectiveFrom: day('2027-01-01'), objectives: [availability(99.5)] },
  });
  void pixel;
  const fjord = await agreements.create(admin, {
    kind: AgreementKind.CUSTOMER_BASED,
    level: AgreementLevel.CUSTOMER,
    customerId: refs.customers.get('Fjord Analytics AS')!,
    serviceIds: services('K8S'),
    draft: { ...commonTerms('Fjord Analytics Kubernetes agreement'), effectiveFrom: day('2026-12-01'), objectives: [availability(99.95)] },
  });
  clock.set(day('2026-11-02'));
  await revisions.propose(admin, fjord.revision.id);
  await revisions.close(signatoryOf('Fjord Analytics AS', 'Ingrid Berg'), fjord.revision.id, RevisionState.REJECTED, '99.95% is not enough for our trading analytics; we need 99.99%.');

  // Incidents from March to mid-November, reported by monitoring and the service desk.
  const monitoring = as({ kind: 'API_KEY', id: '6f1d2c9e-0b7a-4e3f-9a51-3c2d8e7b4a10', name: 'Monitoring bridge', providerId: refs.providerId, roles: [Role.INTEGRATION], customerId: null });
  await seedDemoIncidents(tx, refs, clock, { desk: admin, monitoring });
  await seedDemoBurnAlerts(admin, clock, [bankMpg.agreement.id]);
  await seedDemoEscalations(admin, refs, clock);
  await seedDemoSupportedIncident(admin, refs, clock, supportingParties);
  await seedDemoMaintenance(admin, refs, officeHours.id);
  await seedDemoMeasurements(monitoring, clock, bankMpg.revision.id);

  // Quarterly reviews over that history: completed, in progress, overdue, cancelled and scheduled.
  await seedDemoReviews(tx, admin.caller, clock, { corporate: corporate.agreement.id, bank: bank.agreement.id, publicSector: publicSector.agreement.id, helpdesk: helpdesk.agreement.id });
}
