import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { Client } from 'pg';
import { addDays, addMonths, todayIso } from '@journeyline/common/dates';
import { AppConfig, loadConfig } from '@journeyline/config/app-config';
import { findFormat, REPORT_FORMATS } from '@journeyline/reporting/formats/format-registry';
import { ArtifactKind, MapContext } from '@journeyline/reporting/formats/report-format';
import { validateRecords } from '@journeyline/reporting/record/record-validator';
import { ArtifactCipher } from '@journeyline/reporting/runs/artifact-cipher';
import { artifactChunks, findArtifact, RowQuery } from '@journeyline/reporting/runs/artifact-reader';
import { FormatRunError, runFormat } from '@journeyline/reporting/writers/run-format';

export const MAP_USAGE = `Usage: journeyline map --format <id> --input <records.json> --out <file.csv|.json|.xlsx|.pdf>
                      (--period YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD) [--as-of YYYY-MM-DD] [--option key=value ...]
       journeyline map --run <runId> --out <file.csv|.json|.xlsx|.pdf>

Formats: ${REPORT_FORMATS.map((format) => format.id).join(', ')}
Exit codes: 0 all records mapped; 1 some records had problems (the file holds the others); 2 bad arguments, options or input.
With --run: writes an artifact of a finished report run from the database (DATABASE_URL, PII_KEYS) after checking its
SHA-256; exit 0 written, 1 checksum mismatch (nothing written), 2 bad arguments or no such artifact.`;

const ISO_DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const ARTIFACT_KINDS: Record<string, ArtifactKind> = { '.csv': 'csv', '.json': 'json', '.xlsx': 'xlsx', '.pdf': 'pdf' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class UsageError extends Error {}

/**
 * `journeyline map`: maps a JSON array of ApprenticeRecords with one report format and writes the
 * artifact the --out extension names. Record problems go to stderr, a summary line to stdout.
 * With --run, writes an artifact of a report run from the database instead (`config` defaults to
 * the environment's).
 */
export async function mapFromCli(args: string[], now: Date = new Date(), config?: AppConfig): Promise<number> {
  try {
    return await map(args, now, () => config ?? loadConfig());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${MAP_USAGE}\n`);
    return 2;
  }
}

async function map(args: string[], now: Date, config: () => AppConfig): Promise<number> {
  const flags = parseFlags(args);
  if (flags.has('run')) return exportRun(flags, config);
  const format = findFormat(required(flags, 'format'));
  if (!format) throw new UsageError(`unknown format "${flags.get('format')}"`);
  const input = required(flags, 'input');
  const out = required(flags, 'out');
  const kind = ARTIFACT_KINDS[extname(out).toLowerCase()];
  if (!kind || !format.outputs.includes(kind)) throw new UsageError(`${format.id} writes ${format.outputs.map((output) => `.${output}`).join(', ')}; not "${out}"`);
  const context: MapContext = { asOf: flags.get('as-of')?.[0] ?? todayIso(now), period: period(flags), options: options(flags) };
  if (!isDate(context.asOf)) throw new UsageError(`--as-of "${context.asOf}" is not a date (YYYY-MM-DD)`);
  const declared = new Set((format.options ?? []).map((option) => option.key));
  for (const key of Object.keys(context.options)) {
    if (!declared.has(key)) throw new UsageError(`${format.id} has no option "${key}"${declared.size ? ` (options: ${[...declared].join(', ')})` : ''}`);
  }

  let json: unknown;
  try {
    json = JSON.parse(await readFile(input, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${input}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { records, problems: invalid } = validateRecords(json);
  if (invalid.length) {
    for (const problem of invalid) process.stderr.write(`record ${problem.index ?? '-'}: ${problem.path || '(input)'}: ${problem.message}\n`);
    process.stderr.write(`${invalid.length} schema problem(s) in ${input}; nothing written (schema: docs/schemas/apprentice-record.schema.json)\n`);
    return 2;
  }

  let run;
  try {
    run = await runFormat(format, records, context, [kind]);
  } catch (error) {
    if (error instanceof FormatRunError) throw new UsageError(error.errors.join('\n'));
    throw error;
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, run.artifacts[kind]!);
  for (const problem of run.problems) {
    process.stderr.write(`${problem.registrationId}: ${problem.field || '(record)'}: [${problem.rule}] ${problem.message} (source: ${problem.source})\n`);
  }
  const failed = new Set(run.problems.map((problem) => problem.registrationId)).size;
  process.stdout.write(
    `${format.id} ${context.period.start}..${context.period.end}: ${records.length} records read, ${run.applicable} applicable, ` +
      `${run.rows.length} rows written to ${out}, ${failed} records with problems\n`,
  );
  return failed ? 1 : 0;
}

/**
 * `--run <id> --out <file>`: streams the stored artifact to `<file>.partial`, checks its size and
 * SHA-256 against the run's record, and only then renames it to `<file>`. The run already fixed
 * the format, period and options, so no other flag goes with it. An SSN-carrying artifact is
 * audited like a download (report.ssn_downloaded, no acting user).
 */
async function exportRun(flags: Map<string, string[]>, loadConfigOnce: () => AppConfig): Promise<number> {
  for (const name of flags.keys()) {
    if (name !== 'run' && name !== 'out') throw new UsageError(`--${name} does not go with --run: the run fixed the format, period and options`);
  }
  const runId = required(flags, 'run');
  if (!UUID.test(runId)) throw new UsageError(`--run "${runId}" is not a report run id (UUID)`);
  const out = required(flags, 'out');
  const kind = ARTIFACT_KINDS[extname(out).toLowerCase()];
  if (!kind) throw new UsageError(`--out must end in .csv, .json, .xlsx or .pdf; not "${out}"`);
  const config = loadConfigOnce();
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    const query: RowQuery = (sql, params) => client.query(sql, params).then((result) => result.rows);
    const [run] = await query(`SELECT format, status, include_ssn FROM report_runs WHERE id = $1`, [runId]);
    if (!run) throw new UsageError(`there is no report run ${runId}`);
    if (run.status !== 'succeeded') throw new UsageError(`report run ${runId} is ${run.status}; only a run that succeeded has artifacts`);
    const artifact = await findArtifact(query, runId, kind);
    if (!artifact) throw new UsageError(`report run ${runId} (${run.format}) wrote no ${kind}`);
    if (run.include_ssn) {
      await query(
        `INSERT INTO audit_log (actor_user_id, action, entity, entity_id, after) VALUES (NULL, 'report.ssn_downloaded', 'report_run', $1, $2)`,
        [runId, JSON.stringify({ kind, fileName: artifact.fileName, sha256: artifact.sha256, via: 'cli' })],
      );
    }

    await mkdir(dirname(out), { recursive: true });
    const partial = `${out}.partial`;
    const hash = createHash('sha256');
    let size = 0;
    const file = await open(partial, 'w');
    try {
      for await (const chunk of artifactChunks(query, new ArtifactCipher(config), runId, kind)) {
        hash.update(chunk);
        size += chunk.length;
        await file.write(chunk);
      }
    } finally {
      await file.close();
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== artifact.sha256 || size !== artifact.size) {
      await rm(partial, { force: true });
      process.stderr.write(
        `${out}: checksum mismatch: the stored ${kind} has ${size} bytes with SHA-256 ${sha256}; the run recorded ${artifact.size} bytes with ${artifact.sha256}. Nothing written.\n`,
      );
      return 1;
    }
    await rename(partial, out);
    process.stdout.write(`${run.format} run ${runId}: ${artifact.fileName} written to ${out} (${size} bytes, sha256 ${sha256})\n`);
    return 0;
  } finally {
    await client.end();
  }
}

function parseFlags(args: string[]): Map<string, string[]> {
  const flags = new Map<string, string[]>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const value = inline ?? args[++index];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  const known = new Set(['format', 'input', 'out', 'as-of', 'period', 'from', 'to', 'option', 'run']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`unknown flag --${name}`);
  return flags;
}

function required(flags: Map<string, string[]>, name: string): string {
  const value = flags.get(name)?.[0];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function period(flags: Map<string, string[]>): MapContext['period'] {
  const month = flags.get('period')?.[0];
  const from = flags.get('from')?.[0];
  const to = flags.get('to')?.[0];
  if (month !== undefined) {
    if (from !== undefined || to !== undefined) throw new UsageError('give either --period or --from/--to, not both');
    if (!MONTH.test(month)) throw new UsageError(`--period "${month}" is not a month (YYYY-MM)`);
    return { start: `${month}-01`, end: addDays(addMonths(`${month}-01`, 1), -1) };
  }
  if (from === undefined || to === undefined) throw new UsageError('a period is required: --period YYYY-MM, or --from and --to');
  if (!isDate(from) || !isDate(to)) throw new UsageError('--from and --to must be dates (YYYY-MM-DD)');
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  return { start: from, end: to };
}

function options(flags: Map<string, string[]>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of flags.get('option') ?? []) {
    const separator = pair.indexOf('=');
    if (separator <= 0) throw new UsageError(`--option "${pair}" must be key=value`);
    result[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return result;
}

function isDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}
