import { type RequestContext } from './request-context';

/**
 * Every durable job and the data it carries: the one list that `schedule` and the handlers
 * (src/jobs/job-handlers.ts, which call the domain) share; the domain only asks for a job to run
 * later. Data is stored as JSON: ids and instants are strings.
 */
export type JobPayloads = {
  'escalation.advance': { escalationId: string; level: number };
  'escalation.check-unacknowledged': { incidentId: string };
  'escalation.check-objectives': { agreementId: string; periodStart: string; periodEnd: string };
  'review.due': { reviewId: string };
  'review.overdue': { reviewId: string };
  'review.plan': { agreementId: string };
  'webhook.deliver': { deliveryId: string };
  'statement.close': { agreementId: string };
  'claim.deadline': { claimId: string; stage: number };
  'budget.burn-evaluate': { agreementId: string };
  'budget.burn-changed': { providerId: string; serviceIds: string[] | null; objectiveIds: string[] | null };
  /** Reports every reporting period of the agreement that ended and has no report yet; `since`: where reporting starts when it has none. */
  'report.deliver': { agreementId: string; since: string };
  /** The next e-mail attempt of a report delivery. */
  'report.email': { deliveryId: string };
  'statement.reconcile': {
    providerId: string;
    since: string;
    serviceIds: string[] | null;
    objectiveIds: string[] | null;
    agreementIds?: string[] | null;
    cause: { kind: 'INCIDENT' | 'MEASUREMENTS' | 'SURVEY_RESPONSES' | 'MAINTENANCE_WINDOW' | 'CORRECTION' | 'IMPORT' | 'CLAIM'; subjectId: string | null; description: string; actorName: string };
  };
};

export type JobName = keyof JobPayloads;

/** The data of job `J`. A name known only as some JobName (the queue's own code) carries any data. */
export type JobData<J extends JobName> = JobName extends J ? Record<string, unknown> : JobPayloads[J];

export interface ScheduleOptions {
  /** While a job with this key waits, another schedule with the same key is dropped. */
  singletonKey?: string;
}

/** One job of a batch asked for with scheduleMany. */
export interface JobRequest<J extends JobName = JobName> {
  data: JobData<J>;
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
  schedule<J extends JobName>(ctx: RequestContext, job: J, data: JobData<J>, runAt: Date, options?: ScheduleOptions): Promise<void>;
  /** Many jobs of one kind at once (a few statements, not one per job); the same guarantees as schedule. */
  scheduleMany<J extends JobName>(ctx: RequestContext, job: J, requests: readonly JobRequest<J>[]): Promise<void>;
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
