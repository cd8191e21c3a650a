import { Kind, parse, type ValueNode, visit } from 'graphql';
import { isLiteral, literalPath, literalPathIn } from './literal-path';

/** The first literal of `kind` whose printed text is `text`, as validation would report it. */
function literalIn(source: string, kind: string, text: string): ValueNode {
  let found: ValueNode | undefined;
  visit(parse(source), {
    enter(node) {
      if (!found && node.kind === kind && isLiteral(node) && source.slice(node.loc?.start, node.loc?.end) === text) found = node;
    },
  });
  if (!found) throw new Error(`no ${kind} ${text} in ${source}`);
  return found;
}

describe('literalPath', () => {
  it.each([
    ['{ customers(first: 1.5) { totalCount } }', Kind.FLOAT, '1.5', ['first']],
    ['{ customers(filter: { regions: [EUROPE, MARS] }) { totalCount } }', Kind.ENUM, 'MARS', ['filter', 'regions', '1']],
    ['mutation { agreementTerminate(input: { id: "x", at: "nope", reason: "r" }) { id } }', Kind.STRING, '"nope"', ['input', 'at']],
    ['mutation { a(input: { terms: { objectives: [{ metric: X }, { window: { days: 1.5 } }] } }) { id } }', Kind.FLOAT, '1.5', ['input', 'terms', 'objectives', '1', 'window', 'days']],
    ['mutation { a(input: { id: "x" }) { id } }', Kind.OBJECT, '{ id: "x" }', ['input']],
    ['{ a { b(x: 1) c(y: [[1], [2, 3.5]]) } }', Kind.FLOAT, '3.5', ['y', '1', '1']],
    ['{ viewer @include(if: "yes") { name } }', Kind.STRING, '"yes"', ['if']],
  ])('%s: %s %s is at %j', (source, kind, text, path) => {
    const node = literalIn(source, kind, text);
    expect(literalPath(parse(source), node)).toEqual(path);
    expect(literalPathIn(source, node)).toEqual(path);
  });

  it('tells two equal literals apart by their position', () => {
    const source = '{ a(x: 1.5, y: 1.5) }';
    const nodes: ValueNode[] = [];
    visit(parse(source), { FloatValue: (n) => void nodes.push(n) });
    expect(nodes.map((n) => literalPath(parse(source), n))).toEqual([['x'], ['y']]);
  });

  it('is null for a literal outside any argument (a variable default)', () => {
    const source = 'query($n: Int = 1.5) { a(n: $n) }';
    expect(literalPath(parse(source), literalIn(source, Kind.FLOAT, '1.5'))).toBeNull();
  });

  it('is null for a document that does not parse', () => {
    const node = literalIn('{ a(x: 1) }', Kind.INT, '1');
    expect(literalPathIn('{', node)).toBeNull();
  });

  it('counts variables as no literal', () => {
    expect(isLiteral({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'x' } })).toBe(false);
    expect(isLiteral({ kind: Kind.NULL })).toBe(true);
  });
});
