import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { getSchema } from '../src/graphql/schema';

/**
 * The README and docs/ are what a newcomer reads first: every GraphQL example in them must run
 * against the schema the code serves, and every link between the pages must lead somewhere.
 * A block fenced as ```graphql is a whole document; a piece of an input is fenced as
 * ```graphql input and is not checked.
 */

const ROOT = path.resolve(__dirname, '..');
const PAGES = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

function graphqlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  const re = /^```graphql\n([\s\S]*?)^```/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    blocks.push({ line: markdown.slice(0, m.index).split('\n').length, text: m[1] });
  }
  return blocks;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces become hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (heading) anchors.add(anchorOf(heading[1]));
  }
  return anchors;
}

function read(page: string): string {
  return readFileSync(path.join(ROOT, page), 'utf8');
}

describe('README and docs/', () => {
  it('has a page for each area the README links to, and the README is short', () => {
    const readme = read('README.md');
    const linked = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]);
    expect(new Set(linked)).toEqual(new Set(PAGES.filter((p) => p !== 'README.md')));
    expect(readme.split('\n').length).toBeLessThan(400);
  });

  it.each(PAGES)('%s: every GraphQL example validates against the schema', async (page) => {
    const schema = await getSchema();
    const problems: string[] = [];
    for (const block of graphqlBlocks(read(page))) {
      try {
        const document = parse(block.text);
        // Examples put several operations in one block, each standing on its own.
        for (const definition of document.definitions) {
          for (const error of validate(schema, { kind: document.kind, definitions: [definition] })) {
            problems.push(`line ${block.line}: ${error.message}`);
          }
        }
      } catch (error) {
        problems.push(`line ${block.line}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(PAGES)('%s: every relative link leads to a page and heading that exist', (page) => {
    const broken: string[] = [];
    for (const [, target] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue; // http:, https:, mailto: are not ours to check
      const [file, anchor] = target.split('#');
      const resolved = file ? path.normalize(path.join(path.dirname(page), file)) : page;
      if (!existsSync(path.join(ROOT, resolved))) {
        broken.push(`${target}: no such file`);
      } else if (anchor && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(anchor)) {
        broken.push(`${target}: no such heading in ${resolved}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
