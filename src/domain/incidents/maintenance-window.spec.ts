import { pastWindowProblems, windowProblems } from './maintenance.service';

const d = (iso: string) => new Date(iso);
const NOW = d('2026-03-05T00:00:00Z');

describe('the times of a maintenance window', () => {
  it.each([
    ['ending after it starts', { startsAt: d('2026-02-07T01:00:00Z'), endsAt: d('2026-02-07T03:00:00Z') }, []],
    ['ending when it starts', { startsAt: d('2026-02-07T01:00:00Z'), endsAt: d('2026-02-07T01:00:00Z') }, [['endsAt']]],
    ['ending before it starts', { startsAt: d('2026-02-07T03:00:00Z'), endsAt: d('2026-02-07T01:00:00Z') }, [['endsAt']]],
  ])('%s', (_name, w, fields) => {
    expect(windowProblems(w).map((p) => p.field)).toEqual(fields);
  });

  it.each([
    ['announced before it happened', d('2026-01-20T08:00:00Z'), []],
    ['announced after it started (allowed: compliance does not excuse it)', d('2026-02-07T02:00:00Z'), []],
    ['announced exactly now', NOW, []],
    ['announced in the future', d('2026-03-06T00:00:00Z'), [['announcedAt']]],
  ])('a window of the past %s', (_name, announcedAt, fields) => {
    expect(pastWindowProblems({ startsAt: d('2026-02-07T01:00:00Z'), endsAt: d('2026-02-07T03:00:00Z'), announcedAt }, NOW).map((p) => p.field)).toEqual(fields);
  });
});
