import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * One typed loader registry per area: DataLoaders are declared only in `<area>.loaders.ts`
 * (with the helpers of core/loaders.ts), resolvers ask a registry, and each cached thing has
 * one key, so that two resolvers asking for the same row share one batch and one cache.
 */
const root = path.resolve(__dirname, '../../..');

const HELPERS = new Set(['byIdLoader', 'groupedLoader', 'nestedPageLoader']);
const isLoadersFile = (file: string) => file.endsWith('.loaders.ts') && file.startsWith('src/graphql/');
const isHelpersFile = (file: string) => file === 'src/graphql/core/loaders.ts';

/** A loader a registry declares: its cache key (the literal start of it) and what it fetches. */
interface Declared {
  file: string;
  key: string;
  fetch: string | null;
}

interface Scan {
  problems: string[];
  declared: Declared[];
}

/** Problems of one file (path relative to the project), and the loaders it declares. */
function scan(file: string, code: string): Scan {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  const declared: Declared[] = [];
  const registry = isLoadersFile(file);
  const modules = new Map<string, string>(); // local name -> "module#export" (or "module#*")

  const moduleOf = (specifier: string) => (specifier.startsWith('.') ? path.posix.join(path.posix.dirname(file), specifier) : specifier);
  const fetchOf = (node: ts.Expression | undefined): string | null => {
    if (!node) return null;
    if (ts.isIdentifier(node)) return modules.get(node.text) ?? `${file}#${node.text}`;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const m = modules.get(node.expression.text);
      return m?.endsWith('#*') ? `${m.slice(0, -2)}#${node.name.text}` : node.getText(source);
    }
    return null; // an inline function: nothing to compare it with
  };
  const keyOf = (node: ts.Expression | undefined): string => {
    if (!node) return '';
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) return `${node.head.text}…`;
    return node.getText(source);
  };
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const specifier = node.moduleSpecifier.text;
      const target = moduleOf(specifier);
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) modules.set(bindings.name.text, `${target}#*`);
      if (bindings && ts.isNamedImports(bindings)) for (const b of bindings.elements) modules.set(b.name.text, `${target}#${(b.propertyName ?? b.name).text}`);
      if (specifier === 'dataloader' && !registry && !isHelpersFile(file)) problems.push(`${where(node)}: imports dataloader outside a loaders file`);
      if (target === 'src/graphql/core/loaders' && !registry) problems.push(`${where(node)}: uses the loader helpers outside a loaders file; ask an area's registry`);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      // The domain memoizes reads inside a transaction (tx.memo); only the GraphQL layer's memos are loaders.
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'memo' && file.startsWith('src/graphql/') && !isHelpersFile(file)) {
        if (!registry) problems.push(`${where(node)}: memoizes outside a loaders file; declare the loader in its area's registry`);
        else declared.push({ file, key: keyOf(node.arguments[0]), fetch: null });
      }
      if (ts.isIdentifier(callee) && HELPERS.has(callee.text) && registry) {
        const fetch = callee.text === 'nestedPageLoader' ? node.arguments[3] : node.arguments[2];
        declared.push({ file, key: keyOf(node.arguments[1]), fetch: fetchOf(fetch) });
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'DataLoader' && !registry && !isHelpersFile(file)) {
      problems.push(`${where(node)}: declares a DataLoader outside a loaders file`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { problems, declared };
}

/** Cache keys declared twice, and things fetched under two keys. */
function duplicates(declared: Declared[]): string[] {
  const problems: string[] = [];
  const seen = (list: [string, Declared][], what: string) => {
    const first = new Map<string, Declared>();
    for (const [id, d] of list) {
      const other = first.get(id);
      if (other) problems.push(`${what} ${id}: in ${other.file} (${other.key}) and in ${d.file} (${d.key})`);
      else first.set(id, d);
    }
  };
  seen(declared.map((d) => [d.key, d]), 'the cache key');
  seen(declared.flatMap((d) => (d.fetch ? [[d.fetch, d] as [string, Declared]] : [])), 'the fetch');
  return problems;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [rel] : [];
  });
}

describe('loader registries', () => {
  const scans = sourceFiles('src').map((file) => scan(file, readFileSync(path.join(root, file), 'utf8')));

  it('declare every DataLoader of src, and nothing else does', () => {
    expect(scans.flatMap((s) => s.problems)).toEqual([]);
  });

  it('cache each thing under one key', () => {
    const declared = scans.flatMap((s) => s.declared);
    expect(declared.length).toBeGreaterThan(20);
    expect(duplicates(declared)).toEqual([]);
  });

  describe('the check itself', () => {
    it.each([
      ['src/graphql/incidents/x.resolver.ts', "import DataLoader from 'dataloader';", /imports dataloader outside a loaders file/],
      ['src/graphql/incidents/x.resolver.ts', "import { byIdLoader } from '../core/loaders';", /uses the loader helpers outside a loaders file/],
      ['src/graphql/incidents/x.type.ts', "const l = (rc) => rc.memo('k', () => 1);", /memoizes outside a loaders file/],
      ['src/graphql/x.ts', 'const l = new DataLoader(async (ids) => ids);', /declares a DataLoader outside a loaders file/],
      ['src/domain/incidents/x.service.ts', "import DataLoader from 'dataloader';", /imports dataloader outside a loaders file/],
    ])('refuses, in %s: %s', (file, code, message) => {
      const { problems } = scan(file, code);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(message);
    });

    it('allows a registry to declare loaders', () => {
      const code = [
        "import DataLoader from 'dataloader';",
        "import * as incidents from '../../domain/incidents/incident.service';",
        "import { byIdLoader } from '../core/loaders';",
        "export const L = { incident: (rc) => byIdLoader(rc, 'incident', incidents.findByIds), clocks: (rc) => rc.memo('clocks', () => new DataLoader(f)) };",
      ].join('\n');
      const { problems, declared } = scan('src/graphql/incidents/incident.loaders.ts', code);
      expect(problems).toEqual([]);
      expect(declared).toEqual([
        { file: 'src/graphql/incidents/incident.loaders.ts', key: 'incident', fetch: 'src/domain/incidents/incident.service#findByIds' },
        { file: 'src/graphql/incidents/incident.loaders.ts', key: 'clocks', fetch: null },
      ]);
    });

    it('finds one thing fetched under two keys, and one key used twice', () => {
      const a = scan('src/graphql/reviews/review.loaders.ts', "import { findObjectivesByIds } from '../../domain/agreements/revision-read.service';\nconst x = byIdLoader(rc, 'objective', findObjectivesByIds);");
      const b = scan('src/graphql/escalations/escalation.loaders.ts', "import * as reads from '../../domain/agreements/revision-read.service';\nconst y = byIdLoader(rc, 'escalationObjective', reads.findObjectivesByIds);");
      expect(duplicates([...a.declared, ...b.declared])).toEqual([
        'the fetch src/domain/agreements/revision-read.service#findObjectivesByIds: in src/graphql/reviews/review.loaders.ts (objective) and in src/graphql/escalations/escalation.loaders.ts (escalationObjective)',
      ]);
      const c = scan('src/graphql/incidents/incident.loaders.ts', "const z = (rc) => rc.memo(`inForce:${at}`, f);");
      const d = scan('src/graphql/agreements/agreement.loaders.ts', "const w = (rc) => rc.memo(`inForce:${at}`, g);");
      expect(duplicates([...c.declared, ...d.declared])).toEqual(['the cache key inForce:…: in src/graphql/incidents/incident.loaders.ts (inForce:…) and in src/graphql/agreements/agreement.loaders.ts (inForce:…)']);
    });
  });
});
