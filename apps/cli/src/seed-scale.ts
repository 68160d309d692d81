import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@journeyline/database/migrate';
import { HoursGranularity } from '@journeyline/scale-seed/hours-plan';
import { seedScale, ScaleSeedOptions } from '@journeyline/scale-seed/scale-seed';

export const SEED_SCALE_USAGE = `Usage: journeyline seed-scale --apprentices N [options]

Loads N generated apprentices (programs, sponsors, employers, registrations with their status
history and wage steps) with COPY, for benchmarks. Same seed and --today, same data.

Options:
  --apprentices N            apprentices to generate (required); about 2% get a second registration by transfer
  --months-of-hours M        approved OJT hours and some RTI attendance for the last M months (default 0)
  --hours-granularity G      day: one entry per working day; week: two 20-hour entries a week (default day)
  --seed S                   generator seed (default 42)
  --today YYYY-MM-DD         the date the data is generated as of (default today, UTC)
  --drop-indexes             drop the bulk tables' secondary indexes during the load, rebuild them after
  --per-row-fk-checks        check foreign keys row by row (default: drop the bulk tables' foreign keys for the
                             load and add them back before commit, so Postgres validates all rows at once)
  --database-url URL         target database (default DATABASE_URL); created and migrated when needed`;

export function parseSeedScaleArguments(argv: string[]): ScaleSeedOptions & { databaseUrl?: string } {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) return undefined;
    const next = argv[at + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value`);
    return next;
  };
  const number = (name: string): number | undefined => {
    const text = value(name);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a whole number`);
    return Number(text);
  };
  const known = new Set(['--apprentices', '--months-of-hours', '--hours-granularity', '--seed', '--today', '--database-url', '--drop-indexes',
    '--per-row-fk-checks']);
  const unknown = argv.filter((arg) => arg.startsWith('--') && !known.has(arg));
  if (unknown.length) throw new Error(`unknown option ${unknown[0]}`);
  const apprentices = number('apprentices');
  if (apprentices === undefined) throw new Error('--apprentices is required');
  return {
    apprentices,
    monthsOfHours: number('months-of-hours'),
    hoursGranularity: value('hours-granularity') as HoursGranularity | undefined,
    seed: number('seed'),
    today: value('today'),
    dropIndexes: argv.includes('--drop-indexes'),
    perRowForeignKeyChecks: argv.includes('--per-row-fk-checks'),
    databaseUrl: value('database-url'),
  };
}

/** `journeyline seed-scale`. */
export async function seedScaleFromCli(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(`${SEED_SCALE_USAGE}\n`);
    return 0;
  }
  const { databaseUrl = process.env.DATABASE_URL, ...options } = parseSeedScaleArguments(argv);
  if (!databaseUrl) throw new Error('set DATABASE_URL or pass --database-url');
  const out = (line: string) => process.stdout.write(`${line}\n`);

  await ensureDatabase(databaseUrl);
  await runMigrations(databaseUrl);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const report = await seedScale(client, { ...options, log: out });
    const [{ size }] = (await client.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)).rows;
    out(`seed ${report.seed}, as of ${report.today}: ${report.apprentices} apprentices; database size ${size}`);
    out(`seeded ${report.registrations} registrations in ${report.seconds.toFixed(1)} s`);
    return 0;
  } finally {
    await client.end();
  }
}
