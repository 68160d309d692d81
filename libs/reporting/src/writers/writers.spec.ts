import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { statusChangesFormat } from '../dol/status-changes';
import { FIXTURE_CONTEXT, FIXTURE_RECORDS, FIXTURES } from '../fixtures/records';
import { ReportFormat } from '../formats/report-format';
import { writeCsv } from './csv-writer';
import { writeJson } from './json-writer';
import { FormatRunError, runFormat } from './run-format';
import { writeXlsx } from './xlsx-writer';
import { pinZipTimestamps } from './zip-timestamps';

const columns = ['Name', 'Zip', 'Note'];
const rows = [
  { Name: "O'Brien, Seán", Zip: '02134', Note: 'said "hi"\nthen left' },
  { Name: 'Kim', Zip: '48104', Note: null },
];

async function readSheet(bytes: Buffer): Promise<{ values: string[][]; types: number[]; workbook: ExcelJS.Workbook }> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; at runtime it takes a Node Buffer.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const values: string[][] = [];
  const types: number[] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1) {
      const cell = row.getCell(column);
      cells.push(cell.value === null ? '' : String(cell.value));
      if (cell.value !== null) types.push(cell.type);
    }
    values.push(cells);
  });
  return { values, types, workbook };
}

describe('writers', () => {
  it('writes RFC 4180 CSV: CRLF, quoting only when needed, UTF-8 without BOM', () => {
    const csv = writeCsv(columns, rows);
    expect(csv.toString('utf8')).toBe(`Name,Zip,Note\r\n"O'Brien, Seán",02134,"said ""hi""\nthen left"\r\nKim,48104,\r\n`);
    expect([...csv.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(parse(csv)).toEqual([columns, ["O'Brien, Seán", '02134', 'said "hi"\nthen left'], ['Kim', '48104', '']]);
  });

  it('writes JSON rows with keys in column order, two-space indent and a trailing newline', () => {
    const json = writeJson(['Zip', 'Name'], [{ Name: 'Kim', Zip: '48104' }]).toString('utf8');
    expect(json).toBe('[\n  {\n    "Zip": "48104",\n    "Name": "Kim"\n  }\n]\n');
  });

  it('writes XLSX with every cell as text, so leading zeros survive', async () => {
    const { values, types, workbook } = await readSheet(await writeXlsx('Status changes: March [draft]', columns, rows, '2025-04-05'));
    expect(values).toEqual([columns, ["O'Brien, Seán", '02134', 'said "hi"\nthen left'], ['Kim', '48104', '']]);
    expect(new Set(types)).toEqual(new Set([ExcelJS.ValueType.String]));
    expect(workbook.worksheets[0].name).toBe('Status changes  March  draft');
    expect(workbook.created.toISOString()).toBe('2025-04-05T00:00:00.000Z');
  });

  it('gives the same XLSX bytes for the same rows and date, even seconds apart', async () => {
    const first = await writeXlsx('Sheet', columns, rows, '2025-04-05');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const second = await writeXlsx('Sheet', columns, rows, '2025-04-05');
    expect(second.equals(first)).toBe(true);
    expect((await writeXlsx('Sheet', columns, rows, '2025-04-06')).equals(first)).toBe(false);
  });

  it('pins every ZIP entry time and refuses what is not a ZIP archive', async () => {
    const zip = pinZipTimestamps(await writeXlsx('Sheet', columns, rows, '2025-04-05'), '2001-02-03');
    const dosDate = ((2001 - 1980) << 9) | (2 << 5) | 3;
    let entries = 0;
    for (let offset = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1')); offset >= 0; offset = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1'), offset + 4)) {
      expect([zip.readUInt16LE(offset + 12), zip.readUInt16LE(offset + 14)]).toEqual([0, dosDate]);
      entries += 1;
    }
    expect(entries).toBeGreaterThan(3);
    expect(() => pinZipTimestamps(Buffer.from('not a zip file at all, clearly'), '2025-01-01')).toThrow('not a ZIP archive');
  });
});

describe('runFormat', () => {
  it('maps applicable records in program, last name, first name, registration order and writes every output', async () => {
    const reversed = [...FIXTURE_RECORDS].reverse();
    const run = await runFormat(statusChangesFormat, reversed, FIXTURE_CONTEXT);
    expect(run.rows.map((row) => row['Apprentice Last Name'])).toEqual(['Kim', 'Natarajan', "O'Brien", 'Reyes', 'Reyes', 'Washington', 'Fitzgerald']);
    expect(run.applicable).toBe(6);
    expect(Object.keys(run.artifacts).sort()).toEqual(['csv', 'json', 'xlsx']);
    expect((await runFormat(statusChangesFormat, FIXTURE_RECORDS, FIXTURE_CONTEXT)).artifacts.csv!.equals(run.artifacts.csv!)).toBe(true);
    expect(Object.keys(run.artifacts.csv ? (await runFormat(statusChangesFormat, reversed, FIXTURE_CONTEXT, ['csv'])).artifacts : {})).toEqual(['csv']);
  });

  it('turns a mapper failure into a problem for that record and keeps the others', async () => {
    const fragile: ReportFormat = {
      ...statusChangesFormat,
      map: (record, context) => {
        if (record.registrationId === 'reg-0009') throw new Error('boom');
        return statusChangesFormat.map(record, context);
      },
    };
    const run = await runFormat(fragile, FIXTURE_RECORDS, FIXTURE_CONTEXT, ['json']);
    expect(run.problems).toEqual([{ registrationId: 'reg-0009', field: '', rule: 'format.mapping_failed', message: 'boom', source: 'Journeyline dol.status-changes mapper' }]);
    expect(run.rows).toHaveLength(5);
  });

  it('refuses to start with an invalid option value, an output the format lacks, or a reversed period', async () => {
    const bad = async (options: Record<string, string>, kinds?: Array<'pdf'>, period = FIXTURE_CONTEXT.period) =>
      runFormat({ ...statusChangesFormat, options: [{ key: 'mode', description: 'm', values: ['a', 'b'] }] }, [FIXTURES.vre], { ...FIXTURE_CONTEXT, period, options }, kinds).catch(
        (error: FormatRunError) => error.errors,
      );
    expect(await bad({ mode: 'c' })).toEqual(['option "mode" must be one of a, b']);
    expect(await bad({}, ['pdf'])).toEqual(['dol.status-changes does not write pdf', 'dol.status-changes lists pdf but cannot render it']);
    expect(await bad({}, undefined, { start: '2025-03-31', end: '2025-03-01' })).toEqual(['the period starts (2025-03-31) after it ends (2025-03-01)']);
  });
});
