import { Readable, Transform, TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/**
 * Turns an hours file (CSV or XLSX) into COPY text for ojt_import_rows, one record at a time, so
 * a file of any size streams through in bounded memory. Only the spelling of values is touched
 * here (trimming, MM/DD/YYYY to ISO); whether a value is valid is decided in SQL.
 */

/** The file's columns as named in its header row (case-insensitive); the order in the file is free. */
export const HOURS_COLUMNS = [
  'registration_id',
  'work_date',
  'hours',
  'work_process',
  'employer_id',
  'worksite',
  'note',
  'idempotency_key',
] as const;
export type HoursColumn = (typeof HOURS_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly HoursColumn[] = ['registration_id', 'work_date', 'hours', 'work_process'];

/** ojt_import_rows' columns after import_id and line, in HOURS_COLUMNS order. */
export const STAGING_COLUMNS = [
  'registration_ref',
  'work_date',
  'hours',
  'work_process_ref',
  'employer_ref',
  'worksite',
  'note',
  'idempotency_key',
] as const;

/** `line` is the file's 1-based line (CSV) or row (XLSX) number; the header is line 1. */
export interface RowProblem {
  line: number;
  field: string;
  reason: string;
}

/** The file as a whole cannot be read: bad CSV syntax, not an XLSX workbook, or a header without the required columns. */
export class UnreadableFileError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((problem) => `line ${problem.line}: ${problem.field}: ${problem.reason}`).join('; '));
    this.name = 'UnreadableFileError';
  }
}

export interface SheetRecord {
  line: number;
  cells: string[];
}

/** A CSV cell or record larger than this is not an hours row; the cap keeps a runaway quote from buffering the file. */
const MAX_RECORD_CHARS = 64 * 1024;
const COPY_CHUNK_CHARS = 256 * 1024;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const COPY_SPECIAL = /[\\\t\n\r\0]/;
// PostgreSQL text cannot hold NUL; it becomes the replacement character, as undecodable bytes do.
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\uFFFD' };

/**
 * Positions of the known columns in the header row; a required column that is missing, or a
 * column named twice, makes the file unreadable.
 */
export function mapHeader(header: SheetRecord): number[] {
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const problems: RowProblem[] = [];
  const positions = HOURS_COLUMNS.map((column) => {
    const first = names.indexOf(column);
    if (first >= 0 && names.indexOf(column, first + 1) >= 0) {
      problems.push({ line: header.line, field: column, reason: 'the column appears more than once' });
    }
    if (first < 0 && REQUIRED_COLUMNS.includes(column)) {
      problems.push({ line: header.line, field: column, reason: 'the required column is missing from the header' });
    }
    return first;
  });
  if (problems.length) throw new UnreadableFileError(problems);
  return positions;
}

/** MM/DD/YYYY (or M/D/YYYY) becomes YYYY-MM-DD; anything else is left for SQL to judge. */
export function normalizeDateSpelling(value: string): string {
  const match = US_DATE.exec(value);
  if (!match) return value;
  const [, month, day, year] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function copyField(value: string | undefined): string {
  const trimmed = value?.trim();
  if (!trimmed) return '\\N';
  return COPY_SPECIAL.test(trimmed) ? trimmed.replace(/[\\\t\n\r\0]/g, (char) => COPY_ESCAPES[char]) : trimmed;
}

/**
 * Object-mode records in, COPY text (PostgreSQL's text format) out. The first non-blank record is
 * the header; blank records are skipped. Counts the data rows it passes on.
 */
export class StagingRowEncoder extends Transform {
  rows = 0;
  private positions: number[] | null = null;
  private buffered = '';

  constructor(private readonly importId: string) {
    super({ writableObjectMode: true, readableObjectMode: false });
  }

  override _transform(record: SheetRecord, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.accept(record);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (!this.positions) {
      callback(new UnreadableFileError([{ line: 1, field: 'file', reason: 'has no header row' }]));
      return;
    }
    if (this.buffered) this.push(this.buffered);
    this.buffered = '';
    callback();
  }

  private accept({ line, cells }: SheetRecord): void {
    if (cells.every((cell) => cell.trim() === '')) return;
    if (!this.positions) {
      this.positions = mapHeader({ line, cells });
      return;
    }
    const values = this.positions.map((position) => (position < 0 ? '\\N' : copyField(cells[position])));
    // work_date is the second column.
    if (values[1] !== '\\N') values[1] = normalizeDateSpelling(values[1]);
    this.buffered += `${this.importId}\t${line}\t${values.join('\t')}\n`;
    this.rows += 1;
    if (this.buffered.length >= COPY_CHUNK_CHARS) {
      this.push(this.buffered);
      this.buffered = '';
    }
  }
}

/**
 * Line endings become plain LF before parsing: csv-parse counts a CRLF inside a quoted cell as two
 * lines, and settles on the first record's line ending for the whole file.
 */
export class LineEndingNormalizer extends Transform {
  private pendingCr = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.pendingCr && chunk.indexOf(13) < 0) {
      callback(null, chunk);
      return;
    }
    let text = chunk.toString('latin1');
    if (this.pendingCr) text = `\r${text}`;
    this.pendingCr = text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    // latin1 maps bytes 1:1, so multi-byte UTF-8 sequences survive the round trip untouched.
    callback(null, Buffer.from(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, 'latin1'));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.pendingCr ? Buffer.from('\n') : null);
  }
}

/** A CSV parser: one string[] per record, blank lines included (they keep the line count right). */
export function csvParser(): Transform {
  return parse({ bom: true, relax_column_count: true, max_record_size: MAX_RECORD_CHARS });
}

/**
 * Numbers the parser's records by the line they start on. After LineEndingNormalizer every line
 * ends in LF, so a record spans one line plus the line breaks inside its quoted cells. (Counting
 * here is cheaper than csv-parse's per-record info objects.)
 */
export class CsvLineNumberer extends Transform {
  private nextLine = 1;

  constructor() {
    super({ objectMode: true });
  }

  override _transform(cells: string[], _encoding: BufferEncoding, callback: TransformCallback): void {
    const line = this.nextLine;
    let breaks = 0;
    for (const cell of cells) {
      for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) breaks += 1;
    }
    this.nextLine += 1 + breaks;
    callback(null, { line, cells } satisfies SheetRecord);
  }
}

/** csv-parse's errors carry the line they stopped at; anything else is reported on line 1. */
export function csvProblem(error: unknown): RowProblem | null {
  const candidate = error as { code?: unknown; lines?: unknown; message?: unknown };
  if (typeof candidate?.code !== 'string' || !candidate.code.startsWith('CSV_')) return null;
  const line = typeof candidate.lines === 'number' && candidate.lines > 0 ? candidate.lines : 1;
  return { line, field: 'file', reason: `is not readable CSV: ${String(candidate.message)}` };
}

/**
 * The records of the workbook's first worksheet, read with exceljs's streaming reader. A stream
 * that is not an XLSX workbook makes the file unreadable.
 */
export async function* xlsxRecords(input: Readable): AsyncGenerator<SheetRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    // Styles tell dates from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let lastLine = 0;
  let first = true;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        if (!first) continue;
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let index = 1; index < values.length; index += 1) cells.push(cellText(values[index]));
        lastLine = row.number;
        yield { line: row.number, cells };
      }
      first = false;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UnreadableFileError([{ line: lastLine + 1, field: 'file', reason: `is not a readable XLSX workbook: ${message}` }]);
  }
}

/** The text of an XLSX cell value as a person reading the sheet would type it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // exceljs gives date cells as UTC midnight.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error !== undefined) return String(cell.error);
  }
  return String(value);
}
