import { CubeDimension, cubeGroupings, DIMENSIONS, groupingKey } from './dimensions';

/**
 * What each fact row adds to the cube. `source` is a relation of cube inputs (see
 * CUBE_INPUT_COLUMNS) with a `sign` column: +1 to add a row, −1 to take an old version away.
 * The rebuild, the incremental refresh and the consistency check all use these statements.
 */

export const EVENT_COUNTERS = [
  'starts',
  'completions',
  'cancellations',
  'probationary_cancellations',
  'transfers',
  'cohort_completed',
  'cohort_cancelled',
  'cohort_probationary_cancelled',
  'cohort_transferred',
  'retained_6',
  'retained_12',
  'retained_24',
] as const;

export const RETENTION_MONTHS = [6, 12, 24] as const;

/** 1 when the registration had not left (other than by completing) within `months` of its start. */
function retainedSql(months: number): string {
  return `CASE WHEN f.exit_kind IN ('cancelled', 'probationary_cancellation', 'transferred')
                AND f.end_date < f.start_date + interval '${months} months' THEN 0 ELSE 1 END`;
}

/** A LATERAL subquery giving (grouping, v1, v2) for every grouping fact row `f` falls in. */
export function groupingsLateralSql(): string {
  const plain: string[] = [];
  const multi: string[] = [];
  for (const set of cubeGroupings()) {
    const key = groupingKey(set);
    const ordered = key ? (key.split('|') as CubeDimension[]) : [];
    const values = ordered.map((dimension) => (DIMENSIONS[dimension].multi ? 'race_value.v' : DIMENSIONS[dimension].sql));
    while (values.length < 2) values.push(`''`);
    if (ordered.some((dimension) => DIMENSIONS[dimension].multi)) {
      multi.push(`SELECT '${key}', ${values[0]}, ${values[1]} FROM unnest(f.races) AS race_value(v)`);
    } else {
      plain.push(`('${key}', ${values[0]}, ${values[1]})`);
    }
  }
  return `(SELECT * FROM (VALUES ${plain.join(', ')}) AS plain(grouping, v1, v2)
           UNION ALL ${multi.join(' UNION ALL ')})`;
}

/** Monthly event counts contributed by `source`, summed per cube key. */
export function eventContributionsSql(source: string): string {
  const startRow = [
    `date_trunc('month', f.start_date)::date`,
    '1',
    '0',
    '0',
    '0',
    '0',
    `(f.exit_kind IS NOT DISTINCT FROM 'completed')::int`,
    `(f.exit_kind IS NOT DISTINCT FROM 'cancelled')::int`,
    `(f.exit_kind IS NOT DISTINCT FROM 'probationary_cancellation')::int`,
    `(f.exit_kind IS NOT DISTINCT FROM 'transferred')::int`,
    ...RETENTION_MONTHS.map(retainedSql),
  ];
  const exitRow = [
    `date_trunc('month', f.end_date)::date`,
    '0',
    `(f.exit_kind IS NOT DISTINCT FROM 'completed')::int`,
    `(f.exit_kind IS NOT DISTINCT FROM 'cancelled')::int`,
    `(f.exit_kind IS NOT DISTINCT FROM 'probationary_cancellation')::int`,
    `(f.exit_kind IS NOT DISTINCT FROM 'transferred')::int`,
    ...Array(7).fill('0'),
  ];
  return `
    SELECT f.state, g.grouping, g.v1, g.v2, e.month,
           ${EVENT_COUNTERS.map((counter) => `sum(f.sign * e.${counter})::int AS ${counter}`).join(', ')}
      FROM (${source}) f
      CROSS JOIN LATERAL ${groupingsLateralSql()} g
      CROSS JOIN LATERAL (VALUES (${startRow.join(', ')}), (${exitRow.join(', ')})) AS e(month, ${EVENT_COUNTERS.join(', ')})
     WHERE f.participant AND e.month IS NOT NULL
     GROUP BY f.state, g.grouping, g.v1, g.v2, e.month`;
}

/** Active registrations on each materialized 1 October contributed by `source`, per cube key. */
export function stockContributionsSql(source: string): string {
  return `
    SELECT f.state, g.grouping, a.anchor, g.v1, g.v2, sum(f.sign)::int AS active
      FROM (${source}) f
      JOIN outcome_cube_anchors a ON f.start_date < a.anchor AND (f.end_date IS NULL OR f.end_date >= a.anchor)
      CROSS JOIN LATERAL ${groupingsLateralSql()} g
     WHERE f.participant
     GROUP BY f.state, g.grouping, a.anchor, g.v1, g.v2`;
}

/** Adds the contributions of `source` to the cube (rows in key order, so concurrent writers queue rather than deadlock). */
export function applyEventsSql(source: string): string {
  return `
    INSERT INTO outcome_cube_events AS c (state, grouping, v1, v2, month, ${EVENT_COUNTERS.join(', ')})
    SELECT state, grouping, v1, v2, month, ${EVENT_COUNTERS.join(', ')}
      FROM (${eventContributionsSql(source)}) d
     WHERE ${EVENT_COUNTERS.map((counter) => `${counter} <> 0`).join(' OR ')}
     ORDER BY state, grouping, month, v1, v2
    ON CONFLICT (state, grouping, month, v1, v2) DO UPDATE SET
      ${EVENT_COUNTERS.map((counter) => `${counter} = c.${counter} + EXCLUDED.${counter}`).join(', ')}`;
}

/** Inserts the contributions of `source` into rows known to be absent (a state's rebuild after its delete). */
export function insertEventsSql(source: string): string {
  return `
    INSERT INTO outcome_cube_events (state, grouping, v1, v2, month, ${EVENT_COUNTERS.join(', ')})
    SELECT state, grouping, v1, v2, month, ${EVENT_COUNTERS.join(', ')}
      FROM (${eventContributionsSql(source)}) d
     WHERE ${EVENT_COUNTERS.map((counter) => `${counter} <> 0`).join(' OR ')}`;
}

export function applyStockSql(source: string): string {
  return `
    INSERT INTO outcome_cube_stock AS c (state, grouping, anchor, v1, v2, active)
    SELECT state, grouping, anchor, v1, v2, active
      FROM (${stockContributionsSql(source)}) d
     WHERE active <> 0
     ORDER BY state, grouping, anchor, v1, v2
    ON CONFLICT (state, grouping, anchor, v1, v2) DO UPDATE SET active = c.active + EXCLUDED.active`;
}

/**
 * One state's stock from its monthly rows, for the rebuild: registrations active on 1 October are
 * those started before it less those that left before it (exits never precede starts). Reading
 * the aggregated months is far cheaper than expanding every fact row by every anchor; the
 * consistency check still computes the stock from the facts, so the two methods check each other.
 */
export function stockFromEventsSql(stateParameter: string): string {
  return `
    INSERT INTO outcome_cube_stock (state, grouping, anchor, v1, v2, active)
    SELECT e.state, e.grouping, a.anchor, e.v1, e.v2,
           sum(e.starts - e.completions - e.cancellations - e.probationary_cancellations - e.transfers)::int
      FROM outcome_cube_events e
      JOIN outcome_cube_anchors a ON e.month < a.anchor
     WHERE e.state = ${stateParameter}
     GROUP BY e.state, e.grouping, a.anchor, e.v1, e.v2
    HAVING sum(e.starts - e.completions - e.cancellations - e.probationary_cancellations - e.transfers) <> 0`;
}

/** Fact rows of one state as a cube source (for the rebuild and the check). */
export function factsSource(table: string, stateParameter: string): string {
  return `SELECT 1 AS sign, * FROM ${table} WHERE state = ${stateParameter}`;
}
