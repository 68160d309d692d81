import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger } from '@journeyline/common/json-logger';
import { loadConfig } from '@journeyline/config/app-config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new JsonLogger('worker', config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  // SIGTERM/SIGINT close queues and connections; jobs in flight are finished or returned to the queue.
  app.enableShutdownHooks();
  await app.init();
  logger.log('worker ready', 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  new JsonLogger('worker').error(error instanceof Error ? error.message : error, 'Bootstrap');
  process.exit(1);
});
