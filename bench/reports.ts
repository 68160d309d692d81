/**
 * bench:reports — agency reports end to end through the worker, against the pure mappers.
 *
 *   npm run bench:reports -- [--apprentices 100000] [--seed 42] [--fresh] [--profile]
 *
 * Data: the scale seed (libs/scale-seed) with 12 months of approved hours up to the 1st of the
 * current month, in a database kept between runs (journeyline_bench_reports_<N>_<seed>; --fresh
 * seeds it again), plus an intermediary serving every sponsor, so one intermediary-scope run
 * covers every registration, and what the RAPIDS upload needs that the seed leaves out (see
 * prepareSeed).
 *
 * End to end: an intermediary staffer asks ReportRunsService for `dol.rapids-upload`, then for
 * `va.monthly-certification` (the 12 whole months before the 1st, as of the 1st, with SSNs, so
 * artifacts are sealed), and the compiled worker (dist/apps/worker, its own process, real BullMQ on
 * a queue prefix of its own) produces them; each is timed from the request to the poll that sees
 * `succeeded`. Baseline, in the same run afterwards: the same registrations assembled into memory
 * (timed, reported, not in the baseline), validated, then runFormat over them with no writers, the
 * pure mappers. Both figures are registrations in scope per second for the two formats together.
 * The artifacts must equal what writeCsv/writeJson make of the baseline's rows, byte for byte, and
 * the problem counts must agree; otherwise the run says so and exits 1.
 *
 * --profile samples the worker's CPU during each run and prints where its time went.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@journeyline/apprentices/pii-cipher';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Role } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { addDays, addMonths, todayIso } from '@journeyline/common/dates';
import { loadConfig } from '@journeyline/config/app-config';
import { QueueName } from '@journeyline/jobs/job-registry';
import { RecordAssembler } from '@journeyline/reporting/assembler/record-assembler';
import { findFormat } from '@journeyline/reporting/formats/format-registry';
import { FormatId, MapContext, ReportFormat } from '@journeyline/reporting/formats/report-format';
import { ApprenticeRecord } from '@journeyline/reporting/record/apprentice-record';
import { validateRecords } from '@journeyline/reporting/record/record-validator';
import { ArtifactCipher } from '@journeyline/reporting/runs/artifact-cipher';
import { artifactChunks } from '@journeyline/reporting/runs/artifact-reader';
import { REPORT_BATCH_SIZE } from '@journeyline/reporting/runs/report-generator';
import { ReportRunEntity } from '@journeyline/reporting/runs/report-run.entity';
import { ReportScopeKindEnum } from '@journeyline/reporting/runs/report-run.models';
import { ReportRunsService } from '@journeyline/reporting/runs/report-runs.service';
import { scopeRegistrationsQuery } from '@journeyline/reporting/runs/report-scope';
import { writeCsv } from '@journeyline/reporting/writers/csv-writer';
import { writeJson } from '@journeyline/reporting/writers/json-writer';
import { runFormat } from '@journeyline/reporting/writers/run-format';
import { CpuProfile, profileByCategory } from './support/cpu-profile-summary';
import { seededDatabase } from './support/seeded-database';

const FORMATS: readonly FormatId[] = ['dol.rapids-upload', 'va.monthly-certification'];
const MONTHS_OF_HOURS = 12;
const POLL_MS = 100;

const progress = (message: string) => process.stdout.write(`[reports] ${message}\n`);
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

interface Arguments {
  apprentices: number;
  seed: number;
  fresh: boolean;
  profile: boolean;
}

function parseArguments(argv: string[]): Arguments {
  const known = new Set(['--apprentices', '--seed', '--fresh', '--profile']);
  const unknown = argv.filter((arg) => arg.startsWith('--') && !known.has(arg));
  if (unknown.length) throw new Error(`unknown option ${unknown[0]} (options: ${[...known].join(', ')})`);
  const number = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    const value = at >= 0 ? Number(argv[at + 1]) : fallback;
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
    return value;
  };
  const apprentices = number('apprentices', 100_000);
  if (apprentices < 1) throw new Error('--apprentices must be at least 1');
  return { apprentices, seed: number('seed', 42), fresh: argv.includes('--fresh'), profile: argv.includes('--profile') };
}

interface BenchSetup {
  userId: string;
  intermediaryId: string;
}

/**
 * What the benchmark adds to the scale seed: a user on the staff of a new intermediary that serves
 * every sponsor, and what the seed leaves out but the RAPIDS upload requires of every record (a
 * street and city for each apprentice, the four RAPIDS workbook ids for each program), so the
 * upload writes rows instead of refusing every record.
 */
async function prepareSeed(client: Client): Promise<BenchSetup> {
  await client.query(`UPDATE apprentices SET street_address = coalesce(street_address, (100 + abs(hashtext(id::text)) % 9900)::text || ' Industrial Pkwy'),
                                             city = coalesce(city, 'Springfield')`);
  await client.query(`INSERT INTO agency_crosswalk (program_id, kind, external_id)
                      SELECT p.id, k.kind, upper(k.kind) || '-' || left(replace(p.id::text, '-', ''), 12)
                        FROM programs p CROSS JOIN unnest(ARRAY['employer', 'occupation', 'rti_provider', 'wage_schedule']) AS k(kind)
                      ON CONFLICT (program_id, kind) DO NOTHING`);
  await client.query(`VACUUM ANALYZE apprentices`);
  await client.query(`ANALYZE agency_crosswalk`);

  const { rows: users } = await client.query(
    `INSERT INTO users (email, display_name, password_hash) VALUES ('bench-reports@example.org', 'Reports bench', 'none') RETURNING id`,
  );
  const { rows: organizations } = await client.query(
    `INSERT INTO organizations (kind, name) VALUES ('intermediary', 'Reports bench: every sponsor') RETURNING id`,
  );
  const intermediaryId: string = organizations[0].id;
  await client.query(`INSERT INTO intermediary_clients (intermediary_id, sponsor_id) SELECT $1, id FROM organizations WHERE kind = 'sponsor'`, [
    intermediaryId,
  ]);
  await client.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'intermediary_staff')`, [users[0].id, intermediaryId]);
  return { userId: users[0].id, intermediaryId };
}

/** The compiled worker as its own process; resolves once it logged that it is ready. */
async function startWorker(env: NodeJS.ProcessEnv, profileDirectory: string | null): Promise<ChildProcess> {
  const preload = profileDirectory ? ['--require', './dist/bench/support/cpu-profile-preload.js'] : [];
  const worker = spawn(process.execPath, [...preload, 'dist/apps/worker/src/main.js'], {
    env: { ...env, ...(profileDirectory ? { BENCH_CPU_PROFILE_DIR: profileDirectory } : {}) },
    stdio: ['ignore', 'pipe', 'inherit', ...(profileDirectory ? (['ipc'] as const) : [])],
  });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('exit', (code, signal) => reject(new Error(`the worker exited (${signal ?? code}) before it was ready`)));
    createInterface({ input: worker.stdout! }).on('line', (line) => {
      let entry: { level?: string; msg?: string } = {};
      try {
        entry = JSON.parse(line);
      } catch {
        // Not a log line: show it.
      }
      if (entry.msg === 'worker ready') resolve();
      else if (entry.level !== 'info' && entry.level !== 'debug') progress(`worker: ${line}`);
    });
  });
  await ready;
  return worker;
}

const workerGone = (worker: ChildProcess) => worker.exitCode !== null || worker.signalCode !== null;

async function stopWorker(worker: ChildProcess): Promise<void> {
  if (workerGone(worker)) return;
  const exited = once(worker, 'exit');
  worker.kill('SIGTERM');
  await exited;
}

/** What the worker sampled since the last call (see cpu-profile-preload.ts). */
async function takeProfile(worker: ChildProcess): Promise<CpuProfile> {
  const answer = new Promise<string>((resolve) => {
    const listener = (message: unknown) => {
      const file = (message as { cpuProfile?: string } | null)?.cpuProfile;
      if (!file) return;
      worker.off('message', listener);
      resolve(file);
    };
    worker.on('message', listener);
  });
  worker.send('cpu-profile');
  return JSON.parse(await readFile(await answer, 'utf8')) as CpuProfile;
}

/** What the worker's time was spent on, by the code that spent it. */
function workerCategory(url: string): string | null {
  const has = (...parts: string[]) => parts.some((part) => url.includes(part));
  if (has('/reporting/src/assembler/')) return 'assembler (building records)';
  if (has('/reporting/src/record/', '/node_modules/ajv')) return 'record schema validation';
  if (has('/writers/pdf-writer', '/va/va-pdf-forms', '/node_modules/pdf-lib', '/node_modules/@pdf-lib', '/node_modules/pako')) return 'PDF';
  if (has('/writers/xlsx-writer', '/node_modules/exceljs', '/node_modules/archiver', '/node_modules/jszip', '/node_modules/csv-parse', '/node_modules/zip-stream', '/node_modules/compress-commons', '/node_modules/readable-stream')) {
    return 'XLSX (incl. reading the CSV back)';
  }
  if (has('/runs/row-encoders', '/writers/csv-writer', '/writers/json-writer')) return 'CSV/JSON encoding';
  if (has('/reporting/src/dol/', '/reporting/src/va/', '/reporting/src/formats/', '/writers/run-format', '/common/src/')) return 'mappers (runFormat)';
  if (has('/runs/artifact-cipher', 'node:internal/crypto')) return 'SHA-256 + AES-GCM';
  if (has('/node_modules/pg', '/node_modules/pg-protocol', '/node_modules/typeorm')) return 'pg driver / TypeORM';
  if (has('/node_modules/bullmq', '/node_modules/ioredis')) return 'BullMQ / Redis client';
  if (has('/reporting/src/runs/')) return 'report generator';
  return null;
}

interface EndToEnd {
  format: FormatId;
  runId: string;
  seconds: number;
  /** From the run's timestamps: request → worker start, worker start → succeeded. */
  queuedSeconds: number;
  generateSeconds: number;
  total: number;
  processed: number;
  problems: number;
  artifacts: Record<string, { size: number; sha256: string }>;
  profile?: Array<{ category: string; seconds: number }>;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL must be set (run it with `npm run bench:reports`)');
  progress(`load average at start: ${load()}`);

  // The 1st of this month: the year of hours ends there and both reports are as of that day.
  const today = `${todayIso().slice(0, 7)}-01`;
  const database = await seededDatabase<BenchSetup>(serverUrl, {
    prefix: 'journeyline_bench_reports',
    seedOptions: { apprentices: args.apprentices, seed: args.seed, monthsOfHours: MONTHS_OF_HOURS, today },
    fresh: args.fresh,
    prepare: prepareSeed,
    log: progress,
  });
  const { meta } = database;
  const asOf = meta.today;
  const period = { start: addMonths(asOf, -12), end: addDays(asOf, -1) };
  progress(`${database.name}: ${(database.sizeBytes / 1024 ** 3).toFixed(2)} GiB, ${meta.registrations} registrations, as of ${asOf}`);

  const config = loadConfig({ ...process.env, DATABASE_URL: database.url });
  const dataSource = new DataSource({
    type: 'postgres',
    url: database.url,
    entities: [ReportRunEntity],
    extra: { max: 4, application_name: 'journeyline-bench' },
  });
  const queuePrefix = `{jl-bench-reports-${process.pid}}`;
  const profileDirectory = args.profile ? await mkdtemp(join(tmpdir(), 'journeyline-bench-reports-')) : null;
  let worker: ChildProcess | undefined;
  try {
    await dataSource.initialize();
    // Earlier runs would be handed back by the request's dedupe; this database is the benchmark's own.
    await dataSource.query(`TRUNCATE report_artifact_chunks, report_artifacts, report_problems, report_runs`);
    await dataSource.query(`DELETE FROM outbox WHERE topic = 'report.requested'`);
    const { intermediaryId, userId } = meta.extra;
    const sponsors: Array<{ id: string }> = await dataSource.query(`SELECT sponsor_id AS id FROM intermediary_clients WHERE intermediary_id = $1`, [
      intermediaryId,
    ]);
    const staffer = new AccessScope(
      userId,
      [{ organizationId: intermediaryId, organizationKind: 'intermediary', role: Role.INTERMEDIARY_STAFF, organizationState: null }],
      new Map([[intermediaryId, sponsors.map((sponsor) => sponsor.id)]]),
      null,
    );
    const service = new ReportRunsService(dataSource.getRepository(ReportRunEntity), dataSource, new ArtifactCipher(config), new Clock());

    progress(`starting the worker (queue prefix ${queuePrefix}${args.profile ? ', CPU profiling' : ''})`);
    worker = await startWorker({ ...process.env, DATABASE_URL: database.url, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'info' }, profileDirectory);
    if (profileDirectory) await takeProfile(worker); // start-up, not reported

    const endToEnd: EndToEnd[] = [];
    for (const format of FORMATS) {
      progress(`${format}: requesting (intermediary scope, ${period.start}..${period.end}, as of ${asOf}, with SSNs); load ${load()}`);
      const started = process.hrtime.bigint();
      const requested = await service.request(staffer, {
        format,
        scope: { kind: ReportScopeKindEnum.INTERMEDIARY, id: intermediaryId },
        period,
        asOf,
        options: [],
        includeSsn: true,
      });
      let lastReport = process.hrtime.bigint();
      let run = requested;
      while (run.status !== 'succeeded') {
        if (run.status === 'failed') throw new Error(`${format} run ${run.id} failed: ${run.error}`);
        if (workerGone(worker)) throw new Error(`the worker exited (${worker.signalCode ?? worker.exitCode}) with the ${format} run ${run.status}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        run = await service.getVisible(staffer, requested.id);
        if (seconds(lastReport) >= 10) {
          progress(`  ${run.status} ${run.processed}/${run.total ?? '?'} after ${seconds(started).toFixed(0)} s`);
          lastReport = process.hrtime.bigint();
        }
      }
      const elapsed = seconds(started);
      const profile = profileDirectory ? profileByCategory(await takeProfile(worker), workerCategory) : undefined;
      const [times] = await dataSource.query(
        `SELECT extract(epoch FROM started_at - requested_at)::float8 AS queued, extract(epoch FROM finished_at - started_at)::float8 AS generate
           FROM report_runs WHERE id = $1`,
        [run.id],
      );
      const [{ problems }] = await dataSource.query(`SELECT count(*)::int AS problems FROM report_problems WHERE run_id = $1`, [run.id]);
      const artifacts = Object.fromEntries(
        (await service.artifactsByRunIds([run.id])).map((artifact) => [artifact.kind, { size: artifact.size, sha256: artifact.sha256 }]),
      );
      endToEnd.push({
        format,
        runId: run.id,
        seconds: elapsed,
        queuedSeconds: times.queued,
        generateSeconds: times.generate,
        total: run.total ?? 0,
        processed: run.processed,
        problems,
        artifacts,
        profile,
      });
      progress(
        `${format}: succeeded in ${elapsed.toFixed(2)} s (queued ${times.queued.toFixed(2)} s, generating ${times.generate.toFixed(2)} s), ` +
          `${run.processed}/${run.total} registrations, ${problems} problems, artifacts ${Object.entries(artifacts).map(([kind, artifact]) => `${kind} ${(artifact.size / 1024).toFixed(0)} KiB`).join(', ')}`,
      );
      for (const entry of profile ?? []) {
        if (entry.seconds >= 0.05) progress(`    worker ${entry.category.padEnd(36)} ${entry.seconds.toFixed(2).padStart(7)} s`);
      }
    }
    await stopWorker(worker);
    progress(`load average after the end-to-end runs: ${load()}`);

    // Baseline: the same registrations, in the runs' order, assembled once into memory.
    const assembling = process.hrtime.bigint();
    const assembler = new RecordAssembler(dataSource, new PiiCipher(config));
    const assembled: ApprenticeRecord[] = [];
    await dataSource.transaction('REPEATABLE READ', async (manager) => {
      const ids: Array<{ id: string }> = await manager.query(...scopeRegistrationsQuery({ kind: 'intermediary', scopeId: intermediaryId, period }));
      for (let offset = 0; offset < ids.length; offset += REPORT_BATCH_SIZE) {
        const batch = ids.slice(offset, offset + REPORT_BATCH_SIZE).map((row) => row.id);
        assembled.push(...(await assembler.assemble(batch, { asOf, includeSsn: true, manager })));
      }
    });
    const assemblySeconds = seconds(assembling);
    const validating = process.hrtime.bigint();
    const { records, problems: schemaProblems } = validateRecords(assembled);
    const validationSeconds = seconds(validating);
    const withHours = records.filter((record) => record.ojt.approvedByMonth.some((entry) => entry.month >= period.start.slice(0, 7))).length;
    progress(
      `baseline: assembled ${assembled.length} records in ${assemblySeconds.toFixed(2)} s (${REPORT_BATCH_SIZE} a batch), ` +
        `validated in ${validationSeconds.toFixed(2)} s (${schemaProblems.length} schema problems); ` +
        `${withHours} (${((100 * withHours) / Math.max(1, records.length)).toFixed(1)}%) have approved OJT hours in the year`,
    );

    const context: MapContext = { asOf, period, options: {} };
    const baseline = new Map<FormatId, { seconds: number; rows: number; candidates: number; problems: number; csv: Buffer; json: Buffer }>();
    const mismatches: string[] = [];
    for (const format of FORMATS) {
      const definition = findFormat(format) as ReportFormat;
      const mapping = process.hrtime.bigint();
      const mapped = await runFormat(definition, records, context, []);
      const mapSeconds = seconds(mapping);
      // A run reads only the registrations the format can apply to (report-scope.ts FORMAT_CANDIDATES):
      // every applicable record must be among them, and only their schema problems are reported.
      const candidates = new Set(
        ((await dataSource.query(...scopeRegistrationsQuery({ kind: 'intermediary', scopeId: intermediaryId, format, period }))) as Array<{ id: string }>).map(
          (row) => row.id,
        ),
      );
      const outside = records.filter((record) => definition.appliesTo(record, context) && !candidates.has(record.registrationId)).length;
      if (outside) mismatches.push(`${format}: ${outside} applicable records are not among the run's candidates`);
      baseline.set(format, {
        seconds: mapSeconds,
        rows: mapped.rows.length,
        candidates: candidates.size,
        problems: mapped.problems.length + schemaProblems.filter((problem) => candidates.has(assembled[problem.index!].registrationId)).length,
        csv: writeCsv(definition.columns, mapped.rows),
        json: writeJson(definition.columns, mapped.rows),
      });
      progress(`baseline ${format}: mapped ${records.length} records in ${mapSeconds.toFixed(3)} s: ${mapped.applicable} applicable, ${mapped.rows.length} rows, ${mapped.problems.length} problems`);
    }

    // The runs' output against the baseline's.
    const cipher = new ArtifactCipher(config);
    for (const run of endToEnd) {
      const expected = baseline.get(run.format)!;
      const storedRows = await csvDataRows(dataSource, cipher, run.runId);
      const checks: Array<[string, unknown, unknown]> = [
        ['registrations processed', run.processed, expected.candidates],
        ['registrations the format can apply to', run.total, expected.candidates],
        ['CSV data rows', storedRows, expected.rows],
        ['problems', run.problems, expected.problems],
        ['CSV SHA-256', run.artifacts.csv?.sha256, sha256(expected.csv)],
        ['JSON SHA-256', run.artifacts.json?.sha256, sha256(expected.json)],
      ];
      for (const [what, actual, wanted] of checks) {
        if (actual !== wanted) mismatches.push(`${run.format} ${what}: end to end ${String(actual)}, baseline ${String(wanted)}`);
      }
    }
    for (const mismatch of mismatches) process.stderr.write(`MISMATCH ${mismatch}\n`);
    if (!mismatches.length) progress(`end-to-end artifacts equal the baseline's rows byte for byte (CSV and JSON), problem counts agree`);

    const recordsInScope = assembled.length;
    const endToEndSeconds = endToEnd.reduce((sum, run) => sum + run.seconds, 0);
    const mapSeconds = [...baseline.values()].reduce((sum, entry) => sum + entry.seconds, 0);
    const value = Math.round(recordsInScope / endToEndSeconds);
    const baselineRate = Math.round(recordsInScope / mapSeconds);
    const perFormat = Object.fromEntries(
      endToEnd.flatMap((run) => {
        const key = run.format.replace(/^(dol|va)\./, '$1_').replace(/-/g, '_');
        const expected = baseline.get(run.format)!;
        return [
          [`${key}_seconds`, round(run.seconds, 2)],
          [`${key}_records_per_s`, Math.round(recordsInScope / run.seconds)],
          [`${key}_rows`, expected.rows],
          [`${key}_map_seconds`, round(expected.seconds, 3)],
        ];
      }),
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'reports',
        value,
        unit: 'records/s',
        baseline: baselineRate,
        ratio: Number((value / baselineRate).toFixed(4)),
        records: recordsInScope,
        seconds: round(endToEndSeconds, 2),
        ...perFormat,
        assembly_seconds: round(assemblySeconds, 2),
        validation_seconds: round(validationSeconds, 2),
        records_with_hours: withHours,
        seed_reused: database.reused,
        load_average_end: loadavg()[0].toFixed(2),
        consistent: mismatches.length === 0,
      })}\n`,
    );
    if (mismatches.length) process.exitCode = 1;
  } finally {
    if (worker) await stopWorker(worker);
    if (dataSource.isInitialized) await dataSource.destroy();
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection: { url: config.REDIS_URL }, prefix: queuePrefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    if (profileDirectory) await rm(profileDirectory, { recursive: true, force: true });
  }
}

/** Data rows in the run's stored CSV, read back (and opened) the way a download reads it. */
async function csvDataRows(dataSource: DataSource, cipher: ArtifactCipher, runId: string): Promise<number> {
  const chunks = artifactChunks((sql, params) => dataSource.query(sql, params), cipher, runId, 'csv');
  let rows = -1; // the header
  for await (const _row of Readable.from(chunks).pipe(parse())) rows += 1;
  return Math.max(rows, 0);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const round = (value: number, digits: number) => Number(value.toFixed(digits));

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
