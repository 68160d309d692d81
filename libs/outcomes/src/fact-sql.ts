import { AGE_BANDS, AGE_BANDS_DETAILED, ageBandSql } from './dimensions';

/**
 * How a fact row is computed from the raw tables. One definition serves the per-registration
 * refresh, the full rebuild and the consistency check, so they cannot drift apart.
 */
export const FACT_COLUMNS = [
  'registration_id',
  'apprentice_id',
  'participant',
  'state',
  'sponsor_id',
  'program_id',
  'employer_id',
  'occupation_id',
  'rapids_code',
  'rapids_base_code',
  'onet_soc_code',
  'naics_code',
  'naics_sector',
  'county_fips',
  'start_date',
  'start_year',
  'start_fiscal_year',
  'start_fiscal_quarter',
  'registration_date',
  'status',
  'status_date',
  'end_date',
  'exit_kind',
  'cancelled_during_probation',
  'completed',
  'transferred_in',
  'months_to_completion',
  'sex',
  'ethnicity',
  'races',
  'race_american_indian_alaska_native',
  'race_asian',
  'race_black_african_american',
  'race_native_hawaiian_pacific_islander',
  'race_white',
  'race_not_self_identified',
  'race_combination',
  'veteran_status',
  'disability',
  'education',
  'age_at_start',
  'age_band',
  'age_band_detailed',
  'entry_wage_cents',
  'exit_wage_cents',
  'prior_wage_cents',
  'ojt_hours',
  'rti_hours',
  'rti_hours_by_year',
] as const;

/** Average Gregorian month in days: months to completion = days / this, to 2 decimals. */
export const DAYS_PER_MONTH = 30.436875;

/**
 * SELECT of fact rows (columns in FACT_COLUMNS order, plus refreshed_at) for the registrations
 * matching `where` (on alias r of registrations).
 */
export function factSelectSql(where: string): string {
  const races = ['american_indian_alaska_native', 'asian', 'black_african_american', 'native_hawaiian_pacific_islander', 'white', 'not_self_identified'];
  return `
    SELECT r.id AS registration_id,
           r.apprentice_id,
           r.registration_date IS NOT NULL AS participant,
           r.state,
           r.sponsor_id,
           r.program_id,
           r.employer_id,
           po.occupation_id,
           o.rapids_code,
           left(o.rapids_code, 4) AS rapids_base_code,
           o.onet_soc_code,
           sp.naics_code,
           coalesce(left(sp.naics_code, 2), 'unknown') AS naics_sector,
           coalesce(em.county_fips, sp.county_fips, 'unknown') AS county_fips,
           r.start_date,
           extract(year FROM r.start_date)::smallint AS start_year,
           (extract(year FROM r.start_date) + CASE WHEN extract(month FROM r.start_date) >= 10 THEN 1 ELSE 0 END)::smallint AS start_fiscal_year,
           ((extract(month FROM r.start_date)::int + 2) % 12 / 3 + 1)::smallint AS start_fiscal_quarter,
           r.registration_date,
           r.status,
           r.status_date,
           x.end_date,
           x.exit_kind,
           r.cancelled_during_probation,
           r.status = 'completed' AS completed,
           r.transferred_from_id IS NOT NULL AS transferred_in,
           CASE WHEN r.status = 'completed' THEN round((r.status_date - r.start_date) / ${DAYS_PER_MONTH}, 2) END AS months_to_completion,
           a.sex,
           a.ethnicity,
           a.races,
           ${races.map((race) => `'${race}' = ANY(a.races) AS race_${race}`).join(',\n           ')},
           CASE WHEN a.races = '{not_self_identified}' THEN 'not_self_identified'
                WHEN cardinality(a.races) > 1 THEN 'two_or_more' ELSE a.races[1] END AS race_combination,
           a.veteran_status,
           a.disability,
           a.education,
           age.years AS age_at_start,
           ${ageBandSql('age.years', AGE_BANDS)} AS age_band,
           ${ageBandSql('age.years', AGE_BANDS_DETAILED)} AS age_band_detailed,
           (SELECT w.rate_cents FROM wage_history w WHERE w.registration_id = r.id ORDER BY w.step LIMIT 1) AS entry_wage_cents,
           CASE WHEN x.end_date IS NOT NULL THEN
             (SELECT w.rate_cents FROM wage_history w WHERE w.registration_id = r.id AND w.effective_date <= x.end_date
               ORDER BY w.effective_date DESC, w.step DESC LIMIT 1) END AS exit_wage_cents,
           CASE WHEN a.prior_wage_unit = 'hourly' THEN a.prior_wage_cents END AS prior_wage_cents,
           coalesce((SELECT sum(e.hours) FROM ojt_hour_entries e WHERE e.registration_id = r.id AND e.status = 'approved'), 0)::numeric(10, 2) AS ojt_hours,
           coalesce(rti.total, 0)::numeric(10, 2) AS rti_hours,
           coalesce(rti.by_year, '{}')::numeric(8, 2)[] AS rti_hours_by_year,
           now() AS refreshed_at
      FROM registrations r
      JOIN apprentices a ON a.id = r.apprentice_id
      JOIN program_occupations po ON po.id = r.program_occupation_id
      JOIN occupations o ON o.id = po.occupation_id
      JOIN organizations sp ON sp.id = r.sponsor_id
      JOIN organizations em ON em.id = r.employer_id
      CROSS JOIN LATERAL (
        SELECT CASE WHEN r.status IN ('completed', 'cancelled', 'transferred') THEN r.status_date END AS end_date,
               CASE r.status WHEN 'completed' THEN 'completed' WHEN 'transferred' THEN 'transferred'
                 WHEN 'cancelled' THEN CASE WHEN r.cancelled_during_probation THEN 'probationary_cancellation' ELSE 'cancelled' END
               END AS exit_kind
      ) x
      CROSS JOIN LATERAL (SELECT extract(year FROM age(r.start_date, a.date_of_birth))::smallint AS years) age
      LEFT JOIN LATERAL (
        WITH by_year AS (
          SELECT greatest(0, extract(year FROM age(ra.session_date, r.start_date)))::int AS year, sum(ra.hours) AS hours
            FROM rti_attendance ra WHERE ra.registration_id = r.id GROUP BY 1)
        SELECT (SELECT sum(hours) FROM by_year) AS total,
               (SELECT array_agg(coalesce(b.hours, 0) ORDER BY g.year)
                  FROM generate_series(0, (SELECT max(year) FROM by_year)) g(year) LEFT JOIN by_year b ON b.year = g.year) AS by_year
      ) rti ON true
     WHERE ${where}`;
}

/** Upserts the fact rows of the registrations matching `where` (alias r). */
export function upsertFactsSql(where: string, returning = ''): string {
  const columns = [...FACT_COLUMNS, 'refreshed_at'];
  return `
    INSERT INTO outcome_registration_facts (${columns.join(', ')})
    ${factSelectSql(where)}
    ON CONFLICT (registration_id) DO UPDATE SET
      ${columns.filter((column) => column !== 'registration_id').map((column) => `${column} = EXCLUDED.${column}`).join(',\n      ')}
    ${returning}`;
}

/**
 * The columns the cube depends on. A refresh that leaves them unchanged (hours, RTI, wages)
 * touches only the fact row.
 */
export const CUBE_INPUT_COLUMNS: ReadonlyArray<[column: string, type: string]> = [
  ['participant', 'boolean'],
  ['state', 'char(2)'],
  ['start_date', 'date'],
  ['end_date', 'date'],
  ['exit_kind', 'text'],
  ['start_year', 'smallint'],
  ['naics_sector', 'text'],
  ['sex', 'text'],
  ['ethnicity', 'text'],
  ['races', 'text[]'],
  ['race_combination', 'text'],
  ['veteran_status', 'text'],
  ['disability', 'text'],
  ['education', 'text'],
  ['age_band', 'text'],
  ['program_id', 'uuid'],
  ['sponsor_id', 'uuid'],
  ['rapids_base_code', 'text'],
  ['county_fips', 'text'],
  ['employer_id', 'uuid'],
];

/** The cube inputs of fact alias `alias` as one jsonb object. */
export function cubeInputJsonSql(alias: string): string {
  return `jsonb_build_object(${CUBE_INPUT_COLUMNS.map(([column]) => `'${column}', ${alias}.${column}`).join(', ')})`;
}

/** Rows of cube inputs (alias f, with a `sign` column) read back from such jsonb objects. */
export function cubeInputFromJsonSql(jsonParameter: string, sign: number): string {
  const columns = CUBE_INPUT_COLUMNS.map(([column, type]) => `${column} ${type}`).join(', ');
  return `SELECT ${sign} AS sign, f.* FROM jsonb_to_record(${jsonParameter}::jsonb) AS f(${columns})`;
}
