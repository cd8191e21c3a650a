import { readFileSync } from 'node:fs';

/** A V8 CPU profile as `node --cpu-prof` writes it. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's time is counted: garbage collection, a package, our own code, Node itself, or native code. */
export function categoryOf(frame: { functionName: string; url: string }): string {
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(program)') return 'V8 and native (program)';
  if (frame.functionName === '(idle)') return '(idle)';
  const url = frame.url;
  // The last node_modules in the path names the package whose code runs.
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  if (packages.length > 0) return packages[packages.length - 1][1];
  if (url.includes('/dist/src/')) return `ours: ${url.split('/dist/src/')[1].split('/').slice(0, 2).join('/')}`;
  if (url.startsWith('node:')) return url.replace(/^node:internal\//, 'node:');
  if (url === '') return `native: ${frame.functionName || '(anonymous)'}`;
  return url;
}

/** Self time per category and per function, in milliseconds, idle left out. */
export function summarize(profile: CpuProfile): { totalMs: number; categories: [string, number][]; functions: [string, number][] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    const category = categoryOf(frame);
    if (category === '(idle)') continue;
    total += us;
    categories.set(category, (categories.get(category) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const ms = (m: Map<string, number>) => [...m].map(([k, v]): [string, number] => [k, v / 1000]).sort((a, b) => b[1] - a[1]);
  return { totalMs: total / 1000, categories: ms(categories), functions: ms(functions) };
}

function main(): void {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [top]');
    process.exit(2);
  }
  const top = Number(process.argv[3] ?? 25);
  const { totalMs, categories, functions } = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const pct = (v: number) => `${((100 * v) / totalMs).toFixed(1).padStart(5)}%`;
  console.log(`busy CPU in the profile: ${totalMs.toFixed(0)} ms`);
  console.log('\nby package or area (self time):');
  for (const [k, v] of categories.slice(0, top)) console.log(`${pct(v)}  ${k}`);
  console.log('\nby function (self time):');
  for (const [k, v] of functions.slice(0, top)) console.log(`${pct(v)}  ${k}`);
}

if (require.main === module) main();
