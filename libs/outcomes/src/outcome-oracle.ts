import { DataSource } from 'typeorm';
import { OutcomeDimension } from './dimensions';
import { Period } from './periods';

/**
 * Expected outcome numbers computed straight from the raw tables (registrations, apprentices,
 * organizations, wage_history, rti_attendance) with plain SQL written apart from the rollups, for
 * integration tests. Participants are registrations that were ever registered.
 */
const RAW = `
  SELECT r.id, r.state::text AS state, r.sponsor_id::text AS sponsor, r.program_id::text AS program, r.employer_id::text AS employer,
         r.start_date, r.status, r.cancelled_during_probation AS in_probation,
         CASE WHEN r.status IN ('completed', 'cancelled', 'transferred') THEN r.status_date END AS exit_date,
         a.sex, a.ethnicity, a.races, a.veteran_status AS veteran, a.disability, a.education,
         CASE WHEN cardinality(a.races) > 1 THEN 'two_or_more' ELSE a.races[1] END AS race_combination,
         extract(year FROM r.start_date)::int::text AS cohort,
         coalesce(substr(sp.naics_code, 1, 2), 'unknown') AS naics, sp.naics_code,
         coalesce(em.county_fips, sp.county_fips, 'unknown') AS county,
         substr(o.rapids_code, 1, 4) AS occupation, o.rapids_code, o.onet_soc_code,
         CASE WHEN date_part('year', age(r.start_date, a.date_of_birth)) < 16 THEN 'under_16'
              WHEN date_part('year', age(r.start_date, a.date_of_birth)) < 25 THEN '16_24'
              WHEN date_part('year', age(r.start_date, a.date_of_birth)) < 55 THEN '25_54'
              ELSE '55_plus' END AS age_band,
         (SELECT w.rate_cents FROM wage_history w WHERE w.registration_id = r.id AND w.step = 1) AS entry_wage,
         (SELECT w.rate_cents FROM wage_history w WHERE w.registration_id = r.id AND w.effective_date <= r.status_date
           ORDER BY w.step DESC LIMIT 1) AS last_wage,
         CASE WHEN a.prior_wage_unit = 'hourly' THEN a.prior_wage_cents END AS prior_hourly,
         (SELECT coalesce(sum(t.hours), 0) FROM rti_attendance t WHERE t.registration_id = r.id) AS rti_hours
    FROM registrations r
    JOIN apprentices a ON a.id = r.apprentice_id
    JOIN program_occupations po ON po.id = r.program_occupation_id
    JOIN occupations o ON o.id = po.occupation_id
    JOIN organizations sp ON sp.id = r.sponsor_id
    JOIN organizations em ON em.id = r.employer_id
   WHERE r.registration_date IS NOT NULL`;

/** Column of RAW holding each dimension's value. */
const COLUMN: Partial<Record<OutcomeDimension, string>> = {
  [OutcomeDimension.STATE]: 'state',
  [OutcomeDimension.PROGRAM]: 'program',
  [OutcomeDimension.SPONSOR]: 'sponsor',
  [OutcomeDimension.OCCUPATION]: 'occupation',
  [OutcomeDimension.NAICS]: 'naics',
  [OutcomeDimension.COUNTY]: 'county',
  [OutcomeDimension.COHORT]: 'cohort',
  [OutcomeDimension.SEX]: 'sex',
  [OutcomeDimension.ETHNICITY]: 'ethnicity',
  [OutcomeDimension.RACE]: 'race_value',
  [OutcomeDimension.RACE_COMBINATION]: 'race_combination',
  [OutcomeDimension.VETERAN]: 'veteran',
  [OutcomeDimension.DISABILITY]: 'disability',
  [OutcomeDimension.AGE_BAND]: 'age_band',
  [OutcomeDimension.EDUCATION]: 'education',
};

export interface ExpectedRow {
  key: Array<string | null>;
  activeAtStart: number;
  newRegistrations: number;
  completers: number;
  cancellations: number;
  probationaryCancellations: number;
  transfers: number;
  activeAtEnd: number;
  completionRate: string | null;
  cohortCompletionRate: string | null;
  retention6Months: string | null;
  retention12Months: string | null;
  retention24Months: string | null;
  p25MonthsToCompletion: string | null;
  medianMonthsToCompletion: string | null;
  p75MonthsToCompletion: string | null;
  medianEntryWageCents: string | null;
  medianCompletionWageCents: string | null;
  medianWageGainCents: string | null;
  rtiHoursPerYear: string | null;
  /** Months to completion of the period's completers, for checks outside SQL. */
  months: number[];
}

function emptyRow(dimensions: number): ExpectedRow {
  return {
    key: Array(dimensions).fill(null),
    activeAtStart: 0,
    newRegistrations: 0,
    completers: 0,
    cancellations: 0,
    probationaryCancellations: 0,
    transfers: 0,
    activeAtEnd: 0,
    completionRate: null,
    cohortCompletionRate: null,
    retention6Months: null,
    retention12Months: null,
    retention24Months: null,
    p25MonthsToCompletion: null,
    medianMonthsToCompletion: null,
    p75MonthsToCompletion: null,
    medianEntryWageCents: null,
    medianCompletionWageCents: null,
    medianWageGainCents: null,
    rtiHoursPerYear: null,
    months: [],
  };
}

const retention = (months: number) => {
  const eligible = `start_date BETWEEN $1 AND $2 AND date_trunc('month', start_date) + interval '${months + 1} months' <= $3::date + 1`;
  const left = `status IN ('cancelled', 'transferred') AND exit_date < start_date + interval '${months} months'`;
  return `round(100.0 * count(*) FILTER (WHERE ${eligible} AND NOT coalesce(${left}, false))
            / nullif(count(*) FILTER (WHERE ${eligible}), 0), 2)::text AS "retention${months}Months"`;
};

/**
 * Expected rows for a grouping (every cell, margin and the total that has any flow in the
 * period), with `where` (SQL over RAW's columns) narrowing the population.
 */
export async function expectedOutcomes(
  dataSource: DataSource,
  groupBy: OutcomeDimension[],
  period: Period,
  asOf: string,
  where = 'true',
): Promise<ExpectedRow[]> {
  const levels = groupBy.length === 2 ? [[0, 1], [0], [1], []] : groupBy.length === 1 ? [[0], []] : [[]];
  const rows: ExpectedRow[] = [];
  for (const level of levels) {
    const kept = level.map((index) => groupBy[index]);
    const race = kept.includes(OutcomeDimension.RACE);
    const key = groupBy.map((dimension, index) => (level.includes(index) ? `${COLUMN[dimension]}` : 'NULL::text'));
    const completedInPeriod = `status = 'completed' AND exit_date BETWEEN $1 AND $2`;
    const cohort = `start_date BETWEEN $1 AND $2`;
    const result: Array<Record<string, unknown>> = await dataSource.query(
      `SELECT ARRAY[${key.length ? key.join(', ') : ''}]::text[] AS key,
              count(*) FILTER (WHERE start_date < $1 AND (exit_date IS NULL OR exit_date >= $1))::int AS "activeAtStart",
              count(*) FILTER (WHERE ${cohort})::int AS "newRegistrations",
              count(*) FILTER (WHERE ${completedInPeriod})::int AS completers,
              count(*) FILTER (WHERE status = 'cancelled' AND NOT in_probation AND exit_date BETWEEN $1 AND $2)::int AS cancellations,
              count(*) FILTER (WHERE status = 'cancelled' AND in_probation AND exit_date BETWEEN $1 AND $2)::int AS "probationaryCancellations",
              count(*) FILTER (WHERE status = 'transferred' AND exit_date BETWEEN $1 AND $2)::int AS transfers,
              count(*) FILTER (WHERE start_date <= $2 AND (exit_date IS NULL OR exit_date > $2))::int AS "activeAtEnd",
              round(100.0 * count(*) FILTER (WHERE ${cohort} AND status = 'completed')
                / nullif(count(*) FILTER (WHERE ${cohort} AND (status = 'completed' OR (status = 'cancelled' AND NOT in_probation))), 0), 2)::text
                AS "completionRate",
              round(100.0 * count(*) FILTER (WHERE ${cohort} AND status = 'completed')
                / nullif(count(*) FILTER (WHERE ${cohort} AND NOT (status = 'transferred' OR (status = 'cancelled' AND in_probation))), 0), 2)::text
                AS "cohortCompletionRate",
              ${retention(6)}, ${retention(12)}, ${retention(24)},
              ${[
                [0.25, 'p25MonthsToCompletion'],
                [0.5, 'medianMonthsToCompletion'],
                [0.75, 'p75MonthsToCompletion'],
              ]
                .map(
                  ([p, name]) => `round((percentile_cont(${p}) WITHIN GROUP (ORDER BY round((exit_date - start_date) / 30.436875, 2))
                FILTER (WHERE ${completedInPeriod}))::numeric, 2)::text AS "${name}"`,
                )
                .join(',\n              ')},
              coalesce(array_agg(round((exit_date - start_date) / 30.436875, 2)::float8) FILTER (WHERE ${completedInPeriod}), '{}') AS months,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY entry_wage) FILTER (WHERE ${cohort}))::numeric)::bigint::text AS "medianEntryWageCents",
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY last_wage) FILTER (WHERE ${completedInPeriod}))::numeric)::bigint::text
                AS "medianCompletionWageCents",
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY last_wage - prior_hourly) FILTER (WHERE ${completedInPeriod}))::numeric)::bigint::text
                AS "medianWageGainCents",
              round(sum(rti_hours) FILTER (WHERE ${completedInPeriod})
                / nullif(sum((exit_date - start_date) / 365.25) FILTER (WHERE ${completedInPeriod}), 0), 2)::text
                AS "rtiHoursPerYear"
         FROM (${RAW}) raw${race ? ' CROSS JOIN LATERAL unnest(raw.races) AS race(race_value)' : ''}
        WHERE ${where}
        GROUP BY 1`,
      [period.from, period.to, asOf],
    );
    for (const row of result) {
      const flows = ['activeAtStart', 'newRegistrations', 'completers', 'cancellations', 'probationaryCancellations', 'transfers', 'activeAtEnd'];
      if (level.length && flows.every((name) => row[name] === 0)) continue;
      rows.push(row as unknown as ExpectedRow);
    }
    if (!level.length && !result.length) rows.push(emptyRow(groupBy.length));
  }
  return rows;
}
