import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobItem, JobName, QueueName } from '@journeyline/jobs/job-registry';

export const VA_MONTHLY_SCHEDULER = 'monthly-va-certification-runs';
/** 02:00 on the 1st of every month, in the worker's time zone (UTC in the container image). */
export const VA_MONTHLY_PATTERN = '0 2 1 * *';

/** Registers the monthly VA certification drafts with BullMQ; upserting is idempotent across restarts and workers. */
@Injectable()
export class VaCertificationScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Reports) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const item: JobItem = { name: JobName.RequestVaMonthlyRuns, data: {} };
    await this.queue.upsertJobScheduler(VA_MONTHLY_SCHEDULER, { pattern: VA_MONTHLY_PATTERN }, item);
  }
}
