import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '@journeyline/config/app-config';
import { ArtifactCipher, chunkPlace } from '@journeyline/reporting/runs/artifact-cipher';
import { captureOutput } from '../../../test/support/captured-output';
import { testConfig } from '../../../test/support/test-config';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { mapFromCli } from './map';

/** `journeyline map --run`: artifacts of finished runs, straight from the database. */
describe('journeyline map --run', () => {
  let database: TestDatabase;
  let config: AppConfig;
  let client: Client;
  let dir: string;

  const csv = Buffer.from('Apprentice Last Name,Social Security Number\r\nBigeagle,533229041\r\nReed,521417788\r\n');
  const parts = [csv.subarray(0, 30), csv.subarray(30)];
  const sha256 = createHash('sha256').update(csv).digest('hex');

  const cli = (...args: string[]) => captureOutput(() => mapFromCli(args, new Date(), config));

  /** A finished run with a CSV stored in two chunks, sealed when it carries SSNs. */
  async function storedRun(options: { includeSsn: boolean; status?: string }): Promise<string> {
    const runId = randomUUID();
    await client.query(
      `INSERT INTO report_runs (id, format, scope_kind, scope_id, period_start, period_end, as_of, include_ssn, status, dedupe_key)
       VALUES ($1::uuid, 'dol.rapids-upload', 'sponsor', $1::text, '2026-10-01', '2026-10-31', '2026-11-02', $2, $3, $1::text)`,
      [runId, options.includeSsn, options.status ?? 'succeeded'],
    );
    const cipher = new ArtifactCipher(config);
    for (const [seq, part] of parts.entries()) {
      const stored = options.includeSsn ? cipher.seal(part, chunkPlace(runId, 'csv', seq)) : { bytes: part, keyId: null };
      await client.query(`INSERT INTO report_artifact_chunks (run_id, kind, seq, bytes, key_id) VALUES ($1, 'csv', $2, $3, $4)`, [
        runId,
        seq,
        stored.bytes,
        stored.keyId,
      ]);
    }
    await client.query(
      `INSERT INTO report_artifacts (run_id, kind, size, sha256, content_type, file_name)
       VALUES ($1, 'csv', $2, $3, 'text/csv; charset=utf-8', $4)`,
      [runId, csv.length, sha256, `dol.rapids-upload_2026-10_${runId.slice(0, 8)}.csv`],
    );
    return runId;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig(database.url);
    client = new Client({ connectionString: database.url });
    await client.connect();
    dir = await mkdtemp(join(tmpdir(), 'journeyline-map-run-'));
  });

  afterAll(async () => {
    await client.end();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the artifact named by the extension after checking its SHA-256, opening sealed chunks and auditing SSNs', async () => {
    const runId = await storedRun({ includeSsn: true });
    const out = join(dir, 'nested', 'upload.csv');
    const result = await cli('--run', runId, '--out', out);
    expect(result).toEqual({
      code: 0,
      stdout: `dol.rapids-upload run ${runId}: dol.rapids-upload_2026-10_${runId.slice(0, 8)}.csv written to ${out} (${csv.length} bytes, sha256 ${sha256})\n`,
      stderr: '',
    });
    expect(await readFile(out)).toEqual(csv);
    const { rows } = await client.query(`SELECT action, actor_user_id, after FROM audit_log WHERE entity_id = $1`, [runId]);
    expect(rows).toEqual([
      { action: 'report.ssn_downloaded', actor_user_id: null, after: expect.objectContaining({ kind: 'csv', sha256, via: 'cli' }) },
    ]);
  });

  it('writes nothing and exits 1 when the stored bytes do not match the checksum', async () => {
    const runId = await storedRun({ includeSsn: false });
    await client.query(`UPDATE report_artifact_chunks SET bytes = $2 WHERE run_id = $1 AND seq = 1`, [runId, Buffer.from('Reed,000000000\r\n')]);
    const out = join(dir, 'tampered.csv');
    const result = await cli('--run', runId, '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${out}: checksum mismatch`);
    expect((await readdir(dir)).filter((name) => name.startsWith('tampered'))).toEqual([]);
  });

  it('exits 2 for runs that are unknown, unfinished or without that artifact, and for flags the run already fixed', async () => {
    const queued = await storedRun({ includeSsn: false, status: 'running' });
    const finished = await storedRun({ includeSsn: false });
    const cases: Array<[string[], string]> = [
      [['--run', randomUUID(), '--out', join(dir, 'a.csv')], 'there is no report run'],
      [['--run', queued, '--out', join(dir, 'a.csv')], `report run ${queued} is running`],
      [['--run', finished, '--out', join(dir, 'a.pdf')], `report run ${finished} (dol.rapids-upload) wrote no pdf`],
      [['--run', finished, '--out', join(dir, 'a.txt')], '--out must end in .csv, .json, .xlsx or .pdf'],
      [['--run', 'run-1', '--out', join(dir, 'a.csv')], 'is not a report run id'],
      [['--run', finished, '--format', 'dol.pirl', '--out', join(dir, 'a.csv')], '--format does not go with --run'],
    ];
    for (const [args, message] of cases) {
      const result = await cli(...args);
      expect({ code: result.code, message: result.stderr.includes(message) }).toEqual({ code: 2, message: true });
    }
  });
});
