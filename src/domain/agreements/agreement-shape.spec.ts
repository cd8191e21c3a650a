import { AgreementKind, AgreementLevel } from '../../common/agreement-enums';
import { UserError } from '../../common/errors';
import { type AgreementShape, checkAgreementShape } from './agreement-shape';

const { SERVICE_BASED, CUSTOMER_BASED, MULTI_LEVEL, OLA, UNDERPINNING_CONTRACT } = AgreementKind;
const TEAM = { kind: 'TEAM' as const };
const SUPPLIER = { kind: 'SUPPLIER' as const };
const { CORPORATE, SEGMENT, CUSTOMER, SERVICE } = AgreementLevel;

type Parent = NonNullable<AgreementShape['parent']>;

/** A multi-level parent covering services s1, s2 and s3. */
const parent = (level: AgreementLevel, overrides: Partial<Parent> = {}): Parent => ({ kind: MULTI_LEVEL, level, serviceIds: ['s1', 's2', 's3'], ...overrides });

function shape(kind: AgreementKind, level: AgreementLevel, overrides: Partial<AgreementShape> = {}): AgreementShape {
  return { kind, level, customerId: null, segmentId: null, parent: null, serviceIds: ['s1'], ...overrides };
}

describe('checkAgreementShape', () => {
  it.each<[string, AgreementShape]>([
    ['SERVICE_BASED at SERVICE level with one service', shape(SERVICE_BASED, SERVICE)],
    ['CUSTOMER_BASED at CUSTOMER level naming its customer', shape(CUSTOMER_BASED, CUSTOMER, { customerId: 'c1', serviceIds: ['s1', 's2'] })],
    ['CUSTOMER_BASED at SEGMENT level naming its segment', shape(CUSTOMER_BASED, SEGMENT, { segmentId: 'g1', serviceIds: ['s1', 's2', 's3'] })],
    ['MULTI_LEVEL CORPORATE with no party and no parent', shape(MULTI_LEVEL, CORPORATE, { serviceIds: ['s1', 's2'] })],
    ['MULTI_LEVEL SEGMENT under CORPORATE', shape(MULTI_LEVEL, SEGMENT, { segmentId: 'g1', parent: parent(CORPORATE), serviceIds: ['s1', 's2'] })],
    ['MULTI_LEVEL CUSTOMER under SEGMENT', shape(MULTI_LEVEL, CUSTOMER, { customerId: 'c1', parent: parent(SEGMENT) })],
    ['MULTI_LEVEL CUSTOMER under CORPORATE', shape(MULTI_LEVEL, CUSTOMER, { customerId: 'c1', parent: parent(CORPORATE), serviceIds: ['s3', 's1'] })],
    ['MULTI_LEVEL SERVICE under CUSTOMER with one of its services', shape(MULTI_LEVEL, SERVICE, { parent: parent(CUSTOMER), serviceIds: ['s2'] })],
    ['MULTI_LEVEL SERVICE under SEGMENT', shape(MULTI_LEVEL, SERVICE, { parent: parent(SEGMENT), serviceIds: ['s3'] })],
    ['MULTI_LEVEL SERVICE under CORPORATE', shape(MULTI_LEVEL, SERVICE, { parent: parent(CORPORATE) })],
    ['a lower level covering all of its parent\'s services', shape(MULTI_LEVEL, SEGMENT, { segmentId: 'g1', parent: parent(CORPORATE), serviceIds: ['s1', 's2', 's3'] })],
    ['an OLA with a team, at SERVICE level, over several services', shape(OLA, SERVICE, { supportingParty: TEAM, serviceIds: ['s1', 's2'] })],
    ['an underpinning contract with a supplier', shape(UNDERPINNING_CONTRACT, SERVICE, { supportingParty: SUPPLIER })],
  ])('accepts %s', (_what, a) => {
    expect(checkAgreementShape(a)).toBeNull();
  });

  it.each<[string, AgreementShape, (string | number)[]]>([
    // every kind
    ['SERVICE_BASED with no services', shape(SERVICE_BASED, SERVICE, { serviceIds: [] }), ['serviceIds']],
    ['CUSTOMER_BASED with no services', shape(CUSTOMER_BASED, CUSTOMER, { customerId: 'c1', serviceIds: [] }), ['serviceIds']],
    ['MULTI_LEVEL CORPORATE with no services', shape(MULTI_LEVEL, CORPORATE, { serviceIds: [] }), ['serviceIds']],
    ['MULTI_LEVEL CUSTOMER with no services', shape(MULTI_LEVEL, CUSTOMER, { customerId: 'c1', parent: parent(CORPORATE), serviceIds: [] }), ['serviceIds']],
    // SERVICE_BASED
    ['SERVICE_BASED with 2 services', shape(SERVICE_BASED, SERVICE, { serviceIds: ['s1', 's2'] }), ['serviceIds']],
    ['SERVICE_BASED naming a customer', shape(SERVICE_BASED, SERVICE, { customerId: 'c1' }), ['customerId']],
    ['SERVICE_BASED naming a segment', shape(SERVICE_BASED, SERVICE, { segmentId: 'g1' }), ['segmentId']],
    ['SERVICE_BASED with a parent', shape(SERVICE_BASED, SERVICE, { parent: parent(CORPORATE) }), ['parentId']],
    ['SERVICE_BASED at CUSTOMER level', shape(SERVICE_BASED, CUSTOMER), ['level']],
    ['SERVICE_BASED at CORPORATE level', shape(SERVICE_BASED, CORPORATE), ['level']],
    // CUSTOMER_BASED
    ['CUSTOMER_BASED with a parent', shape(CUSTOMER_BASED, CUSTOMER, { customerId: 'c1', parent: parent(CORPORATE) }), ['parentId']],
    ['CUSTOMER_BASED CUSTOMER level without customer', shape(CUSTOMER_BASED, CUSTOMER), ['customerId']],
    ['CUSTOMER_BASED CUSTOMER level naming a segment too', shape(CUSTOMER_BASED, CUSTOMER, { customerId: 'c1', segmentId: 'g1' }), ['segmentId']],
    ['CUSTOMER_BASED SEGMENT level without segment', shape(CUSTOMER_BASED, SEGMENT), ['segmentId']],
    ['CUSTOMER_BASED SEGMENT level naming a customer too', shape(CUSTOMER_BASED, SEGMENT, { segmentId: 'g1', customerId: 'c1' }), ['customerId']],
    ['CUSTOMER_BASED at CORPORATE level', shape(CUSTOMER_BASED, CORPORATE), ['level']],
    ['CUSTOMER_BASED at SERVICE level', shape(CUSTOMER_BASED, SERVICE, { customerId: 'c1' }), ['level']],
    // MULTI_LEVEL: the top
    ['MULTI_LEVEL CORPORATE with a parent', shape(MULTI_LEVEL, CORPORATE, { parent: parent(CORPORATE) }), ['parentId']],
    ['MULTI_LEVEL CORPORATE naming a customer', shape(MULTI_LEVEL, CORPORATE, { customerId: 'c1' }), ['customerId']],
    ['MULTI_LEVEL CORPORATE naming a segment', shape(MULTI_LEVEL, CORPORATE, { segmentId: 'g1' }), ['segmentId']],
    // MULTI_LEVEL: the parent
    ['MULTI_LEVEL SEGMENT without parent', shape(MULTI_LEVEL, SEGMENT, { segmentId: 'g1' }), ['parentId']],
    ['MULTI_LEVEL CUSTOMER without parent', shape(MULTI_LEVEL, CUSTOMER, { customerId: 'c1' }), ['parentId']],
    ['MULTI_LEVEL SERVICE without parent', shape(MULTI_LEVEL, SERVICE), ['parentId']],
    ['a parent that is SERVICE_BASED', shape(MULTI_LEVEL, SERVICE, { parent: parent(CORPORATE, { kind: SERVICE_BASED }) }), ['parentId']],
    ['a parent that is CUSTOMER_BASED', shape(MULTI_LEVEL, SERVICE, { parent: parent(CUSTOMER, { kind: CUSTOMER_BASED }) }), ['parentId']],
    ['SEGMENT under SEGMENT (same level)', shape(MULTI_LEVEL, SEGMENT, { segmentId: 'g1', parent: parent(SEGMENT) }), ['parentId']],
    ['CUSTOMER under CUSTOMER (same level)', shape(MULTI_LEVEL, CUSTOMER, { customerId: 'c1', parent: parent(CUSTOMER) }), ['parentId']],
    ['SERVICE under SERVICE (same level)', shape(MULTI_LEVEL, SERVICE, { parent: parent(SERVICE) }), ['parentId']],
    ['SEGMENT under CUSTOMER (lower level)', shape(MULTI_LEVEL, SEGMENT, { segmentId: 'g1', parent: parent(CUSTOMER) }), ['parentId']],
    ['SEGMENT under SERVICE (lower level)', shape(MULTI_LEVEL, SEGMENT, { segmentId: 'g1', parent: parent(SERVICE) }), ['parentId']],
    ['CUSTOMER under SERVICE (lower level)', shape(MULTI_LEVEL, CUSTOMER, { customerId: 'c1', parent: parent(SERVICE) }), ['parentId']],
    // MULTI_LEVEL: services within the parent's
    ['a child\'s only service not among the parent\'s', shape(MULTI_LEVEL, SERVICE, { parent: parent(CUSTOMER), serviceIds: ['s9'] }), ['serviceIds', 0]],
    ['a child\'s third service not among the parent\'s', shape(MULTI_LEVEL, CUSTOMER, { customerId: 'c1', parent: parent(SEGMENT), serviceIds: ['s1', 's2', 's9'] }), ['serviceIds', 2]],
    ['two services outside the parent: the first is named', shape(MULTI_LEVEL, SEGMENT, { segmentId: 'g1', parent: parent(CORPORATE), serviceIds: ['s1', 's8', 's9'] }), ['serviceIds', 1]],
    // MULTI_LEVEL: parties
    ['MULTI_LEVEL SEGMENT without segment', shape(MULTI_LEVEL, SEGMENT, { parent: parent(CORPORATE) }), ['segmentId']],
    ['MULTI_LEVEL SEGMENT naming a customer too', shape(MULTI_LEVEL, SEGMENT, { segmentId: 'g1', customerId: 'c1', parent: parent(CORPORATE) }), ['segmentId']],
    ['MULTI_LEVEL CUSTOMER without customer', shape(MULTI_LEVEL, CUSTOMER, { parent: parent(SEGMENT) }), ['customerId']],
    ['MULTI_LEVEL CUSTOMER naming a segment too', shape(MULTI_LEVEL, CUSTOMER, { customerId: 'c1', segmentId: 'g1', parent: parent(SEGMENT) }), ['customerId']],
    // MULTI_LEVEL: the SERVICE level
    ['SERVICE level with two services (both the parent\'s)', shape(MULTI_LEVEL, SERVICE, { parent: parent(CUSTOMER), serviceIds: ['s1', 's2'] }), ['serviceIds']],
    ['SERVICE level naming a customer', shape(MULTI_LEVEL, SERVICE, { customerId: 'c1', parent: parent(CUSTOMER) }), ['customerId']],
    ['SERVICE level naming a segment', shape(MULTI_LEVEL, SERVICE, { segmentId: 'g1', parent: parent(SEGMENT) }), ['segmentId']],
    // Supporting agreements (OLA, underpinning contract)
    ['an OLA without its party', shape(OLA, SERVICE), ['supportingPartyId']],
    ['an OLA with a supplier', shape(OLA, SERVICE, { supportingParty: SUPPLIER }), ['supportingPartyId']],
    ['an underpinning contract with a team', shape(UNDERPINNING_CONTRACT, SERVICE, { supportingParty: TEAM }), ['supportingPartyId']],
    ['an OLA at CUSTOMER level', shape(OLA, CUSTOMER, { supportingParty: TEAM }), ['level']],
    ['an OLA naming a customer', shape(OLA, SERVICE, { supportingParty: TEAM, customerId: 'c1' }), ['customerId']],
    ['an OLA naming a segment', shape(OLA, SERVICE, { supportingParty: TEAM, segmentId: 'g1' }), ['segmentId']],
    ['an OLA with a parent', shape(OLA, SERVICE, { supportingParty: TEAM, parent: parent(CORPORATE) }), ['parentId']],
    ['an OLA with no services', shape(OLA, SERVICE, { supportingParty: TEAM, serviceIds: [] }), ['serviceIds']],
    ['a customer agreement naming a supporting party', shape(SERVICE_BASED, SERVICE, { supportingParty: TEAM }), ['supportingPartyId']],
  ])('refuses %s, naming %j', (_what, a, field) => {
    const error = checkAgreementShape(a);
    expect(error).toBeInstanceOf(UserError);
    expect({ code: error!.code, field: error!.field }).toEqual({ code: 'INVALID_INPUT', field });
    expect(error!.message).not.toBe('');
  });
});
