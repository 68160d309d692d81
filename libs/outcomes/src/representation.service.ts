import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { DomainError } from '@journeyline/common/domain-error';
import { recordAudit } from '@journeyline/database/audit';
import { DIMENSIONS, OutcomeDimension, valueLabel } from './dimensions';
import { OutcomeFilterValues } from './outcome-sql';
import { OutcomesService } from './outcomes.service';
import { Period } from './periods';
import { apprenticeShare, ppmToShare, representationIndex, shareToPpm } from './representation';

/** Dimensions a baseline population can be given for: the demographic ones. */
export const BASELINE_DIMENSIONS: readonly OutcomeDimension[] = [
  OutcomeDimension.SEX,
  OutcomeDimension.ETHNICITY,
  OutcomeDimension.RACE,
  OutcomeDimension.RACE_COMBINATION,
  OutcomeDimension.VETERAN,
  OutcomeDimension.DISABILITY,
  OutcomeDimension.EDUCATION,
  OutcomeDimension.AGE_BAND,
  OutcomeDimension.AGE_BAND_DETAILED,
];

export const NATIONAL = 'US';

export interface PopulationBaselineValues {
  state: string;
  dimension: OutcomeDimension;
  year: number;
  shares: Array<{ value: string; share: string }>;
  source: string;
}

export interface PopulationBaseline extends PopulationBaselineValues {
  recordedAt: Date;
}

export type RepresentationPopulation = 'new_registrations' | 'active_at_end';

export interface RepresentationRequest {
  /** A state code, or 'US' for everything in reach against the national baseline. */
  state: string;
  dimension: OutcomeDimension;
  period: Period;
  filter?: OutcomeFilterValues;
  population: RepresentationPopulation;
  baselineYear?: number;
}

export interface RepresentationRow {
  value: string;
  label: string;
  apprentices: number | null;
  apprenticeShare: string | null;
  baselineShare: string | null;
  index: string | null;
  suppressed: boolean;
}

export interface Representation {
  state: string;
  dimension: OutcomeDimension;
  period: Period;
  population: RepresentationPopulation;
  minCellSize: number;
  baseline: { year: number; source: string } | null;
  /** Every apprentice in the population (the shares' denominator); null when withheld. */
  apprentices: number | null;
  rows: RepresentationRow[];
}

function checkDimension(dimension: OutcomeDimension, field: string): void {
  if (!BASELINE_DIMENSIONS.includes(dimension)) {
    throw DomainError.invalidField(field, `must be one of ${BASELINE_DIMENSIONS.join(', ')}`);
  }
}

@Injectable()
export class RepresentationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outcomes: OutcomesService,
  ) {}

  /**
   * Replaces the baseline shares of one state, dimension and year. State analysts set their own
   * states'; platform administrators any, and the national ('US') one.
   */
  async setBaseline(scope: AccessScope, input: PopulationBaselineValues): Promise<PopulationBaseline> {
    checkDimension(input.dimension, 'dimension');
    const reach = scope.reach(Permission.ReadOutcomes);
    const allowed = reach.all || (input.state !== NATIONAL && reach.states.includes(input.state));
    if (!allowed) throw DomainError.forbidden(`Only the state agency of ${input.state} or a platform administrator can set its baseline`);
    const vocabulary = DIMENSIONS[input.dimension].values ?? [];
    const seen = new Set<string>();
    let total = 0;
    input.shares.forEach((share, index) => {
      if (!vocabulary.includes(share.value)) {
        throw DomainError.invalidField(`shares.${index}.value`, `must be one of ${vocabulary.join(', ')}`);
      }
      if (seen.has(share.value)) throw DomainError.invalidField(`shares.${index}.value`, 'is given twice');
      seen.add(share.value);
      total += shareToPpm(share.share);
    });
    // A person has one sex, ethnicity, age…: those shares cannot add up past the whole. Races
    // are chosen in combination, so theirs can.
    if (!DIMENSIONS[input.dimension].multi && total > 1_000_000) {
      throw DomainError.invalidField('shares', `must add up to at most 1 (they add up to ${ppmToShare(total)})`);
    }
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.query(
        `SELECT value, share_ppm FROM outcome_population_baselines WHERE state = $1 AND dimension = $2 AND year = $3 ORDER BY value`,
        [input.state, input.dimension, input.year],
      );
      await manager.query(`DELETE FROM outcome_population_baselines WHERE state = $1 AND dimension = $2 AND year = $3`, [
        input.state,
        input.dimension,
        input.year,
      ]);
      const [{ recorded_at }] = await manager.query(
        `INSERT INTO outcome_population_baselines (state, dimension, year, value, share_ppm, source, recorded_by)
         SELECT $1, $2, $3, value, share, $6, $7 FROM unnest($4::text[], $5::int[]) AS s(value, share)
         RETURNING recorded_at`,
        [
          input.state,
          input.dimension,
          input.year,
          input.shares.map((share) => share.value),
          input.shares.map((share) => shareToPpm(share.share)),
          input.source,
          scope.userId,
        ],
      );
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'outcomes.population_baseline_set',
        entity: 'population_baseline',
        entityId: `${input.state}/${input.dimension}/${input.year}`,
        before,
        after: { shares: input.shares, source: input.source },
      });
      return {
        ...input,
        shares: input.shares.map((share) => ({ value: share.value, share: ppmToShare(shareToPpm(share.share)) })),
        recordedAt: recorded_at,
      };
    });
  }

  /**
   * Each group's share of apprentices against its share of the baseline population. The counts
   * come from the outcomes table (same suppression), so nothing here shows what it withholds.
   */
  async representation(scope: AccessScope, request: RepresentationRequest): Promise<Representation> {
    checkDimension(request.dimension, 'dimension');
    // The state narrows the filter's states: each is checked on its own field first, so a state out
    // of reach is NOT_FOUND where the caller named it, and a contradiction is not silently dropped.
    if (request.filter?.states) await this.outcomes.restrictionFor(scope, { states: request.filter.states });
    if (request.state !== NATIONAL) {
      const reach = scope.reach(Permission.ReadOutcomes);
      if (!reach.all && !reach.sponsorIds.length && !reach.states.includes(request.state)) throw DomainError.notFound('state', 'state');
      if (request.filter?.states && !request.filter.states.includes(request.state)) {
        throw DomainError.invalidField('filter.states', `must include ${request.state} (the state asked for), or be left out`);
      }
    }
    const filter = { ...request.filter, ...(request.state === NATIONAL ? {} : { states: [request.state] }) };
    const table = await this.outcomes.outcomes(scope, { filter, groupBy: [request.dimension], period: request.period }, { details: false });
    const measure = request.population === 'new_registrations' ? 'newRegistrations' : 'activeAtEnd';

    const [chosen] = await this.dataSource.query(
      `SELECT year, min(source) AS source FROM outcome_population_baselines
        WHERE state = $1 AND dimension = $2 AND ($3::int IS NULL OR year = $3)
        GROUP BY year ORDER BY (year <= $4) DESC, year DESC LIMIT 1`,
      [request.state, request.dimension, request.baselineYear ?? null, Number(request.period.to.slice(0, 4))],
    );
    if (request.baselineYear !== undefined && !chosen) throw DomainError.notFound('population baseline', 'baselineYear');
    const shares = new Map<string, number>(
      chosen
        ? (
            await this.dataSource.query(
              `SELECT value, share_ppm FROM outcome_population_baselines WHERE state = $1 AND dimension = $2 AND year = $3`,
              [request.state, request.dimension, chosen.year],
            )
          ).map((row: { value: string; share_ppm: number }) => [row.value, row.share_ppm])
        : [],
    );

    const total = table.rows.find((row) => row.kind === 'total')!;
    const totalCount = total.measures[measure];
    const cells = new Map(table.rows.filter((row) => row.kind === 'cell').map((row) => [row.key[0]!, row]));
    const values = (DIMENSIONS[request.dimension].values ?? []).filter((value) => cells.has(value) || shares.has(value));
    return {
      state: request.state,
      dimension: request.dimension,
      period: request.period,
      population: request.population,
      minCellSize: table.minCellSize,
      baseline: chosen ? { year: chosen.year, source: chosen.source } : null,
      apprentices: totalCount,
      rows: values.map((value) => {
        const cell = cells.get(value);
        const count = cell ? cell.measures[measure] : 0;
        const baselinePpm = shares.get(value) ?? null;
        const known = count !== null && totalCount !== null;
        return {
          value,
          label: valueLabel(request.dimension, value),
          apprentices: count,
          apprenticeShare: known ? apprenticeShare(count, totalCount) : null,
          baselineShare: baselinePpm === null ? null : ppmToShare(baselinePpm),
          index: known ? representationIndex(count, totalCount, baselinePpm) : null,
          suppressed: cell?.suppressedMeasures.includes(measure) ?? false,
        };
      }),
    };
  }
}
