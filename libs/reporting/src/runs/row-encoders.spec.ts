import { FIXTURE_CONTEXT, FIXTURE_RECORDS } from '../fixtures/records';
import { findFormat } from '../formats/format-registry';
import { Row } from '../formats/report-format';
import { VA_GOLDEN_CONTEXT, VA_FIXTURES } from '../va/fixtures';
import { runFormat } from '../writers/run-format';
import { artifactFileName, csvEncoder, jsonEncoder, RowEncoder } from './row-encoders';

function streamed(encoder: RowEncoder, rows: Row[], batchSizes: number[]): Buffer {
  const parts = [encoder.begin()];
  let offset = 0;
  for (const size of batchSizes) {
    parts.push(encoder.encode(rows.slice(offset, offset + size)));
    offset += size;
  }
  parts.push(encoder.encode(rows.slice(offset)), encoder.end());
  return Buffer.concat(parts);
}

describe('streamed CSV and JSON', () => {
  const cases = [
    ['dol.rapids-upload', FIXTURE_RECORDS, FIXTURE_CONTEXT],
    ['dol.status-changes', FIXTURE_RECORDS, FIXTURE_CONTEXT],
    ['va.monthly-certification', VA_FIXTURES, VA_GOLDEN_CONTEXT],
  ] as const;

  it.each(cases)('%s: any split into batches gives the bytes of the whole-file writers', async (id, records, context) => {
    const format = findFormat(id)!;
    const whole = await runFormat(format, records, context, ['csv', 'json']);
    expect(whole.rows.length).toBeGreaterThan(1);
    for (const sizes of [[], [0, 1], [1, 1, 1], [2, 0, 3], [whole.rows.length]]) {
      expect(streamed(csvEncoder(format.columns), whole.rows, sizes)).toEqual(whole.artifacts.csv);
      expect(streamed(jsonEncoder(format.columns), whole.rows, sizes)).toEqual(whole.artifacts.json);
    }
  });

  it('writes a header-only CSV and an empty JSON array when no row maps', () => {
    expect(streamed(csvEncoder(['a', 'b']), [], [0, 0]).toString()).toBe('a,b\r\n');
    expect(streamed(jsonEncoder(['a', 'b']), [], [0]).toString()).toBe('[]\n');
  });
});

describe('artifactFileName', () => {
  const run = '1a2b3c4d-0000-4000-8000-000000000000';

  it('names a calendar month by the month and any other period by its dates', () => {
    expect(artifactFileName('dol.rapids-upload', { start: '2026-10-01', end: '2026-10-31' }, run, 'csv')).toBe('dol.rapids-upload_2026-10_1a2b3c4d.csv');
    expect(artifactFileName('va.monthly-certification', { start: '2024-02-01', end: '2024-02-29' }, run, 'pdf')).toBe(
      'va.monthly-certification_2024-02_1a2b3c4d.pdf',
    );
    expect(artifactFileName('dol.pirl', { start: '2026-10-01', end: '2026-12-31' }, run, 'xlsx')).toBe('dol.pirl_2026-10-01_2026-12-31_1a2b3c4d.xlsx');
    expect(artifactFileName('dol.pirl', { start: '2026-10-01', end: '2026-10-30' }, run, 'json')).toBe('dol.pirl_2026-10-01_2026-10-30_1a2b3c4d.json');
  });
});
