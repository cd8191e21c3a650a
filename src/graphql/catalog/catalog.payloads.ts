import { PayloadType } from '../core/payload-type';
import { Customer } from './customer.type';
import { Provider } from './provider.type';
import { Segment } from './segment.type';
import { Service } from './service.type';
import { SupportingParty } from './supporting-party.type';

export const CustomerCreatePayload = PayloadType('CustomerCreatePayload', 'customer', Customer);
export const CustomerUpdatePayload = PayloadType('CustomerUpdatePayload', 'customer', Customer);
export const CustomerArchivePayload = PayloadType('CustomerArchivePayload', 'customer', Customer);
export const SegmentCreatePayload = PayloadType('SegmentCreatePayload', 'segment', Segment);
export const SegmentUpdatePayload = PayloadType('SegmentUpdatePayload', 'segment', Segment);
export const SegmentArchivePayload = PayloadType('SegmentArchivePayload', 'segment', Segment);
export const ServiceCreatePayload = PayloadType('ServiceCreatePayload', 'service', Service);
export const ServiceUpdatePayload = PayloadType('ServiceUpdatePayload', 'service', Service);
export const ServiceArchivePayload = PayloadType('ServiceArchivePayload', 'service', Service);
export const ProviderUpdatePayload = PayloadType('ProviderUpdatePayload', 'provider', Provider);
export const SupportingPartyCreatePayload = PayloadType('SupportingPartyCreatePayload', 'supportingParty', SupportingParty, 'The supporting party created, or why not.');
