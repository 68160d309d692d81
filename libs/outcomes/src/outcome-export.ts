import { createHash } from 'node:crypto';
import type { Row } from '@journeyline/reporting/formats/report-format';
import { writeCsv } from '@journeyline/reporting/writers/csv-writer';
import { writeXlsx } from '@journeyline/reporting/writers/xlsx-writer';
import { MEASURE_NAMES, OutcomeMeasures } from './measures';
import { OutcomeTable } from './outcomes.service';

export type OutcomeExportFormat = 'csv' | 'xlsx';

export interface OutcomeExport {
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  rows: number;
}


const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * An outcome table as a file, exactly as the API shows it: withheld values are empty cells and
 * named in `suppressed_measures`, so a download discloses nothing the screen does not.
 */
export async function exportOutcomeTable(table: OutcomeTable, format: OutcomeExportFormat): Promise<OutcomeExport> {
  const groupColumns = table.dimensions.flatMap((dimension) => [dimension, `${dimension}_label`]);
  const columns = [...groupColumns, 'row_kind', 'suppressed', ...MEASURE_NAMES.map(snake), 'suppressed_measures'];
  const rows: Row[] = table.rows.map((row) => ({
    ...Object.fromEntries(row.groups.flatMap((group) => [[group.dimension, group.value ?? ''], [`${group.dimension}_label`, group.label]])),
    row_kind: row.kind,
    suppressed: row.suppressed,
    ...Object.fromEntries(MEASURE_NAMES.map((name) => [snake(name), row.measures[name as keyof OutcomeMeasures]])),
    suppressed_measures: row.suppressedMeasures.map(snake).join(';'),
  }));
  const content = format === 'csv' ? writeCsv(columns, rows) : await writeXlsx('Outcomes', columns, rows, table.asOf);
  const name = `outcomes-${table.dimensions.join('-') || 'total'}-${table.period.from}-to-${table.period.to}`;
  return {
    fileName: `${name}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
    rows: rows.length,
  };
}
