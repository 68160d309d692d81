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
  /** Report runs: long, memory-bound jobs kept off the queues that keep training records current. */
  Reports = 'reports',
  /** Outcome rollups of one registration: kept apart so they wait out a rebuild without holding up training work. */
  Outcomes = 'outcomes',
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
  /** Produce a report run's artifacts and problems. */
  GenerateReport = 'generate-report',
  /** Monthly: request the VA monthly-certification drafts for the month that ended. */
  RequestVaMonthlyRuns = 'request-va-monthly-runs',
  /** Recompute a registration's outcome fact row and move its cube counts. */
  RefreshOutcomeFacts = 'refresh-outcome-facts',
  /** Recompute every outcome rollup (an outcome run requested by an administrator). */
  RebuildOutcomes = 'rebuild-outcomes',
  /** Compare the outcome rollups with a recomputation from the raw tables. */
  CheckOutcomeConsistency = 'check-outcome-consistency',
}

export type JobItem =
  | { name: JobName.RecomputeWageStep; data: { registrationId: string } }
  | { name: JobName.RefreshAlerts; data: { registrationId: string } }
  | { name: JobName.RefreshEmployerAlerts; data: { employerId: string } }
  | { name: JobName.SweepAlerts; data: Record<string, never> }
  | { name: JobName.GenerateReport; data: { runId: string } }
  | { name: JobName.RequestVaMonthlyRuns; data: Record<string, never> }
  | { name: JobName.RefreshOutcomeFacts; data: { registrationId: string } }
  | { name: JobName.RebuildOutcomes; data: { runId: string } }
  | { name: JobName.CheckOutcomeConsistency; data: { runId: string } };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.RecomputeWageStep]: QueueName.Training,
  [JobName.RefreshAlerts]: QueueName.Training,
  [JobName.RefreshEmployerAlerts]: QueueName.Training,
  [JobName.SweepAlerts]: QueueName.Maintenance,
  [JobName.GenerateReport]: QueueName.Reports,
  [JobName.RequestVaMonthlyRuns]: QueueName.Reports,
  [JobName.RefreshOutcomeFacts]: QueueName.Outcomes,
  [JobName.RebuildOutcomes]: QueueName.Maintenance,
  [JobName.CheckOutcomeConsistency]: QueueName.Maintenance,
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
    case JobName.RefreshOutcomeFacts:
      return item.data.registrationId;
    case JobName.RefreshEmployerAlerts:
      return item.data.employerId;
    case JobName.SweepAlerts:
    case JobName.RequestVaMonthlyRuns:
      return 'all';
    case JobName.GenerateReport:
    case JobName.RebuildOutcomes:
    case JobName.CheckOutcomeConsistency:
      return item.data.runId;
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
