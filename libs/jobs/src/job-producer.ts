import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobItem, jobIdOf, QUEUE_OF, QueueName } from './job-registry';
import { QUEUES } from './outbox-relay';

export type QueueMap = Map<QueueName, Queue>;

/** Adds typed jobs with deterministic ids; how code other than the outbox relay enqueues work. */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  constructor(@Inject(QUEUES) private readonly queues: QueueMap) {}

  /** Enqueues the items; `origin` makes their ids (see jobIdOf). Returns how many were sent. */
  async enqueue(items: JobItem[], origin: string): Promise<number> {
    const byQueue = new Map<QueueName, Array<{ name: string; data: object; opts: { jobId: string } }>>();
    for (const item of items) {
      const queue = QUEUE_OF[item.name];
      const jobs = byQueue.get(queue) ?? [];
      jobs.push({ name: item.name, data: item.data, opts: { jobId: jobIdOf(item, origin) } });
      byQueue.set(queue, jobs);
    }
    for (const [queueName, jobs] of byQueue) {
      const queue = this.queues.get(queueName);
      if (!queue) throw new Error(`No queue registered for ${queueName}`);
      await queue.addBulk(jobs);
    }
    return items.length;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
