import { addMonths } from '@journeyline/common/dates';
import { CubeDimension, DIMENSIONS, GroupDimension, groupingKey, OutcomeDimension } from './dimensions';
import { RETENTION_MONTHS } from './cube-sql';
import { Period, retentionCutoff } from './periods';

/**
 * SQL for one outcome table, from the cube or from the fact table. Both return, per level (the
 * cells, each margin, the total), rows of `k1`, `k2` (the group values) and the same raw counts,
 * so the two paths are interchangeable and are tested against each other.
 */

/** Positional parameters collected while a statement is built. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** Which group values a level keeps: indexes into groupBy; the rest are summed over. */
export interface Level {
  name: string;
  keep: number[];
}

export function levelsFor(groupBy: readonly GroupDimension[]): Level[] {
  if (groupBy.length === 0) return [{ name: 'total', keep: [] }];
  if (groupBy.length === 1) return [{ name: 'cell', keep: [0] }, { name: 'total', keep: [] }];
  return [
    { name: 'cell', keep: [0, 1] },
    { name: 'margin0', keep: [0] },
    { name: 'margin1', keep: [1] },
    { name: 'total', keep: [] },
  ];
}

/** Restrictions on which registrations count: the caller's reach and the request's filters. */
/** What an outcome query is filtered by (all optional, combined with AND). */
export interface OutcomeFilterValues {
  states?: string[];
  programIds?: string[];
  sponsorIds?: string[];
  /** RAPIDS codes: 4-digit base codes match every variant (CB/HY); full codes match exactly. */
  occupationCodes?: string[];
  onetSocCodes?: string[];
  naicsPrefix?: string;
  countyFips?: string[];
  cohortYears?: number[];
}

/** A filter checked against the caller's reach, with the reach itself. */
export interface OutcomeRestriction extends OutcomeFilterValues {
  /** null: every state (platform administrators). */
  reachStates: string[] | null;
  reachSponsorIds: string[];
}

export interface OutcomeSqlRequest {
  groupBy: readonly GroupDimension[];
  period: Period;
  asOf: string;
  restriction: OutcomeRestriction;
}

/** The cube dimensions a request's filters pin, or null when a filter has no cube dimension. */
export function filterDimensions(restriction: OutcomeRestriction): CubeDimension[] | null {
  const dimensions: CubeDimension[] = [];
  if (restriction.programIds) dimensions.push(OutcomeDimension.PROGRAM);
  if (restriction.sponsorIds) dimensions.push(OutcomeDimension.SPONSOR);
  if (restriction.occupationCodes) {
    if (!restriction.occupationCodes.every((code) => /^\d{4}$/.test(code))) return null;
    dimensions.push(OutcomeDimension.OCCUPATION);
  }
  if (restriction.onetSocCodes) return null;
  if (restriction.naicsPrefix !== undefined) {
    if (restriction.naicsPrefix.length !== 2) return null;
    dimensions.push(OutcomeDimension.NAICS);
  }
  if (restriction.countyFips) dimensions.push(OutcomeDimension.COUNTY);
  if (restriction.cohortYears) dimensions.push(OutcomeDimension.COHORT);
  return dimensions;
}

/** The cube grouping that answers the request's cells, or null when only the fact table can. */
export function cubeGroupingFor(request: OutcomeSqlRequest, isCubeGrouping: (set: CubeDimension[]) => boolean): CubeDimension[] | null {
  if (request.restriction.reachSponsorIds.length) return null;
  const pinned = filterDimensions(request.restriction);
  if (!pinned) return null;
  const grouped = request.groupBy.filter((dimension) => dimension !== OutcomeDimension.STATE) as CubeDimension[];
  if (grouped.some((dimension) => DIMENSIONS[dimension].cube === 'none')) return null;
  const set = [...new Set([...grouped, ...pinned])];
  return isCubeGrouping(set) ? set : null;
}

function cutoffs(request: OutcomeSqlRequest): Record<number, string> {
  return Object.fromEntries(RETENTION_MONTHS.map((months) => [months, retentionCutoff(months, request.asOf)]));
}

// ---------------------------------------------------------------------------------------------
// Cube path

/** Conditions on cube rows of grouping `set` (alias c) for the restriction. */
function cubeConditions(set: readonly CubeDimension[], restriction: OutcomeRestriction, params: Params): string[] {
  const ordered = groupingKey(set).split('|').filter(Boolean) as CubeDimension[];
  const column = (dimension: CubeDimension) => `c.v${ordered.indexOf(dimension) + 1}`;
  const conditions: string[] = [];
  if (restriction.reachStates) conditions.push(`c.state = ANY(${params.add(restriction.reachStates, '::bpchar[]')})`);
  if (restriction.states) conditions.push(`c.state = ANY(${params.add(restriction.states, '::bpchar[]')})`);
  if (restriction.programIds) conditions.push(`${column(OutcomeDimension.PROGRAM)} = ANY(${params.add(restriction.programIds, '::text[]')})`);
  if (restriction.sponsorIds) conditions.push(`${column(OutcomeDimension.SPONSOR)} = ANY(${params.add(restriction.sponsorIds, '::text[]')})`);
  if (restriction.occupationCodes) {
    conditions.push(`${column(OutcomeDimension.OCCUPATION)} = ANY(${params.add(restriction.occupationCodes, '::text[]')})`);
  }
  if (restriction.naicsPrefix !== undefined) conditions.push(`${column(OutcomeDimension.NAICS)} = ${params.add(restriction.naicsPrefix)}`);
  if (restriction.countyFips) conditions.push(`${column(OutcomeDimension.COUNTY)} = ANY(${params.add(restriction.countyFips, '::text[]')})`);
  if (restriction.cohortYears) {
    conditions.push(`${column(OutcomeDimension.COHORT)} = ANY(${params.add(restriction.cohortYears.map(String), '::text[]')})`);
  }
  return conditions;
}

/**
 * Counts per group from the cube. "Active at the start" is the stock on the latest materialized
 * 1 October on or before `from` plus the starts minus the exits of the months between; the
 * period's flows and cohort counts are sums over its months.
 */
export function cubeSql(request: OutcomeSqlRequest, pinned: readonly CubeDimension[]): { sql: string; params: unknown[] } {
  const params = new Params();
  const from = params.add(request.period.from, '::date');
  const to = params.add(request.period.to, '::date');
  const cutoff = cutoffs(request);
  const cutoffParams = Object.fromEntries(RETENTION_MONTHS.map((months) => [months, params.add(cutoff[months], '::date')]));
  const exits = 'c.completions + c.cancellations + c.probationary_cancellations + c.transfers';

  const parts = levelsFor(request.groupBy).map((level) => {
    const kept = level.keep.map((index) => request.groupBy[index]);
    const set = [...new Set([...(kept.filter((dimension) => dimension !== OutcomeDimension.STATE) as CubeDimension[]), ...pinned])];
    const ordered = groupingKey(set).split('|').filter(Boolean) as CubeDimension[];
    const keys = kept.map((dimension) =>
      dimension === OutcomeDimension.STATE ? 'c.state::text' : `c.v${ordered.indexOf(dimension as CubeDimension) + 1}`,
    );
    while (keys.length < 2) keys.push('NULL::text');
    const grouping = params.add(groupingKey(set));
    const conditions = cubeConditions(set, request.restriction, params).map((condition) => ` AND ${condition}`).join('');
    return `
      SELECT '${level.name}' AS level, k1, k2,
             (sum(stock) + coalesce(sum(starts - exits) FILTER (WHERE month < ${from}), 0))::int AS active_at_start,
             ${[
               ['starts', 'new_registrations'],
               ['completions', 'completers'],
               ['cancellations', 'cancellations'],
               ['probationary_cancellations', 'probationary_cancellations'],
               ['transfers', 'transfers'],
               ['cohort_completed', 'cohort_completed'],
               ['cohort_cancelled', 'cohort_cancelled'],
               ['cohort_probationary_cancelled', 'cohort_probationary_cancelled'],
               ['cohort_transferred', 'cohort_transferred'],
             ]
               .map(([counter, name]) => `coalesce(sum(${counter}) FILTER (WHERE month >= ${from}), 0)::int AS ${name}`)
               .join(',\n             ')},
             ${RETENTION_MONTHS.map(
               (months) =>
                 `coalesce(sum(starts) FILTER (WHERE month >= ${from} AND month <= ${cutoffParams[months]}), 0)::int AS eligible_${months},
             coalesce(sum(retained_${months}) FILTER (WHERE month >= ${from} AND month <= ${cutoffParams[months]}), 0)::int AS retained_${months}`,
             ).join(',\n             ')}
        FROM (
          SELECT ${keys[0]} AS k1, ${keys[1]} AS k2, 0 AS stock, c.month, c.starts, ${exits} AS exits,
                 c.completions, c.cancellations, c.probationary_cancellations, c.transfers,
                 c.cohort_completed, c.cohort_cancelled, c.cohort_probationary_cancelled, c.cohort_transferred,
                 c.retained_6, c.retained_12, c.retained_24
            FROM outcome_cube_events c
           WHERE c.grouping = ${grouping} AND c.month >= (SELECT anchor FROM anchor) AND c.month <= ${to}${conditions}
          UNION ALL
          SELECT ${keys[0]}, ${keys[1]}, c.active, NULL::date, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            FROM outcome_cube_stock c
           WHERE c.grouping = ${grouping} AND c.anchor = (SELECT anchor FROM anchor)${conditions}
        ) x
       GROUP BY k1, k2`;
  });
  const sql = `
    WITH anchor AS (SELECT coalesce(max(anchor), DATE '0001-01-01') AS anchor FROM outcome_cube_anchors WHERE anchor <= ${from})
    ${parts.join('\n    UNION ALL')}`;
  return { sql, params: params.values };
}

// ---------------------------------------------------------------------------------------------
// Fact path

function factConditions(restriction: OutcomeRestriction, params: Params): string[] {
  const conditions: string[] = ['f.participant'];
  if (restriction.reachStates) {
    // Only the branches that can match, so the planner can use the state or the sponsor index.
    const reach = [
      ...(restriction.reachStates.length ? [`f.state = ANY(${params.add(restriction.reachStates, '::bpchar[]')})`] : []),
      ...(restriction.reachSponsorIds.length ? [`f.sponsor_id = ANY(${params.add(restriction.reachSponsorIds, '::uuid[]')})`] : []),
    ];
    conditions.push(reach.length ? `(${reach.join(' OR ')})` : 'false');
  }
  if (restriction.states) conditions.push(`f.state = ANY(${params.add(restriction.states, '::bpchar[]')})`);
  if (restriction.programIds) conditions.push(`f.program_id = ANY(${params.add(restriction.programIds, '::uuid[]')})`);
  if (restriction.sponsorIds) conditions.push(`f.sponsor_id = ANY(${params.add(restriction.sponsorIds, '::uuid[]')})`);
  if (restriction.occupationCodes) {
    const codes = params.add(restriction.occupationCodes, '::text[]');
    // A 4-digit code matches by base code alone (every variant's base), which the indexes hold.
    const baseOnly = restriction.occupationCodes.every((code) => /^\d{4}$/.test(code));
    conditions.push(baseOnly ? `f.rapids_base_code = ANY(${codes})` : `(f.rapids_base_code = ANY(${codes}) OR f.rapids_code = ANY(${codes}))`);
  }
  if (restriction.onetSocCodes) conditions.push(`f.onet_soc_code = ANY(${params.add(restriction.onetSocCodes, '::text[]')})`);
  if (restriction.naicsPrefix !== undefined) {
    conditions.push(
      restriction.naicsPrefix.length === 2
        ? `f.naics_sector = ${params.add(restriction.naicsPrefix)}`
        : `f.naics_code LIKE ${params.add(`${restriction.naicsPrefix}%`)}`,
    );
  }
  if (restriction.countyFips) conditions.push(`f.county_fips = ANY(${params.add(restriction.countyFips, '::text[]')})`);
  if (restriction.cohortYears) conditions.push(`f.start_year = ANY(${params.add(restriction.cohortYears, '::int[]')})`);
  return conditions;
}

/** The fact columns a grouping reads. */
function groupColumns(groupBy: readonly GroupDimension[]): string[] {
  return [...new Set(groupBy.map((dimension) => DIMENSIONS[dimension].column))];
}

function groupSelect(level: Level, groupBy: readonly GroupDimension[]): { keys: string; from: string } {
  const kept = level.keep.map((index) => groupBy[index]);
  const race = kept.some((dimension) => DIMENSIONS[dimension].multi);
  const keys = kept.map((dimension) => (DIMENSIONS[dimension].multi ? 'race_value.v' : DIMENSIONS[dimension].sql));
  while (keys.length < 2) keys.push('NULL::text');
  return {
    keys: `${keys[0]} AS k1, ${keys[1]} AS k2`,
    from: `slice f${race ? ' CROSS JOIN LATERAL unnest(f.races) AS race_value(v)' : ''}`,
  };
}

function byLevel(request: OutcomeSqlRequest, aggregates: string): string {
  return levelsFor(request.groupBy)
    .map((level) => {
      const { keys, from } = groupSelect(level, request.groupBy);
      return `
    SELECT '${level.name}' AS level, ${keys},
           ${aggregates}
      FROM ${from}
     GROUP BY 2, 3`;
    })
    .join('\n    UNION ALL');
}

/**
 * Counts per group straight from the fact table: every participant whose registration overlaps
 * the period (started by its end, not exited before its start). Only dates, exit kind and the
 * grouped columns are read, which the starts index holds, so a state's slice is an index-only
 * range scan.
 */
export function factCountsSql(request: OutcomeSqlRequest): { sql: string; params: unknown[] } {
  const params = new Params();
  const from = params.add(request.period.from, '::date');
  const to = params.add(request.period.to, '::date');
  const cutoffNext = Object.fromEntries(
    RETENTION_MONTHS.map((months) => [months, params.add(addMonths(cutoffs(request)[months], 1), '::date')]),
  );
  const conditions = [...factConditions(request.restriction, params), `f.start_date <= ${to}`, `(f.end_date IS NULL OR f.end_date >= ${from})`];
  const inPeriod = `f.start_date >= ${from}`;
  const exitsInPeriod = (kind: string) => `count(*) FILTER (WHERE f.exit_kind = '${kind}' AND f.end_date <= ${to})::int`;
  const cohort = (kind: string) => `count(*) FILTER (WHERE ${inPeriod} AND f.exit_kind = '${kind}')::int`;
  const aggregates = [
    `count(*) FILTER (WHERE f.start_date < ${from})::int AS active_at_start`,
    `count(*) FILTER (WHERE ${inPeriod})::int AS new_registrations`,
    `${exitsInPeriod('completed')} AS completers`,
    `${exitsInPeriod('cancelled')} AS cancellations`,
    `${exitsInPeriod('probationary_cancellation')} AS probationary_cancellations`,
    `${exitsInPeriod('transferred')} AS transfers`,
    `${cohort('completed')} AS cohort_completed`,
    `${cohort('cancelled')} AS cohort_cancelled`,
    `${cohort('probationary_cancellation')} AS cohort_probationary_cancelled`,
    `${cohort('transferred')} AS cohort_transferred`,
    ...RETENTION_MONTHS.flatMap((months) => {
      const eligible = `${inPeriod} AND f.start_date < ${cutoffNext[months]}`;
      const left = `f.exit_kind IN ('cancelled', 'probationary_cancellation', 'transferred') AND f.end_date < f.start_date + interval '${months} months'`;
      return [
        `count(*) FILTER (WHERE ${eligible})::int AS eligible_${months}`,
        `count(*) FILTER (WHERE ${eligible} AND (${left}) IS NOT TRUE)::int AS retained_${months}`,
      ];
    }),
  ].join(',\n           ');
  const columns = [...new Set(['start_date', 'end_date', 'exit_kind', ...groupColumns(request.groupBy)])];
  const sql = `
    WITH slice AS MATERIALIZED (SELECT ${columns.join(', ')} FROM outcome_registration_facts f WHERE ${conditions.join(' AND ')})
    ${byLevel(request, aggregates)}`;
  return { sql, params: params.values };
}

/**
 * Medians and RTI hours per group, in one statement of up to four parts: the period's new
 * registrations (entry wage) and completers (months, completion wage, wage gain, RTI hours), each
 * read once from its covering index and aggregated for every level with GROUPING SETS. A level
 * grouping by race reads a person once per race chosen, so those levels are a part of their own.
 * Rows carry `grouping` (GROUPING() of the group columns: bit i set when dimension i is summed).
 */
export function factDetailsSql(request: OutcomeSqlRequest): { sql: string; params: unknown[] } {
  const params = new Params();
  const from = params.add(request.period.from, '::date');
  const to = params.add(request.period.to, '::date');
  const conditions = factConditions(request.restriction, params).join(' AND ');
  const dimensions = request.groupBy.length;

  const roles = [
    {
      name: 'start',
      where: `f.start_date >= ${from} AND f.start_date <= ${to}`,
      columns: ['f.entry_wage_cents'],
      aggregates: [
        `count(entry_wage_cents)::int AS entry_wage_count`,
        `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY entry_wage_cents))::numeric)::bigint::text AS entry_wage_median_cents`,
      ],
    },
    {
      name: 'completion',
      where: `f.exit_kind = 'completed' AND f.end_date >= ${from} AND f.end_date <= ${to}`,
      columns: [
        'f.months_to_completion',
        'f.exit_wage_cents',
        'f.exit_wage_cents - f.prior_wage_cents AS wage_gain_cents',
        'f.rti_hours',
        'f.end_date - f.start_date AS days',
      ],
      aggregates: [
        `count(*)::int AS months_count`,
        ...[
          [0.25, 'months_p25'],
          [0.5, 'months_median'],
          [0.75, 'months_p75'],
        ].map(([p, name]) => `round((percentile_cont(${p}) WITHIN GROUP (ORDER BY months_to_completion))::numeric, 2)::text AS ${name}`),
        `count(exit_wage_cents)::int AS completion_wage_count`,
        `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY exit_wage_cents))::numeric)::bigint::text AS completion_wage_median_cents`,
        `count(wage_gain_cents)::int AS wage_gain_count`,
        `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY wage_gain_cents))::numeric)::bigint::text AS wage_gain_median_cents`,
        `count(*) FILTER (WHERE days > 0)::int AS rti_count`,
        `round(sum(rti_hours) FILTER (WHERE days > 0) / nullif(sum(days / 365.25) FILTER (WHERE days > 0), 0), 2)::text AS rti_hours_per_year`,
      ],
    },
  ];
  const allAggregates = roles.flatMap((role) => role.aggregates.map((aggregate) => aggregate.split(' AS ').pop()!));

  const parts: string[] = [];
  for (const role of roles) {
    // Levels by whether they group by a multi-valued dimension (race).
    for (const multi of [false, true]) {
      const levels = levelsFor(request.groupBy).filter(
        (level) => level.keep.some((index) => DIMENSIONS[request.groupBy[index]].multi) === multi,
      );
      if (!levels.length) continue;
      const keys = request.groupBy.map((dimension, index) => {
        const spec = DIMENSIONS[dimension];
        return `${spec.multi ? (multi ? 'race_value.v' : 'NULL::text') : spec.sql} AS g${index}`;
      });
      const sets = levels.map((level) => `(${level.keep.map((index) => `g${index}`).join(', ')})`).join(', ');
      // GROUPING() only of columns some set groups by; the others are summed in every row of the part.
      const grouped = new Set(levels.flatMap((level) => level.keep));
      const grouping = request.groupBy.map((_, index) => `(${grouped.has(index) ? `GROUPING(g${index})` : '1'} << ${dimensions - 1 - index})`);
      const select = [
        `'${role.name}' AS role`,
        `${grouping.length ? grouping.join(' | ') : '0'} AS grouping`,
        ...[0, 1].map((index) => `${grouped.has(index) ? `g${index}` : 'NULL::text'} AS k${index + 1}`),
        ...allAggregates.map((name) => {
          const own = role.aggregates.find((aggregate) => aggregate.endsWith(` AS ${name}`));
          return own ?? `NULL::${name.endsWith('_count') ? 'int' : 'text'} AS ${name}`;
        }),
      ];
      parts.push(`
    SELECT ${select.join(',\n           ')}
      FROM (SELECT ${[...keys, ...role.columns].join(', ')}
              FROM outcome_registration_facts f${multi ? ' CROSS JOIN LATERAL unnest(f.races) AS race_value(v)' : ''}
             WHERE ${conditions} AND ${role.where}) f
     GROUP BY ${dimensions ? `GROUPING SETS (${sets})` : '()'}`);
    }
  }
  return { sql: parts.join('\n    UNION ALL'), params: params.values };
}
