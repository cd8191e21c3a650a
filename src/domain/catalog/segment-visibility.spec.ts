import { type Actor } from '../../common/actor';
import { Role } from '../../common/roles';
import { segmentShownTo } from './segment-visibility';

const actor = (roles: Role[], customerId: string | null): Actor => ({ kind: 'USER', id: 'u', name: 'u', providerId: 'p', roles, customerId });

describe('segmentShownTo', () => {
  it.each<[string, Actor, string | null, string | null]>([
    ['a provider admin sees it', actor([Role.PROVIDER_ADMIN], null), 's1', 's1'],
    ['an analyst sees it', actor([Role.ANALYST], null), 's1', 's1'],
    ['a customer user never does', actor([Role.CUSTOMER_VIEWER], 'c1'), 's1', null],
    ['nothing named, nothing shown', actor([Role.PROVIDER_ADMIN], null), null, null],
  ])('%s', (_who, a, segmentId, expected) => {
    expect(segmentShownTo(a, segmentId)).toBe(expected);
  });
});
