import { onboardingProblems, type ProviderOnboardingInput } from './provider-onboarding';

const good: ProviderOnboardingInput = { slug: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', admin: 'jane@acme.example', tokenDays: 1 };

describe('onboardingProblems', () => {
  it('accepts a well-formed provider and admin', () => {
    expect(onboardingProblems(good)).toEqual([]);
  });

  it.each([
    // field, value, the field named
    ['slug', 'ac', null],
    ['slug', 'a'.repeat(63), null],
    ['slug', 'acme-cloud-2', null],
    ['slug', 'a', 'slug'], // too short
    ['slug', 'a'.repeat(64), 'slug'], // too long
    ['slug', 'Acme', 'slug'], // uppercase
    ['slug', '-acme', 'slug'],
    ['slug', 'acme cloud', 'slug'],
    ['name', '   ', 'name'],
    ['name', 'n'.repeat(201), 'name'],
    ['name', 'n'.repeat(200), null],
    ['timeZone', 'Mars/Olympus', 'timeZone'],
    ['timeZone', 'UTC', null],
    ['admin', '', 'admin'],
    ['tokenDays', 0, 'tokenDays'],
    ['tokenDays', Number.NaN, 'tokenDays'],
    ['tokenDays', 366, 'tokenDays'],
    ['tokenDays', 365, null],
    ['tokenDays', 0.5, null],
  ])('%s = %j: problem on %s', (field, value, named) => {
    const problems = onboardingProblems({ ...good, [field]: value });
    expect(problems.map((p) => p.field)).toEqual(named ? [[named]] : []);
  });

  it('names every bad field at once', () => {
    const problems = onboardingProblems({ slug: 'A', name: '', timeZone: 'x', admin: ' ', tokenDays: -1 });
    expect(problems.map((p) => p.field[0])).toEqual(['slug', 'name', 'timeZone', 'admin', 'tokenDays']);
    expect(problems.every((p) => p.code === 'INVALID_INPUT')).toBe(true);
  });
});
