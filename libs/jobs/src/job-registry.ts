/**
 * Every queue, job name and payload in one place. Producers accept only a JobItem, so a payload
 * cannot drift from what its handler expects. Payloads carry ids, never records: handlers re-read
 * state, which keeps jobs idempotent and lets them outlive deploys.
 *
 * Never rename a value without a plan for jobs already waiting in Redis under the old name.
 */
export enum QueueName {
  /** Work triggered by training records: wage steps and alerts of one registration or employer. */
  Training = 'training',
  /** Scheduled housekeeping; kept apart so a long sweep never holds up event-driven work. */
  Maintenance = 'maintenance',
}

export enum JobName {
  /** Re-derive a registration's wage step from approved hours, elapsed time and credit. */
  RecomputeWageStep = 'recompute-wage-step',
  /** Re-evaluate a registration's compliance alerts. */
  RefreshAlerts = 'refresh-alerts',
  /** Re-evaluate an employer's alerts (apprentice-to-journeyworker ratio). */
  RefreshEmployerAlerts = 'refresh-employer-alerts',
  /** Nightly: queue RefreshAlerts and RecomputeWageStep for every active registration. */
  SweepAlerts = 'sweep-alerts',
}

export type JobItem =
  | { name: JobName.RecomputeWageStep; data: { registrationId: string } }
  | { name: JobName.RefreshAlerts; data: { registrationId: string } }
  | { name: JobName.RefreshEmployerAlerts; data: { employerId: string } }
  | { name: JobName.SweepAlerts; data: Record<string, never> };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.RecomputeWageStep]: QueueName.Training,
  [JobName.RefreshAlerts]: QueueName.Training,
  [JobName.RefreshEmployerAlerts]: QueueName.Training,
  [JobName.SweepAlerts]: QueueName.Maintenance,
};

const JOB_NAMES = new Set<string>(Object.values(JobName));

export function isJobName(name: string): name is JobName {
  return JOB_NAMES.has(name);
}

/** The record a job works on, for its id. */
function subjectOf(item: JobItem): string {
  switch (item.name) {
    case JobName.RecomputeWageStep:
    case JobName.RefreshAlerts:
      return item.data.registrationId;
    case JobName.RefreshEmployerAlerts:
      return item.data.employerId;
    case JobName.SweepAlerts:
      return 'all';
  }
}

/**
 * Deterministic job ids: the same work asked for twice (a relay that crashed before marking its
 * events published, a sweep job retried) is queued once. `origin` keeps later, distinct requests
 * apart: the outbox event id, or the sweep's date. BullMQ rejects ':' in custom ids, hence '.'.
 */
export function jobIdOf(item: JobItem, origin: string): string {
  return `${item.name}.${subjectOf(item)}.${origin}`;
}
