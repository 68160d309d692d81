import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { DomainError } from '@journeyline/common/domain-error';
import { RulesService } from '@journeyline/rules/rules.service';
import { isCubeGrouping, OutcomeDimension, valueLabel } from './dimensions';
import { OutcomeDetails } from './measures';
import { cubeGroupingFor, cubeSql, factCountsSql, factDetailsSql, filterDimensions, OutcomeFilterValues, OutcomeRestriction, OutcomeSqlRequest } from './outcome-sql';
import { assembleTable, detailsByEntry, OutcomeRow, RawOutcomeRow } from './outcome-table';
import { Period, periodProblem } from './periods';

export const MIN_CELL_SIZE_RULE = 'outcomes.min_cell_size';


export interface OutcomesRequest {
  filter?: OutcomeFilterValues;
  groupBy: OutcomeDimension[];
  period: Period;
}

export interface OutcomeGroup {
  dimension: OutcomeDimension;
  /** The code or id; null on a margin or total row, where the row covers every value. */
  value: string | null;
  label: string;
}

export interface LabelledOutcomeRow extends OutcomeRow {
  groups: OutcomeGroup[];
}

export type OutcomeSource = 'cube' | 'facts';

export interface OutcomeTable {
  dimensions: OutcomeDimension[];
  period: Period;
  /** Today, as used for retention (which cohorts are old enough). */
  asOf: string;
  minCellSize: number;
  rtiRecommendedHoursPerYear: number;
  /** Which rollup answered the counts. */
  source: OutcomeSource;
  rows: LabelledOutcomeRow[];
}

export interface OutcomeOptions {
  /** Compute medians and RTI hours (they read the fact table even when the cube has the counts). */
  details: boolean;
  /** Tests compare the two paths; callers leave it to the planner. */
  source?: OutcomeSource;
}

/** Raw counts per group, before suppression: for counts of programs and employers, never published per group. */
export interface RawTable {
  source: OutcomeSource;
  countRows: RawOutcomeRow[];
  /** Medians and RTI hours by entry id, when asked for. */
  details: Map<string, OutcomeDetails> | null;
}

/**
 * Outcome queries over the rollups, scoped by reach: platform administrators see every state,
 * state analysts their states, intermediaries the sponsors they serve, sponsors themselves.
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  async outcomes(scope: AccessScope, request: OutcomesRequest, options: OutcomeOptions): Promise<OutcomeTable> {
    checkGroupBy(request.groupBy);
    checkPeriod(request.period);
    const restriction = await this.restrictionFor(scope, request.filter ?? {});
    const asOf = this.clock.today();
    const [minCellSize, book, raw] = await Promise.all([
      this.minCellSize(restriction),
      this.rules.ruleBook(null, asOf),
      this.raw({ groupBy: request.groupBy, period: request.period, asOf, restriction }, options),
    ]);
    const rows = assembleTable(request.groupBy, raw.countRows, raw.details, minCellSize);
    return {
      dimensions: request.groupBy,
      period: request.period,
      asOf,
      minCellSize,
      rtiRecommendedHoursPerYear: book.numberParam('standards.rti_hours_per_year', 'recommendedHours'),
      source: raw.source,
      rows: await this.labelled(request.groupBy, rows),
    };
  }

  /** Counts straight from the cube or the facts, unsuppressed: only for aggregates over groups. */
  async raw(request: OutcomeSqlRequest, options: OutcomeOptions): Promise<RawTable> {
    const cube = options.source !== 'facts' && cubeGroupingFor(request, isCubeGrouping) !== null;
    if (options.source === 'cube' && !cube) throw new Error('This request cannot be answered from the cube');
    const counts = cube ? cubeSql(request, filterDimensions(request.restriction) ?? []) : factCountsSql(request);
    const details = options.details ? factDetailsSql(request) : null;
    const [countRows, detailRows] = await Promise.all([
      this.dataSource.query(counts.sql, counts.params) as Promise<RawOutcomeRow[]>,
      details ? (this.dataSource.query(details.sql, details.params) as Promise<RawOutcomeRow[]>) : Promise.resolve(null),
    ]);
    return {
      source: cube ? 'cube' : 'facts',
      countRows,
      details: detailRows && detailsByEntry(request.groupBy as OutcomeDimension[], detailRows),
    };
  }

  /**
   * The caller's reach for outcomes plus the request's filters. A state analyst naming a state
   * outside their reach, or anyone naming a program or sponsor they cannot see, gets NOT_FOUND.
   */
  async restrictionFor(scope: AccessScope, filter: OutcomeFilterValues): Promise<OutcomeRestriction> {
    const reach = scope.reach(Permission.ReadOutcomes);
    const restriction: OutcomeRestriction = {
      reachStates: reach.all ? null : reach.states,
      reachSponsorIds: reach.all ? [] : reach.sponsorIds,
      ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== null)),
    };
    if (!reach.all && !reach.sponsorIds.length) {
      filter.states?.forEach((state, index) => {
        if (!reach.states.includes(state)) throw DomainError.notFound('state', `filter.states.${index}`);
      });
    }
    if (filter.programIds?.length) {
      const visible: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id FROM programs p WHERE p.id = ANY($1::uuid[]) AND ($2 OR p.sponsor_id = ANY($3::uuid[]) OR p.state = ANY($4::bpchar[]))`,
        [filter.programIds, reach.all, reach.sponsorIds, reach.states],
      );
      const ids = new Set(visible.map((row) => row.id));
      filter.programIds.forEach((id, index) => {
        if (!ids.has(id)) throw DomainError.notFound('program', `filter.programIds.${index}`);
      });
    }
    if (filter.sponsorIds?.length) {
      const visible: Array<{ id: string }> = await this.dataSource.query(
        `SELECT o.id FROM organizations o
          WHERE o.id = ANY($1::uuid[]) AND o.kind = 'sponsor'
            AND ($2 OR o.id = ANY($3::uuid[]) OR EXISTS (SELECT 1 FROM programs p WHERE p.sponsor_id = o.id AND p.state = ANY($4::bpchar[])))`,
        [filter.sponsorIds, reach.all, reach.sponsorIds, reach.states],
      );
      const ids = new Set(visible.map((row) => row.id));
      filter.sponsorIds.forEach((id, index) => {
        if (!ids.has(id)) throw DomainError.notFound('sponsor', `filter.sponsorIds.${index}`);
      });
    }
    return restriction;
  }

  /**
   * The small-cell threshold in force today: a state's own setting overrides the national one;
   * a table spanning several states (or unknown ones, for sponsors) uses the largest that applies.
   */
  async minCellSize(restriction: OutcomeRestriction): Promise<number> {
    const settings: Array<{ jurisdiction: string; value: number }> = await this.dataSource.query(
      `SELECT DISTINCT ON (jurisdiction) jurisdiction, (params->>'minCellSize')::int AS value
         FROM rule_settings WHERE rule = $1 AND effective_from <= $2
        ORDER BY jurisdiction, effective_from DESC`,
      [MIN_CELL_SIZE_RULE, this.clock.today()],
    );
    const byJurisdiction = new Map(settings.map((setting) => [setting.jurisdiction, setting.value]));
    const national = byJurisdiction.get('US');
    if (national === undefined) throw new Error(`No rule setting named ${MIN_CELL_SIZE_RULE}: add it to rule_settings`);
    const states = restriction.states ?? (restriction.reachSponsorIds.length ? null : restriction.reachStates);
    if (!states) return Math.max(...byJurisdiction.values());
    return Math.max(national, ...states.map((state) => byJurisdiction.get(state) ?? national));
  }

  private async labelled(groupBy: readonly OutcomeDimension[], rows: OutcomeRow[]): Promise<LabelledOutcomeRow[]> {
    const labels = new Map<OutcomeDimension, Map<string, string>>();
    for (const [index, dimension] of groupBy.entries()) {
      const values = [...new Set(rows.map((row) => row.key[index]).filter((value): value is string => value !== null))];
      labels.set(dimension, await this.labelsOf(dimension, values));
    }
    return rows.map((row) => ({
      ...row,
      groups: groupBy.map((dimension, index) => {
        const value = row.key[index];
        return { dimension, value, label: value === null ? 'All' : (labels.get(dimension)?.get(value) ?? valueLabel(dimension, value)) };
      }),
    }));
  }

  private async labelsOf(dimension: OutcomeDimension, values: string[]): Promise<Map<string, string>> {
    const query = {
      [OutcomeDimension.PROGRAM]: `SELECT id::text AS value, name AS label FROM programs WHERE id = ANY($1::uuid[])`,
      [OutcomeDimension.SPONSOR]: `SELECT id::text AS value, name AS label FROM organizations WHERE id = ANY($1::uuid[])`,
      [OutcomeDimension.OCCUPATION]: `SELECT left(rapids_code, 4) AS value, min(title) AS label FROM occupations
                                       WHERE left(rapids_code, 4) = ANY($1::text[]) GROUP BY 1`,
    }[dimension as OutcomeDimension.PROGRAM];
    if (!query || !values.length) return new Map();
    const rows: Array<{ value: string; label: string }> = await this.dataSource.query(query, [values]);
    return new Map(rows.map((row) => [row.value, row.label]));
  }
}

export function checkGroupBy(groupBy: readonly OutcomeDimension[]): void {
  if (groupBy.length > 2) throw DomainError.invalidField('groupBy', 'group by at most two dimensions');
  if (new Set(groupBy).size !== groupBy.length) throw DomainError.invalidField('groupBy', 'must not repeat a dimension');
}

export function checkPeriod(period: Period, field = 'period'): void {
  const problem = periodProblem(period);
  if (problem) throw DomainError.invalidField(`${field}.${problem.field}`, problem.reason);
}
