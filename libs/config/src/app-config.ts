import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/**
 * Every setting Journeyline reads from the environment, validated once at boot.
 * Nothing else in the code base reads process.env.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string;

  @Transform(({ value }) => (value === undefined ? 4000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT = 4000;

  /** HMAC secret for login tokens. */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  @Transform(({ value }) => (value === undefined ? 8 * 3600 : Number(value)))
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 8 * 3600;

  /**
   * SSN encryption keys, newest first: "keyId:base64Key[,keyId:base64Key…]". Each key is 32 bytes
   * (AES-256). New values are sealed with the first key; older keys stay to read old rows.
   */
  @Matches(/^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'PII_KEYS must be "keyId:base64(32 bytes)" entries separated by commas',
  })
  PII_KEYS: string;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  /** Queue key prefix; hash-tagged so a Redis Cluster keeps each queue on one slot. */
  @IsString()
  @IsOptional()
  QUEUE_PREFIX = '{journeyline}';

  @Transform(({ value }) => (value === undefined ? 1000 : Number(value)))
  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS = 1000;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Builds the typed config from an env-like record, throwing one error that lists every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(AppConfig, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    throw new ConfigError(
      errors.flatMap((error) =>
        Object.values(error.constraints ?? {}).map((message) =>
          raw[error.property] === undefined ? `${error.property} is required (${message})` : message,
        ),
      ),
    );
  }
  return config;
}
