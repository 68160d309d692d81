import { Row } from '../formats/report-format';

/** RFC 4180 CSV: header row, CRLF line ends, fields quoted only when they hold a comma, quote or line break; UTF-8 without BOM. */
export function writeCsv(columns: readonly string[], rows: readonly Row[]): Buffer {
  const lines = [columns.map(csvField), ...rows.map((row) => columns.map((column) => csvField(cellText(row[column]))))];
  return Buffer.from(lines.map((fields) => `${fields.join(',')}\r\n`).join(''), 'utf8');
}

/** How a row value is written in text formats (CSV, XLSX). */
export function cellText(value: Row[string] | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
