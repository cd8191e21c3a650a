import { RevisionActivated, TermsTookEffect } from './agreements/agreement.domain-events';
import { escalateClockEvent, scheduleUnacknowledgedCheck } from './escalations/escalation-triggers';
import { settleEscalationsOfIncident } from './escalations/escalation-writes';
import { escalateBurnAlert, settleEscalationOfBurnAlert } from './escalations/burn-escalations';
import { checkObjectivesOfActivatedRevision } from './escalations/objective-checks';
import { Reactions, wireReactions } from './events/domain-events';
import { EventsRecorded } from './events/event.domain-events';
import { ClockWarnedOrBreached, IncidentReported, IncidentResolved } from './incidents/incident.domain-events';
import { planReviewOfNewTerms } from './reviews/review-planner.service';
import { scheduleClosingOfActivatedRevision } from './settlement/statement-close.service';
import { recheckClosedPeriods } from './settlement/statement-reconcile.service';
import { BurnAlertRaised, BurnAlertResolved, PastDataChanged } from './compliance/compliance.domain-events';
import { deliverRecordedEvents } from './webhooks/webhook-fanout';
import { scheduleReportsOfActivatedRevision } from './reporting/report-delivery.service';

/**
 * How the areas react to each other: every subscription of the domain, in one place. An area
 * publishes what happened (its `<area>.domain-events.ts`) and never imports the areas that react;
 * each reaction runs in the publisher's transaction, in the order listed here for its event.
 */
export function domainReactions(): Reactions {
  return (
    new Reactions()
      // agreements -> escalations, reviews
      .on(RevisionActivated, checkObjectivesOfActivatedRevision)
      // agreements -> settlement: the agreement's months close into statements
      .on(RevisionActivated, scheduleClosingOfActivatedRevision)
      // agreements -> reporting: the terms' reports are sent at the end of each reporting period
      .on(RevisionActivated, scheduleReportsOfActivatedRevision)
      // incidents (late data, corrections) -> settlement: closed periods are judged again
      .on(PastDataChanged, recheckClosedPeriods)
      .on(TermsTookEffect, planReviewOfNewTerms)
      // incidents -> escalations
      .on(IncidentReported, scheduleUnacknowledgedCheck)
      .on(ClockWarnedOrBreached, escalateClockEvent)
      .on(IncidentResolved, settleEscalationsOfIncident)
      // compliance -> escalations: a burn-rate alert episode escalates, and its end settles the escalation
      .on(BurnAlertRaised, escalateBurnAlert)
      .on(BurnAlertResolved, settleEscalationOfBurnAlert)
      // events (the outbox) -> webhooks
      .on(EventsRecorded, deliverRecordedEvents)
  );
}

/** Called once when the application starts (createApp). */
export function wireDomainReactions(): void {
  wireReactions(domainReactions());
}
