import ExcelJS from 'exceljs';
import { FIXTURE_CONTEXT, FIXTURE_RECORDS } from '../fixtures/records';
import { findFormat } from '../formats/format-registry';
import { cellText } from './csv-writer';
import { runFormat } from './run-format';
import { ColumnWidths, streamXlsx } from './xlsx-writer';

async function* inBatches(rows: string[][]): AsyncGenerator<string[]> {
  yield* rows;
}

async function sheetOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const values: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    values.push(Array.from({ length: sheet.columnCount }, (_, index) => String(row.getCell(index + 1).value ?? '')));
  });
  return {
    workbook,
    sheet,
    values,
    widths: sheet.columns.map((column) => column.width),
    formats: sheet.getRow(2).getCell(6).numFmt,
  };
}

describe('streamXlsx', () => {
  it('streamed batch by batch, writes the bytes writeXlsx writes for all the rows at once', async () => {
    const format = findFormat('dol.rapids-upload')!;
    const whole = await runFormat(format, FIXTURE_RECORDS, { ...FIXTURE_CONTEXT, options: { ssnFormat: 'dashed' } }, ['xlsx']);
    const widths = new ColumnWidths(format.columns);
    widths.track(whole.rows.slice(0, 2));
    widths.track(whole.rows.slice(2));
    const cells = whole.rows.map((row) => format.columns.map((column) => cellText(row[column])));
    const streamed = await streamXlsx(format.title, format.columns, widths.widths, inBatches(cells), FIXTURE_CONTEXT.asOf);
    expect(streamed).toEqual(whole.artifacts.xlsx);

    const expected = await sheetOf(whole.artifacts.xlsx!);
    const actual = await sheetOf(streamed);
    expect(actual.values).toEqual(expected.values);
    // Text cells keep what a spreadsheet would otherwise turn into numbers or dates.
    expect(actual.values.map((row) => row[5])).toContain('900-12-3456');
    expect(actual.values[1][0]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(actual.widths).toEqual(expected.widths);
    expect(actual.formats).toBe('@');
    expect(actual.sheet.name).toBe(expected.sheet.name);
    expect(actual.sheet.getRow(1).font).toEqual({ bold: true });
    expect(actual.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(actual.workbook.created).toEqual(new Date(`${FIXTURE_CONTEXT.asOf}T00:00:00Z`));
  });

  it('writes a header-only sheet when no row maps', async () => {
    const { values } = await sheetOf(await streamXlsx('Empty', ['a', 'b'], [10, 10], inBatches([]), '2025-04-05'));
    expect(values).toEqual([['a', 'b']]);
  });
});
