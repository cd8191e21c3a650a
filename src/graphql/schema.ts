import 'reflect-metadata';
import { type GraphQLObjectType, type GraphQLSchema, isInterfaceType } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { AgreementResolver } from './agreements/agreement.resolver';
import { CalendarResolver } from './agreements/calendar.resolver';
import { CustomerAgreementsResolver, ServiceAgreementsResolver } from './agreements/coverage.resolver';
import { ObjectiveResolver, ObjectiveSourceResolver } from './agreements/objective.resolver';
import { RevisionResolver } from './agreements/revision.resolver';
import { CustomerResolver } from './catalog/customer.resolver';
import { ProviderResolver } from './catalog/provider.resolver';
import { SegmentResolver } from './catalog/segment.resolver';
import { ServiceResolver } from './catalog/service.resolver';
import { nodeTypeOf } from './core/node.interface';
import { NodeResolver } from './core/node.resolver';
import { LiveEventResolver } from './events/live-event.resolver';
import { ComplianceResolver, ObjectiveComplianceResolver, ObjectiveCurrentPeriodResolver } from './compliance/compliance.resolver';
import { EscalationResolver, IncidentEscalationsResolver } from './escalations/escalation.resolver';
import { AgreementIncidentsResolver, IncidentResolver, IncidentStatusResolver } from './incidents/incident.resolver';
import { MaintenanceRecurrenceResolver, MaintenanceResolver } from './incidents/maintenance.resolver';
import { MeasurementResolver } from './incidents/measurement.resolver';
import { SurveyResolver } from './incidents/survey.resolver';
import { SlaClockResolver } from './incidents/sla-clock.resolver';
import { IncidentAssignmentResolver, IncidentSupportResolver, SlaClockSupportResolver, SupportingClockResolver } from './incidents/supporting-clock.resolver';
import { SupportingPartyResolver } from './catalog/supporting-party.resolver';
import { validateArgument } from './core/input-validation';
import { DateTimeScalar } from './core/scalars';
import { ApiKeyResolver } from './identity/api-key.resolver';
import {
  AgreementReviewsResolver,
  ObjectiveRebaselineResolver,
  ReviewActionItemResolver,
  ReviewFindingResolver,
  ReviewResolver,
  ReviewSnapshotObjectiveResolver,
} from './reviews/review.resolver';
import { ViewerResolver } from './identity/viewer.resolver';
import { HistoryImportResolver } from './imports/history-import.resolver';
import { RevisionWhatIfResolver } from './reviews/what-if.resolver';
import { OpenSloResolver } from './openslo/openslo.resolver';
import {
  AgreementStatementsResolver,
  CompliancePeriodSettlementResolver,
  ObjectiveChangeResolver,
  StatementAdjustmentResolver,
  StatementResolver,
  StatementViolationResolver,
} from './settlement/statement.resolver';
import { AgreementBurnRateAlertsResolver, BurnRateAlertResolver, ObjectiveBurnRateAlertsResolver } from './compliance/burn-alert.resolver';
import { AgreementCorrectionsResolver, CorrectionResolver } from './settlement/correction.resolver';
import { AgreementClaimsResolver, ClaimHistoryEntryResolver, ClaimResolver, EscalationClaimResolver, StatementClaimsResolver } from './claims/claim.resolver';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './webhooks/webhook.resolver';
import { AgreementExportsResolver, AgreementReportsResolver, ReportDeliveryResolver, StatementExportResolver } from './reporting/report.resolver';

export const resolvers = [
  NodeResolver,
  ViewerResolver,
  ProviderResolver,
  CustomerResolver,
  SegmentResolver,
  ServiceResolver,
  ApiKeyResolver,
  AgreementResolver,
  RevisionResolver,
  ObjectiveResolver,
  ObjectiveSourceResolver,
  CalendarResolver,
  CustomerAgreementsResolver,
  ServiceAgreementsResolver,
  IncidentResolver,
  AgreementIncidentsResolver,
  IncidentStatusResolver,
  MeasurementResolver,
  SurveyResolver,
  MaintenanceResolver,
  MaintenanceRecurrenceResolver,
  SlaClockResolver,
  SlaClockSupportResolver,
  SupportingClockResolver,
  IncidentAssignmentResolver,
  IncidentSupportResolver,
  SupportingPartyResolver,
  ComplianceResolver,
  ObjectiveComplianceResolver,
  ObjectiveCurrentPeriodResolver,
  BurnRateAlertResolver,
  AgreementBurnRateAlertsResolver,
  ObjectiveBurnRateAlertsResolver,
  ReviewResolver,
  RevisionWhatIfResolver,
  StatementResolver,
  StatementViolationResolver,
  StatementAdjustmentResolver,
  ObjectiveChangeResolver,
  AgreementStatementsResolver,
  CompliancePeriodSettlementResolver,
  CorrectionResolver,
  AgreementCorrectionsResolver,
  ClaimResolver,
  ClaimHistoryEntryResolver,
  AgreementClaimsResolver,
  StatementClaimsResolver,
  EscalationClaimResolver,
  ReviewActionItemResolver,
  ReviewSnapshotObjectiveResolver,
  ObjectiveRebaselineResolver,
  ReviewFindingResolver,
  AgreementReviewsResolver,
  WebhookEndpointResolver,
  WebhookDeliveryResolver,
  AgreementReportsResolver,
  AgreementExportsResolver,
  StatementExportResolver,
  ReportDeliveryResolver,
  LiveEventResolver,
  EscalationResolver,
  IncidentEscalationsResolver,
  HistoryImportResolver,
  OpenSloResolver,
] as const;

/**
 * type-graphql needs a PubSub to build subscriptions. Ours never use topics: each has a
 * `subscribe` function that reads the process's LiveEvents from the context (one per app, so
 * that every server process delivers what it hears to its own subscribers).
 */
const noTopics: PubSub = {
  publish() {
    throw new Error('Live events are published through LiveEvents, not topics.');
  },
  subscribe() {
    throw new Error('Subscriptions here use subscribe functions, not topics.');
  },
};

/**
 * The schema's own description: the guide GraphiQL's Docs explorer opens with (Markdown). It is
 * set on the one built schema, so schema.graphql, Apollo, the compiled executor and persisted
 * queries all serve the same text.
 */
export const SCHEMA_GUIDE = `**SLA contracts API**: the service level agreements a provider signs with its customers, their signed revisions (the terms in force at any date, and what changed between two), the incidents partners report and the SLA clocks that run on them, compliance, error budgets and service credits per period, monthly statements, reviews, escalations, webhooks and live events.

**Authenticate.** Open the *Headers* tab and paste \`{ "Authorization": "Bearer <token>" }\`. \`npm start\` prints a demo token for each role and \`npm run token\` mints one; partner systems send an API key (\`slak_...\`) the same way. The schema itself needs no token.

**First queries to try:**
- \`{ viewer { name roles provider { name } } }\`: who you are.
- \`{ agreements(first: 5) { nodes { id kind status currentRevision { number title objectives { metric priority target targetDuration } } } } }\`
- \`{ incidents(first: 5) { nodes { title status priority clocks { metric state remaining } } } }\`
- \`{ complianceReport(agreement: "<Agreement id>", from: "2026-01-01T00:00:00Z", to: "2026-07-01T00:00:00Z") { periods { start status credit { amount currency } } } }\`

**Conventions.** Objects have opaque global ids (\`node(id:)\` fetches any). Lists are connections: \`first\` (default 20, at most 100), \`after\` a cursor, \`totalCount\`. A mutation takes one \`input\` and returns \`userErrors { code field message }\`. Times are ISO 8601 with an offset, durations ISO 8601 (\`PT4H\`), percentages decimals as written (\`99.95\`), money a decimal string with an ISO 4217 currency.

**Docs:** every type and field here is described; the README and docs/ of the project explain each area with examples.`;

let built: Promise<GraphQLSchema> | null = null;

/** The schema, built once per process. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Every argument: NUL characters, class-validator rules and the domain rules of its input types, all at once.
    validateFn: validateArgument,
    emitSchemaFile: false,
    pubSub: noTopics,
  })
    .then(withSynchronousNodeType)
    .then(withGuide);
  return built;
}

/** The guide at the schema's root, and what each root type is for (type-graphql describes neither). */
function withGuide(schema: GraphQLSchema): GraphQLSchema {
  schema.description = SCHEMA_GUIDE;
  const roots: [GraphQLObjectType | null | undefined, string][] = [
    [schema.getQueryType(), 'Reads: start with `viewer`, `agreements`, `incidents` or `node(id:)`.'],
    [schema.getMutationType(), 'Writes: each takes one `input` and returns a payload with the changed object and `userErrors`.'],
    [schema.getSubscriptionType(), 'Live events over WebSocket (graphql-ws) at the same path; authenticate with `connectionParams: { authorization: "Bearer <token>" }`.'],
  ];
  for (const [type, description] of roots) if (type) type.description = description;
  return schema;
}

/**
 * type-graphql wraps every resolveType in an async function; the compiled executor (graphql-jit)
 * needs the type at once, and a promise per node is wasted anyway: Node gets its plain one back.
 */
function withSynchronousNodeType(schema: GraphQLSchema): GraphQLSchema {
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) throw new Error('The schema has no Node interface.');
  node.resolveType = nodeTypeOf;
  return schema;
}
