import { AgreementEventEntity } from './agreement-event.entity';
import { AgreementRevisionEntity } from './agreement-revision.entity';
import { AgreementServiceEntity } from './agreement-service.entity';
import { AgreementEntity } from './agreement.entity';
import { ApiKeyEntity } from './api-key.entity';
import { BusinessCalendarEntity } from './business-calendar.entity';
import { CustomerEntity } from './customer.entity';
import { DomainEventEntity } from './domain-event.entity';
import { EscalationHistoryEntity } from './escalation-history.entity';
import { EscalationEntity } from './escalation.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IncidentEventEntity } from './incident-event.entity';
import { IncidentEntity } from './incident.entity';
import { IncidentStatusEntity } from './incident-status.entity';
import { MaintenanceRecurrenceEntity } from './maintenance-recurrence.entity';
import { MaintenanceWindowEntity } from './maintenance-window.entity';
import { ObjectiveEntity } from './objective.entity';
import { ProviderEntity } from './provider.entity';
import { RevisionOriginEntity } from './revision-origin.entity';
import { RevisionApprovalEntity } from './revision-approval.entity';
import { ReviewActionItemEntity } from './review-action-item.entity';
import { ReviewFindingEntity } from './review-finding.entity';
import { ReviewParticipantEntity } from './review-participant.entity';
import { ReviewEntity } from './review.entity';
import { SegmentPinEntity } from './segment-pin.entity';
import { SegmentEntity } from './segment.entity';
import { ServiceEntity } from './service.entity';
import { SlaClockEntity } from './sla-clock.entity';
import { IncidentAssignmentEntity } from './incident-assignment.entity';
import { SupportingClockEntity } from './supporting-clock.entity';
import { SupportingPartyEntity } from './supporting-party.entity';
import { WebhookAttemptEntity } from './webhook-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export {
  AgreementEntity,
  AgreementEventEntity,
  AgreementRevisionEntity,
  AgreementServiceEntity,
  ApiKeyEntity,
  BusinessCalendarEntity,
  CustomerEntity,
  DomainEventEntity,
  EscalationEntity,
  EscalationHistoryEntity,
  IdempotencyKeyEntity,
  IncidentEntity,
  IncidentEventEntity,
  IncidentStatusEntity,
  MaintenanceRecurrenceEntity,
  MaintenanceWindowEntity,
  ObjectiveEntity,
  ProviderEntity,
  RevisionApprovalEntity,
  RevisionOriginEntity,
  ReviewActionItemEntity,
  ReviewEntity,
  ReviewFindingEntity,
  ReviewParticipantEntity,
  SegmentEntity,
  SegmentPinEntity,
  ServiceEntity,
  SlaClockEntity,
  IncidentAssignmentEntity,
  SupportingClockEntity,
  SupportingPartyEntity,
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
};

export const entities = [
  ProviderEntity,
  CustomerEntity,
  SegmentEntity,
  SegmentPinEntity,
  ServiceEntity,
  ApiKeyEntity,
  BusinessCalendarEntity,
  AgreementEntity,
  AgreementServiceEntity,
  AgreementRevisionEntity,
  ObjectiveEntity,
  RevisionApprovalEntity,
  RevisionOriginEntity,
  AgreementEventEntity,
  IncidentEntity,
  IncidentEventEntity,
  IncidentStatusEntity,
  IdempotencyKeyEntity,
  SlaClockEntity,
  SupportingPartyEntity,
  IncidentAssignmentEntity,
  SupportingClockEntity,
  MaintenanceRecurrenceEntity,
  MaintenanceWindowEntity,
  DomainEventEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
  ReviewEntity,
  ReviewParticipantEntity,
  ReviewFindingEntity,
  ReviewActionItemEntity,
  EscalationEntity,
  EscalationHistoryEntity,
];
