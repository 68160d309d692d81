/**
 * Every queue, job name and payload in one place. Producers accept only a JobItem, so a payload
 * cannot drift from what its handler expects. Payloads carry ids, never records: handlers re-read
 * state, which keeps jobs idempotent and lets them outlive deploys.
 *
 * Never rename a value without a plan for jobs already waiting in Redis under the old name.
 */
export enum QueueName {
  Training = 'training',
}

export enum JobName {
  /** Re-derive a registration's wage step from approved hours, elapsed time and credit. */
  RecomputeWageStep = 'recompute-wage-step',
  /** Re-evaluate a registration's compliance alerts. */
  RefreshAlerts = 'refresh-alerts',
}

export type JobItem =
  | { name: JobName.RecomputeWageStep; data: { registrationId: string } }
  | { name: JobName.RefreshAlerts; data: { registrationId: string } };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.RecomputeWageStep]: QueueName.Training,
  [JobName.RefreshAlerts]: QueueName.Training,
};

/**
 * Deterministic job ids: the same work asked for twice while the first is still waiting is queued
 * once. The outbox event id keeps later, distinct requests apart.
 */
export function jobIdOf(item: JobItem, eventId: string): string {
  return `${item.name}:${item.data.registrationId}:${eventId}`;
}
