import type { DefaultJobOptions, RedisOptions } from 'bullmq';

/**
 * Retries for transient failures (a lost database connection, a deadlock): five attempts, 2 s, 4 s,
 * 8 s, 16 s apart. Finished jobs are kept a day so a deterministic id asked for again within that
 * time is recognised as done instead of re-run.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** Connection options for workers and the queues they own: wait out Redis outages. */
export function workerConnection(redisUrl: string): RedisOptions {
  return { url: redisUrl };
}

/**
 * Connection options for producers: fail fast while Redis is unreachable instead of buffering
 * commands in memory, so the outbox relay leaves its events in Postgres and tries again later.
 */
export function producerConnection(redisUrl: string): RedisOptions {
  return { url: redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 1 };
}
