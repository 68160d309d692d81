import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import {
  cellText,
  csvParser,
  CsvLineNumberer,
  csvProblem,
  LineEndingNormalizer,
  mapHeader,
  normalizeDateSpelling,
  SheetRecord,
  StagingRowEncoder,
  UnreadableFileError,
  xlsxRecords,
} from './hours-file-reader';

const IMPORT_ID = '5f0c9a62-8e0e-4a4c-9d43-2b1f3c4d5e6f';

async function collect<T>(streams: NodeJS.ReadWriteStream[], source: Readable): Promise<T[]> {
  const out: T[] = [];
  const sink = new Writable({
    objectMode: true,
    write(chunk: T, _encoding, callback) {
      out.push(chunk);
      callback();
    },
  });
  await pipeline([source, ...streams, sink]);
  return out;
}

const csvRecords = (chunks: string[]) =>
  collect<SheetRecord>([new LineEndingNormalizer(), csvParser(), new CsvLineNumberer()], Readable.from(chunks.map((chunk) => Buffer.from(chunk))));

const encode = async (records: SheetRecord[]) => {
  const encoder = new StagingRowEncoder(IMPORT_ID);
  const chunks = await collect<Buffer>([encoder], Readable.from(records));
  return { text: Buffer.concat(chunks).toString(), rows: encoder.rows };
};

describe('CSV records', () => {
  it('numbers records by the line they start on, whatever the line endings and quoted line breaks', async () => {
    const records = await csvRecords(['a,b\r\n1,"x\r', '\ny"\r\n\r\n2,"q\nr"\n3,w']);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x\ny'] },
      { line: 4, cells: [''] },
      { line: 5, cells: ['2', 'q\nr'] },
      { line: 7, cells: ['3', 'w'] },
    ]);
  });

  it('keeps multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('a\r\nÉté\r\n');
    const records = await collect<SheetRecord>(
      [new LineEndingNormalizer(), csvParser(), new CsvLineNumberer()],
      Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]),
    );
    expect(records).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: ['Été'] },
    ]);
  });

  it('reports broken CSV with the line csv-parse stopped at', async () => {
    const error = await csvRecords(['a,b\n1,"open\n']).catch((caught: unknown) => caught);
    expect(csvProblem(error)).toEqual({ line: 2, field: 'file', reason: expect.stringContaining('is not readable CSV') });
    expect(csvProblem(new Error('socket hang up'))).toBeNull();
  });
});

describe('mapHeader', () => {
  it('finds the columns in any case and order, ignoring unknown ones', () => {
    const positions = mapHeader({ line: 1, cells: ['Payroll Id', ' HOURS ', 'Work_Process', 'registration_id', 'work_date'] });
    expect(positions).toEqual([3, 4, 1, 2, -1, -1, -1, -1]);
  });

  it('names every missing required column and every repeated one', () => {
    const thrown = (() => {
      try {
        return mapHeader({ line: 3, cells: ['hours', 'hours', 'note'] });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(UnreadableFileError);
    expect((thrown as UnreadableFileError).problems).toEqual([
      { line: 3, field: 'registration_id', reason: 'the required column is missing from the header' },
      { line: 3, field: 'work_date', reason: 'the required column is missing from the header' },
      { line: 3, field: 'hours', reason: 'the column appears more than once' },
      { line: 3, field: 'work_process', reason: 'the required column is missing from the header' },
    ]);
  });
});

describe('normalizeDateSpelling', () => {
  it.each([
    ['03/05/2024', '2024-03-05'],
    ['3/5/2024', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['13/45/2024', '2024-13-45'],
    ['March 5', 'March 5'],
  ])('%s becomes %s', (input, output) => {
    expect(normalizeDateSpelling(input)).toBe(output);
  });
});

describe('StagingRowEncoder', () => {
  it('writes COPY text rows after the header, skipping blank records, with NULL for empty or absent cells', async () => {
    const { text, rows } = await encode([
      { line: 1, cells: ['work_process', 'hours', 'registration_id', 'work_date', 'note'] },
      { line: 2, cells: ['  ', ''] },
      { line: 3, cells: [' Safety ', '8', 'r-1', '3/4/2024', 'tab\there\nnew\\line'] },
      { line: 5, cells: ['Wiring', '', 'r-2'] },
    ]);
    expect(rows).toBe(2);
    expect(text).toBe(
      `${IMPORT_ID}\t3\tr-1\t2024-03-04\t8\tSafety\t\\N\t\\N\ttab\\there\\nnew\\\\line\t\\N\n` +
        `${IMPORT_ID}\t5\tr-2\t\\N\t\\N\tWiring\t\\N\t\\N\t\\N\t\\N\n`,
    );
  });

  it('turns NUL, which PostgreSQL text cannot hold, into the replacement character', async () => {
    const { text } = await encode([
      { line: 1, cells: ['registration_id', 'work_date', 'hours', 'work_process'] },
      { line: 2, cells: ['r\u00001', '2024-03-04', '8', 'Safety'] },
    ]);
    expect(text).toBe(`${IMPORT_ID}\t2\tr\uFFFD1\t2024-03-04\t8\tSafety\t\\N\t\\N\t\\N\t\\N\n`);
  });

  it('refuses a file without a header', async () => {
    await expect(encode([{ line: 1, cells: [''] }])).rejects.toMatchObject({
      problems: [{ line: 1, field: 'file', reason: 'has no header row' }],
    });
  });
});

describe('XLSX records', () => {
  it('reads the first worksheet by row number, as text a reader of the sheet would see', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hours');
    sheet.addRow(['registration_id', 'work_date', 'hours']);
    sheet.addRow(['r-1', new Date(Date.UTC(2024, 2, 5)), 7.5]);
    sheet.addRow([]);
    sheet.addRow([{ richText: [{ text: 'r-' }, { text: '2' }] }, '03/06/2024', { formula: '4*2', result: 8 }]);
    workbook.addWorksheet('Other').addRow(['ignored']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const records: SheetRecord[] = [];
    for await (const record of xlsxRecords(Readable.from([content]))) records.push(record);
    expect(records).toEqual([
      { line: 1, cells: ['registration_id', 'work_date', 'hours'] },
      { line: 2, cells: ['r-1', '2024-03-05', '7.5'] },
      { line: 4, cells: ['r-2', '03/06/2024', '8'] },
    ]);
  });

  it.each([
    [null, ''],
    [true, 'true'],
    [{ text: 'link', hyperlink: 'https://example.org' }, 'link'],
    [{ error: '#N/A' }, '#N/A'],
    [new Date(Number.NaN), ''],
  ])('turns the cell value %p into %p', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});
