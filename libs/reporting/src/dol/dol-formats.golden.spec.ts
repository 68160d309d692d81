import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { FIXTURE_CONTEXT, FIXTURE_RECORDS } from '../fixtures/records';
import { runFormat } from '../writers/run-format';
import { pirlFormat } from './pirl';
import { RAPIDS_UPLOAD_SCHEMA_PATCHED } from './rapids-table-schema';
import { rapidsUploadFormat } from './rapids-upload';
import { statusChangesFormat } from './status-changes';
import { validateTable } from './table-schema-validator';

// Golden files are reviewed by eye against dol.md; `UPDATE_GOLDEN=1` rewrites them.
const GOLDEN_DIR = join(process.cwd(), 'libs/reporting/src/dol/__golden__');

async function matchesGolden(name: string, actual: Buffer): Promise<void> {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(GOLDEN_DIR, { recursive: true });
    await writeFile(file, actual);
  }
  const golden = await readFile(file).catch(() => Buffer.from('(missing golden file)'));
  expect(actual.toString('utf8')).toBe(golden.toString('utf8'));
  expect(actual.equals(golden)).toBe(true);
}

describe.each([rapidsUploadFormat, statusChangesFormat, pirlFormat])('$id golden files', (format) => {
  it('writes the golden CSV, JSON and problem list for the fixture records', async () => {
    const run = await runFormat(format, FIXTURE_RECORDS, FIXTURE_CONTEXT);
    await matchesGolden(`${format.id}.csv`, run.artifacts.csv!);
    await matchesGolden(`${format.id}.json`, run.artifacts.json!);
    await matchesGolden(`${format.id}.problems.json`, Buffer.from(`${JSON.stringify(run.problems, null, 2)}\n`));
  });
});

describe('dol.rapids-upload golden CSV', () => {
  it('passes the patched RAPIDS table schema when parsed back', async () => {
    const run = await runFormat(rapidsUploadFormat, FIXTURE_RECORDS, FIXTURE_CONTEXT);
    const table: string[][] = parse(run.artifacts.csv!, { relax_column_count: true });
    expect(validateTable(RAPIDS_UPLOAD_SCHEMA_PATCHED, table)).toEqual([]);
    expect(table).toHaveLength(run.rows.length + 1);
  });
});
