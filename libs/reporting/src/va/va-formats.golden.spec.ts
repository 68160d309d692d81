import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFormat } from '../writers/run-format';
import { changeOfStatusFormat } from './change-of-status';
import { enrollmentFormat } from './enrollment';
import { VA_FIXTURES, VA_GOLDEN_CONTEXT } from './fixtures';
import { monthlyCertificationFormat } from './monthly-certification';
import { pdfTextLines, pdfTextRuns } from './pdf-text';
import { vre1905cFormat } from './vre-1905c';

// Golden files were checked by hand against va.md (see va-formats.spec.ts for the arithmetic of
// one trainee-month); `UPDATE_GOLDEN=1` rewrites them.
const GOLDEN_DIR = join(process.cwd(), 'libs/reporting/src/va/__golden__');

async function matchesGolden(name: string, actual: Buffer): Promise<void> {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(GOLDEN_DIR, { recursive: true });
    await writeFile(file, actual);
  }
  const golden = await readFile(file).catch(() => Buffer.from('(missing golden file)'));
  expect(actual.toString('utf8')).toBe(golden.toString('utf8'));
}

describe.each([monthlyCertificationFormat, enrollmentFormat, changeOfStatusFormat, vre1905cFormat])('$id golden files', (format) => {
  it('writes the golden CSV, JSON and problem list for the VA fixtures', async () => {
    const run = await runFormat(format, VA_FIXTURES, VA_GOLDEN_CONTEXT, ['csv', 'json']);
    await matchesGolden(`${format.id}.csv`, run.artifacts.csv!);
    await matchesGolden(`${format.id}.json`, run.artifacts.json!);
    await matchesGolden(`${format.id}.problems.json`, Buffer.from(`${JSON.stringify(run.problems, null, 2)}\n`));
  });
});

describe.each([monthlyCertificationFormat, enrollmentFormat])('$id printable form', (format) => {
  it('prints the golden text, one page per row', async () => {
    const run = await runFormat(format, VA_FIXTURES, VA_GOLDEN_CONTEXT, ['pdf']);
    const pages = await pdfTextRuns(run.artifacts.pdf!);
    expect(pages).toHaveLength(run.rows.length);
    await matchesGolden(`${format.id}.pdf.txt`, Buffer.from(`${pdfTextLines(pages).join('\n')}\n`));
  });

  it('writes identical bytes on every run', async () => {
    const first = await runFormat(format, VA_FIXTURES, VA_GOLDEN_CONTEXT, ['pdf']);
    const second = await runFormat(format, [...VA_FIXTURES].reverse(), VA_GOLDEN_CONTEXT, ['pdf']);
    expect(Buffer.compare(first.artifacts.pdf!, second.artifacts.pdf!)).toBe(0);
  });
});
