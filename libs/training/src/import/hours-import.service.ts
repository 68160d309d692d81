import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { DomainError } from '@journeyline/common/domain-error';
import { recordAudit } from '@journeyline/database/audit';
import { RulesService } from '@journeyline/rules/rules.service';
import { CLOSED_STATUSES } from '../hour-rules';
import { refreshOverAllotment } from '../ojt-hours.sql';
import {
  csvProblem,
  csvParser,
  CsvLineNumberer,
  LineEndingNormalizer,
  RowProblem,
  STAGING_COLUMNS,
  StagingRowEncoder,
  UnreadableFileError,
  xlsxRecords,
} from './hours-file-reader';
import {
  BACKDATED_WORK_PROCESS_PAIRS,
  CHECK_ROWS,
  COUNT_ERROR_LINES,
  lockRegistrations,
  MERGE_ROWS,
  RECORD_DAY_CAP,
  RECORD_DUPLICATE_KEYS,
  RECORD_ROW_ERRORS,
  RECORD_STORED_KEY_CONFLICTS,
} from './hours-import-statements';

export type HoursImportMode = 'all_or_nothing' | 'valid_rows';
export type HoursImportStatus = 'staged' | 'imported' | 'rejected';

export interface HoursImportOutcome {
  importId: string;
  fileName: string;
  mode: HoursImportMode;
  status: HoursImportStatus;
  totalRows: number;
  importedRows: number;
  errorRows: number;
  createdAt: Date;
}

export interface HoursUpload {
  fileName: string;
  contentBase64: string;
  mode: HoursImportMode;
}

/** A 50 MB CSV is roughly a million rows; larger files go through `journeyline import-hours`, which streams them. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_ERROR_LINES_PER_PAGE = 1000;

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const COPY_ROWS = `COPY ojt_import_rows (import_id, line, ${STAGING_COLUMNS.join(', ')}) FROM STDIN`;
// Sorting and hashing a large file's rows in memory instead of spilling to disk.
const IMPORT_WORK_MEM = '256MB';

/** The streams that turn the file into SheetRecords, in pipeline order, starting with the file itself. */
type RecordReader = (input: Readable) => [Readable, ...NodeJS.ReadWriteStream[]];

const csvRecords: RecordReader = (input) => [input, new LineEndingNormalizer(), csvParser(), new CsvLineNumberer()];
const xlsxSheetRecords: RecordReader = (input) => [Readable.from(xlsxRecords(input))];

/**
 * Bulk import of OJT hours from payroll and timesheet exports. The file streams into the
 * ojt_import_rows staging table with COPY; the rules and the merge are set-based SQL over the
 * whole import, in one transaction on one connection, so nothing is half-written.
 */
@Injectable()
export class HoursImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly rules: RulesService,
  ) {}

  /** Imports a CSV file (header row first) read from `stream`. */
  importCsv(scope: AccessScope, fileName: string, stream: Readable, mode: HoursImportMode): Promise<HoursImportOutcome> {
    return this.run(scope, fileName, mode, stream, csvRecords);
  }

  /** Imports the first worksheet of an XLSX workbook read from `stream`. */
  importXlsx(scope: AccessScope, fileName: string, stream: Readable, mode: HoursImportMode): Promise<HoursImportOutcome> {
    return this.run(scope, fileName, mode, stream, xlsxSheetRecords);
  }

  /** The importOjtHours mutation: the file arrives base64-encoded; its extension picks the format. */
  async importUpload(scope: AccessScope, upload: HoursUpload): Promise<HoursImportOutcome> {
    const extension = extname(upload.fileName).toLowerCase();
    if (extension !== '.csv' && extension !== '.xlsx') {
      throw DomainError.invalidField('fileName', 'must name a .csv or .xlsx file');
    }
    const stream = Readable.from([decodeUpload(upload.contentBase64)]);
    return extension === '.csv'
      ? this.importCsv(scope, upload.fileName, stream, upload.mode)
      : this.importXlsx(scope, upload.fileName, stream, upload.mode);
  }

  /** A past import, visible to the user who ran it and to platform administrators. */
  async getVisible(scope: AccessScope, id: string, field = 'id'): Promise<HoursImportOutcome> {
    const [row] = await this.dataSource.query(
      `SELECT id, file_name, mode, status, total_rows, imported_rows, error_rows, created_at
         FROM ojt_imports WHERE id = $1 AND (created_by = $2 OR $3::boolean)`,
      [id, scope.userId, scope.isPlatformAdmin],
    );
    if (!row) throw DomainError.notFound('hours import', field);
    return {
      importId: row.id,
      fileName: row.file_name,
      mode: row.mode,
      status: row.status,
      totalRows: row.total_rows,
      importedRows: row.imported_rows,
      errorRows: row.error_rows,
      createdAt: row.created_at,
    };
  }

  /**
   * The import's errors in line order: those of the first `first` bad lines after `afterLine`.
   * A line's errors are never split across pages.
   */
  async errors(importId: string, first: number, afterLine = 0): Promise<RowProblem[]> {
    return this.dataSource.query(
      `SELECT line, field, reason FROM ojt_import_errors
        WHERE import_id = $1 AND line IN (
          SELECT DISTINCT line FROM ojt_import_errors WHERE import_id = $1 AND line > $2 ORDER BY line LIMIT $3)
        ORDER BY line, field`,
      [importId, afterLine, Math.min(first, MAX_ERROR_LINES_PER_PAGE)],
    );
  }

  private async run(
    scope: AccessScope,
    fileName: string,
    mode: HoursImportMode,
    input: Readable,
    readRecords: RecordReader,
  ): Promise<HoursImportOutcome> {
    if (!scope.can(Permission.LogHours)) {
      input.destroy();
      throw DomainError.forbidden('You may not log OJT hours');
    }
    const importId = randomUUID();
    const runner = this.dataSource.createQueryRunner();
    const encoder = new StagingRowEncoder(importId);
    try {
      // The pg client under the runner: COPY needs the driver's own connection.
      const client = (await runner.connect()) as PoolClient;
      await runner.startTransaction();
      await runner.query(`SET LOCAL work_mem = '${IMPORT_WORK_MEM}'`);
      const createdAt = await insertImport(runner, scope, importId, fileName, mode);
      try {
        await pipeline([...readRecords(input), encoder, client.query(copyFrom(COPY_ROWS))]);
      } catch (error) {
        const problems = fileProblems(error);
        if (!problems) throw error;
        await runner.rollbackTransaction();
        return await this.recordUnreadable(runner, scope, { importId, fileName, mode, totalRows: encoder.rows }, problems);
      }
      const outcome = await this.checkAndMerge(runner, scope, importId, mode, encoder.rows);
      const result = await this.finish(runner, scope, { importId, fileName, mode, createdAt, totalRows: encoder.rows, ...outcome });
      await runner.commitTransaction();
      return result;
    } catch (error) {
      // The file may not have been read to its end (a file stream would stay open).
      input.destroy();
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async checkAndMerge(
    runner: QueryRunner,
    scope: AccessScope,
    importId: string,
    mode: HoursImportMode,
    totalRows: number,
  ): Promise<{ status: HoursImportStatus; importedRows: number; errorRows: number }> {
    const today = this.clock.today();
    const reach = scope.registrationFilter(Permission.LogHours, 'x');
    const params = { ...reach.params, importId, today, actorId: scope.userId, closedStatuses: [...CLOSED_STATUSES] };
    const query = (sql: string, extra: Record<string, unknown> = {}) => {
      const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, { ...params, ...extra });
      return runner.query(text, values);
    };

    const locked: Array<{ id: string; state: string; usable: boolean }> = await query(lockRegistrations(reach.sql));
    const usable = locked.filter((registration) => registration.usable);
    const caps = await this.dailyCaps(runner.manager, [...new Set(usable.map((registration) => registration.state))], today);
    await query(CHECK_ROWS, { registrationIds: usable.map((registration) => registration.id) });
    // Temporary tables are never analyzed automatically; the rules' joins need real row counts.
    await runner.query(`ANALYZE ojt_import_checked`);
    await query(RECORD_ROW_ERRORS);
    await query(RECORD_STORED_KEY_CONFLICTS);
    await query(RECORD_DUPLICATE_KEYS);
    await query(RECORD_DAY_CAP, { capStates: caps.map(([state]) => state), capHours: caps.map(([, hours]) => hours) });
    const [{ lines: errorRows }] = await query(COUNT_ERROR_LINES);

    if (mode === 'all_or_nothing' && errorRows > 0) return { status: 'rejected', importedRows: 0, errorRows };
    const [{ imported }] = await query(MERGE_ROWS);
    // Hours past a work process's allotted maximum are flagged (VA stops counting them): the new
    // entries by the merge, older ones a backdated row pushed over here.
    if (imported > 0) await refreshOverAllotment(runner.manager, await query(BACKDATED_WORK_PROCESS_PAIRS));
    // Nothing could be taken when every row is bad.
    const status = errorRows > 0 && errorRows === totalRows ? 'rejected' : 'imported';
    return { status, importedRows: imported, errorRows };
  }

  /** The blocking daily maximum (rule hours.max_per_day) per state; states where the rule only warns or is off have none. */
  private async dailyCaps(manager: EntityManager, states: string[], today: string): Promise<Array<[state: string, maxHours: number]>> {
    const caps: Array<[string, number]> = [];
    for (const state of states) {
      const book = await this.rules.ruleBook(state, today, manager);
      if (book.setting('hours.max_per_day').severity === 'error') caps.push([state, book.numberParam('hours.max_per_day', 'maxHours')]);
    }
    return caps;
  }

  /** Records the counts and the audit row, and empties the import's staging rows. */
  private async finish(
    runner: QueryRunner,
    scope: AccessScope,
    outcome: HoursImportOutcome,
  ): Promise<HoursImportOutcome> {
    await runner.query(
      `UPDATE ojt_imports SET status = $2, total_rows = $3, imported_rows = $4, error_rows = $5 WHERE id = $1`,
      [outcome.importId, outcome.status, outcome.totalRows, outcome.importedRows, outcome.errorRows],
    );
    await runner.query(`DELETE FROM ojt_import_rows WHERE import_id = $1`, [outcome.importId]);
    await recordAudit(runner.manager, {
      actorUserId: scope.userId,
      action: 'hours.imported',
      entity: 'ojt_import',
      entityId: outcome.importId,
      after: {
        fileName: outcome.fileName,
        mode: outcome.mode,
        status: outcome.status,
        totalRows: outcome.totalRows,
        importedRows: outcome.importedRows,
        errorRows: outcome.errorRows,
      },
    });
    return outcome;
  }

  /** A file that cannot be read is recorded as rejected with its problems; nothing is staged or merged. */
  private async recordUnreadable(
    runner: QueryRunner,
    scope: AccessScope,
    outcome: Pick<HoursImportOutcome, 'importId' | 'fileName' | 'mode' | 'totalRows'>,
    problems: RowProblem[],
  ): Promise<HoursImportOutcome> {
    await runner.startTransaction();
    const createdAt = await insertImport(runner, scope, outcome.importId, outcome.fileName, outcome.mode);
    await runner.query(
      `INSERT INTO ojt_import_errors (import_id, line, field, reason)
       SELECT $1, line, field, reason FROM unnest($2::int[], $3::text[], $4::text[]) AS p (line, field, reason)`,
      [outcome.importId, problems.map((p) => p.line), problems.map((p) => p.field), problems.map((p) => p.reason)],
    );
    const errorRows = new Set(problems.map((problem) => problem.line)).size;
    const result = await this.finish(runner, scope, { ...outcome, createdAt, status: 'rejected', importedRows: 0, errorRows });
    await runner.commitTransaction();
    return result;
  }
}

async function insertImport(
  runner: QueryRunner,
  scope: AccessScope,
  importId: string,
  fileName: string,
  mode: HoursImportMode,
): Promise<Date> {
  const [row] = await runner.query(
    `INSERT INTO ojt_imports (id, file_name, mode, status, created_by) VALUES ($1, $2, $3, 'staged', $4) RETURNING created_at`,
    [importId, fileName, mode, scope.userId],
  );
  return row.created_at;
}

/** The problems that make a file unreadable, or null for any other failure (which is rethrown). */
function fileProblems(error: unknown): RowProblem[] | null {
  if (error instanceof UnreadableFileError) return error.problems;
  const problem = csvProblem(error);
  return problem ? [problem] : null;
}

function decodeUpload(contentBase64: string): Buffer {
  const compact = contentBase64.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  // Checked before decoding, so an oversized upload never costs its decoded size in memory.
  if (Math.floor((compact.length * 3) / 4) - padding > MAX_UPLOAD_BYTES) {
    throw DomainError.invalidField(
      'contentBase64',
      `the file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB: import it with \`journeyline import-hours\`, which streams it`,
    );
  }
  if (compact === '') throw DomainError.invalidField('contentBase64', 'the file is empty');
  if (!BASE64.test(compact)) throw DomainError.invalidField('contentBase64', 'must be base64-encoded');
  return Buffer.from(compact, 'base64');
}
