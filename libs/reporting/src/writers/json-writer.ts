import { Row } from '../formats/report-format';

/** A JSON array of row objects, keys in column order, two-space indent, trailing newline. */
export function writeJson(columns: readonly string[], rows: readonly Row[]): Buffer {
  const ordered = rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null])));
  return Buffer.from(`${JSON.stringify(ordered, null, 2)}\n`, 'utf8');
}
