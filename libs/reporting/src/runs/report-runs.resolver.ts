import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { Connection, mapPage, Page } from '@journeyline/common/pagination';
import { groupByKeys, indexByKeys, requestLoader, type RequestWithLoaders } from '@journeyline/common/request-loaders';
import { StoredArtifact } from './artifact-reader';
import { ReportRunEntity } from './report-run.entity';
import {
  ReportArtifactKindEnum,
  ReportArtifactModel,
  ReportProblemModel,
  ReportProblemsArgs,
  ReportRunModel,
  ReportRunsArgs,
  ReportRunStatusEnum,
  ReportScopeKindEnum,
  RequestReportRunInput,
} from './report-run.models';
import { ReportRunsService } from './report-runs.service';

const ReportRunConnection = Connection(ReportRunModel, 'ReportRun');
const ReportProblemConnection = Connection(ReportProblemModel, 'ReportProblem');

export function toReportRunModel(entity: ReportRunEntity): ReportRunModel {
  return {
    id: entity.id,
    format: entity.format,
    scope: { kind: entity.scopeKind as ReportScopeKindEnum, id: entity.scopeId },
    period: { start: entity.periodStart, end: entity.periodEnd },
    asOf: entity.asOf,
    options: Object.entries(entity.options).map(([key, value]) => ({ key, value })),
    includeSsn: entity.includeSsn,
    status: entity.status as ReportRunStatusEnum,
    processed: entity.processed,
    total: entity.total ?? undefined,
    scheduled: entity.requestedBy === null,
    requestedAt: entity.requestedAt,
    startedAt: entity.startedAt ?? undefined,
    finishedAt: entity.finishedAt ?? undefined,
    error: entity.error ?? undefined,
  };
}

/** The download route of an artifact (apps/api ReportDownloadsController). */
export const artifactUrl = (runId: string, kind: string): string => `/reports/${runId}/artifacts/${kind}`;

@Resolver(() => ReportRunModel)
export class ReportRunsResolver {
  constructor(private readonly service: ReportRunsService) {}

  @Mutation(() => ReportRunModel, {
    description:
      'Queues a report run for the worker; the same request (format, scope, period, asOf, options, SSNs) returns the run already made unless that one failed.',
  })
  @RequirePermission(Permission.RunReports)
  async requestReportRun(@CurrentScope() scope: AccessScope, @Args('input') input: RequestReportRunInput): Promise<ReportRunModel> {
    return toReportRunModel(await this.service.request(scope, input));
  }

  @Query(() => ReportRunModel)
  @RequirePermission(Permission.RunReports)
  async reportRun(@CurrentScope() scope: AccessScope, @IdArg('id') id: string): Promise<ReportRunModel> {
    return toReportRunModel(await this.service.getVisible(scope, id));
  }

  @Query(() => ReportRunConnection, { description: 'Report runs whose scope you reach, including the scheduled VA drafts.' })
  @RequirePermission(Permission.RunReports)
  async reportRuns(@CurrentScope() scope: AccessScope, @Args() args: ReportRunsArgs): Promise<Page<ReportRunModel>> {
    return mapPage(await this.service.list(scope, args), toReportRunModel);
  }

  @Query(() => ReportProblemConnection, { description: "The run's records that could not be reported, and why." })
  @RequirePermission(Permission.RunReports)
  reportProblems(@CurrentScope() scope: AccessScope, @Args() args: ReportProblemsArgs): Promise<Page<ReportProblemModel>> {
    return this.service.problems(scope, args.runId, args);
  }

  @ResolveField(() => [ReportArtifactModel], { description: 'Empty until the run has succeeded.' })
  async artifacts(@Parent() run: ReportRunModel, @Context('req') req: RequestWithLoaders): Promise<ReportArtifactModel[]> {
    const loader = requestLoader(req, 'reports:artifactsByRun', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.service.artifactsByRunIds(ids), (artifact) => artifact.runId),
    );
    return (await loader.load(run.id)).map((artifact: StoredArtifact) => ({
      kind: artifact.kind as ReportArtifactKindEnum,
      size: artifact.size,
      sha256: artifact.sha256,
      contentType: artifact.contentType,
      fileName: artifact.fileName,
      url: artifactUrl(run.id, artifact.kind),
    }));
  }

  @ResolveField(() => Int)
  async problemCount(@Parent() run: ReportRunModel, @Context('req') req: RequestWithLoaders): Promise<number> {
    const loader = requestLoader(req, 'reports:problemCountByRun', async (ids: readonly string[]) =>
      indexByKeys(ids, await this.service.problemCounts(ids), (row) => row.runId),
    );
    return (await loader.load(run.id))?.count ?? 0;
  }
}
