import { Module } from '@nestjs/common';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { RedisModule } from '@journeyline/jobs/redis.module';

/** The background worker: no HTTP, only queue consumers and the outbox relay. */
@Module({
  imports: [ConfigModule, DatabaseModule, RedisModule],
})
export class WorkerModule {}
