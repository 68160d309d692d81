import { AppConfig, loadConfig } from '@journeyline/config/app-config';
import { serviceUrls } from './test-database';

/** Fixed, test-only secrets. */
export const TEST_PII_KEYS = 'test2:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=,test1:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=';

export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: serviceUrls().redisUrl,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    PII_KEYS: TEST_PII_KEYS,
    LOG_LEVEL: 'error',
    API_PORT: '0',
    OUTBOX_POLL_MS: '100',
    ...overrides,
  });
}
