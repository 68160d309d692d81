import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { addDays, addMonths, todayIso } from '@journeyline/common/dates';
import { findFormat, REPORT_FORMATS } from '@journeyline/reporting/formats/format-registry';
import { ArtifactKind, MapContext } from '@journeyline/reporting/formats/report-format';
import { validateRecords } from '@journeyline/reporting/record/record-validator';
import { FormatRunError, runFormat } from '@journeyline/reporting/writers/run-format';

export const MAP_USAGE = `Usage: journeyline map --format <id> --input <records.json> --out <file.csv|.json|.xlsx|.pdf>
                      (--period YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD) [--as-of YYYY-MM-DD] [--option key=value ...]

Formats: ${REPORT_FORMATS.map((format) => format.id).join(', ')}
Exit codes: 0 all records mapped; 1 some records had problems (the file holds the others); 2 bad arguments, options or input.`;

const ISO_DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const ARTIFACT_KINDS: Record<string, ArtifactKind> = { '.csv': 'csv', '.json': 'json', '.xlsx': 'xlsx', '.pdf': 'pdf' };

class UsageError extends Error {}

/**
 * `journeyline map`: maps a JSON array of ApprenticeRecords with one report format and writes the
 * artifact the --out extension names. Record problems go to stderr, a summary line to stdout.
 */
export async function mapFromCli(args: string[], now: Date = new Date()): Promise<number> {
  try {
    return await map(args, now);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${MAP_USAGE}\n`);
    return 2;
  }
}

async function map(args: string[], now: Date): Promise<number> {
  const flags = parseFlags(args);
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
  const known = new Set(['format', 'input', 'out', 'as-of', 'period', 'from', 'to', 'option']);
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
