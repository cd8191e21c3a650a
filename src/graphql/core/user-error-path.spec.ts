import { buildSchema, isInputObjectType, isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiFieldName, userErrorPath } from './user-error-path';

describe('userErrorPath: a domain field as a client sees it', () => {
  it.each([
    [['terms', 'objectives', 0, 'priority'], 'input', ['input', 'terms', 'objectives', '0', 'priority']],
    [['serviceIds', 1], 'input', ['input', 'services', '1']],
    [['customerId'], 'input', ['input', 'customer']],
    [['terms', 'objectives', 2, 'calendarId'], 'input', ['input', 'terms', 'objectives', '2', 'calendar']],
    [['excludedCustomerIds', 0], 'input', ['input', 'excludedCustomers', '0']],
    [['externalId'], 'input', ['input', 'externalId']],
    [['id'], 'input', ['input', 'id']],
    [['version'], 'input', ['input', 'version']],
    [['against'], null, ['against']],
    [['agreementId'], null, ['agreement']],
  ] as const)('%j under %s is %j', (field, argument, expected) => {
    expect(userErrorPath([...field], argument)).toEqual(expected);
  });

  it('names no field when the domain names none, whatever the argument', () => {
    expect(userErrorPath([], 'input')).toEqual([]);
    expect(userErrorPath([], null)).toEqual([]);
  });
});

describe('apiFieldName', () => {
  it.each([
    ['customerId', 'customer'],
    ['notifyWebhookEndpointIds', 'notifyWebhookEndpoints'],
    ['objectiveId', 'objective'],
    ['id', 'id'],
    ['ids', 'ids'],
    ['idempotencyKey', 'idempotencyKey'],
    ['externalId', 'externalId'],
    ['terms', 'terms'],
  ])('%s -> %s', (domain, api) => expect(apiFieldName(domain)).toBe(api));

  it('leaves every argument and input field of the schema as it is, so that a path already in API terms maps to itself', () => {
    const schema = buildSchema(readFileSync(join(__dirname, '../../../schema.graphql'), 'utf8'));
    const names = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (isInputObjectType(type)) for (const f of Object.values(type.getFields())) names.add(f.name);
      if (isObjectType(type)) for (const f of Object.values(type.getFields())) for (const a of f.args) names.add(a.name);
    }
    expect(names.size).toBeGreaterThan(100);
    expect([...names].filter((n) => apiFieldName(n) !== n)).toEqual([]);
  });
});
