import { extname } from 'node:path';
import { Info, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Parser for the U.S. Department of Labor's list of apprenticeable occupations
 * (apprenticeship-occupations.xlsx, or the same sheet saved as CSV).
 * Pure: no I/O, no database. Bad rows are reported, never thrown.
 */

export type Approach = 'time_based' | 'competency_based' | 'hybrid';

export interface OccupationRow {
  rapidsCode: string;
  onetSocCode: string | null;
  title: string;
  onetTitle: string | null;
  approaches: Approach[];
  timeBasedHours: number | null;
  hybridMinHours: number | null;
  hybridMaxHours: number | null;
  bulletins: string | null;
}

/** `line` is the 1-based line (CSV) or row (XLSX) number; the header is line 1. */
export interface RowProblem {
  line: number;
  field: string;
  reason: string;
}

export interface ParsedOccupationList {
  rows: Array<OccupationRow & { line: number }>;
  problems: RowProblem[];
}

/** Header names as the DOL spells them. CAREER LATICE (sic) and any other column is ignored. */
const COLUMN = {
  rapidsCode: 'RAPIDS CODE',
  onetSocCode: 'ONET SOC CODE',
  title: 'RAPIDS TITLE',
  onetTitle: 'ONET SOC TITLE',
  timeBased: 'TIME-BASED',
  hybrid: 'HYBRID',
  competencyBased: 'COMPETENCY-BASED',
  bulletins: 'BULLETINS',
} as const;
type ColumnKey = keyof typeof COLUMN;
type RowValues = Record<ColumnKey, string>;

const REQUIRED_COLUMNS: ColumnKey[] = ['rapidsCode', 'title'];

/** Field reported when a row allows no training approach at all: the problem spans all three columns. */
const APPROACH_FIELDS = [COLUMN.timeBased, COLUMN.hybrid, COLUMN.competencyBased].join(', ');

/** One line of the sheet before interpretation, whatever the file format. */
interface SheetRecord {
  line: number;
  cells: string[];
}

// 4-digit base (1-3 digits when a spreadsheet dropped leading zeros), an optional letter,
// then an optional CB/HY variant whose version may be separated by a space ("0870CB V1").
// The version is optional because codes such as "2026CB" carry none.
const RAPIDS_CODE = /^(\d{1,4})([A-Z]?)(?:(CB|HY)(?:\s*(V\d+))?)?$/;
const ONET_SOC_CODE = /^(\d{2}-\d{4})(\.\d{2})?$/;
const HOURS = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;
const HOUR_RANGE = /^([\d,]+)\s*(?:-|–|—|to)\s*([\d,]+)$/i;

/** Canonical RAPIDS code (`159` → `0159`, `0870CB V1` → `0870CBV1`), or null when it is not a RAPIDS code. */
export function normalizeRapidsCode(raw: string | number): string | null {
  const match = RAPIDS_CODE.exec(String(raw).trim().toUpperCase());
  if (!match) return null;
  const [, digits, letter, variant = '', version = ''] = match;
  return `${digits.padStart(4, '0')}${letter}${variant}${version}`;
}

/** Parses a CSV export of the list. Throws only when the text is not CSV at all (e.g. an unclosed quote). */
export function parseOccupationCsv(input: string | Buffer): ParsedOccupationList {
  // csv-parse miscounts lines for CRLF inside quoted fields, so make every line break a plain LF.
  const text = input.toString().replace(/\r\n?/g, '\n');
  // csv-parse's typings do not model `info: true`, which wraps each record with its position.
  const parsed = parse(text, { bom: true, info: true, relax_column_count: true }) as unknown as Array<{
    record: string[];
    info: Info;
  }>;
  const records = parsed.map(({ record, info }) => ({
    // info.lines is where the record ends; a quoted field may span several lines.
    line: info.lines - record.reduce((breaks, cell) => breaks + cell.split('\n').length - 1, 0),
    cells: record,
  }));
  return interpretRecords(records);
}

/** Parses the first worksheet of the DOL workbook. Throws when the buffer is not an XLSX file. */
export async function parseOccupationXlsx(input: Buffer): Promise<ParsedOccupationList> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; at runtime it takes a Node Buffer.
  await workbook.xlsx.load(input as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const records: SheetRecord[] = [];
  sheet?.eachRow((row, rowNumber) => {
    const cells = Array.from({ length: sheet.columnCount }, (_, index) => row.getCell(index + 1).text);
    records.push({ line: rowNumber, cells });
  });
  return interpretRecords(records);
}

/** Parses an uploaded list, choosing the format by file extension (.csv or .xlsx). */
export async function parseOccupationFile(fileName: string, content: Buffer): Promise<ParsedOccupationList> {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.csv') return parseOccupationCsv(content);
  if (extension === '.xlsx') return parseOccupationXlsx(content);
  throw new Error(`Unsupported occupation list file "${fileName}": expected a .csv or .xlsx file`);
}

/** Shared by both formats: the first non-blank record is the header, the rest are occupations. */
function interpretRecords(records: SheetRecord[]): ParsedOccupationList {
  const [header, ...dataRecords] = records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  const columnIndex = indexColumns(header?.cells ?? []);
  const missing = REQUIRED_COLUMNS.filter((key) => columnIndex[key] === undefined);
  if (missing.length > 0) {
    const line = header?.line ?? 1;
    return {
      rows: [],
      problems: missing.map((key) => ({
        line,
        field: COLUMN[key],
        reason: 'required column is missing from the header row',
      })),
    };
  }

  const rows: ParsedOccupationList['rows'] = [];
  const problems: RowProblem[] = [];
  const firstLineByCode = new Map<string, number>();
  for (const { line, cells } of dataRecords) {
    const values = readValues(cells, columnIndex);
    const { row, problems: rowProblems } = validateRow(line, values);

    // The first line with a code owns it, even when that line is bad, so fixing it never changes which row wins.
    const code = normalizeRapidsCode(values.rapidsCode);
    const firstLine = code === null ? undefined : firstLineByCode.get(code);
    if (firstLine !== undefined) {
      const reason = `duplicate of RAPIDS code ${code} on line ${firstLine}`;
      rowProblems.push({ line, field: COLUMN.rapidsCode, reason });
    } else if (code !== null) {
      firstLineByCode.set(code, line);
    }

    if (row && rowProblems.length === 0) rows.push({ ...row, line });
    else problems.push(...rowProblems);
  }
  return { rows, problems };
}

function indexColumns(headerCells: string[]): Partial<Record<ColumnKey, number>> {
  const byName = new Map<string, number>();
  headerCells.forEach((cell, index) => {
    const name = cell.trim().replace(/\s+/g, ' ').toUpperCase();
    if (!byName.has(name)) byName.set(name, index);
  });
  const columnIndex: Partial<Record<ColumnKey, number>> = {};
  for (const key of Object.keys(COLUMN) as ColumnKey[]) {
    const index = byName.get(COLUMN[key]);
    if (index !== undefined) columnIndex[key] = index;
  }
  return columnIndex;
}

function readValues(cells: string[], columnIndex: Partial<Record<ColumnKey, number>>): RowValues {
  const values = {} as RowValues;
  for (const key of Object.keys(COLUMN) as ColumnKey[]) {
    const index = columnIndex[key];
    values[key] = index === undefined ? '' : (cells[index] ?? '').trim();
  }
  return values;
}

/** Validates one occupation; `row` is null when any problem was found, and every problem is listed. */
function validateRow(line: number, values: RowValues): { row: OccupationRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const report = (field: string, reason: string) => problems.push({ line, field, reason });

  const rapidsCode = normalizeRapidsCode(values.rapidsCode);
  if (values.rapidsCode === '') report(COLUMN.rapidsCode, 'RAPIDS code is required');
  else if (rapidsCode === null) {
    report(COLUMN.rapidsCode, `"${values.rapidsCode}" is not a RAPIDS code (4 digits, e.g. 0159 or 0870CBV1)`);
  }

  if (values.title === '') report(COLUMN.title, 'title is required');

  let onetSocCode: string | null = null;
  if (values.onetSocCode !== '') {
    onetSocCode = normalizeOnetSocCode(values.onetSocCode);
    if (onetSocCode === null) {
      report(COLUMN.onetSocCode, `"${values.onetSocCode}" is not an O*NET-SOC code like 47-2111.00`);
    }
  }

  let timeBasedHours: number | null = null;
  if (values.timeBased !== '') {
    timeBasedHours = parseHours(values.timeBased);
    if (timeBasedHours === null) report(COLUMN.timeBased, `"${values.timeBased}" is not a whole number of hours`);
  }

  let hybridHours: HourRange | null = null;
  if (values.hybrid !== '') {
    hybridHours = parseHourRange(values.hybrid);
    if (hybridHours === null) {
      report(COLUMN.hybrid, `"${values.hybrid}" is not a number of hours or a range like 2500 - 4000`);
    }
  }

  const approaches: Approach[] = [];
  if (values.timeBased !== '') approaches.push('time_based');
  if (values.hybrid !== '') approaches.push('hybrid');
  if (values.competencyBased !== '') approaches.push('competency_based');
  if (approaches.length === 0) report(APPROACH_FIELDS, 'no training approach is allowed: all three columns are blank');

  if (rapidsCode === null || problems.length > 0) return { row: null, problems };
  const row: OccupationRow = {
    rapidsCode,
    onetSocCode,
    title: values.title,
    onetTitle: values.onetTitle || null,
    approaches,
    timeBasedHours,
    hybridMinHours: hybridHours?.min ?? null,
    hybridMaxHours: hybridHours?.max ?? null,
    bulletins: values.bulletins || null,
  };
  return { row, problems };
}

/** `47-2111.00` as is, `47-2111` → `47-2111.00`; null when not an O*NET-SOC code. */
function normalizeOnetSocCode(raw: string): string | null {
  const match = ONET_SOC_CODE.exec(raw);
  return match ? `${match[1]}${match[2] ?? '.00'}` : null;
}

/** Positive whole hours; tolerates thousands separators ("8,000") from formatted spreadsheets. */
function parseHours(raw: string): number | null {
  if (!HOURS.test(raw)) return null;
  const hours = Number(raw.replace(/,/g, ''));
  return hours > 0 ? hours : null;
}

interface HourRange {
  min: number;
  max: number;
}

/** A single number (min = max) or an ascending range such as `2500 - 4000`. */
function parseHourRange(raw: string): HourRange | null {
  const range = HOUR_RANGE.exec(raw);
  if (!range) {
    const hours = parseHours(raw);
    return hours === null ? null : { min: hours, max: hours };
  }
  const min = parseHours(range[1]);
  const max = parseHours(range[2]);
  return min !== null && max !== null && min <= max ? { min, max } : null;
}
