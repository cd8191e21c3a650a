import { parseObjectiveCell, readHistoryFile } from './history-file';
import { contentHash } from './history-rules';

const SHA = 'a'.repeat(64);
const revision = (n: number, from: string, extra: Record<string, unknown> = {}) => ({
  number: n,
  title: `R${n}`,
  effectiveFrom: from,
  objectives: [{ metric: 'AVAILABILITY', target: 99.9 }],
  signatures: [{ party: 'PROVIDER', name: 'Jane', at: '2025-01-01T00:00:00Z' }],
  evidence: { document: 'dms://x', sha256: SHA },
  ...extra,
});
const agreementFile = (revisions: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ agreements: [{ externalId: 'A-1', kind: 'SERVICE_BASED', level: 'SERVICE', services: ['MPG'], revisions, ...extra }] }, null, 2);

describe('reading an import file', () => {
  it('reads JSON into placed records, dates as instants and hashes in lower case', () => {
    const { file, problems } = readHistoryFile('JSON', agreementFile([revision(1, '2025-02-01T00:00:00+01:00', { evidence: { document: 'd', sha256: 'ABCDEF'.padEnd(64, '0') } })]));
    expect(problems).toEqual([]);
    const [a] = file!.agreements;
    expect(a.path).toEqual(['agreements', 0]);
    expect(a.locate([]).line).toBe(3);
    expect(a.record.revisions[0].effectiveFrom.toISOString()).toBe('2025-01-31T23:00:00.000Z');
    expect(a.record.revisions[0].evidence.sha256).toBe('abcdef'.padEnd(64, '0'));
  });

  const lineOf = (content: string, needle: string) => content.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const unknownField = agreementFile([revision(1, '2025-01-01T00:00:00Z')], { colour: 'red' });
  const noOffset = agreementFile([revision(1, '2025-01-01 00:00')]);
  const noRevision = agreementFile([]);
  it.each([
    ['not JSON', '{ "agreements": [ }', [{ line: 1, field: [], message: expect.stringContaining('not valid JSON') }]],
    ['an unknown field, named', unknownField, [{ line: lineOf(unknownField, '"colour"'), field: ['agreements', 0, 'colour'], message: 'Unknown field colour.' }]],
    ['a date without offset', noOffset, [{ line: lineOf(noOffset, '2025-01-01 00:00'), field: ['agreements', 0, 'revisions', 0, 'effectiveFrom'], message: expect.stringContaining('ISO 8601 with an offset') }]],
    ['no revision', noRevision, [{ line: lineOf(noRevision, '"revisions": []'), field: ['agreements', 0, 'revisions'], message: expect.stringContaining('at least one signed revision') }]],
    ['a bad hash', agreementFile([revision(1, '2025-01-01T00:00:00Z', { evidence: { document: 'd', sha256: 'xyz' } })]), [{ line: expect.any(Number), field: ['agreements', 0, 'revisions', 0, 'evidence', 'sha256'], message: expect.stringContaining('SHA-256') }]],
  ])('refuses %s, with its line and field', (_name, content, expected) => {
    const { file, problems } = readHistoryFile('JSON', content);
    expect(file).toBeNull();
    expect(problems).toEqual(expected.map((p) => ({ code: 'INVALID_INPUT', ...p })));
  });

  it('names the line of the field itself, not of its record', () => {
    const content = agreementFile([revision(1, '2025-01-01T00:00:00Z'), revision(2, '2025-06-01T00:00:00Z', { title: '' })]);
    const { problems } = readHistoryFile('JSON', content);
    const line = content.split('\n').findIndex((l) => l.includes('"title": ""')) + 1;
    expect(problems).toEqual([{ line, field: ['agreements', 0, 'revisions', 1, 'title'], code: 'INVALID_INPUT', message: 'title must not be empty' }]);
  });

  const header = 'agreement,kind,level,customer,segment,services,revision,title,effectiveFrom,effectiveTo,objectives,providerSignedBy,providerSignedAt,customerSignedBy,customerSignedAt,document,sha256';
  const row = (id: string, n: string, from: string, objectives = 'AVAILABILITY=99.9', agreementColumns = 'SERVICE_BASED,SERVICE,,,MPG') =>
    `${id},${agreementColumns},${n},Title ${n},${from},,${objectives},Jane,2024-12-01T00:00:00Z,,,dms://${n},${SHA}`;

  it('reads CSV, one row per revision, the rows of one agreement into one record with the line of each revision', () => {
    const { file, problems } = readHistoryFile('CSV', [header, row('A-1', '1', '2025-01-01T00:00:00Z'), row('A-1', '2', '2025-06-01T00:00:00Z', 'AVAILABILITY=99.95; FIRST_RESPONSE_TIME/P1=PT15M@Office', ',,,,'), row('B-1', '1', '2025-01-01T00:00:00Z')].join('\n'));
    expect(problems).toEqual([]);
    expect(file!.agreements.map((a) => [a.record.externalId, a.record.revisions.length, a.locate([]).line])).toEqual([
      ['A-1', 2, 2],
      ['B-1', 1, 4],
    ]);
    const [a] = file!.agreements;
    expect(a.record.revisions[1].objectives).toEqual([
      { metric: 'AVAILABILITY', target: 99.95 },
      { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M', calendar: 'Office' },
    ]);
    expect(a.locate(['revisions', 1, 'effectiveFrom'])).toEqual({ line: 3, field: ['effectiveFrom'] });
    expect(a.locate(['revisions', 1, 'signatures', 0, 'at'])).toEqual({ line: 3, field: ['providerSignedAt'] });
    expect(a.locate(['services', 0])).toEqual({ line: 2, field: ['services'] });
  });

  it.each([
    ['a missing column', 'agreement,kind\nA-1,SERVICE_BASED', 1, ['level']],
    ['an unreadable objective', [header, row('A-1', '1', '2025-01-01T00:00:00Z', 'AVAILABILITY 99.9')].join('\n'), 2, ['objectives']],
    ['a later row that changes the agreement', [header, row('A-1', '1', '2025-01-01T00:00:00Z'), row('A-1', '2', '2025-06-01T00:00:00Z', 'AVAILABILITY=99.9', 'SERVICE_BASED,SERVICE,,,DESK')].join('\n'), 3, ['services']],
    ['a revision number that is not one', [header, row('A-1', 'one', '2025-01-01T00:00:00Z')].join('\n'), 2, ['revision']],
  ])('refuses in CSV %s, naming line and column', (_name, content, line, field) => {
    const { file, problems } = readHistoryFile('CSV', content);
    expect(file).toBeNull();
    expect(problems[0]).toMatchObject({ line, field });
  });

  it.each([
    ['AVAILABILITY=99.9', [{ metric: 'AVAILABILITY', target: 99.9 }]],
    ['  RESOLUTION_TIME/P3 = PT8H @ Office hours ;', [{ metric: 'RESOLUTION_TIME', priority: 'P3', targetDuration: 'PT8H', calendar: 'Office hours' }]],
    ['', []],
  ])('reads the objective cell %j', (cell, objectives) => {
    expect(parseObjectiveCell(cell)).toEqual({ objectives, problem: null });
  });

  it('refuses a target that is neither a number nor a duration', () => {
    expect(parseObjectiveCell('AVAILABILITY=high').problem).toMatch(/neither a number/);
  });
});

describe('the same agreement in CSV and JSON', () => {
  it('is the same record: the same content hash', () => {
    const sha = 'b'.repeat(64);
    const csv = [
      'agreement,kind,level,customer,segment,services,revision,title,effectiveFrom,effectiveTo,objectives,providerSignedBy,providerSignedAt,customerSignedBy,customerSignedAt,document,sha256',
      `A-1,CUSTOMER_BASED,CUSTOMER,Alpha Bank,,MPG,1,SLA,2025-01-01T00:00:00Z,,AVAILABILITY=99.9; FIRST_RESPONSE_TIME/P1=PT15M,Jane,2024-12-01T00:00:00Z,Max,2024-12-02T00:00:00Z,dms://1,${sha}`,
    ].join('\n');
    const json = JSON.stringify({
      agreements: [
        {
          services: ['MPG'],
          externalId: 'A-1',
          kind: 'CUSTOMER_BASED',
          level: 'CUSTOMER',
          customer: 'Alpha Bank',
          segment: null,
          revisions: [
            {
              number: 1,
              title: 'SLA',
              effectiveFrom: '2025-01-01T00:00:00.000Z',
              objectives: [{ metric: 'AVAILABILITY', target: 99.9 }, { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' }],
              signatures: [{ party: 'PROVIDER', name: 'Jane', at: '2024-12-01T00:00:00Z' }, { party: 'CUSTOMER', name: 'Max', at: '2024-12-02T01:00:00+01:00' }],
              evidence: { sha256: sha, document: 'dms://1' },
            },
          ],
        },
      ],
    });
    const fromCsv = readHistoryFile('CSV', csv).file!.agreements[0].record;
    const fromJson = readHistoryFile('JSON', json).file!.agreements[0].record;
    expect(contentHash(fromCsv)).toBe(contentHash(fromJson));
    expect(contentHash({ ...fromJson, services: ['DESK'] })).not.toBe(contentHash(fromCsv));
  });
});

describe('the catalogue a file brings', () => {
  it('is read with the records, and a bad field of it is named', () => {
    const customer = { name: 'Alpha Bank', sizeBand: 'ENTERPRISE', industry: 'Finance', region: 'EUROPE', tier: 'GOLD', country: 'DE', timeZone: 'Europe/Berlin' };
    const ok = readHistoryFile('JSON', JSON.stringify({ catalog: { services: [{ code: 'MPG', name: 'Managed PostgreSQL' }], customers: [customer] } }, null, 2));
    expect(ok.problems).toEqual([]);
    expect(ok.file!.customers.map((c) => [c.record.name, c.path])).toEqual([['Alpha Bank', ['catalog', 'customers', 0]]]);
    expect(ok.file!.services[0].record.code).toBe('MPG');
    const bad = JSON.stringify({ catalog: { customers: [{ ...customer, timeZone: 'Mars/Olympus', country: 'Germany' }] } }, null, 2);
    const { problems } = readHistoryFile('JSON', bad);
    expect(problems.map((p) => [p.field.join('.'), p.line])).toEqual([
      ['catalog.customers.0.country', bad.split('\n').findIndex((l) => l.includes('"Germany"')) + 1],
      ['catalog.customers.0.timeZone', bad.split('\n').findIndex((l) => l.includes('Mars/Olympus')) + 1],
    ]);
  });
});
