import 'reflect-metadata';
import { type GraphQLSchema, isInterfaceType } from 'graphql';
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
import { AgreementIncidentsResolver, IncidentResolver } from './incidents/incident.resolver';
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
import { OpenSloResolver } from './openslo/openslo.resolver';
import {
  AgreementStatementsResolver,
  CompliancePeriodSettlementResolver,
  ObjectiveChangeResolver,
  StatementAdjustmentResolver,
  StatementResolver,
  StatementViolationResolver,
} from './settlement/statement.resolver';
import { AgreementCorrectionsResolver, CorrectionResolver } from './settlement/correction.resolver';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './webhooks/webhook.resolver';

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
  ReviewResolver,
  StatementResolver,
  StatementViolationResolver,
  StatementAdjustmentResolver,
  ObjectiveChangeResolver,
  AgreementStatementsResolver,
  CompliancePeriodSettlementResolver,
  CorrectionResolver,
  AgreementCorrectionsResolver,
  ReviewActionItemResolver,
  ReviewSnapshotObjectiveResolver,
  ObjectiveRebaselineResolver,
  ReviewFindingResolver,
  AgreementReviewsResolver,
  WebhookEndpointResolver,
  WebhookDeliveryResolver,
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
  }).then(withSynchronousNodeType);
  return built;
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
