import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { RAPIDS_UPLOAD_SCHEMA_PATCHED } from '@journeyline/reporting/dol/rapids-table-schema';
import { validateTable } from '@journeyline/reporting/dol/table-schema-validator';
import { FIXTURE_RECORDS, FIXTURES } from '@journeyline/reporting/fixtures/records';
import { captureOutput } from '../../../test/support/captured-output';
import { runCli } from './cli';

let dir: string;
let input: string;

/** Runs the CLI with stdout and stderr captured. */
const cli = (...args: string[]) => captureOutput(() => runCli(args));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journeyline-map-'));
  input = join(dir, 'records.json');
  await writeFile(input, JSON.stringify(FIXTURE_RECORDS));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('journeyline map', () => {
  it('writes the RAPIDS upload CSV for the good records, lists the problems and exits 1', async () => {
    const out = join(dir, 'upload.csv');
    const result = await cli('map', '--format', 'dol.rapids-upload', '--input', input, '--period', '2025-03', '--as-of', '2025-04-05', '--out', out);
    expect(result.code).toBe(1);
    const table: string[][] = parse(await readFile(out));
    expect(table.map((row) => row[2])).toEqual(['Apprentice Last Name', 'Kim', 'Natarajan', "O'Brien", 'Okafor-Nguyen']);
    expect(validateTable(RAPIDS_UPLOAD_SCHEMA_PATCHED, table)).toEqual([]);
    expect(result.stderr).toContain(
      'reg-0005: person.dateOfBirth: [registration.minimum_age] the apprentice is 15 on the start date 2025-03-12; apprentices must be at least 16 (source: 29 CFR 29.2(e)',
    );
    expect(result.stderr).toContain('reg-0006: program.agencyIds.occupation: [rapids.crosswalk_id]');
    expect(result.stdout).toBe(`dol.rapids-upload 2025-03-01..2025-03-31: 13 records read, 8 applicable, 4 rows written to ${out}, 4 records with problems\n`);
  });

  it('exits 0 when every applicable record maps, and takes --from/--to, options and the xlsx extension', async () => {
    const out = join(dir, 'nested', 'upload.xlsx');
    const result = await cli(
      'map',
      '--format=dol.rapids-upload',
      '--input',
      input,
      '--from',
      '2025-03-01',
      '--to',
      '2025-03-03',
      '--as-of',
      '2025-04-05',
      '--option',
      'ssnFormat=dashed',
      '--out',
      out,
    );
    expect([result.code, result.stderr]).toEqual([0, '']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets[0].getRow(2).getCell(6).value).toBe('900-12-3456');
    expect(workbook.worksheets[0].getRow(2).getCell(1).value).toBe('03/03/2025');
  });

  it('writes PIRL JSON only with the required training-type option', async () => {
    const out = join(dir, 'pirl.json');
    const missing = await cli('map', '--format', 'dol.pirl', '--input', input, '--period', '2025-03', '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('option "pirl.trainingTypeCode" is required');
    await expect(stat(out)).rejects.toThrow();
    const result = await cli('map', '--format', 'dol.pirl', '--input', input, '--period', '2025-03', '--as-of', '2025-04-05', '--option', 'pirl.trainingTypeCode=09', '--out', out);
    expect(result.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toHaveLength(7);
  });

  it('refuses records that break the schema, printing the index and path of each problem, and writes nothing', async () => {
    const bad = join(dir, 'bad.json');
    const out = join(dir, 'bad.csv');
    await writeFile(bad, JSON.stringify([FIXTURES.obrien, { ...FIXTURES.vre, person: { ...FIXTURES.vre.person, ssn: '900-45-6789' } }]));
    const result = await cli('map', '--format', 'dol.status-changes', '--input', bad, '--period', '2025-03', '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('record 1: person.ssn: must match pattern "^[0-9]{9}$"');
    await expect(stat(out)).rejects.toThrow();
  });

  it('rejects bad arguments with exit 2 and the usage', async () => {
    const run = (...args: string[]) => cli('map', '--input', input, '--out', join(dir, 'x.csv'), ...args);
    const cases: Array<[string[], string]> = [
      [['--format', 'dol.nope', '--period', '2025-03'], 'unknown format "dol.nope"'],
      [['--format', 'dol.pirl'], 'a period is required'],
      [['--format', 'dol.pirl', '--period', '2025-13'], '--period "2025-13" is not a month'],
      [['--format', 'dol.pirl', '--period', '2025-03', '--from', '2025-03-01'], 'either --period or --from/--to'],
      [['--format', 'dol.rapids-upload', '--period', '2025-03', '--option', 'ssnFormat=stars'], 'option "ssnFormat" must be one of digits, dashed'],
      [['--format', 'dol.rapids-upload', '--period', '2025-03', '--option', 'ssnFormt=dashed'], 'dol.rapids-upload has no option "ssnFormt"'],
      [['--format', 'dol.rapids-upload', '--period', '2025-03', '--as-of', '2025-02-30'], '--as-of "2025-02-30" is not a date'],
      [['--format', 'dol.rapids-upload', '--period', '2025-03', '--verbose', 'yes'], 'unknown flag --verbose'],
    ];
    for (const [args, message] of cases) {
      const result = await run(...args);
      expect([result.code, result.stderr]).toEqual([2, expect.stringContaining(message)]);
      expect(result.stderr).toContain('Usage: journeyline map');
    }
    const pdf = await cli('map', '--format', 'dol.pirl', '--input', input, '--period', '2025-03', '--out', join(dir, 'x.pdf'));
    expect(pdf.stderr).toContain('dol.pirl writes .csv, .json, .xlsx; not');
    expect((await cli('map', '--help')).code).toBe(0);
  });
});
