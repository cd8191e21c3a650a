import { ApiKeyEntity } from './api-key.entity';
import { CustomerEntity } from './customer.entity';
import { ProviderEntity } from './provider.entity';
import { SegmentPinEntity } from './segment-pin.entity';
import { SegmentEntity } from './segment.entity';
import { ServiceEntity } from './service.entity';

export { ApiKeyEntity, CustomerEntity, ProviderEntity, SegmentEntity, SegmentPinEntity, ServiceEntity };

export const entities = [ProviderEntity, CustomerEntity, SegmentEntity, SegmentPinEntity, ServiceEntity, ApiKeyEntity];
