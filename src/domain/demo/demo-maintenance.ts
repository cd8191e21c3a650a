import { type RequestContext } from '../../context/request-context';
import * as recurrences from '../incidents/maintenance-recurrence.service';
import type { DemoRefs } from './demo-agreements';

/**
 * Recurring maintenance, announced where the demo's replay ends: the object storage's firmware is
 * rolled out on the first Saturday of each month from 23:00 Berlin time, three hours (over the
 * month's change of day, and the same local time in winter and summer); the Kubernetes clusters
 * are patched every other Sunday at 02:30. Their occurrences from then on are maintenance
 * announced then; the corporate terms excuse 8 hours a month with 5 days' notice.
 */
export async function seedDemoMaintenance(manager: RequestContext, refs: DemoRefs, officeHoursCalendarId: string): Promise<void> {
  await recurrences.announceRecurring(manager, {
    serviceId: refs.services.get('OBJ')!,
    calendarId: null,
    title: 'Object storage firmware rollout',
    rule: 'FREQ=MONTHLY;BYDAY=1SA',
    firstStart: '2026-12-05T23:00',
    duration: 'PT3H',
  });
  await recurrences.announceRecurring(manager, {
    serviceId: refs.services.get('K8S')!,
    calendarId: officeHoursCalendarId,
    title: 'Kubernetes node patching',
    rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;UNTIL=20271231T230000Z',
    firstStart: '2026-11-22T02:30',
    duration: 'PT2H',
  });
}
