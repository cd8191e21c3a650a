import { buildSchema, getOperationAST, parse } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { shorten, variableProblems } from './variable-values.plugin';

const schema = buildSchema(`
  scalar DateTime
  enum Region { EUROPE ASIA }
  input Window { from: DateTime!, days: Int }
  input Filter { regions: [Region!], windows: [Window!], search: String }
  type Query { a(filter: Filter, n: Int, at: DateTime): Int }
`);
Object.assign(schema.getType('DateTime') as object, { parseValue: DateTimeResolver.parseValue });

const problemsOf = (query: string, variables: Record<string, unknown>) => variableProblems(schema, getOperationAST(parse(query)) ?? (undefined as never), variables);
const Q = 'query($f: Filter, $n: Int!, $at: DateTime = "2026-01-01T00:00:00Z") { a(filter: $f, n: $n, at: $at) }';

describe('variableProblems', () => {
  it('finds nothing wrong in good values, and takes defaults for variables left out', () => {
    expect(problemsOf(Q, { n: 1, f: { regions: ['EUROPE'], windows: [{ from: '2026-01-01T00:00:00Z' }] } })).toEqual([]);
  });

  it.each([
    ['a missing required variable', {}, [['n']], /"\$n" of required type "Int!" was not provided/],
    ['null for a required variable', { n: null }, [['n']], /must not be null/],
    ['a fractional Int', { n: 1.5 }, [['n']], /non-integer/],
    ['an Int out of range', { n: 2 ** 31 }, [['n']], /32-bit/],
    ['a string for an Int', { n: '1' }, [['n']], /non-integer/],
    ['a bad enum in a list', { n: 1, f: { regions: ['EUROPE', 'MARS'] } }, [['f', 'regions', '1']], /at "f\.regions\[1\]"/],
    ['an invalid DateTime deep down', { n: 1, f: { windows: [{ from: '2026-01-01T00:00:00Z' }, { from: 'soon' }] } }, [['f', 'windows', '1', 'from']], /at "f\.windows\[1\]\.from"/],
    ['a missing required input field', { n: 1, f: { windows: [{ days: 1 }] } }, [['f', 'windows', '0']], /"from"/],
    ['an unknown input field', { n: 1, f: { colour: 'red' } }, [['f']], /colour/],
    ['an invalid default-less optional DateTime', { n: 1, at: 'x' }, [['at']], /DateTime/],
  ])('%s', (_what, variables, fields, message) => {
    const problems = problemsOf(Q, variables);
    expect(problems.map((p) => p.field)).toEqual(fields);
    expect(problems[0].message).toMatch(message);
  });

  it('lists every problem, up to 50', () => {
    const windows = Array.from({ length: 80 }, () => ({ from: 'x' }));
    expect(problemsOf(Q, { n: 0.5, f: { windows } })).toHaveLength(50);
  });

  it('does not echo a huge value back', () => {
    const [problem] = problemsOf(Q, { n: 1, at: '9'.repeat(100_000) });
    expect(problem.message.length).toBeLessThan(600);
  });

  it('shorten leaves short texts alone and cuts long ones', () => {
    expect(shorten('abc', 5)).toBe('abc');
    expect(shorten('abcdefgh', 5)).toBe('abcde...');
  });
});
