import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { addDays, addMonths } from '@journeyline/common/dates';
import { FieldProblem } from '@journeyline/common/domain-error';
import { publishInTransaction } from '@journeyline/database/audit';
import { findFormat, REPORT_FORMATS } from '../formats/format-registry';
import { FormatId, MapContext } from '../formats/report-format';
import { ReportScopeKind } from './report-scope';

/** Formats with an SSN column: the RAPIDS upload (SSN volunteered) and every VA form (SSN when there is no VA file number). */
export const SSN_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>([
  'dol.rapids-upload',
  'va.enrollment',
  'va.monthly-certification',
  'va.change-of-status',
  'va.vre-1905c',
]);

/** A run request after validation: everything that decides the output, plus who asked. */
export interface RunRequest {
  format: FormatId;
  scopeKind: ReportScopeKind;
  scopeId: string;
  period: { start: string; end: string };
  asOf: string;
  /** Keys in code-point order, so equal option sets give equal dedupe keys. */
  options: Record<string, string>;
  includeSsn: boolean;
  /** Null for scheduled runs. */
  requestedBy: string | null;
}

/** What a caller sends, already checked for shape (dates, month, enum values) by the input class. */
export interface RunRequestInput {
  format: string;
  period?: { start: string; end: string } | null;
  month?: string | null;
  options?: Array<{ key: string; value: string }>;
  includeSsn?: boolean;
}

/** The calendar month 'YYYY-MM' as an inclusive period. */
export function monthPeriod(month: string): { start: string; end: string } {
  const start = `${month}-01`;
  return { start, end: addDays(addMonths(start, 1), -1) };
}

/**
 * Field problems of a request against its format: a known format, exactly one of period and
 * month, options the format declares with allowed values (required ones present), the format's
 * own context checks, and SSNs only for formats that carry them. Paths are relative to `input`.
 */
export function runRequestProblems(input: RunRequestInput, asOf: string): FieldProblem[] {
  const format = findFormat(input.format);
  if (!format) {
    return [{ field: 'format', reason: `must be one of ${REPORT_FORMATS.map((known) => known.id).join(', ')}` }];
  }
  const problems: FieldProblem[] = [];
  const hasPeriod = input.period !== undefined && input.period !== null;
  const hasMonth = input.month !== undefined && input.month !== null;
  if (hasPeriod === hasMonth) problems.push({ field: 'period', reason: 'give either period { start, end } or month "YYYY-MM", not both or neither' });
  if (hasPeriod && input.period!.start > input.period!.end) problems.push({ field: 'period.end', reason: 'must not be before period.start' });

  const declared = new Map((format.options ?? []).map((option) => [option.key, option]));
  const options: Record<string, string> = {};
  (input.options ?? []).forEach(({ key, value }, index) => {
    const option = declared.get(key);
    if (!option) {
      problems.push({
        field: `options.${index}.key`,
        reason: declared.size ? `${format.id} has no option "${key}" (options: ${[...declared.keys()].join(', ')})` : `${format.id} takes no options`,
      });
    } else if (key in options) {
      problems.push({ field: `options.${index}.key`, reason: `"${key}" is given twice` });
    } else if (option.values && !option.values.includes(value)) {
      problems.push({ field: `options.${index}.value`, reason: `must be one of ${option.values.join(', ')}` });
    }
    options[key] = value;
  });
  for (const option of declared.values()) {
    if (option.required && !(option.key in options)) problems.push({ field: 'options', reason: `option "${option.key}" is required: ${option.description}` });
  }
  if (input.includeSsn && !SSN_FORMATS.has(format.id)) {
    problems.push({ field: 'includeSsn', reason: `${format.id} has no SSN column; SSNs go only into ${[...SSN_FORMATS].join(', ')}` });
  }
  if (!problems.length) {
    const context: MapContext = { asOf, period: hasPeriod ? input.period! : monthPeriod(input.month!), options };
    for (const reason of format.checkContext?.(context) ?? []) problems.push({ field: 'options', reason });
  }
  return problems;
}

/** The options as a plain object with sorted keys. */
export function normalizeOptions(options: ReadonlyArray<{ key: string; value: string }>): Record<string, string> {
  return Object.fromEntries([...options].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ key, value }) => [key, value]));
}

/** A hash of everything that decides a run's output; who asked is not part of it. */
export function dedupeKeyOf(request: RunRequest): string {
  const canonical = JSON.stringify([
    request.format,
    request.scopeKind,
    request.scopeId,
    request.period.start,
    request.period.end,
    request.asOf,
    Object.entries(request.options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    request.includeSsn,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Writes the run and its `report.requested` event in the caller's transaction (the outbox relay
 * turns the event into a GenerateReport job). While a run with the same dedupe key has not failed,
 * that run is returned instead and nothing is written.
 */
export async function insertRunRequest(manager: EntityManager, request: RunRequest): Promise<{ runId: string; created: boolean }> {
  const dedupeKey = dedupeKeyOf(request);
  // A concurrent twin may commit or fail between the insert and the lookup; a second round settles it.
  for (let round = 0; round < 3; round += 1) {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO report_runs (format, scope_kind, scope_id, period_start, period_end, as_of, options, include_ssn, requested_by, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (dedupe_key) WHERE status <> 'failed' DO NOTHING RETURNING id`,
      [
        request.format,
        request.scopeKind,
        request.scopeId,
        request.period.start,
        request.period.end,
        request.asOf,
        JSON.stringify(request.options),
        request.includeSsn,
        request.requestedBy,
        dedupeKey,
      ],
    );
    if (inserted.length) {
      await publishInTransaction(manager, 'report.requested', { runId: inserted[0].id });
      return { runId: inserted[0].id, created: true };
    }
    const [existing] = await manager.query(`SELECT id FROM report_runs WHERE dedupe_key = $1 AND status <> 'failed'`, [dedupeKey]);
    if (existing) return { runId: existing.id, created: false };
  }
  throw new Error('report run request kept racing with an identical request');
}
