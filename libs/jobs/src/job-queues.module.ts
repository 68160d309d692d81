import { Logger, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@journeyline/config/app-config';
import { JobProducer, QueueMap } from './job-producer';
import { QueueName } from './job-registry';
import { QUEUES } from './outbox-relay';
import { DEFAULT_JOB_OPTIONS, producerConnection } from './queue-options';

const logger = new Logger('JobQueues');

/**
 * Producer-side queues, one per QueueName, on fail-fast connections (see producerConnection), and
 * the JobProducer over them. Workers consume through their own connections (apps/worker).
 */
@Module({
  providers: [
    {
      provide: QUEUES,
      inject: [AppConfig],
      useFactory: (config: AppConfig): QueueMap =>
        new Map(
          Object.values(QueueName).map((name) => {
            const queue = new Queue(name, {
              connection: producerConnection(config.REDIS_URL),
              prefix: config.QUEUE_PREFIX,
              defaultJobOptions: DEFAULT_JOB_OPTIONS,
            });
            // Connection errors repeat while Redis is down; callers see them as failed adds.
            queue.on('error', (error) => logger.debug(`queue ${name}: ${error.message}`));
            return [name, queue];
          }),
        ),
    },
    JobProducer,
  ],
  exports: [QUEUES, JobProducer],
})
export class JobQueuesModule {}
