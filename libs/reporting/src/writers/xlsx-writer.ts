import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { Row } from '../formats/report-format';
import { cellText } from './csv-writer';
import { pinZipTimestamps } from './zip-timestamps';

/** The rows in memory as one workbook: streamXlsx over them, widths from every row. */
export async function writeXlsx(sheetTitle: string, columns: readonly string[], rows: readonly Row[], asOf: string): Promise<Buffer> {
  const widths = new ColumnWidths(columns);
  widths.track(rows);
  async function* cells(): AsyncGenerator<string[]> {
    for (const row of rows) yield columns.map((column) => cellText(row[column]));
  }
  return streamXlsx(sheetTitle, columns, widths.widths, cells(), asOf);
}

/** Column widths: the longest value plus 2, between 10 and 60; gathered batch by batch before a streamed workbook is written. */
export class ColumnWidths {
  readonly widths: number[];

  constructor(private readonly columns: readonly string[]) {
    this.widths = columns.map((column) => Math.min(60, Math.max(10, column.length + 2)));
  }

  /** Widens the columns for these rows (at most 60). */
  track(rows: readonly Row[]): void {
    for (const row of rows) {
      this.columns.forEach((column, index) => {
        this.widths[index] = Math.min(60, Math.max(this.widths[index], cellText(row[column]).length + 2));
      });
    }
  }
}

/**
 * One worksheet named after the format: a bold, frozen header row and every cell as text (number
 * format '@'), so leading zeros (dates, ZIP codes, codes like 0159) survive a spreadsheet; an empty
 * value is no cell. Workbook dates come from `asOf` and ZIP entry times are pinned to it, so the
 * same rows give the same bytes. Written row by row with exceljs's streaming WorkbookWriter, which
 * keeps only the compressed output (its whole-workbook writer models every cell: about 1 GB of heap
 * for 20,000 RAPIDS rows), so report runs of any size fit in memory.
 */
export async function streamXlsx(
  sheetTitle: string,
  columns: readonly string[],
  widths: readonly number[],
  rows: AsyncIterable<readonly string[]>,
  asOf: string,
): Promise<Buffer> {
  const stream = new PassThrough();
  const parts: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => parts.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const stamp = new Date(`${asOf}T00:00:00Z`);
  workbook.creator = 'Journeyline';
  workbook.lastModifiedBy = 'Journeyline';
  workbook.created = stamp;
  workbook.modified = stamp;
  const sheet = workbook.addWorksheet(sheetName(sheetTitle), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({ header: column, key: column, width: widths[index], style: { numFmt: '@' } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for await (const cells of rows) {
    const added = sheet.addRow([...cells]);
    added.eachCell({ includeEmpty: true }, (cell) => {
      cell.numFmt = '@';
    });
    added.commit();
  }
  sheet.commit();
  await workbook.commit();
  return pinZipTimestamps(Buffer.concat(parts), asOf);
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet1';
}
