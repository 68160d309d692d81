import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse';
import { UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { recordAudit } from '@journeyline/database/audit';
import { RecordAssembler } from '../assembler/record-assembler';
import { findFormat } from '../formats/format-registry';
import { ArtifactKind, MapContext, RecordProblem, ReportFormat, Row } from '../formats/report-format';
import { ApprenticeRecord } from '../record/apprentice-record';
import { validateRecords } from '../record/record-validator';
import { FormatRunError, runFormat } from '../writers/run-format';
import { ColumnWidths, streamXlsx } from '../writers/xlsx-writer';
import { ArtifactCipher, chunkPlace } from './artifact-cipher';
import { artifactChunks } from './artifact-reader';
import { ReportScopeKind, scopeCountQuery, ScopeSelection, scopeRegistrationsQuery } from './report-scope';
import { artifactFileName, CONTENT_TYPES, csvEncoder, jsonEncoder, RowEncoder } from './row-encoders';

/**
 * Registrations assembled, mapped and written per step. Each step costs nine planned queries
 * whatever its size, so bigger steps cost less per record (bench:reports); memory holds two steps.
 */
export const REPORT_BATCH_SIZE = 2000;
/** XLSX and PDF are built at the end and stored in slices of this size. */
const BINARY_CHUNK_BYTES = 1024 * 1024;

export interface GenerateAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** Attempts the queue allows; the last one marks the run failed when it fails. */
  attempts: number;
  progress?: (progress: { processed: number; total: number }) => Promise<unknown> | unknown;
}

export type GenerateResult =
  | { outcome: 'succeeded'; runId: string; processed: number; rows: number; problems: number }
  | { outcome: 'skipped'; runId: string; status: 'succeeded' | 'failed' };

interface RunRow {
  id: string;
  format: string;
  scope_kind: ReportScopeKind;
  scope_id: string;
  period_start: string;
  period_end: string;
  as_of: string;
  options: Record<string, string>;
  include_ssn: boolean;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  requested_by: string | null;
}

/** One batch read in the run's snapshot: how many registrations, their records, and the problems found while reading. */
interface ReadBatch {
  size: number;
  assembled: ApprenticeRecord[];
  problems: RecordProblem[];
}

interface StoredChunk {
  kind: ArtifactKind;
  seq: number;
  bytes: Buffer;
  keyId: string | null;
}

/** One artifact being written: its chunk sequence, size and running SHA-256 of the plain bytes. */
class ArtifactWriter {
  private readonly hash = createHash('sha256');
  private seq = 0;
  size = 0;

  constructor(
    private readonly runId: string,
    readonly kind: ArtifactKind,
    private readonly cipher: ArtifactCipher | null,
  ) {}

  chunk(bytes: Buffer): StoredChunk | null {
    if (!bytes.length) return null;
    this.hash.update(bytes);
    this.size += bytes.length;
    const seq = this.seq++;
    if (!this.cipher) return { kind: this.kind, seq, bytes, keyId: null };
    const sealed = this.cipher.seal(bytes, chunkPlace(this.runId, this.kind, seq));
    return { kind: this.kind, seq, bytes: sealed.bytes, keyId: sealed.keyId };
  }

  sha256(): string {
    return this.hash.digest('hex');
  }
}

/**
 * The GenerateReport job. Re-reads the run; skips it once it has succeeded or failed; otherwise
 * starts over (partial chunks and problems of an earlier attempt are deleted) and streams the
 * scope's registrations in batches, in the writers' order, from one REPEATABLE READ snapshot:
 * assemble → validate against the record schema → map → append CSV/JSON chunks, problems and
 * progress. The XLSX needs its column widths before its first row, so it is written at the end
 * from the stored CSV, read back a chunk at a time. Artifacts, the SSN export audit and
 * `succeeded` commit together. Nothing reads the clock, so an attempt that starts over writes the
 * same bytes.
 *
 * Memory: two batches of records and rows (the next batch is read while one is written), plus the
 * compressed XLSX while it is written. Formats
 * with a PDF (the VA forms, one page per row) also keep their mapped rows, and pdf-lib holds the
 * whole document: that part grows with the rows.
 */
@Injectable()
export class ReportGenerator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assembler: RecordAssembler,
    private readonly cipher: ArtifactCipher,
  ) {}

  async generate(runId: string, attempt: GenerateAttempt = { attempt: 1, attempts: 1 }, batchSize = REPORT_BATCH_SIZE): Promise<GenerateResult> {
    const [run]: RunRow[] = await this.dataSource.query(
      `SELECT id, format, scope_kind, scope_id, period_start::text AS period_start, period_end::text AS period_end,
              as_of::text AS as_of, options, include_ssn, status, requested_by
         FROM report_runs WHERE id = $1`,
      [runId],
    );
    if (!run) throw new UnrecoverableError(`Report run ${runId} does not exist`);
    if (run.status === 'succeeded' || run.status === 'failed') return { outcome: 'skipped', runId, status: run.status };
    try {
      const format = findFormat(run.format);
      if (!format) throw new UnrecoverableError(`Report format ${run.format} is not known to this worker`);
      return await this.produce(run, format, attempt, batchSize);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Retrying cannot fix a missing format or options the format refuses.
      const hopeless = error instanceof UnrecoverableError || error instanceof FormatRunError;
      if (hopeless || attempt.attempt >= attempt.attempts) {
        await this.markFailed(run.id, message);
        throw hopeless && !(error instanceof UnrecoverableError) ? new UnrecoverableError(message) : error;
      }
      await this.dataSource.query(`UPDATE report_runs SET error = $2 WHERE id = $1 AND status IN ('queued', 'running')`, [
        run.id,
        `attempt ${attempt.attempt} of ${attempt.attempts} failed: ${message}`,
      ]);
      throw error;
    }
  }

  private async produce(run: RunRow, format: ReportFormat, attempt: GenerateAttempt, batchSize: number): Promise<GenerateResult> {
    const reader = this.dataSource.createQueryRunner();
    await reader.connect();
    try {
      await reader.startTransaction('REPEATABLE READ');
      // Held until the run is written: a stalled attempt that is still alive and its retry never interleave.
      const [{ locked }] = await reader.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [`report-run:${run.id}`]);
      if (!locked) throw new Error('another attempt of this run is still working');
      const result = await this.stream(reader, run, format, attempt, batchSize);
      await reader.commitTransaction();
      return result;
    } finally {
      if (reader.isTransactionActive) await reader.rollbackTransaction().catch(() => undefined);
      await reader.release();
    }
  }

  private async stream(reader: QueryRunner, run: RunRow, format: ReportFormat, attempt: GenerateAttempt, batchSize: number): Promise<GenerateResult> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE report_runs SET status = 'running', started_at = now(), finished_at = NULL, processed = 0, total = NULL WHERE id = $1`,
        [run.id],
      );
      await clearOutput(manager, run.id);
    });
    const selection: ScopeSelection = { kind: run.scope_kind, scopeId: run.scope_id, format: run.format, period: { start: run.period_start, end: run.period_end } };
    const [{ total }] = await reader.query(...scopeCountQuery(selection));
    await this.dataSource.query(`UPDATE report_runs SET total = $2 WHERE id = $1`, [run.id, total]);
    await attempt.progress?.({ processed: 0, total });

    const context: MapContext = { asOf: run.as_of, period: { start: run.period_start, end: run.period_end }, options: run.options };
    const cipher = run.include_ssn ? this.cipher : null;
    const streamed = new Map<ArtifactKind, { encoder: RowEncoder; writer: ArtifactWriter }>();
    if (format.outputs.includes('csv')) streamed.set('csv', { encoder: csvEncoder(format.columns), writer: new ArtifactWriter(run.id, 'csv', cipher) });
    if (format.outputs.includes('json')) streamed.set('json', { encoder: jsonEncoder(format.columns), writer: new ArtifactWriter(run.id, 'json', cipher) });
    // The XLSX is read back from the CSV, so a format cannot have one without the other.
    if (format.outputs.includes('xlsx') && !streamed.has('csv')) throw new UnrecoverableError(`${format.id} writes xlsx without csv`);
    const keepRows = format.outputs.includes('pdf');
    const rows: Row[] = [];
    const widths = new ColumnWidths(format.columns);
    let processed = 0;
    let rowCount = 0;
    let problemCount = 0;
    let ssnRecords = 0;
    let first = true;

    const [registrationsSql, registrationParams] = scopeRegistrationsQuery(selection);
    await reader.query(`DECLARE report_run_registrations NO SCROLL CURSOR FOR ${registrationsSql}`, registrationParams);
    const readBatch = async (): Promise<ReadBatch | null> => {
      const batch: Array<{ id: string }> = await reader.query(`FETCH FORWARD ${Number(batchSize)} FROM report_run_registrations`);
      if (!batch.length) return null;
      const problems: RecordProblem[] = [];
      const assembled = await this.assembler.assemble(
        batch.map((row) => row.id),
        { asOf: run.as_of, includeSsn: run.include_ssn, manager: reader.manager, onUnreadableSsn: (problem) => problems.push(problem) },
      );
      return { size: batch.length, assembled, problems };
    };
    // The reader assembles the next batch while this one is validated, mapped and written, so
    // Postgres and the worker's CPU work side by side.
    let next = readBatch();
    // Marks the read handled while the batch before it is processed; its outcome is awaited below.
    next.catch(() => undefined);
    try {
      for (;;) {
        const current = await next;
        if (!current) break;
        next = readBatch();
        next.catch(() => undefined);
        const { size, assembled, problems } = current;
        const records = validRecords(assembled, problems);
        const mapped = await runFormat(format, records, context, []);
        problems.push(...mapped.problems);
        ssnRecords += exportedSsnCount(format, records, mapped.problems, context);

        const chunks: StoredChunk[] = [];
        for (const { encoder, writer } of streamed.values()) {
          const bytes = Buffer.concat([first ? encoder.begin() : Buffer.alloc(0), encoder.encode(mapped.rows)]);
          const chunk = writer.chunk(bytes);
          if (chunk) chunks.push(chunk);
        }
        first = false;
        await this.dataSource.transaction(async (manager) => {
          await insertChunks(manager, run.id, chunks);
          await insertProblems(manager, run.id, problems);
          await manager.query(`UPDATE report_runs SET processed = processed + $2 WHERE id = $1`, [run.id, size]);
        });
        processed += size;
        rowCount += mapped.rows.length;
        problemCount += problems.length;
        widths.track(mapped.rows);
        if (keepRows) rows.push(...mapped.rows);
        await attempt.progress?.({ processed, total });
      }
    } catch (error) {
      // The read in flight finishes before the snapshot is rolled back and the connection released.
      await next.catch(() => undefined);
      throw error;
    }
    await reader.query(`CLOSE report_run_registrations`);

    const chunks: StoredChunk[] = [];
    const writers: ArtifactWriter[] = [];
    for (const { encoder, writer } of streamed.values()) {
      const chunk = writer.chunk(Buffer.concat([first ? encoder.begin() : Buffer.alloc(0), encoder.end()]));
      if (chunk) chunks.push(chunk);
      writers.push(writer);
    }
    for (const kind of ['xlsx', 'pdf'] as const) {
      if (!format.outputs.includes(kind)) continue;
      const bytes =
        kind === 'xlsx'
          ? await streamXlsx(format.title, format.columns, widths.widths, this.storedCsvRows(run.id, rowCount), context.asOf)
          : Buffer.from(await format.renderPdf!(rows, context));
      const writer = new ArtifactWriter(run.id, kind, cipher);
      for (let offset = 0; offset < bytes.length; offset += BINARY_CHUNK_BYTES) {
        chunks.push(writer.chunk(bytes.subarray(offset, offset + BINARY_CHUNK_BYTES))!);
      }
      writers.push(writer);
    }

    await this.dataSource.transaction(async (manager) => {
      await insertChunks(manager, run.id, chunks);
      for (const writer of writers) {
        await manager.query(
          `INSERT INTO report_artifacts (run_id, kind, size, sha256, content_type, file_name) VALUES ($1, $2, $3, $4, $5, $6)`,
          [run.id, writer.kind, writer.size, writer.sha256(), CONTENT_TYPES[writer.kind], artifactFileName(run.format, context.period, run.id, writer.kind)],
        );
      }
      if (run.include_ssn) {
        await recordAudit(manager, {
          actorUserId: run.requested_by,
          action: 'report.ssn_export',
          entity: 'report_run',
          entityId: run.id,
          after: { format: run.format, recordsWithSsn: ssnRecords },
        });
      }
      const updated = await manager.query(
        `UPDATE report_runs SET status = 'succeeded', finished_at = now(), error = NULL WHERE id = $1 AND status = 'running' RETURNING id`,
        [run.id],
      );
      if (!updated.length) throw new Error('the run stopped being in progress while it was written');
    });
    return { outcome: 'succeeded', runId: run.id, processed, rows: rowCount, problems: problemCount };
  }

  /** The data rows of the run's CSV as committed so far (every row: the CSV's ending adds no bytes). */
  private async *storedCsvRows(runId: string, rowCount: number): AsyncGenerator<string[]> {
    if (rowCount === 0) return;
    const chunks = artifactChunks((sql, params) => this.dataSource.query(sql, params), this.cipher, runId, 'csv');
    let header = true;
    for await (const cells of Readable.from(chunks).pipe(parse({ bom: false }))) {
      if (header) header = false;
      else yield cells as string[];
    }
  }

  private async markFailed(runId: string, message: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const updated = await manager.query(
        `UPDATE report_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
        [runId, message.slice(0, 2000)],
      );
      if (updated.length) await clearOutput(manager, runId);
    });
  }
}

async function clearOutput(manager: EntityManager, runId: string): Promise<void> {
  for (const table of ['report_problems', 'report_artifacts', 'report_artifact_chunks']) {
    await manager.query(`DELETE FROM ${table} WHERE run_id = $1`, [runId]);
  }
}

async function insertChunks(manager: EntityManager, runId: string, chunks: StoredChunk[]): Promise<void> {
  for (const chunk of chunks) {
    await manager.query(`INSERT INTO report_artifact_chunks (run_id, kind, seq, bytes, key_id) VALUES ($1, $2, $3, $4, $5)`, [
      runId,
      chunk.kind,
      chunk.seq,
      chunk.bytes,
      chunk.keyId,
    ]);
  }
}

async function insertProblems(manager: EntityManager, runId: string, problems: RecordProblem[]): Promise<void> {
  if (!problems.length) return;
  await manager.query(
    `INSERT INTO report_problems (run_id, registration_id, field, rule, message, source)
     SELECT $1, u.registration_id, u.field, u.rule, u.message, u.source
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS u(registration_id, field, rule, message, source, n)
      ORDER BY u.n`,
    [
      runId,
      problems.map((problem) => problem.registrationId),
      problems.map((problem) => problem.field),
      problems.map((problem) => problem.rule),
      problems.map((problem) => problem.message),
      problems.map((problem) => problem.source),
    ],
  );
}

/** The records that satisfy the published schema; each other one becomes problems and is left out. */
function validRecords(records: ApprenticeRecord[], problems: RecordProblem[]): ApprenticeRecord[] {
  const { records: valid, problems: invalid } = validateRecords(records);
  for (const problem of invalid) {
    problems.push({
      registrationId: records[problem.index!].registrationId,
      field: problem.path,
      rule: 'record.schema',
      message: problem.message,
      source: 'docs/schemas/apprentice-record.schema.json',
    });
  }
  return valid;
}

/** Records of the batch whose SSN can be in the artifact: applicable, mapped without problems, SSN present. */
function exportedSsnCount(format: ReportFormat, records: ApprenticeRecord[], problems: RecordProblem[], context: MapContext): number {
  const refused = new Set(problems.map((problem) => problem.registrationId));
  return records.filter((record) => record.person.ssn !== null && !refused.has(record.registrationId) && format.appliesTo(record, context)).length;
}
