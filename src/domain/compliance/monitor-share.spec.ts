import { monitorShare } from './monitor-share';

describe('share of the period\'s data from the named monitor', () => {
  it.each([
    ['no monitor named', null, 10, 5, null],
    ['an empty name is no name', '', 10, 5, null],
    ['all of it', 'Pingdom', 1000, 1000, '100.0000'],
    ['none of it', 'Pingdom', 1000, 0, '0.0000'],
    ['two thirds, rounded half up', 'Pingdom', 3, 2, '66.6667'],
    ['one in 80,000 (0.00125%): half up at the 4th decimal', 'Pingdom', 80000, 1, '0.0013'],
    ['past 2^53 events, exact', 'Pingdom', 2 ** 53 + 2, 2 ** 52 + 1, '50.0000'],
  ])('%s', (_name, monitor, total, monitored, percent) => {
    const share = monitorShare(monitor, { total, monitored });
    if (percent === null) expect(share).toBeNull();
    else expect(share).toEqual({ monitor, monitoredEvents: monitored, totalEvents: total, percent });
  });

  it('names the monitor but no share when the period has no measurement data', () => {
    expect(monitorShare('Pingdom', { total: 0, monitored: 0 })).toEqual({ monitor: 'Pingdom', monitoredEvents: 0, totalEvents: 0, percent: null });
  });
});
