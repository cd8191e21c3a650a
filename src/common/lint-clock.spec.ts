import { ruleProblems } from '../../test/support/import-problems';

/**
 * The clock rule in eslint.config.mjs: the instant of a unit of work is read in RequestContext
 * (ctx.now); nothing else in src reads the clock or the system time.
 */
const clockProblems = (file: string, code: string) => ruleProblems('no-restricted-syntax', file, code);

describe('clock rule', () => {
  it.each([
    ['src/domain/incidents/x.ts', 'const x = Date.now();', /not Date.now\(\)/],
    ['src/domain/incidents/x.ts', 'const x = new Date();', /not new Date\(\)/],
    ['src/jobs/x.ts', 'declare const clock: { now(): Date }; const x = clock.now();', /RequestContext: use ctx.now/],
    ['src/graphql/x.ts', 'declare const app: { clock: { now(): Date } }; const x = app.clock.now();', /RequestContext: use ctx.now/],
  ])('refuses a reading of the time in %s: %s', async (file, code, message) => {
    const problems = await clockProblems(file, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it.each([
    ['src/domain/incidents/x.ts', 'declare const ctx: { now: Date }; const x = ctx.now;'],
    ['src/domain/incidents/x.ts', "const x = new Date('2026-01-01T00:00:00Z');"],
    ['src/domain/incidents/x.ts', 'declare const at: Date; const x = new Date(at.getTime() + 1000);'],
    ['src/context/request-context.ts', 'declare const clock: { now(): Date }; const x = clock.now();'],
    ['src/common/clock.ts', 'const x = new Date();'],
  ])('allows %s: %s', async (file, code) => {
    expect(await clockProblems(file, code)).toEqual([]);
  });
});
