import ExcelJS from 'exceljs';
import { Row } from '../formats/report-format';
import { cellText } from './csv-writer';
import { pinZipTimestamps } from './zip-timestamps';

/**
 * One worksheet: a bold, frozen header row and every cell as text (number format '@'), so leading
 * zeros (dates, ZIP codes, codes like 0159) survive a spreadsheet. Workbook dates come from
 * `asOf` and ZIP entry times are pinned to it, so the same rows give the same bytes.
 */
export async function writeXlsx(sheetTitle: string, columns: readonly string[], rows: readonly Row[], asOf: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const stamp = new Date(`${asOf}T00:00:00Z`);
  workbook.creator = 'Journeyline';
  workbook.lastModifiedBy = 'Journeyline';
  workbook.created = stamp;
  workbook.modified = stamp;
  const sheet = workbook.addWorksheet(sheetName(sheetTitle), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column,
    key: column,
    width: Math.min(60, Math.max(10, column.length + 2, ...rows.map((row) => cellText(row[column]).length + 2))),
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(columns.map((column) => cellText(row[column])));
    added.eachCell({ includeEmpty: true }, (cell) => {
      cell.numFmt = '@';
    });
  }
  // exceljs declares its own Buffer type; at runtime writeBuffer gives a Node Buffer.
  const bytes = Buffer.from((await workbook.xlsx.writeBuffer()) as unknown as Uint8Array);
  return pinZipTimestamps(bytes, asOf);
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet1';
}
