import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '@journeyline/config/app-config';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { OUTBOX_EVENT_ROUTES } from '@journeyline/jobs/event-routes';
import { JobQueuesModule } from '@journeyline/jobs/job-queues.module';
import { QueueName } from '@journeyline/jobs/job-registry';
import { EVENT_ROUTES, OutboxRelay } from '@journeyline/jobs/outbox-relay';
import { DEFAULT_JOB_OPTIONS, workerConnection } from '@journeyline/jobs/queue-options';
import { RedisModule } from '@journeyline/jobs/redis.module';
import { RulesModule } from '@journeyline/rules/rules.module';
import { JobHandlersModule } from './job-handlers.module';
import { MaintenanceQueueProcessor, OutcomesQueueProcessor, ReportsQueueProcessor, TrainingQueueProcessor } from './queue-processors';
import { SweepScheduler } from './sweep-scheduler';
import { VaCertificationScheduler } from './va-certification-scheduler';

/** The background worker: no HTTP, only queue consumers, the outbox relay and the nightly schedule. */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    RedisModule,
    RulesModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: workerConnection(config.REDIS_URL),
        prefix: config.QUEUE_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
    JobQueuesModule,
    JobHandlersModule,
  ],
  providers: [
    TrainingQueueProcessor,
    MaintenanceQueueProcessor,
    ReportsQueueProcessor,
    OutcomesQueueProcessor,
    OutboxRelay,
    { provide: EVENT_ROUTES, useValue: OUTBOX_EVENT_ROUTES },
    SweepScheduler,
    VaCertificationScheduler,
  ],
})
export class WorkerModule {}
