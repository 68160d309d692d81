import { ConfigError, loadConfig } from './app-config';

const VALID = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  REDIS_URL: 'redis://localhost:6379',
  JWT_SECRET: 'x'.repeat(32),
  PII_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
};

describe('loadConfig', () => {
  it('builds a typed config with defaults', () => {
    const config = loadConfig(VALID);
    expect(config.API_PORT).toBe(4000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.QUEUE_PREFIX).toBe('{journeyline}');
  });

  it('converts numeric settings', () => {
    expect(loadConfig({ ...VALID, API_PORT: '8080' }).API_PORT).toBe(8080);
  });

  it('lists every missing or invalid setting in one error', () => {
    let error: unknown;
    try {
      loadConfig({ REDIS_URL: 'http://nope', JWT_SECRET: 'short', PII_KEYS: 'bad' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DATABASE_URL is required/);
    expect(problems).toMatch(/REDIS_URL must be a redis:\/\/ URL/);
    expect(problems).toMatch(/JWT_SECRET must be at least 32 characters/);
    expect(problems).toMatch(/PII_KEYS must be/);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ ...VALID, API_PORT: '70000' })).toThrow(/API_PORT/);
  });

  it('accepts several PII keys for rotation', () => {
    const second = `old:${Buffer.alloc(32, 1).toString('base64')}`;
    expect(loadConfig({ ...VALID, PII_KEYS: `${VALID.PII_KEYS},${second}` }).PII_KEYS).toContain('old:');
  });
});
