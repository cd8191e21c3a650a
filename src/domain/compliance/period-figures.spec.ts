import { countClocks, type CountedClock } from './period-figures';

/** countClocks counts clocks one by one as clockCountsSql does in SQL: per metric, judged priority and objective. */
describe('countClocks', () => {
  const clock = (incident: string, state: string, priority = 'P1', objective: string | null = 'o1', metric = 'FIRST_RESPONSE_TIME'): CountedClock => ({
    incident_id: incident,
    metric,
    priority,
    objective_id: objective,
    state,
  });

  it.each([
    ['no clocks', [], []],
    [
      'met and breached of one objective, the breached incidents named',
      [clock('a', 'MET'), clock('b', 'BREACHED'), clock('c', 'BREACHED')],
      [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', objective_id: 'o1', met: 1, breached: 2, breached_incidents: ['b', 'c'] }],
    ],
    [
      'running, paused and not applicable clocks count neither way',
      [clock('a', 'RUNNING'), clock('b', 'PAUSED'), clock('c', 'NOT_APPLICABLE', 'P1', null)],
      [
        { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', objective_id: 'o1', met: 0, breached: 0, breached_incidents: [] },
        { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', objective_id: null, met: 0, breached: 0, breached_incidents: [] },
      ],
    ],
    [
      'separate rows per metric, priority and objective',
      [clock('a', 'MET', 'P1', 'o1'), clock('b', 'MET', 'P2', 'o1'), clock('c', 'BREACHED', 'P1', 'o2'), clock('d', 'MET', 'P1', 'o1', 'RESOLUTION_TIME')],
      [
        { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', objective_id: 'o1', met: 1, breached: 0, breached_incidents: [] },
        { metric: 'FIRST_RESPONSE_TIME', priority: 'P2', objective_id: 'o1', met: 1, breached: 0, breached_incidents: [] },
        { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', objective_id: 'o2', met: 0, breached: 1, breached_incidents: ['c'] },
        { metric: 'RESOLUTION_TIME', priority: 'P1', objective_id: 'o1', met: 1, breached: 0, breached_incidents: [] },
      ],
    ],
  ])('%s', (_name, clocks, expected) => {
    expect(countClocks(clocks as CountedClock[])).toEqual(expected);
  });
});
