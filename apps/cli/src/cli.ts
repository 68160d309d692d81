import Redis from 'ioredis';
import { Client } from 'pg';
import { loadConfig } from '@journeyline/config/app-config';
import { ensureDatabase, runMigrations } from '@journeyline/database/migrate';

const USAGE = `Usage: journeyline <command>

Commands:
  migrate                      create the database if needed and apply pending migrations
  seed-demo                    load the demo organizations, users, programs and apprentices (idempotent)
  demo-logins                  list the demo users
  import-occupations <file>    load DOL's occupation list (.csv or .xlsx); --valid-rows keeps good rows when some are bad
  import-hours <file> --as <e-mail>   import OJT hours from a timesheet (.csv or .xlsx) as that user (journeyline import-hours --help)
  seed-scale --apprentices N   load N generated apprentices with COPY, for benchmarks (journeyline seed-scale --help)
  health                       exit 0 when Postgres and Redis answer
  map --format <id> ...        map a JSON file of apprentice records to a DOL/VA report file (journeyline map --help)`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const config = loadConfig();
      await ensureDatabase(config.DATABASE_URL);
      const applied = await runMigrations(config.DATABASE_URL);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      return 0;
    }
    case 'seed-demo': {
      const { seedDemoFromCli } = await import('./seed-demo');
      process.stdout.write(await seedDemoFromCli());
      return 0;
    }
    case 'demo-logins': {
      const { DEMO_USERS } = await import('./seed-demo');
      for (const user of DEMO_USERS) process.stdout.write(`  ${user.email.padEnd(36)} ${user.role}\n`);
      return 0;
    }
    case 'import-occupations': {
      const file = rest.find((arg) => !arg.startsWith('--'));
      if (!file) throw new Error('import-occupations needs a file path');
      const { importOccupationsFromCli } = await import('./import-occupations');
      return importOccupationsFromCli(file, rest.includes('--valid-rows'));
    }
    case 'import-hours': {
      const { IMPORT_HOURS_USAGE, importHoursFromCli } = await import('./import-hours');
      return helpOr(rest, IMPORT_HOURS_USAGE, () => importHoursFromCli(rest));
    }
    case 'seed-scale': {
      const { seedScaleFromCli } = await import('./seed-scale');
      return seedScaleFromCli(rest);
    }
    case 'health':
      return (await checkHealth()) ? 0 : 1;
    case 'map': {
      const { MAP_USAGE, mapFromCli } = await import('./map');
      return helpOr(rest, MAP_USAGE, () => mapFromCli(rest));
    }
    case undefined:
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    default:
      process.stderr.write(`Unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

/** A command's own usage for --help; otherwise the command. */
async function helpOr(args: string[], usage: string, run: () => Promise<number>): Promise<number> {
  if (!args.includes('--help')) return run();
  process.stdout.write(`${usage}\n`);
  return 0;
}

async function checkHealth(): Promise<boolean> {
  const config = loadConfig();
  const pg = new Client({ connectionString: config.DATABASE_URL, connectionTimeoutMillis: 2000 });
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 1 });
  const database = await pg
    .connect()
    .then(() => pg.query('SELECT 1'))
    .then(() => true, () => false);
  const cache = await redis
    .connect()
    .then(() => redis.ping())
    .then(() => true, () => false);
  await pg.end().catch(() => undefined);
  redis.disconnect();
  process.stdout.write(JSON.stringify({ database: database ? 'up' : 'down', redis: cache ? 'up' : 'down' }) + '\n');
  return database && cache;
}
