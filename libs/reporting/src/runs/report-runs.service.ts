import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Clock } from '@journeyline/common/clock';
import { DomainError } from '@journeyline/common/domain-error';
import { Page, PageArgs, paginate } from '@journeyline/common/pagination';
import { recordAudit } from '@journeyline/database/audit';
import { ArtifactKind, FormatId } from '../formats/report-format';
import { ArtifactCipher } from './artifact-cipher';
import { artifactChunks, findArtifact, RowQuery, StoredArtifact } from './artifact-reader';
import { ReportRunEntity } from './report-run.entity';
import { ReportProblemModel, ReportRunsArgs, RequestReportRunInput } from './report-run.models';
import { ReportScopeKind, runScopeFilter, SCOPE_EXISTS_SQL, scopeIdProblem } from './report-scope';
import { insertRunRequest, monthPeriod, normalizeOptions, runRequestProblems } from './run-request';

const ARTIFACT_KINDS: readonly ArtifactKind[] = ['csv', 'json', 'xlsx', 'pdf'];

export interface ArtifactDownload {
  artifact: StoredArtifact;
  chunks: AsyncIterable<Buffer>;
}

/** Requesting report runs and reading them back: status, artifacts and problems. The worker does the work (ReportGenerator). */
@Injectable()
export class ReportRunsService {
  private readonly query: RowQuery;

  constructor(
    @InjectRepository(ReportRunEntity) private readonly runs: Repository<ReportRunEntity>,
    private readonly dataSource: DataSource,
    private readonly cipher: ArtifactCipher,
    private readonly clock: Clock,
  ) {
    this.query = (sql, params) => this.dataSource.query(sql, params);
  }

  /**
   * Queues a run, or returns the run already made for the same format, scope, period, asOf,
   * options and SSN choice while it has not failed. The run and its `report.requested` event
   * commit together.
   */
  async request(scope: AccessScope, input: RequestReportRunInput): Promise<ReportRunEntity> {
    const asOf = input.asOf ?? this.clock.today();
    const problems = runRequestProblems(input, asOf);
    const idProblem = scopeIdProblem(input.scope.kind, input.scope.id);
    if (idProblem) problems.push({ field: 'scope.id', reason: idProblem });
    if (problems.length) throw DomainError.validation(problems);
    await this.assertScopeReachable(scope, input.scope.kind, input.scope.id);

    const { runId } = await this.dataSource.transaction((manager) =>
      insertRunRequest(manager, {
        format: input.format as FormatId,
        scopeKind: input.scope.kind,
        scopeId: input.scope.id,
        period: input.period ? { start: input.period.start, end: input.period.end } : monthPeriod(input.month!),
        asOf,
        options: normalizeOptions(input.options),
        includeSsn: input.includeSsn,
        requestedBy: scope.userId,
      }),
    );
    return this.runs.findOneByOrFail({ id: runId });
  }

  /** The run if its scope is in the caller's reach; NOT_FOUND (naming `field`) otherwise. */
  async getVisible(scope: AccessScope, id: string, field = 'id'): Promise<ReportRunEntity> {
    const filter = runScopeFilter(scope, 'rr');
    const run = await this.runs.createQueryBuilder('rr').where('rr.id = :id', { id }).andWhere(filter.sql, filter.params).getOne();
    if (!run) throw DomainError.notFound('report run', field);
    return run;
  }

  async list(scope: AccessScope, args: ReportRunsArgs): Promise<Page<ReportRunEntity>> {
    const filter = runScopeFilter(scope, 'rr');
    const query = this.runs.createQueryBuilder('rr').where(filter.sql, filter.params);
    if (args.format) query.andWhere('rr.format = :format', { format: args.format });
    if (args.status) query.andWhere('rr.status = :status', { status: args.status });
    return paginate(query, args);
  }

  /** Problems of a visible run, in the order they were found (the output order). */
  async problems(scope: AccessScope, runId: string, args: PageArgs): Promise<Page<ReportProblemModel>> {
    await this.getVisible(scope, runId, 'runId');
    const after = args.after ? decodeProblemCursor(args.after) : '0';
    const rows: Array<ProblemRow> = await this.dataSource.query(
      `SELECT pr.id::text AS id, pr.registration_id, pr.field, pr.rule, pr.message, pr.source,
              a.first_name || ' ' || a.last_name AS apprentice_name
         FROM report_problems pr
         LEFT JOIN registrations r ON r.id = pr.registration_id
         LEFT JOIN apprentices a ON a.id = r.apprentice_id
        WHERE pr.run_id = $1 AND pr.id > $2::bigint
        ORDER BY pr.id LIMIT $3`,
      [runId, after, args.first + 1],
    );
    const nodes = rows.slice(0, args.first);
    return {
      nodes: nodes.map((row) => ({
        registrationId: row.registration_id ?? undefined,
        apprenticeName: row.apprentice_name ?? undefined,
        field: row.field,
        rule: row.rule,
        message: row.message,
        source: row.source,
      })),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        endCursor: nodes.length ? Buffer.from(`problem:${nodes[nodes.length - 1].id}`, 'utf8').toString('base64url') : undefined,
      },
    };
  }

  async artifactsByRunIds(runIds: readonly string[]): Promise<StoredArtifact[]> {
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT run_id, kind, size::text AS size, sha256, content_type, file_name FROM report_artifacts WHERE run_id = ANY($1::uuid[])
        ORDER BY run_id, array_position(ARRAY['csv', 'json', 'xlsx', 'pdf'], kind)`,
      [runIds],
    );
    return rows.map((row) => ({
      runId: row.run_id,
      kind: row.kind as ArtifactKind,
      size: Number(row.size),
      sha256: row.sha256,
      contentType: row.content_type,
      fileName: row.file_name,
    }));
  }

  async problemCounts(runIds: readonly string[]): Promise<Array<{ runId: string; count: number }>> {
    const rows: Array<{ run_id: string; count: number }> = await this.dataSource.query(
      `SELECT run_id, count(*)::int AS count FROM report_problems WHERE run_id = ANY($1::uuid[]) GROUP BY run_id`,
      [runIds],
    );
    return rows.map((row) => ({ runId: row.run_id, count: row.count }));
  }

  /**
   * A finished artifact of a visible run and its bytes, read a chunk at a time. Downloading an
   * artifact that carries SSNs is audited before the first byte goes out.
   */
  async openArtifact(scope: AccessScope, runId: string, kind: string): Promise<ArtifactDownload> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(runId)) throw DomainError.invalidField('runId', 'must be an id (UUID)');
    if (!ARTIFACT_KINDS.includes(kind as ArtifactKind)) throw DomainError.invalidField('kind', `must be one of ${ARTIFACT_KINDS.join(', ')}`);
    const run = await this.getVisible(scope, runId, 'runId');
    const artifact = run.status === 'succeeded' ? await findArtifact(this.query, run.id, kind as ArtifactKind) : null;
    if (!artifact) throw DomainError.notFound('report artifact', 'kind');
    if (run.includeSsn) {
      await recordAudit(this.dataSource.manager, {
        actorUserId: scope.userId,
        action: 'report.ssn_downloaded',
        entity: 'report_run',
        entityId: run.id,
        after: { kind, fileName: artifact.fileName, sha256: artifact.sha256 },
      });
    }
    return { artifact, chunks: artifactChunks(this.query, this.cipher, run.id, artifact.kind) };
  }

  private async assertScopeReachable(scope: AccessScope, kind: ReportScopeKind, id: string): Promise<void> {
    const [exists] = await this.dataSource.query(SCOPE_EXISTS_SQL[kind], [id]);
    const filter = runScopeFilter(scope, 'candidate');
    const reachable = exists
      ? await this.dataSource
          .createQueryBuilder()
          .select('1', 'reachable')
          .from('(SELECT CAST(:candidateKind AS text) AS scope_kind, CAST(:candidateId AS text) AS scope_id)', 'candidate')
          .where(filter.sql, filter.params)
          .setParameters({ candidateKind: kind, candidateId: id })
          .getRawOne()
      : undefined;
    if (!reachable) throw DomainError.notFound(kind === 'facility_code' ? 'facility code' : kind, 'scope.id');
  }
}

interface ProblemRow {
  id: string;
  registration_id: string | null;
  field: string;
  rule: string;
  message: string;
  source: string;
  apprentice_name: string | null;
}

function decodeProblemCursor(cursor: string): string {
  const match = /^problem:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw DomainError.invalidField('after', 'is not a cursor from this list');
  return match[1];
}
