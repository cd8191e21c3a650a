import { type RequestContext } from './request-context';

/**
 * Names of the durable jobs. Each is handled in src/jobs (job-handlers.ts), which calls the
 * domain; the domain only asks for a job to run later.
 */
export type JobName =
  | 'escalation.advance'
  | 'escalation.check-unacknowledged'
  | 'escalation.check-objectives'
  | 'review.due'
  | 'review.overdue'
  | 'review.plan'
  | 'webhook.deliver';

export interface ScheduleOptions {
  /** While a job with this key waits, another schedule with the same key is dropped. */
  singletonKey?: string;
}

/** One job of a batch asked for with scheduleMany. */
export interface JobRequest {
  data: Record<string, unknown>;
  runAt: Date;
  /** As ScheduleOptions.singletonKey. */
  singletonKey?: string;
}

/**
 * Durable timers: a job asked for here survives restarts and runs once even with several
 * server processes. Asked for inside a transaction, the job exists only if that transaction
 * commits. `runAt` is read against the application clock.
 */
export interface ScheduledJobs {
  schedule(ctx: RequestContext, job: JobName, data: Record<string, unknown>, runAt: Date, options?: ScheduleOptions): Promise<void>;
  /** Many jobs of one kind at once (a few statements, not one per job); the same guarantees as schedule. */
  scheduleMany(ctx: RequestContext, job: JobName, requests: readonly JobRequest[]): Promise<void>;
}

/** Until the job queue is started (scripts, migrations): scheduling is a programming error. */
export const noScheduledJobs: ScheduledJobs = {
  schedule(_ctx, job) {
    return Promise.reject(new Error(`The job queue is not started; cannot schedule ${job}.`));
  },
  scheduleMany(_ctx, job) {
    return Promise.reject(new Error(`The job queue is not started; cannot schedule ${job}.`));
  },
};
