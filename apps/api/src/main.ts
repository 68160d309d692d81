import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { JsonLogger } from '@journeyline/common/json-logger';
import { AppConfig, loadConfig } from '@journeyline/config/app-config';
import { ApiModule } from './api.module';
import { configureHttp } from './http-setup';

async function bootstrap(): Promise<void> {
  // Fail fast, before Nest starts, with every configuration problem listed at once.
  const config = loadConfig();
  const logger = new JsonLogger('api', config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { logger, bodyParser: false });
  configureHttp(app);
  await app.listen(app.get(AppConfig).API_PORT, '0.0.0.0');
  logger.log(`GraphQL ready at ${(await app.getUrl()).replace('[::1]', 'localhost')}/graphql`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  new JsonLogger('api').error(error instanceof Error ? error.message : error, 'Bootstrap');
  process.exit(1);
});
