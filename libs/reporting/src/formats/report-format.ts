import { ApprenticeRecord } from '../record/apprentice-record';

/**
 * A report format: a pure mapper from one ApprenticeRecord to zero or more output rows, plus how
 * the rows are written. Mappers do no I/O, read no clock (the reporting date and period are in
 * the context) and use no randomness, so the same records always give the same bytes.
 */
export type FormatId =
  | 'dol.rapids-upload'
  | 'dol.status-changes'
  | 'dol.pirl'
  | 'va.enrollment'
  | 'va.monthly-certification'
  | 'va.change-of-status'
  | 'va.vre-1905c';

export interface MapContext {
  /** The reporting date, 'YYYY-MM-DD'. */
  asOf: string;
  /** The reporting period, inclusive, 'YYYY-MM-DD'. Monthly formats use whole calendar months. */
  period: { start: string; end: string };
  /** Format settings that are configuration rather than law (e.g. PIRL's training-type code). */
  options: Record<string, string>;
}

/** Why a record could not be mapped: the field, the rule it broke and the document the rule comes from. */
export interface RecordProblem {
  registrationId: string;
  field: string;
  rule: string;
  message: string;
  source: string;
}

export type Row = Record<string, string | number | boolean | null>;

export type MapResult = { rows: Row[]; problems?: undefined } | { rows?: undefined; problems: RecordProblem[] };

export type ArtifactKind = 'csv' | 'json' | 'xlsx' | 'pdf';

/** A setting a format reads from MapContext.options; listed so the CLI and docs can show it. */
export interface FormatOption {
  key: string;
  description: string;
  /** Used when the option is absent; omitted for required options. */
  default?: string;
  /** Allowed values, when the option is a closed list. */
  values?: readonly string[];
  required?: boolean;
}

export interface ReportFormat {
  id: FormatId;
  title: string;
  /** Column order for CSV/XLSX output; JSON output keeps the same keys. */
  columns: readonly string[];
  /** Artifacts a run of this format writes. */
  outputs: ReadonlyArray<ArtifactKind>;
  /** Options the format reads; runFormat rejects a missing required option or a value outside `values`. */
  options?: readonly FormatOption[];
  /** Only records this returns true for are mapped (e.g. VA formats skip non-VA apprentices). */
  appliesTo(record: ApprenticeRecord, context: MapContext): boolean;
  map(record: ApprenticeRecord, context: MapContext): MapResult;
  /**
   * Run-level checks beyond `options` (e.g. the period must be one calendar month). A non-empty
   * list stops the run before any record is mapped.
   */
  checkContext?(context: MapContext): string[];
  /** Renders the PDF artifact from the mapped rows; required when `outputs` lists 'pdf'. Must be deterministic for a given context. */
  renderPdf?(rows: readonly Row[], context: MapContext): Promise<Uint8Array>;
}

/** The option's value from the context, else its declared default, else ''. */
export function optionValue(format: Pick<ReportFormat, 'options'>, context: MapContext, key: string): string {
  return context.options[key] ?? format.options?.find((option) => option.key === key)?.default ?? '';
}

/** Collects a record's problems; `result(row)` gives the rows only when there were none. */
export class ProblemCollector {
  readonly problems: RecordProblem[] = [];

  constructor(private readonly registrationId: string) {}

  add(field: string, rule: string, message: string, source: string): void {
    this.problems.push({ registrationId: this.registrationId, field, rule, message, source });
  }

  result(rows: Row[]): MapResult {
    return this.problems.length ? { problems: this.problems } : { rows };
  }
}
