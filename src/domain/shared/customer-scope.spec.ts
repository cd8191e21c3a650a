import { PGlite } from '@electric-sql/pglite';
import { type Actor } from '../../common/actor';
import { Role } from '../../common/roles';
import { customerScope, inCustomerScopeSql, isInCustomerScope } from './customer-scope';

const C1 = '11111111-1111-4111-8111-111111111111';
const C2 = '22222222-2222-4222-8222-222222222222';

/** [scope, the row's customer, visible] */
const CASES: [string | null, string | null, boolean][] = [
  [null, C1, true], // provider-side: every customer's
  [null, null, true], // ... and what belongs to no customer
  [C1, C1, true], // a customer user: its own customer's
  [C1, C2, false], // ... not another customer's
  [C1, null, false], // ... nor what belongs to no customer
];

describe('isInCustomerScope: no scope sees all; a scope sees its own customer only', () => {
  it.each(CASES)('scope %s, row of customer %s: %s', (scope, customerId, expected) => {
    expect(isInCustomerScope(scope, customerId)).toBe(expected);
  });
});

describe('inCustomerScopeSql: the same rule in SQL, on the same rows', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(() => db.close());

  it.each(CASES)('agrees with isInCustomerScope: scope %s, row of customer %s: %s', async (scope, customerId, expected) => {
    const { rows } = await db.query<{ visible: boolean | null }>(
      `SELECT ${inCustomerScopeSql('x.customer_id', '$2')} AS visible FROM (SELECT $1::uuid AS customer_id) x`,
      [customerId, scope],
    );
    // As a WHERE clause reads it: true selects the row, false or NULL does not.
    expect(rows[0].visible === true).toBe(expected);
  });
});

describe('customerScope', () => {
  const actor = (roles: Role[], customerId: string | null): Actor => ({ kind: 'USER', id: 'someone', name: 'someone', providerId: 'p', roles, customerId });

  it('is null for provider-side callers, the customer for customer users', () => {
    expect(customerScope(actor([Role.PROVIDER_ADMIN], null))).toBeNull();
    expect(customerScope(actor([Role.ACCOUNT_MANAGER, Role.CUSTOMER_VIEWER], null))).toBeNull();
    expect(customerScope(actor([Role.CUSTOMER_VIEWER], C1))).toBe(C1);
  });

  it('scopes a token that names a customer to it, whatever its roles', () => {
    expect(customerScope(actor([Role.PROVIDER_ADMIN], C1))).toBe(C1);
  });

  it('scopes a customer-side caller without a customer to none at all', () => {
    const scope = customerScope(actor([Role.CUSTOMER_SIGNATORY], null));
    expect(scope).not.toBeNull();
    expect(isInCustomerScope(scope, C1)).toBe(false);
    expect(isInCustomerScope(scope, null)).toBe(false);
  });
});
