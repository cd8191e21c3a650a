import { Dec, HALF_UP } from './decimal';

/**
 * Which share of a period's measurement data came from the third-party monitor the terms name as
 * data source (`measurement.monitor`): the events (`total` counts) of the measurements whose
 * `source` is that monitor, in percent of all the events the period's ratio objectives count
 * (after corrections), 4 decimals, rounded half up. Null when the terms name no monitor; the
 * percent is null when the period has no measurement data.
 */
export interface MonitorShare {
  monitor: string;
  monitoredEvents: number;
  totalEvents: number;
  percent: string | null;
}

export function monitorShare(monitor: string | null | undefined, totals: { total: number; monitored: number }): MonitorShare | null {
  if (!monitor) return null;
  const percent = totals.total > 0 ? new Dec(totals.monitored).mul(100).div(totals.total).toFixed(4, HALF_UP) : null;
  return { monitor, monitoredEvents: totals.monitored, totalEvents: totals.total, percent };
}
