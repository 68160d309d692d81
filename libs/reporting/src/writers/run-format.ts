import { ArtifactKind, MapContext, RecordProblem, ReportFormat, Row } from '../formats/report-format';
import { ApprenticeRecord } from '../record/apprentice-record';
import { writeCsv } from './csv-writer';
import { writeJson } from './json-writer';
import { writeXlsx } from './xlsx-writer';

export interface FormatRunResult {
  /** Rows of every record that mapped cleanly, in output order. */
  rows: Row[];
  /** Problems of the records that did not map; those records have no rows. */
  problems: RecordProblem[];
  artifacts: Partial<Record<ArtifactKind, Buffer>>;
  /** How many records the format applied to. */
  applicable: number;
}

/** A run that cannot start: missing or invalid options, or a context the format refuses. No record is mapped. */
export class FormatRunError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('; '));
    this.name = 'FormatRunError';
  }
}

/**
 * Maps every applicable record (in a fixed order: program number, last name, first name,
 * registration id), collects the problems of the records that fail (a bad record never fails the
 * run) and writes the requested artifacts from the good rows.
 */
export async function runFormat(
  format: ReportFormat,
  records: readonly ApprenticeRecord[],
  context: MapContext,
  kinds: readonly ArtifactKind[] = format.outputs,
): Promise<FormatRunResult> {
  const errors = contextErrors(format, context, kinds);
  if (errors.length) throw new FormatRunError(errors);

  const rows: Row[] = [];
  const problems: RecordProblem[] = [];
  let applicable = 0;
  for (const record of [...records].sort(compareRecords)) {
    if (!format.appliesTo(record, context)) continue;
    applicable += 1;
    try {
      const result = format.map(record, context);
      if (result.problems) problems.push(...result.problems);
      else rows.push(...result.rows.map((row) => inColumnOrder(format, row)));
    } catch (error) {
      problems.push({
        registrationId: record.registrationId,
        field: '',
        rule: 'format.mapping_failed',
        message: error instanceof Error ? error.message : String(error),
        source: `Journeyline ${format.id} mapper`,
      });
    }
  }

  const artifacts: FormatRunResult['artifacts'] = {};
  for (const kind of kinds) {
    if (kind === 'csv') artifacts.csv = writeCsv(format.columns, rows);
    if (kind === 'json') artifacts.json = writeJson(format.columns, rows);
    if (kind === 'xlsx') artifacts.xlsx = await writeXlsx(format.title, format.columns, rows, context.asOf);
    if (kind === 'pdf' && format.renderPdf) artifacts.pdf = Buffer.from(await format.renderPdf(rows, context));
  }
  return { rows, problems, artifacts, applicable };
}

function contextErrors(format: ReportFormat, context: MapContext, kinds: readonly ArtifactKind[]): string[] {
  const errors: string[] = [];
  // Options the format does not declare are ignored, so one context can serve several formats;
  // the CLI rejects them as typos.
  for (const option of format.options ?? []) {
    const value = context.options[option.key];
    if (value === undefined) {
      if (option.required) errors.push(`option "${option.key}" is required: ${option.description}`);
    } else if (option.values && !option.values.includes(value)) {
      errors.push(`option "${option.key}" must be one of ${option.values.join(', ')}`);
    }
  }
  for (const kind of kinds) {
    if (!format.outputs.includes(kind)) errors.push(`${format.id} does not write ${kind}`);
    if (kind === 'pdf' && !format.renderPdf) errors.push(`${format.id} lists pdf but cannot render it`);
  }
  if (context.period.start > context.period.end) errors.push(`the period starts (${context.period.start}) after it ends (${context.period.end})`);
  errors.push(...(format.checkContext?.(context) ?? []));
  return errors;
}

function inColumnOrder(format: ReportFormat, row: Row): Row {
  const unknown = Object.keys(row).filter((key) => !format.columns.includes(key));
  if (unknown.length) throw new Error(`${format.id} produced columns it does not declare: ${unknown.join(', ')}`);
  return Object.fromEntries(format.columns.map((column) => [column, row[column] ?? null]));
}

/** Code-point order, so the result never depends on the machine's locale. */
function compareRecords(a: ApprenticeRecord, b: ApprenticeRecord): number {
  const keys = (record: ApprenticeRecord) => [record.program.programNumber ?? '', record.person.lastName, record.person.firstName, record.registrationId];
  const left = keys(a);
  const right = keys(b);
  for (let index = 0; index < left.length; index += 1) {
    if (left[index] !== right[index]) return left[index] < right[index] ? -1 : 1;
  }
  return 0;
}
