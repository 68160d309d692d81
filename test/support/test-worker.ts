import { randomBytes } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { JsonLogger } from '@journeyline/common/json-logger';
import { AppConfig } from '@journeyline/config/app-config';
import { QueueName } from '@journeyline/jobs/job-registry';
import { testConfig } from './test-config';

export interface TestWorker {
  module: TestingModule;
  /** Its configuration: queues under a prefix of their own, the outbox polled every 50 ms. */
  config: AppConfig;
  /** Shuts the worker down (once), as SIGTERM would. */
  stop(): Promise<void>;
  /** Stops it and removes its queues from Redis. */
  close(): Promise<void>;
}

/** The real worker in this process, on the database at `databaseUrl`. `name` tags its queues and logs. */
export async function startTestWorker(databaseUrl: string, name: string): Promise<TestWorker> {
  const config = testConfig(databaseUrl, { QUEUE_PREFIX: `{jl-${name}-${randomBytes(4).toString('hex')}}`, OUTBOX_POLL_MS: '50' });
  const module = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .setLogger(new JsonLogger(name, 'error'))
    .compile();
  await module.init();
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= module.close());
  return {
    module,
    config,
    stop,
    async close() {
      await stop();
      for (const queueName of Object.values(QueueName)) {
        const queue = new Queue(queueName, { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX });
        await queue.obliterate({ force: true });
        await queue.close();
      }
    },
  };
}
