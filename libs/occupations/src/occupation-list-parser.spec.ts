import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  normalizeRapidsCode,
  parseOccupationCsv,
  parseOccupationFile,
  parseOccupationXlsx,
} from './occupation-list-parser';

const HEADER =
  'RAPIDS CODE,ONET SOC CODE,RAPIDS TITLE,ONET SOC TITLE,TIME-BASED,HYBRID,COMPETENCY-BASED,BULLETINS,CAREER LATICE';
const APPROACH_FIELDS = 'TIME-BASED, HYBRID, COMPETENCY-BASED';
// Jest runs from the repository root (ES modules have no __dirname).
const FIXTURE_CSV = join(process.cwd(), 'libs/occupations/src/fixtures/apprenticeship-occupations.csv');

const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

describe('normalizeRapidsCode', () => {
  it.each([
    ['0159', '0159'],
    [159, '0159'],
    ['159', '0159'],
    [' 0419 ', '0419'],
    ['0616A', '0616A'],
    ['0870CBV1', '0870CBV1'],
    ['0870CB V1', '0870CBV1'],
    ['0824CB V3', '0824CBV3'],
    ['0365HY V1', '0365HYV1'],
    ['870cb v1', '0870CBV1'],
    ['2026CB', '2026CB'],
  ])('normalizes %p to %p', (raw, expected) => {
    expect(normalizeRapidsCode(raw)).toBe(expected);
  });

  it.each([['12345'], [''], ['ABCD'], ['0159XY'], ['0870CB V'], ['0870 CB V1'], ['0870XXV1'], [159.5], [-159]])(
    'rejects %p',
    (raw) => {
      expect(normalizeRapidsCode(raw)).toBeNull();
    },
  );
});

describe('parseOccupationCsv', () => {
  describe('on the DOL-like fixture', () => {
    let fixture: Buffer;
    beforeAll(async () => {
      fixture = await readFile(FIXTURE_CSV);
    });

    it('returns the good rows with their line numbers', () => {
      const { rows } = parseOccupationCsv(fixture);

      expect(rows.map((row) => [row.line, row.rapidsCode])).toEqual([
        [2, '0159'],
        [3, '0419'],
        [4, '0296'],
        [5, '1078CBV1'],
        [6, '2026CB'],
        [7, '1080'],
        [9, '0365HYV1'],
        [15, '0870CBV1'],
      ]);
      expect(rows[0]).toEqual({
        line: 2,
        rapidsCode: '0159',
        onetSocCode: '47-2111.00',
        title: 'Electrician',
        onetTitle: 'Electricians',
        approaches: ['time_based'],
        timeBasedHours: 8000,
        hybridMinHours: null,
        hybridMaxHours: null,
        bulletins: '2019-18',
      });
      expect(rows[1].onetTitle).toBe('Plumbers, Pipefitters, and Steamfitters');
      expect(rows[3]).toMatchObject({
        title: 'CNC Operator',
        approaches: ['competency_based'],
        timeBasedHours: null,
        bulletins: '2021-05',
      });
      expect(rows[4]).toMatchObject({ onetSocCode: '13-1071.00', approaches: ['competency_based'], bulletins: null });
      expect(rows[6]).toMatchObject({
        approaches: ['hybrid'],
        timeBasedHours: null,
        hybridMinHours: 2500,
        hybridMaxHours: 4000,
      });
      expect(rows[7]).toMatchObject({ onetSocCode: '47-2111.00', onetTitle: null });
    });

    it('reports every bad row with its line, column and reason', () => {
      const { problems } = parseOccupationCsv(fixture);

      expect(problems).toEqual([
        { line: 11, field: 'ONET SOC CODE', reason: expect.stringContaining('"47-211"') },
        { line: 12, field: APPROACH_FIELDS, reason: expect.stringContaining('no training approach') },
        { line: 13, field: 'RAPIDS CODE', reason: 'duplicate of RAPIDS code 0159 on line 2' },
        { line: 14, field: 'RAPIDS CODE', reason: expect.stringContaining('"12345" is not a RAPIDS code') },
        { line: 16, field: 'RAPIDS TITLE', reason: 'title is required' },
      ]);
    });
  });

  it('reads hybrid hours as a single number or a range, and rejects anything else', () => {
    const { rows, problems } = parseOccupationCsv(
      csv(
        '0365HY V1,,Hybrid A,,,2500 - 4000,,,',
        '0366HY V1,,Hybrid B,,,2000-3000,,,',
        '0367HY V1,,Hybrid C,,,3000,,,',
        '0368HY V1,,Hybrid D,,6000,"2,000 – 4,000",X,,',
        '0369HY V1,,Hybrid E,,,4000 - 2500,,,',
        '0370HY V1,,Hybrid F,,,about 3000,,,',
      ),
    );

    expect(rows.map(({ line, hybridMinHours, hybridMaxHours }) => [line, hybridMinHours, hybridMaxHours])).toEqual([
      [2, 2500, 4000],
      [3, 2000, 3000],
      [4, 3000, 3000],
      [5, 2000, 4000],
    ]);
    expect(rows[3].approaches).toEqual(['time_based', 'hybrid', 'competency_based']);
    expect(problems).toEqual([
      { line: 6, field: 'HYBRID', reason: expect.stringContaining('"4000 - 2500"') },
      { line: 7, field: 'HYBRID', reason: expect.stringContaining('"about 3000"') },
    ]);
  });

  it('treats any non-empty COMPETENCY-BASED value as allowing that approach', () => {
    const { rows } = parseOccupationCsv(
      csv(
        '1078CB V1,,CNC Operator,,,,X,,',
        '2026CB,,Human Resource Specialist,,,,Yes,,',
        '0824CB V3,,Carpenter,,,,1,,',
      ),
    );

    expect(rows.map((row) => row.approaches)).toEqual([
      ['competency_based'],
      ['competency_based'],
      ['competency_based'],
    ]);
  });

  it('reports a row that allows no approach, and one whose time-based hours are not whole hours', () => {
    const { rows, problems } = parseOccupationCsv(
      csv(
        '0159,47-2111.00,Electrician,Electricians,,,,2019-18,',
        '0419,47-2152.00,Plumber,,eight thousand,,,,',
        '0296,51-4041.00,Machinist,,0,,,,',
        '1080,31-9092.00,Medical Assistant,,"2,000",,,,',
      ),
    );

    expect(rows.map((row) => [row.rapidsCode, row.timeBasedHours])).toEqual([['1080', 2000]]);
    expect(problems).toEqual([
      { line: 2, field: APPROACH_FIELDS, reason: expect.stringContaining('no training approach') },
      { line: 3, field: 'TIME-BASED', reason: '"eight thousand" is not a whole number of hours' },
      { line: 4, field: 'TIME-BASED', reason: '"0" is not a whole number of hours' },
    ]);
  });

  it('accepts a blank O*NET-SOC code, completes one without decimals, and rejects malformed ones', () => {
    const { rows, problems } = parseOccupationCsv(
      csv(
        '0159,,Electrician,,8000,,,,',
        '0419,47-2152,Plumber,,8000,,,,',
        '0296,51-4041.0,Machinist,,8000,,,,',
        '1080,319092.00,Medical Assistant,,2000,,,,',
        '0642,Electricians,Electrician,,8000,,,,',
      ),
    );

    expect(rows.map((row) => [row.rapidsCode, row.onetSocCode])).toEqual([
      ['0159', null],
      ['0419', '47-2152.00'],
    ]);
    expect(problems.map(({ line, field }) => [line, field])).toEqual([
      [4, 'ONET SOC CODE'],
      [5, 'ONET SOC CODE'],
      [6, 'ONET SOC CODE'],
    ]);
    expect(problems[0].reason).toBe('"51-4041.0" is not an O*NET-SOC code like 47-2111.00');
  });

  it('lists every problem of a row, not only the first', () => {
    const { rows, problems } = parseOccupationCsv(csv('15A9,47-2111.x,,,,,,,'));

    expect(rows).toEqual([]);
    expect(problems.map(({ line, field }) => [line, field])).toEqual([
      [2, 'RAPIDS CODE'],
      [2, 'RAPIDS TITLE'],
      [2, 'ONET SOC CODE'],
      [2, APPROACH_FIELDS],
    ]);
  });

  it('keeps the first of duplicate RAPIDS codes, comparing them after normalization', () => {
    const { rows, problems } = parseOccupationCsv(
      csv(
        '0870CB V1,,Maintenance Electrician,,,,X,,',
        '0159,47-2111.00,Electrician,,8000,,,,',
        '0870CBV1,,Maintenance Electrician (copy),,,,X,,',
        '159,47-2111.00,Electrician (copy),,8000,,,,',
        '0159,47-2111.00,Electrician (again),,8000,,,,',
      ),
    );

    expect(rows.map((row) => [row.line, row.rapidsCode, row.title])).toEqual([
      [2, '0870CBV1', 'Maintenance Electrician'],
      [3, '0159', 'Electrician'],
    ]);
    expect(problems).toEqual([
      { line: 4, field: 'RAPIDS CODE', reason: 'duplicate of RAPIDS code 0870CBV1 on line 2' },
      { line: 5, field: 'RAPIDS CODE', reason: 'duplicate of RAPIDS code 0159 on line 3' },
      { line: 6, field: 'RAPIDS CODE', reason: 'duplicate of RAPIDS code 0159 on line 3' },
    ]);
  });

  it('lets a bad first row keep its RAPIDS code, so a later copy is still a duplicate', () => {
    const { rows, problems } = parseOccupationCsv(
      csv('0419,47-2152.00,,,8000,,,,', '0419,47-2152.00,Plumber,,8000,,,,'),
    );

    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 2, field: 'RAPIDS TITLE', reason: 'title is required' },
      { line: 3, field: 'RAPIDS CODE', reason: 'duplicate of RAPIDS code 0419 on line 2' },
    ]);
  });

  it('reports missing required header columns on line 1 and returns no rows', () => {
    const { rows, problems } = parseOccupationCsv(
      ['CODE,ONET SOC CODE,TITLE,TIME-BASED', '0159,47-2111.00,Electrician,8000'].join('\n'),
    );

    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 1, field: 'RAPIDS CODE', reason: 'required column is missing from the header row' },
      { line: 1, field: 'RAPIDS TITLE', reason: 'required column is missing from the header row' },
    ]);
  });

  it('reports an empty file as a missing header on line 1', () => {
    const { rows, problems } = parseOccupationCsv('');

    expect(rows).toEqual([]);
    expect(problems.map(({ line, field }) => [line, field])).toEqual([
      [1, 'RAPIDS CODE'],
      [1, 'RAPIDS TITLE'],
    ]);
  });

  it('matches headers case-insensitively, in any order, ignoring extra columns such as CAREER LATTICE', () => {
    const { rows, problems } = parseOccupationCsv(
      [' rapids title ,Career Lattice, Rapids Code,time-based,Notes', 'Electrician,Yes,0159,8000,from 2019'].join('\n'),
    );

    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        rapidsCode: '0159',
        onetSocCode: null,
        title: 'Electrician',
        onetTitle: null,
        approaches: ['time_based'],
        timeBasedHours: 8000,
        hybridMinHours: null,
        hybridMaxHours: null,
        bulletins: null,
      },
    ]);
  });

  it('skips blank and comma-only lines while keeping line numbers true to the file', () => {
    const { rows, problems } = parseOccupationCsv(
      [
        '',
        HEADER,
        '',
        '0159,47-2111.00,Electrician,,8000,,,,',
        ' , ,,,,,,,',
        '',
        '0419,47-2152.00,,,8000,,,,',
      ].join('\n'),
    );

    expect(rows.map((row) => [row.line, row.rapidsCode])).toEqual([[4, '0159']]);
    expect(problems).toEqual([{ line: 7, field: 'RAPIDS TITLE', reason: 'title is required' }]);
  });

  it('counts lines correctly for CRLF files with a byte order mark and a title spanning two lines', () => {
    const input = Buffer.from(
      '\uFEFF' +
        [
          HEADER,
          '0159,47-2111.00,"Electrician',
          '(Inside Wireman)",,8000,,,,',
          '',
          '0419,47-2152.00,Plumber,,,,,,',
          '0296,51-4041.00,  Machinist  ,,8000,,,,',
        ].join('\r\n'),
      'utf8',
    );

    const { rows, problems } = parseOccupationCsv(input);

    expect(rows.map((row) => [row.line, row.rapidsCode, row.title])).toEqual([
      [2, '0159', 'Electrician\n(Inside Wireman)'],
      [6, '0296', 'Machinist'],
    ]);
    expect(problems).toEqual([
      { line: 5, field: APPROACH_FIELDS, reason: expect.stringContaining('no training approach') },
    ]);
  });
});

describe('parseOccupationXlsx', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'occupation-list-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  /** Writes a workbook shaped like the DOL's apprenticeship-occupations.xlsx and reads it back as uploaded bytes. */
  async function writeDolWorkbook(rowsByNumber: Record<number, ExcelJS.CellValue[]>): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Occupations');
    sheet.getRow(1).values = HEADER.split(',');
    for (const [rowNumber, values] of Object.entries(rowsByNumber)) {
      sheet.getRow(Number(rowNumber)).values = values;
    }
    // Only the first worksheet is the list; a later one must not be read.
    workbook.addWorksheet('Notes').getCell('A1').value = 'RAPIDS CODE';
    const path = join(workDir, 'apprenticeship-occupations.xlsx');
    await workbook.xlsx.writeFile(path);
    return readFile(path);
  }

  it('restores leading zeros from numeric cells and reports sheet row numbers', async () => {
    const content = await writeDolWorkbook({
      2: [159, '47-2111.00', 'Electrician', 'Electricians', 8000, null, null, '2019-18', null],
      3: [419, '47-2152.00', 'Plumber', 'Plumbers, Pipefitters, and Steamfitters', 8000],
      // row 4 left empty, as in a hand-edited sheet
      5: [296, '51-4041.00', { richText: [{ text: 'Machin' }, { text: 'ist', font: { bold: true } }] }, null, 8000],
      6: ['1078CB V1', '51-9161.00', 'CNC Operator', null, null, null, 'X'],
      7: ['0365HY V1', '49-9041.00', 'Industrial Maintenance Mechanic', null, null, '2500 - 4000'],
      8: ['2026CB', '13-1071.00', 'Human Resource Specialist', null, null, 3000, 'X'],
      9: ['  ', ''],
      10: [1080, '31-9092.00', 'Medical Assistant', 'Medical Assistants', 2000],
      11: [12345, null, 'Welder', null, 6000],
      12: ['0419', '47-2152.00', 'Plumber (copy)', null, 8000],
      13: [1080, '31-9092', 'Medical Assistant (copy)', null, null],
    });

    const { rows, problems } = await parseOccupationXlsx(content);

    expect(rows.map((row) => [row.line, row.rapidsCode, row.title])).toEqual([
      [2, '0159', 'Electrician'],
      [3, '0419', 'Plumber'],
      [5, '0296', 'Machinist'],
      [6, '1078CBV1', 'CNC Operator'],
      [7, '0365HYV1', 'Industrial Maintenance Mechanic'],
      [8, '2026CB', 'Human Resource Specialist'],
      [10, '1080', 'Medical Assistant'],
    ]);
    expect(rows[0]).toMatchObject({ timeBasedHours: 8000, approaches: ['time_based'], bulletins: '2019-18' });
    expect(rows[4]).toMatchObject({ approaches: ['hybrid'], hybridMinHours: 2500, hybridMaxHours: 4000 });
    expect(rows[5]).toMatchObject({
      approaches: ['hybrid', 'competency_based'],
      hybridMinHours: 3000,
      hybridMaxHours: 3000,
    });
    expect(problems).toEqual([
      { line: 11, field: 'RAPIDS CODE', reason: expect.stringContaining('"12345"') },
      { line: 12, field: 'RAPIDS CODE', reason: 'duplicate of RAPIDS code 0419 on line 3' },
      { line: 13, field: APPROACH_FIELDS, reason: expect.stringContaining('no training approach') },
      { line: 13, field: 'RAPIDS CODE', reason: 'duplicate of RAPIDS code 1080 on line 10' },
    ]);
  });

  it('reports a first worksheet without the required headers on line 1', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Occupations').addRows([
      ['Code', 'Occupation', 'Hours'],
      [159, 'Electrician', 8000],
    ]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());

    const { rows, problems } = await parseOccupationXlsx(content);

    expect(rows).toEqual([]);
    expect(problems.map(({ line, field }) => [line, field])).toEqual([
      [1, 'RAPIDS CODE'],
      [1, 'RAPIDS TITLE'],
    ]);
  });
});

describe('parseOccupationFile', () => {
  it('parses a .csv file as CSV', async () => {
    const result = await parseOccupationFile('apprenticeship-occupations.csv', await readFile(FIXTURE_CSV));

    expect(result.rows).toHaveLength(8);
    expect(result.problems).toHaveLength(5);
  });

  it('parses a .xlsx file as a workbook, whatever the extension case', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Occupations').addRows([HEADER.split(','), [159, '47-2111.00', 'Electrician', null, 8000]]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());

    const { rows, problems } = await parseOccupationFile('APPRENTICESHIP-OCCUPATIONS.XLSX', content);

    expect(problems).toEqual([]);
    expect(rows.map((row) => [row.line, row.rapidsCode])).toEqual([[2, '0159']]);
  });

  it.each(['occupations.xls', 'occupations.txt', 'occupations'])('rejects %p', async (fileName) => {
    await expect(parseOccupationFile(fileName, Buffer.from(HEADER))).rejects.toThrow(
      `Unsupported occupation list file "${fileName}": expected a .csv or .xlsx file`,
    );
  });
});
