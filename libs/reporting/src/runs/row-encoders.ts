import { ArtifactKind, Row } from '../formats/report-format';
import { firstDayOf, lastDayOf } from '../va/calendar-months';
import { writeCsv } from '../writers/csv-writer';
import { writeJson } from '../writers/json-writer';

/**
 * Writes the CSV and JSON artifacts a batch of rows at a time. Whatever the batches,
 * begin() + encode(batch 1) + … + end() is byte for byte what writeCsv / writeJson give for all the
 * rows at once (row-encoders.spec.ts), so a streamed run matches `journeyline map`.
 */
export interface RowEncoder {
  begin(): Buffer;
  encode(rows: readonly Row[]): Buffer;
  end(): Buffer;
}

export function csvEncoder(columns: readonly string[]): RowEncoder {
  const header = writeCsv(columns, []);
  return {
    begin: () => header,
    encode: (rows) => (rows.length ? writeCsv(columns, rows).subarray(header.length) : Buffer.alloc(0)),
    end: () => Buffer.alloc(0),
  };
}

export function jsonEncoder(columns: readonly string[]): RowEncoder {
  let written = false;
  return {
    begin: () => Buffer.alloc(0),
    encode(rows) {
      if (!rows.length) return Buffer.alloc(0);
      // writeJson of the batch is "[\n" + elements joined by ",\n" + "\n]\n"; keep the elements.
      const batch = writeJson(columns, rows).toString('utf8');
      const elements = batch.slice(2, -3);
      const text = `${written ? ',\n' : '[\n'}${elements}`;
      written = true;
      return Buffer.from(text, 'utf8');
    },
    end: () => Buffer.from(written ? '\n]\n' : '[]\n', 'utf8'),
  };
}

export const CONTENT_TYPES: Record<ArtifactKind, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** e.g. `dol.rapids-upload_2026-10_1a2b3c4d.csv`; a period that is not one calendar month shows both dates. */
export function artifactFileName(format: string, period: { start: string; end: string }, runId: string, kind: ArtifactKind): string {
  const month = period.start.slice(0, 7);
  const wholeMonth = period.start === firstDayOf(month) && period.end === lastDayOf(month);
  const label = wholeMonth ? month : `${period.start}_${period.end}`;
  return `${format}_${label}_${runId.slice(0, 8)}.${kind}`;
}
