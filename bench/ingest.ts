/**
 * Benchmark of the OJT hours import: `npm run bench:ingest -- [--rows N] [--floor]` (default 1,000,000 rows).
 *
 * On a scratch database it writes a CSV of N valid hour rows (100 registrations, one hour a day
 * each), then times (a) a raw COPY of that file into an unindexed table with the file's columns,
 * the floor any import pays, and (b) the real import path (HoursImportService.importCsv, VALID_ROWS):
 * parse, stage with COPY, check, merge into ojt_hour_entries, outbox and audit. The last line of
 * output is one JSON object; `ratio` is import speed over raw COPY speed.
 *
 * With --floor it then times a plain INSERT … SELECT of the same rows, already checked, into
 * ojt_hour_entries itself (rolled back) and into copies of it without foreign keys and without
 * indexes: what writing into this table costs whatever the import does before.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AbstractLogger, DataSource, LogLevel, LogMessage } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Role } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { addDays, todayIso } from '@journeyline/common/dates';
import { RulesService } from '@journeyline/rules/rules.service';
import { insertRegistrations, insertTrainingProgram } from '@journeyline/training/import/hours-import-fixtures';
import { HoursImportService } from '@journeyline/training/import/hours-import.service';
import { createScratchDatabase } from './support/scratch-database';

const REGISTRATIONS = 100;
const WORK_PROCESSES = ['Safety', 'Wiring', 'Conduit', 'Controls'];

const progress = (message: string) => process.stdout.write(`[ingest] ${message}\n`);
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** Prints each statement of the import that takes longer than a tenth of a second. */
class StatementTimer extends AbstractLogger {
  protected override writeLog(_level: LogLevel, _message: LogMessage | LogMessage[]): void {}

  override logQuerySlow(time: number, query: string): void {
    progress(`  ${String(time).padStart(6)} ms  ${query.replace(/\s+/g, ' ').trim().slice(0, 90)}`);
  }
}

function rowsArgument(argv: string[]): number {
  const at = argv.indexOf('--rows');
  const rows = at >= 0 ? Number(argv[at + 1]) : 1_000_000;
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a positive whole number');
  return rows;
}

async function seed(dataSource: DataSource, today: string) {
  const [user] = await dataSource.query(
    `INSERT INTO users (email, display_name, password_hash) VALUES ('bench@example.org', 'Bench', 'none') RETURNING id`,
  );
  const [sponsor] = await dataSource.query(`INSERT INTO organizations (kind, name, state) VALUES ('sponsor', 'Bench sponsor', 'MI') RETURNING id`);
  const [occupation] = await dataSource.query(
    `INSERT INTO occupations (rapids_code, title, approaches, time_based_hours) VALUES ('0159', 'Electrician', '{time_based}', 8000) RETURNING id`,
  );
  const program = await insertTrainingProgram(dataSource, {
    sponsorId: sponsor.id,
    state: 'MI',
    occupationId: occupation.id,
    workProcessTitles: WORK_PROCESSES,
  });
  // Starts 40 years back leave room for 10,000 distinct past days per registration.
  const registrationIds = await insertRegistrations(
    dataSource,
    { program, sponsorId: sponsor.id, state: 'MI', employerId: sponsor.id, startDate: addDays(today, -14_700) },
    REGISTRATIONS,
  );
  const scope = new AccessScope(
    user.id,
    [{ organizationId: sponsor.id, organizationKind: 'sponsor', role: Role.SPONSOR_ADMIN, organizationState: 'MI' }],
    new Map(),
    null,
  );
  return { scope, registrationIds };
}

/** One hour a day per registration, each registration on its own run of days, so no day passes the cap. */
async function writeCsv(path: string, rows: number, registrationIds: string[], today: string): Promise<void> {
  const dates = new Map<number, string>();
  const dateOf = (daysBack: number) => {
    let date = dates.get(daysBack);
    if (!date) dates.set(daysBack, (date = addDays(today, -daysBack)));
    return date;
  };
  async function* lines() {
    yield 'registration_id,work_date,hours,work_process,employer_id,worksite,note,idempotency_key\n';
    let chunk = '';
    for (let index = 0; index < rows; index += 1) {
      const registration = registrationIds[index % registrationIds.length];
      const date = dateOf(1 + Math.floor(index / registrationIds.length));
      const workProcess = WORK_PROCESSES[index % WORK_PROCESSES.length];
      chunk += `${registration},${date},1,${workProcess},,Main shop,,\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  await pipeline(lines, createWriteStream(path));
}

async function rawCopy(url: string, path: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_raw_copy (registration_id text, work_date text, hours text, work_process text,
      employer_id text, worksite text, note text, idempotency_key text)`);
    const started = process.hrtime.bigint();
    const copy = client.query(copyFrom(`COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)`));
    await pipeline(createReadStream(path), copy);
    const elapsed = seconds(started);
    progress(`raw COPY: ${copy.rowCount} rows in ${elapsed.toFixed(2)} s`);
    await client.query(`DROP TABLE bench_raw_copy`);
    return elapsed;
  } finally {
    await client.end();
  }
}

interface Floor {
  target: string;
  rowsPerSecond: number;
}

/**
 * INSERT … SELECT of the imported entries (new keys) into ojt_hour_entries and two copies of it,
 * each in its own transaction: the write alone, with no parsing or checking.
 */
async function insertFloors(url: string, rows: number): Promise<Floor[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE UNLOGGED TABLE floor_rows AS
      SELECT registration_id, work_process_id, employer_id, worksite, work_date, hours, note, 'floor:' || idempotency_key AS idempotency_key, created_by
        FROM ojt_hour_entries`);
    await client.query(`CREATE TABLE floor_no_foreign_keys (LIKE ojt_hour_entries INCLUDING ALL)`);
    await client.query(`CREATE TABLE floor_bare (LIKE ojt_hour_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    const targets = [
      ['ojt_hour_entries', 'ojt_hour_entries (its 5 indexes and 4 foreign keys)'],
      ['floor_no_foreign_keys', 'a copy with its indexes, no foreign keys'],
      ['floor_bare', 'a copy with no indexes or foreign keys'],
    ];
    const floors: Floor[] = [];
    for (const [table, target] of targets) {
      await client.query('CHECKPOINT');
      await client.query('BEGIN');
      const started = process.hrtime.bigint();
      await client.query(`INSERT INTO ${table} (registration_id, work_process_id, employer_id, worksite, work_date, hours, note,
                                               status, source, idempotency_key, submitted_at, created_by)
        SELECT registration_id, work_process_id, employer_id, worksite, work_date, hours, note, 'submitted', 'import',
               idempotency_key, now(), created_by
          FROM floor_rows ORDER BY registration_id, idempotency_key`);
      const elapsed = seconds(started);
      await client.query(table === 'ojt_hour_entries' ? 'ROLLBACK' : 'COMMIT');
      progress(`floor: INSERT … SELECT of ${rows} checked rows into ${target}: ${elapsed.toFixed(2)} s`);
      floors.push({ target, rowsPerSecond: Math.round(rows / elapsed) });
    }
    await client.query(`DROP TABLE floor_rows, floor_no_foreign_keys, floor_bare`);
    return floors;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const rows = rowsArgument(process.argv.slice(2));
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL must be set (run it with `npm run bench:ingest`)');
  const today = todayIso();
  const file = join(tmpdir(), `journeyline-bench-ingest-${process.pid}.csv`);

  progress(`scratch database, migrations`);
  const database = await createScratchDatabase(serverUrl, 'jl_bench_ingest');
  const dataSource = new DataSource({
    type: 'postgres',
    url: database.url,
    logger: new StatementTimer(),
    maxQueryExecutionTime: 100,
    extra: { max: 4, application_name: 'journeyline-bench' },
  });
  try {
    await dataSource.initialize();
    const { scope, registrationIds } = await seed(dataSource, today);
    await writeCsv(file, rows, registrationIds, today);
    progress(`generated ${rows} rows (${((await stat(file)).size / 1024 / 1024).toFixed(1)} MB) for ${REGISTRATIONS} registrations`);

    const baseline = await rawCopy(database.url, file);

    const service = new HoursImportService(dataSource, new Clock(), new RulesService(dataSource));
    const rssBefore = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    const outcome = await service.importCsv(scope, 'bench.csv', createReadStream(file), 'valid_rows');
    const elapsed = seconds(started);
    progress(
      `import: ${outcome.status}, ${outcome.importedRows} of ${outcome.totalRows} rows imported, ${outcome.errorRows} bad, ` +
        `in ${elapsed.toFixed(2)} s (rss change ${((process.memoryUsage().rss - rssBefore) / 1024 / 1024).toFixed(0)} MB)`,
    );
    if (outcome.importedRows !== rows) throw new Error(`expected ${rows} imported rows, got ${outcome.importedRows}`);

    const value = Math.round(rows / elapsed);
    const copyRate = Math.round(rows / baseline);
    const ratio = Number((value / copyRate).toFixed(3));
    const floors = process.argv.includes('--floor') ? await insertFloors(database.url, rows) : [];
    const floorRatios = floors.map((floor) => ({ ...floor, ratio: Number((floor.rowsPerSecond / copyRate).toFixed(3)) }));
    const result = { bench: 'ingest', value, unit: 'rows/s', baseline: copyRate, ratio, rows, ...(floors.length ? { floors: floorRatios } : {}) };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await rm(file, { force: true });
    await database.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
