import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobItem, JobName, QueueName } from '@journeyline/jobs/job-registry';

export const NIGHTLY_SWEEP_SCHEDULER = 'nightly-sweep-alerts';
/** 03:00 every day, in the worker's time zone (UTC in the container image). */
export const NIGHTLY_SWEEP_PATTERN = '0 3 * * *';

/** Registers the nightly sweep with BullMQ; upserting is idempotent across restarts and workers. */
@Injectable()
export class SweepScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Maintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const item: JobItem = { name: JobName.SweepAlerts, data: {} };
    await this.queue.upsertJobScheduler(NIGHTLY_SWEEP_SCHEDULER, { pattern: NIGHTLY_SWEEP_PATTERN }, item);
  }
}
