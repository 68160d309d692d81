import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '@journeyline/auth/auth.decorators';
import { REDIS } from '@journeyline/jobs/redis.module';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** 200 when Postgres and Redis both answer, 503 otherwise; the body says which is down. */
  @Public()
  @Get()
  async check(@Res() response: Response): Promise<void> {
    const [database, redis] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1')).then(() => 'up', () => 'down'),
      withTimeout(this.redis.ping()).then(() => 'up', () => 'down'),
    ]);
    const healthy = database === 'up' && redis === 'up';
    response
      .status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: healthy ? 'ok' : 'degraded', database, redis });
  }
}
