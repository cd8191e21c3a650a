import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import { ForbiddenError, UserError, type FieldPath } from '../../common/errors';
import { fromGlobalId } from '../../common/global-id';
import { type RequestContext } from '../../context/request-context';
import { type DomainEventEntity } from '../../db/entities/domain-event.entity';
import { type LiveEventFamily, type LiveEventFilter, liveSubscription } from '../../domain/events/live-events.service';
import { Agreement } from '../agreements/agreement.type';
import { Customer } from '../catalog/customer.type';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { nodeFetcher } from '../core/node-registry';
import { Node } from '../core/node.interface';
import { Incident } from '../incidents/incident.type';
import { BudgetEventsFilter, EscalationEventsFilter, IncidentEventsFilter } from './live-event.inputs';
import { LiveEvent, toLiveEvent } from './live-event.type';

type RawFilter = Partial<Record<'incident' | 'escalation' | 'burnRateAlert' | 'agreement' | 'customer', string | null>> & { types?: string[] | null };

/** Escalations are a type of their own area; their ids are read here without knowing it. */
function escalationUuid(id: string, field: FieldPath): string {
  const decoded = fromGlobalId(id);
  if (!decoded || decoded.type !== 'Escalation') throw new UserError('INVALID_ID', 'This is not the id of an Escalation.', field);
  return decoded.uuid;
}

/** Parses the filter (subscribe functions get raw arguments), checks the caller, and opens the stream. */
function openStream(context: GraphQLContext, family: LiveEventFamily, raw: RawFilter | null | undefined): AsyncIterable<DomainEventEntity> {
  if (!context.liveEvents) throw new UserError('NOT_ALLOWED', 'Subscriptions are served over WebSocket (graphql-ws protocol) at /graphql.');
  const f = raw ?? {};
  const filter: LiveEventFilter = {
    subjectId:
      family === 'incident'
        ? f.incident ? uuidOf(f.incident, 'Incident', ['filter', 'incident']) : null
        : family === 'budget'
          ? f.burnRateAlert ? uuidOf(f.burnRateAlert, 'BurnRateAlert', ['filter', 'burnRateAlert']) : null
          : f.escalation ? escalationUuid(f.escalation, ['filter', 'escalation']) : null,
    agreementId: f.agreement ? uuidOf(f.agreement, 'Agreement', ['filter', 'agreement']) : null,
    customerId: f.customer ? uuidOf(f.customer, 'Customer', ['filter', 'customer']) : null,
    types: f.types ?? null,
  };
  return context.liveEvents.subscribe(liveSubscription(context.rc, family, filter));
}

/** A referenced object as the caller may see it: null when it is gone or not theirs. */
async function fetchNode(rc: RequestContext, type: string, uuid: string | null): Promise<object | null> {
  const fetch = uuid ? nodeFetcher(type) : undefined;
  if (!fetch || !uuid) return null;
  try {
    return await fetch(rc, uuid);
  } catch (error) {
    if (error instanceof ForbiddenError) return null;
    throw error;
  }
}

@Resolver(() => LiveEvent)
export class LiveEventResolver {
  @Subscription(() => LiveEvent, {
    description:
      'Incident events of your provider as they happen (customer users: their own customer\'s): reported, updated (status, priority, impact, public updates), resolved, clock warnings and breaches. Over WebSocket (graphql-ws) at /graphql; authenticate with connectionParams { authorization: "Bearer <token>" }.',
    subscribe: ({ args, context }) => openStream(context as GraphQLContext, 'incident', (args as { filter?: RawFilter }).filter),
  })
  incidentEvents(@Root() event: DomainEventEntity, @Arg('filter', () => IncidentEventsFilter, { nullable: true, description: 'Narrow the events (incident, agreement, customer, types); a filter never widens what you may see.' }) _filter?: IncidentEventsFilter): LiveEvent {
    return toLiveEvent(event);
  }

  @Subscription(() => LiveEvent, {
    description:
      'Escalation events of your provider as they happen (customer users: their own customer\'s): raised, advanced to the next level, acknowledged, resolved, cancelled. Over WebSocket (graphql-ws) at /graphql.',
    subscribe: ({ args, context }) => openStream(context as GraphQLContext, 'escalation', (args as { filter?: RawFilter }).filter),
  })
  escalationEvents(@Root() event: DomainEventEntity, @Arg('filter', () => EscalationEventsFilter, { nullable: true, description: 'Narrow the events (escalation, agreement, customer, types); a filter never widens what you may see.' }) _filter?: EscalationEventsFilter): LiveEvent {
    return toLiveEvent(event);
  }

  @Subscription(() => LiveEvent, {
    description:
      'Error-budget events of your provider as they happen (customer users: their own customer\'s): a burn-rate alert episode raised (budget.burn_alert.raised) or resolved (budget.burn_alert.resolved); the subject is the BurnRateAlert. Over WebSocket (graphql-ws) at /graphql.',
    subscribe: ({ args, context }) => openStream(context as GraphQLContext, 'budget', (args as { filter?: RawFilter }).filter),
  })
  budgetEvents(@Root() event: DomainEventEntity, @Arg('filter', () => BudgetEventsFilter, { nullable: true, description: 'Narrow the events (burn-rate alert, agreement, customer, types); a filter never widens what you may see.' }) _filter?: BudgetEventsFilter): LiveEvent {
    return toLiveEvent(event);
  }

  @FieldResolver(() => Node, { nullable: true, description: 'What the event is about (an Incident, an Escalation, ...), as you may see it now.' })
  subject(@Root() e: LiveEvent, @Ctx() { rc }: GraphQLContext) {
    return fetchNode(rc, e.subjectType, e.subjectUuid);
  }

  @FieldResolver(() => Incident, { nullable: true, description: 'The incident it is about: its subject, or the incident an escalation was raised on.' })
  incident(@Root() e: LiveEvent, @Ctx() { rc }: GraphQLContext) {
    return fetchNode(rc, 'Incident', e.incidentUuid);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer it concerns, if one.' })
  customer(@Root() e: LiveEvent, @Ctx() { rc }: GraphQLContext) {
    return fetchNode(rc, 'Customer', e.customerUuid);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement it falls under, if one.' })
  agreement(@Root() e: LiveEvent, @Ctx() { rc }: GraphQLContext) {
    return fetchNode(rc, 'Agreement', e.agreementUuid);
  }
}
