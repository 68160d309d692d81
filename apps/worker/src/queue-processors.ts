import { BeforeApplicationShutdown } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { dispatchJob, QueueHandlers } from '@journeyline/jobs/job-dispatch';
import { QueueName } from '@journeyline/jobs/job-registry';
import { JobHandlerRegistry } from './job-handlers';

/**
 * One consumer per queue. Workers are closed before the database and Redis connections go away
 * (beforeApplicationShutdown runs ahead of every onApplicationShutdown); close() lets the active
 * job finish.
 */
abstract class QueueProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly handlers: QueueHandlers;

  protected constructor(registry: JobHandlerRegistry, queue: QueueName) {
    super();
    this.handlers = registry.forQueue(queue);
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(this.handlers, job);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}

@Processor(QueueName.Training, { concurrency: 4 })
export class TrainingQueueProcessor extends QueueProcessor {
  constructor(registry: JobHandlerRegistry) {
    super(registry, QueueName.Training);
  }
}

@Processor(QueueName.Maintenance)
export class MaintenanceQueueProcessor extends QueueProcessor {
  constructor(registry: JobHandlerRegistry) {
    super(registry, QueueName.Maintenance);
  }
}

/** One report at a time per worker: a run holds a batch plus its rows for XLSX/PDF in memory. */
@Processor(QueueName.Reports)
export class ReportsQueueProcessor extends QueueProcessor {
  constructor(registry: JobHandlerRegistry) {
    super(registry, QueueName.Reports);
  }
}

/** Outcome rollup refreshes; two at a time, and they wait (holding their slot) while a rebuild runs. */
@Processor(QueueName.Outcomes, { concurrency: 2 })
export class OutcomesQueueProcessor extends QueueProcessor {
  constructor(registry: JobHandlerRegistry) {
    super(registry, QueueName.Outcomes);
  }
}
