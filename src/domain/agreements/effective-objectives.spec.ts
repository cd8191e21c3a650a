import { AgreementLevel, Comparator, Metric, Priority } from '../../common/agreement-enums';
import { type EffectiveObjective, type InheritableObjective, type ObjectiveSource, resolveEffectiveObjectives } from './effective-objectives';

const { CORPORATE, SEGMENT, CUSTOMER, SERVICE } = AgreementLevel;
const { AVAILABILITY, FIRST_RESPONSE_TIME, RESOLUTION_TIME, UPDATE_INTERVAL, RATIO, SATISFACTION } = Metric;
const { P1, P2, P3, P4 } = Priority;

/** An objective as a revision carries it: the rule must hand back the caller's own objects. */
interface TestObjective extends InheritableObjective {
  name: string;
}

const HOUR = 3600;

function availability(target: number | null): Omit<TestObjective, 'name'> {
  return { metric: AVAILABILITY, priority: null, comparator: Comparator.AT_LEAST, target, targetSeconds: null };
}

function firstResponse(priority: Priority | null, targetSeconds: number | null, target: number | null = null): Omit<TestObjective, 'name'> {
  return { metric: FIRST_RESPONSE_TIME, priority, comparator: Comparator.AT_MOST, target, targetSeconds };
}

/** A source named `<level>/<agreementId>` so that assertions read as the contract would. */
function source(level: AgreementLevel, agreementId: string, objective: Omit<TestObjective, 'name'>): ObjectiveSource<TestObjective> {
  return { level, agreementId, revisionId: `${agreementId}-r1`, objective: { ...objective, name: `${level}/${agreementId}` } };
}

/** Each effective objective as "winner <- overridden, overridden", keyed by metric and priority. */
function summary(effective: EffectiveObjective<TestObjective>[]): Record<string, string> {
  return Object.fromEntries(
    effective.map(({ source: winner, overrides }) => [
      `${winner.objective.metric}/${winner.objective.priority ?? '-'}`,
      [winner.objective.name, ...(overrides.length ? ['<-', overrides.map((o) => o.objective.name).join(', ')] : [])].join(' '),
    ]),
  );
}

describe('resolveEffectiveObjectives', () => {
  it('returns [] for no sources', () => {
    expect(resolveEffectiveObjectives([])).toEqual([]);
  });

  it('makes a corporate-only objective effective as is, with no overrides, and hands back the same source object', () => {
    const corporate = source(CORPORATE, 'corp', availability(99.5));
    const effective = resolveEffectiveObjectives([corporate]);
    expect(effective).toEqual([{ source: corporate, overrides: [] }]);
    expect(effective[0].source).toBe(corporate);
    expect(effective[0].source.objective.name).toBe('CORPORATE/corp');
  });

  it('lets a segment objective override the corporate one, and names the corporate one', () => {
    const corporate = source(CORPORATE, 'corp', availability(99.5));
    const segment = source(SEGMENT, 'seg-eu', availability(99.9));
    const [effective, ...rest] = resolveEffectiveObjectives([corporate, segment]);
    expect(rest).toEqual([]);
    expect(effective.source).toBe(segment);
    expect(effective.overrides).toEqual([corporate]);
    expect(effective.overrides[0]).toMatchObject({ level: CORPORATE, agreementId: 'corp', revisionId: 'corp-r1' });
  });

  it('lets the more specific level win even when its target is looser', () => {
    // The corporate level is a floor only in the sense that it is inherited; an override wins by level.
    const corporate = source(CORPORATE, 'corp', availability(99.9));
    const customer = source(CUSTOMER, 'acme', availability(99.0));
    expect(summary(resolveEffectiveObjectives([customer, corporate]))).toEqual({ 'AVAILABILITY/-': 'CUSTOMER/acme <- CORPORATE/corp' });
  });

  it.each<[string, AgreementLevel[]]>([
    ['given from floor to top', [CORPORATE, SEGMENT, CUSTOMER]],
    ['given from top to floor', [CUSTOMER, SEGMENT, CORPORATE]],
    ['given shuffled', [SEGMENT, CORPORATE, CUSTOMER]],
  ])('lets a customer objective override segment and corporate, listing them most specific first (%s)', (_label, levels) => {
    const effective = resolveEffectiveObjectives(levels.map((level) => source(level, level.toLowerCase(), firstResponse(P1, HOUR))));
    expect(effective).toHaveLength(1);
    expect(effective[0].source.level).toBe(CUSTOMER);
    expect(effective[0].overrides.map((o) => o.level)).toEqual([SEGMENT, CORPORATE]);
  });

  it('lets a service-level objective override every other level', () => {
    const sources = [
      source(CUSTOMER, 'acme', firstResponse(P1, 30 * 60)),
      source(SERVICE, 'acme-pg', firstResponse(P1, 2 * HOUR)),
      source(CORPORATE, 'corp', firstResponse(P1, 4 * HOUR)),
      source(SEGMENT, 'seg-eu', firstResponse(P1, HOUR)),
    ];
    expect(summary(resolveEffectiveObjectives(sources))).toEqual({
      'FIRST_RESPONSE_TIME/P1': 'SERVICE/acme-pg <- CUSTOMER/acme, SEGMENT/seg-eu, CORPORATE/corp',
    });
  });

  it('inherits every objective a lower level does not mention, from the nearest level that sets it', () => {
    const sources = [
      source(CORPORATE, 'corp', availability(99.5)),
      source(CORPORATE, 'corp', firstResponse(P1, 4 * HOUR)),
      source(CORPORATE, 'corp', firstResponse(P2, 8 * HOUR)),
      source(SEGMENT, 'seg-eu', firstResponse(P1, 2 * HOUR)),
      source(CUSTOMER, 'acme', { metric: SATISFACTION, priority: null, comparator: Comparator.AT_LEAST, target: 4.2, targetSeconds: null }),
      source(SERVICE, 'acme-pg', availability(99.95)),
    ];
    expect(summary(resolveEffectiveObjectives(sources))).toEqual({
      'AVAILABILITY/-': 'SERVICE/acme-pg <- CORPORATE/corp',
      'FIRST_RESPONSE_TIME/P1': 'SEGMENT/seg-eu <- CORPORATE/corp',
      'FIRST_RESPONSE_TIME/P2': 'CORPORATE/corp',
      'SATISFACTION/-': 'CUSTOMER/acme',
    });
  });

  it('keeps different priorities of one metric apart, and a priority-less objective apart from the priority ones', () => {
    const sources = [
      source(CORPORATE, 'corp', firstResponse(null, 8 * HOUR)),
      source(CORPORATE, 'corp', firstResponse(P1, 4 * HOUR)),
      source(CUSTOMER, 'acme', firstResponse(P1, HOUR)),
      source(CUSTOMER, 'acme', firstResponse(P3, 24 * HOUR)),
    ];
    expect(summary(resolveEffectiveObjectives(sources))).toEqual({
      'FIRST_RESPONSE_TIME/-': 'CORPORATE/corp',
      'FIRST_RESPONSE_TIME/P1': 'CUSTOMER/acme <- CORPORATE/corp',
      'FIRST_RESPONSE_TIME/P3': 'CUSTOMER/acme',
    });
  });

  it('does not let a priority-less objective override a priority one of the same metric, nor the reverse', () => {
    const sources = [source(SERVICE, 'acme-pg', firstResponse(null, HOUR)), source(CORPORATE, 'corp', firstResponse(P2, 4 * HOUR))];
    expect(summary(resolveEffectiveObjectives(sources))).toEqual({
      'FIRST_RESPONSE_TIME/-': 'SERVICE/acme-pg',
      'FIRST_RESPONSE_TIME/P2': 'CORPORATE/corp',
    });
  });

  describe('ties at one level', () => {
    it.each<[string, Omit<TestObjective, 'name'>, Omit<TestObjective, 'name'>]>([
      ['AT_LEAST: the higher target', availability(99.95), availability(99.9)],
      ['AT_LEAST: a target over none', availability(99.0), availability(null)],
      ['AT_MOST: the lower targetSeconds', firstResponse(P1, 30 * 60), firstResponse(P1, HOUR)],
      ['AT_MOST without targetSeconds: the lower target', firstResponse(P1, null, 2), firstResponse(P1, null, 3)],
      ['AT_MOST: a target over none', firstResponse(P1, 8 * HOUR), firstResponse(P1, null)],
    ])('go to the stricter objective, %s, whatever the agreement ids and input order', (_label, stricter, looser) => {
      // Both ways round of agreement ids, so only strictness can make the stricter one win every time.
      for (const [strictId, looseId] of [
        ['seg-b', 'seg-a'],
        ['seg-a', 'seg-b'],
      ]) {
        const strict = source(SEGMENT, strictId, stricter);
        const loose = source(SEGMENT, looseId, looser);
        for (const sources of [
          [strict, loose],
          [loose, strict],
        ]) {
          expect(resolveEffectiveObjectives(sources)).toEqual([{ source: strict, overrides: [loose] }]);
        }
      }
    });

    it('go to the lower agreementId when the targets are equal, whatever the input order', () => {
      const a = source(SEGMENT, 'seg-a', availability(99.9));
      const b = source(SEGMENT, 'seg-b', availability(99.9));
      expect(resolveEffectiveObjectives([b, a])).toEqual([{ source: a, overrides: [b] }]);
      expect(resolveEffectiveObjectives([a, b])).toEqual([{ source: a, overrides: [b] }]);
    });

    it('compare agreementIds as plain strings (upper case before lower case, "10" before "9")', () => {
      const upper = source(SEGMENT, 'Zeta', firstResponse(P2, HOUR));
      const lower = source(SEGMENT, 'alpha', firstResponse(P2, HOUR));
      expect(resolveEffectiveObjectives([lower, upper])[0].source).toBe(upper);
      const ten = source(SEGMENT, 'seg-10', firstResponse(P2, HOUR));
      const nine = source(SEGMENT, 'seg-9', firstResponse(P2, HOUR));
      expect(resolveEffectiveObjectives([nine, ten])[0].source).toBe(ten);
    });

    it('go to the lower revisionId when agreement and targets are equal, so the answer never depends on input order', () => {
      const r2: ObjectiveSource<TestObjective> = { ...source(CUSTOMER, 'acme', availability(99.9)), revisionId: 'rev-2' };
      const r1: ObjectiveSource<TestObjective> = { ...source(CUSTOMER, 'acme', availability(99.9)), revisionId: 'rev-1' };
      expect(resolveEffectiveObjectives([r2, r1])).toEqual([{ source: r1, overrides: [r2] }]);
    });

    it('are settled inside a level only: a stricter target at a less specific level still loses', () => {
      const corporate = source(CORPORATE, 'corp', availability(99.99));
      const segmentA = source(SEGMENT, 'seg-a', availability(99.5));
      const segmentB = source(SEGMENT, 'seg-b', availability(99.9));
      expect(resolveEffectiveObjectives([corporate, segmentA, segmentB])).toEqual([{ source: segmentB, overrides: [segmentA, corporate] }]);
    });

    it('list every tie loser in overrides, stricter first, before the levels above', () => {
      const sources = [
        source(CORPORATE, 'corp', firstResponse(P1, 4 * HOUR)),
        source(SEGMENT, 'seg-c', firstResponse(P1, 2 * HOUR)),
        source(SEGMENT, 'seg-a', firstResponse(P1, 3 * HOUR)),
        source(SEGMENT, 'seg-b', firstResponse(P1, HOUR)),
        source(SEGMENT, 'seg-d', firstResponse(P1, 2 * HOUR)),
      ];
      expect(summary(resolveEffectiveObjectives(sources))).toEqual({
        'FIRST_RESPONSE_TIME/P1': 'SEGMENT/seg-b <- SEGMENT/seg-c, SEGMENT/seg-d, SEGMENT/seg-a, CORPORATE/corp',
      });
    });
  });

  it('sorts the result by metric in declaration order, then priority with none first, then P1 to P4', () => {
    const objectives: Omit<TestObjective, 'name'>[] = [
      { metric: SATISFACTION, priority: null, comparator: Comparator.AT_LEAST, target: 4, targetSeconds: null },
      { metric: UPDATE_INTERVAL, priority: P2, comparator: Comparator.AT_MOST, target: null, targetSeconds: HOUR },
      { metric: RESOLUTION_TIME, priority: P4, comparator: Comparator.AT_MOST, target: null, targetSeconds: 5 * 24 * HOUR },
      { metric: RESOLUTION_TIME, priority: P1, comparator: Comparator.AT_MOST, target: null, targetSeconds: 4 * HOUR },
      { metric: RATIO, priority: null, comparator: Comparator.AT_LEAST, target: 99.9, targetSeconds: null },
      firstResponse(P3, 8 * HOUR),
      firstResponse(null, 8 * HOUR),
      firstResponse(P1, 15 * 60),
      firstResponse(P2, HOUR),
      firstResponse(P4, 24 * HOUR),
      availability(99.9),
    ];
    const levels = [CORPORATE, SEGMENT, CUSTOMER, SERVICE];
    const sources = objectives.map((objective, i) => source(levels[i % levels.length], `agreement-${i}`, objective));
    const order = (effective: EffectiveObjective<TestObjective>[]) => effective.map((e) => `${e.source.objective.metric}/${e.source.objective.priority ?? '-'}`);
    // Declaration order, not the alphabet: UPDATE_INTERVAL comes before RATIO and SATISFACTION.
    const expected = [
      'AVAILABILITY/-',
      'FIRST_RESPONSE_TIME/-',
      'FIRST_RESPONSE_TIME/P1',
      'FIRST_RESPONSE_TIME/P2',
      'FIRST_RESPONSE_TIME/P3',
      'FIRST_RESPONSE_TIME/P4',
      'RESOLUTION_TIME/P1',
      'RESOLUTION_TIME/P4',
      'UPDATE_INTERVAL/P2',
      'RATIO/-',
      'SATISFACTION/-',
    ];
    expect(order(resolveEffectiveObjectives(sources))).toEqual(expected);
    expect(order(resolveEffectiveObjectives([...sources].reverse()))).toEqual(expected);
  });

  it('does not modify its input', () => {
    const sources = [source(SEGMENT, 'seg-b', availability(99.9)), source(CORPORATE, 'corp', availability(99.5)), source(SEGMENT, 'seg-a', availability(99.9))];
    const before = structuredClone(sources);
    const ordered = [...sources];
    resolveEffectiveObjectives(sources);
    expect(sources).toEqual(before);
    sources.forEach((s, i) => expect(s).toBe(ordered[i]));
  });
});
