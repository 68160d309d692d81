import { Job, UnrecoverableError } from 'bullmq';
import { parseJobPayload } from './job-payloads';
import { isJobName, JobData, JobName, QUEUE_OF, QueueName } from './job-registry';

export type JobHandler<N extends JobName> = (data: JobData<N>, job: Job) => Promise<unknown>;

/** Exactly one handler per job name: the type makes a missing or extra key a compile error. */
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** The handlers of the jobs that run on one queue. */
export type QueueHandlers = Partial<JobHandlers>;

export function handlersForQueue(handlers: JobHandlers, queue: QueueName): QueueHandlers {
  const selected: Record<string, unknown> = {};
  for (const name of Object.values(JobName)) {
    if (QUEUE_OF[name] === queue) selected[name] = handlers[name];
  }
  return selected as QueueHandlers;
}

/**
 * Refuses to start a worker whose handler table has a gap or a stray entry (the type cannot stop
 * a handler built from `any`), so a job can never sit in a queue that nothing consumes.
 */
export function assertHandlers(handlers: JobHandlers): void {
  const problems: string[] = [];
  for (const name of Object.values(JobName)) {
    if (typeof handlers[name] !== 'function') problems.push(`no handler for ${name}`);
    if (!Object.values(QueueName).includes(QUEUE_OF[name])) problems.push(`${name} is on no known queue`);
  }
  for (const key of Object.keys(handlers)) {
    if (!isJobName(key)) problems.push(`handler for unknown job ${key}`);
  }
  if (problems.length) throw new Error(`Job handler table is wrong: ${problems.join('; ')}`);
}

/**
 * Runs one job through its queue's handler table. An unknown name or a bad payload fails the job
 * for good: retrying cannot fix either.
 */
export async function dispatchJob(handlers: QueueHandlers, job: Job): Promise<unknown> {
  const name = job.name;
  if (!isJobName(name) || !handlers[name]) throw new UnrecoverableError(`No handler for job "${name}" on this queue`);
  const handler = handlers[name] as JobHandler<JobName>;
  return handler(parseJobPayload(name, job.data) as never, job);
}
