import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@journeyline/config/app-config';
import { JobItem, jobIdOf, QUEUE_OF, QueueName } from './job-registry';

/** Which jobs each outbox topic starts. Topics with no entry are marked published and dropped. */
export type EventRoutes = Record<string, (payload: Record<string, unknown>) => JobItem[]>;
export const EVENT_ROUTES = Symbol('EVENT_ROUTES');
export const QUEUES = Symbol('QUEUES');

const BATCH = 500;
/** How long one publish may wait for Redis before the batch is given up and retried later. */
const PUBLISH_TIMEOUT_MS = 5000;

/**
 * Moves committed outbox events to BullMQ. Events are locked with SKIP LOCKED, so several workers
 * can relay side by side; they are marked published only after Redis accepted the jobs, and job
 * ids are deterministic, so a crash between the two re-sends jobs BullMQ already has and they are
 * ignored. While Redis is down, events simply wait in Postgres.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(QUEUES) private readonly queues: Map<QueueName, Queue>,
    @Inject(EVENT_ROUTES) private readonly routes: EventRoutes,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in flight, before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays one batch; returns how many events were published. */
  async relayOnce(): Promise<number> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const events: Array<{ id: string; topic: string; payload: Record<string, unknown> }> = await manager.query(
          `SELECT id::text, topic, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [BATCH],
        );
        if (!events.length) return 0;
        const byQueue = new Map<QueueName, Array<{ name: string; data: object; opts: { jobId: string } }>>();
        for (const event of events) {
          for (const item of this.routes[event.topic]?.(event.payload) ?? []) {
            const queue = QUEUE_OF[item.name];
            byQueue.set(queue, [
              ...(byQueue.get(queue) ?? []),
              { name: item.name, data: item.data, opts: { jobId: jobIdOf(item, event.id) } },
            ]);
          }
        }
        for (const [queueName, jobs] of byQueue) {
          const queue = this.queues.get(queueName);
          if (!queue) throw new Error(`No queue registered for ${queueName}`);
          // Never send while the connection has not come up: the adds would pile up in memory.
          await withTimeout(queue.waitUntilReady(), PUBLISH_TIMEOUT_MS, `Redis is not reachable (queue ${queueName})`);
          await withTimeout(queue.addBulk(jobs), PUBLISH_TIMEOUT_MS, `Redis did not accept the jobs (queue ${queueName})`);
        }
        await manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
          events.map((event) => event.id),
        ]);
        return events.length;
      });
    } catch (error) {
      await this.dataSource
        .query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $1
            WHERE id = (SELECT min(id) FROM outbox WHERE published_at IS NULL)`,
          [String(error instanceof Error ? error.message : error).slice(0, 500)],
        )
        .catch(() => undefined);
      throw error;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayOnce().then(
        (count) => this.schedule(count === BATCH ? 0 : this.config.OUTBOX_POLL_MS),
        (error: unknown) => {
          this.logger.warn(`outbox relay will retry: ${error instanceof Error ? error.message : error}`);
          this.schedule(this.config.OUTBOX_POLL_MS * 5);
        },
      );
    }, delay);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
