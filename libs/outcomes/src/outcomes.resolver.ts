import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { DomainError } from '@journeyline/common/domain-error';
import { DETAIL_MEASURES } from './measures';
import { exportOutcomeTable } from './outcome-export';
import { OutcomeRun, OutcomeRunsService } from './outcome-runs';
import { OutcomesService, OutcomeTable } from './outcomes.service';
import {
  Eta9186CountsModel,
  ExportOutcomesArgs,
  OutcomeExportModel,
  OutcomeRowKind,
  OutcomeRunKindEnum,
  OutcomeRunModel,
  OutcomeRunStatusEnum,
  OutcomesArgs,
  OutcomeSourceEnum,
  OutcomeTableModel,
  PopulationBaselineInput,
  PopulationBaselineModel,
  QuarterlyStateReportArgs,
  QuarterlyStateReportModel,
  RepresentationArgs,
  RepresentationModel,
  RepresentationPopulationEnum,
} from './outcomes.models';
import { Eta9186Counts, QuarterlyReportService } from './quarterly-report.service';
import { RepresentationService } from './representation.service';

const OptionalRunId = () =>
  Args(
    'runId',
    { type: () => ID, nullable: true, description: 'Defaults to the latest run.' },
    new ParseUUIDPipe({ optional: true, exceptionFactory: () => DomainError.invalidField('runId', 'must be an id (UUID)') }),
  );

/** Field names selected under `path` (e.g. rows → measures), through fragments. */
function selectedFields(info: GraphQLResolveInfo, path: string[]): Set<string> {
  const found = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined, depth: number) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') {
        if (depth === path.length) found.add(selection.name.value);
        else if (selection.name.value === path[depth]) walk(selection.selectionSet, depth + 1);
      } else if (selection.kind === 'InlineFragment') {
        walk(selection.selectionSet, depth);
      } else {
        walk(info.fragments[selection.name.value]?.selectionSet, depth);
      }
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) walk(node.selectionSet, 0);
  return found;
}

function toTableModel(table: OutcomeTable): OutcomeTableModel {
  return {
    dimensions: table.dimensions,
    periodFrom: table.period.from,
    periodTo: table.period.to,
    asOf: table.asOf,
    minCellSize: table.minCellSize,
    rtiRecommendedHoursPerYear: table.rtiRecommendedHoursPerYear,
    source: table.source as OutcomeSourceEnum,
    rows: table.rows.map((row) => ({
      kind: row.kind as OutcomeRowKind,
      groups: row.groups.map((group) => ({ dimension: group.dimension, value: group.value ?? undefined, label: group.label })),
      suppressed: row.suppressed,
      suppressedMeasures: row.suppressedMeasures,
      measures: row.measures,
    })),
  };
}

function toCountsModel(counts: Eta9186Counts): Eta9186CountsModel {
  const { period, ...rest } = counts;
  return { periodFrom: period.from, periodTo: period.to, ...rest };
}

function toRunModel(run: OutcomeRun): OutcomeRunModel {
  return {
    id: run.id,
    kind: run.kind as OutcomeRunKindEnum,
    status: run.status as OutcomeRunStatusEnum,
    phase: run.phase ?? undefined,
    progressDone: run.progressDone,
    progressTotal: run.progressTotal,
    differences: run.differences ?? undefined,
    sample: run.sample === null || run.sample === undefined ? undefined : JSON.stringify(run.sample),
    error: run.error ?? undefined,
    requestedAt: run.requestedAt,
    startedAt: run.startedAt ?? undefined,
    finishedAt: run.finishedAt ?? undefined,
  };
}

@Resolver()
export class OutcomesResolver {
  constructor(
    private readonly service: OutcomesService,
    private readonly representations: RepresentationService,
    private readonly quarterly: QuarterlyReportService,
    private readonly runs: OutcomeRunsService,
  ) {}

  @Query(() => OutcomeTableModel, {
    description: 'Program outcomes within your reach, grouped by up to two dimensions, with small cells withheld (docs/outcomes.md).',
  })
  @RequirePermission(Permission.ReadOutcomes)
  async outcomes(@CurrentScope() scope: AccessScope, @Args() args: OutcomesArgs, @Info() info: GraphQLResolveInfo): Promise<OutcomeTableModel> {
    const measures = selectedFields(info, ['rows', 'measures']);
    const details = DETAIL_MEASURES.some((name) => measures.has(name));
    return toTableModel(await this.service.outcomes(scope, args, { details }));
  }

  @Query(() => OutcomeExportModel, { description: 'An outcome table as CSV or XLSX (base64), with the same suppression.' })
  @RequirePermission(Permission.ReadOutcomes)
  async exportOutcomes(@CurrentScope() scope: AccessScope, @Args() args: ExportOutcomesArgs): Promise<OutcomeExportModel> {
    const table = await this.service.outcomes(scope, args, { details: true });
    const file = await exportOutcomeTable(table, args.format);
    return { fileName: file.fileName, contentType: file.contentType, contentBase64: file.content.toString('base64'), sha256: file.sha256, rows: file.rows };
  }

  @Query(() => RepresentationModel, { description: "Representation index: each group's share of apprentices over its share of the baseline population." })
  @RequirePermission(Permission.ReadOutcomes)
  async representation(@CurrentScope() scope: AccessScope, @Args() args: RepresentationArgs): Promise<RepresentationModel> {
    const result = await this.representations.representation(scope, {
      state: args.state,
      dimension: args.dimension,
      period: args.period,
      filter: args.filter,
      population: args.population,
      // An explicit null asks for the default year, like leaving it out.
      baselineYear: args.baselineYear ?? undefined,
    });
    return {
      state: result.state,
      dimension: result.dimension,
      periodFrom: result.period.from,
      periodTo: result.period.to,
      population: result.population as RepresentationPopulationEnum,
      minCellSize: result.minCellSize,
      baselineYear: result.baseline?.year,
      baselineSource: result.baseline?.source,
      apprentices: result.apprentices,
      rows: result.rows,
    };
  }

  @Mutation(() => PopulationBaselineModel, {
    description: "Sets a state's baseline population shares for one dimension and year (state analysts: their states; platform administrators: any, and US).",
  })
  @RequirePermission(Permission.ReadOutcomes)
  setPopulationBaseline(@CurrentScope() scope: AccessScope, @Args('input') input: PopulationBaselineInput): Promise<PopulationBaselineModel> {
    return this.representations.setBaseline(scope, input);
  }

  @Query(() => QuarterlyStateReportModel, { description: 'ETA-9186 counts for a state and federal fiscal quarter, plus year to date.' })
  @RequirePermission(Permission.ReadOutcomes)
  async quarterlyStateReport(@CurrentScope() scope: AccessScope, @Args() args: QuarterlyStateReportArgs): Promise<QuarterlyStateReportModel> {
    const report = await this.quarterly.report(scope, args.state, args.fiscalYear, args.quarter);
    return { ...report, quarterCounts: toCountsModel(report.quarterCounts), yearToDate: toCountsModel(report.yearToDate) };
  }

  @Mutation(() => OutcomeRunModel, { description: 'Platform administrators: recompute every outcome rollup in the background.' })
  async rebuildOutcomes(@CurrentScope() scope: AccessScope): Promise<OutcomeRunModel> {
    return toRunModel(await this.runs.request(scope, 'rebuild'));
  }

  @Query(() => OutcomeRunModel, { nullable: true, description: 'Platform administrators: progress of a rollup rebuild.' })
  async outcomeRebuildStatus(@CurrentScope() scope: AccessScope, @OptionalRunId() runId?: string): Promise<OutcomeRunModel | null> {
    const run = await this.runs.status(scope, 'rebuild', runId);
    return run && toRunModel(run);
  }

  @Mutation(() => OutcomeRunModel, { description: 'Platform administrators: compare the rollups with a recomputation from the raw tables.' })
  async checkOutcomeConsistency(@CurrentScope() scope: AccessScope): Promise<OutcomeRunModel> {
    return toRunModel(await this.runs.request(scope, 'consistency_check'));
  }

  @Query(() => OutcomeRunModel, { nullable: true, description: 'Platform administrators: result of a consistency check.' })
  async outcomeConsistencyStatus(@CurrentScope() scope: AccessScope, @OptionalRunId() runId?: string): Promise<OutcomeRunModel | null> {
    const run = await this.runs.status(scope, 'consistency_check', runId);
    return run && toRunModel(run);
  }
}
