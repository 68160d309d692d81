import { Client } from 'pg';
import { OutcomeDimension } from '@journeyline/outcomes/dimensions';
import { OutcomeDetails } from '@journeyline/outcomes/measures';
import { assembleTable, OutcomeRow, RawOutcomeRow } from '@journeyline/outcomes/outcome-table';
import { fiscalQuarter, fiscalYearToDate, Period } from '@journeyline/outcomes/periods';
import { entryId } from '@journeyline/outcomes/suppression';

/**
 * The answers of the outcome queries computed straight from the raw tables (registrations,
 * apprentices, organizations, occupations, wage_history, rti_attendance, programs), never from
 * the rollups (outcome_registration_facts, the cube), with SQL written from docs/outcomes.md's
 * definitions like libs/outcomes/src/outcome-oracle.ts. The counts are then published with the
 * library's pure table assembly (outcome-table.ts: suppression, rates, formatting), so the result
 * is the table the API must return, withheld cells included. As a check of that assembly, the
 * rates it shows are compared with rates rounded by SQL here (`problems`).
 */

export type BaselineScope = { states: string[] } | { sponsorIds: string[] } | { all: true };

export interface BaselineRequest {
  scope: BaselineScope;
  /** At most one dimension. */
  groupBy: OutcomeDimension[];
  period: Period;
  /** Today, for retention. */
  asOf: string;
  details: boolean;
}

export interface BaselineTable {
  minCellSize: number;
  rows: OutcomeRow[];
  /** Disagreements inside the baseline itself (identity, rates); empty when all is well. */
  problems: string[];
}

/** Value of each supported dimension in the raw rows (race is unnested separately). */
const KEY: Partial<Record<OutcomeDimension, string>> = {
  [OutcomeDimension.STATE]: 'state',
  [OutcomeDimension.SPONSOR]: 'sponsor',
  [OutcomeDimension.PROGRAM]: 'program',
  [OutcomeDimension.OCCUPATION]: 'occupation',
  [OutcomeDimension.NAICS]: 'naics',
  [OutcomeDimension.COHORT]: 'cohort',
  [OutcomeDimension.SEX]: 'sex',
  [OutcomeDimension.RACE]: 'race.v',
};

/** Participants (ever registered) in scope, one row per registration. $4 holds the scope's states or sponsor ids. */
function rawSql(scope: BaselineScope, details: boolean): string {
  const where = 'states' in scope ? 'r.state = ANY($4::bpchar[])' : 'sponsorIds' in scope ? 'r.sponsor_id = ANY($4::uuid[])' : 'true';
  const wages = details
    ? `,
         (SELECT w.rate_cents FROM wage_history w WHERE w.registration_id = r.id ORDER BY w.step LIMIT 1) AS entry_wage,
         CASE WHEN r.status IN ('completed', 'cancelled', 'transferred') THEN
           (SELECT w.rate_cents FROM wage_history w WHERE w.registration_id = r.id AND w.effective_date <= r.status_date
             ORDER BY w.effective_date DESC, w.step DESC LIMIT 1) END AS last_wage,
         CASE WHEN a.prior_wage_unit = 'hourly' THEN a.prior_wage_cents END AS prior_hourly,
         (SELECT coalesce(sum(t.hours), 0) FROM rti_attendance t WHERE t.registration_id = r.id) AS rti_hours`
    : '';
  return `
  SELECT r.state::text AS state, r.sponsor_id::text AS sponsor, r.program_id::text AS program,
         r.start_date, r.status, r.cancelled_during_probation AS in_probation,
         CASE WHEN r.status IN ('completed', 'cancelled', 'transferred') THEN r.status_date END AS exit_date,
         a.sex, a.races,
         extract(year FROM r.start_date)::int::text AS cohort,
         coalesce(left(sp.naics_code, 2), 'unknown') AS naics,
         left(o.rapids_code, 4) AS occupation${wages}
    FROM registrations r
    JOIN apprentices a ON a.id = r.apprentice_id
    JOIN program_occupations po ON po.id = r.program_occupation_id
    JOIN occupations o ON o.id = po.occupation_id
    JOIN organizations sp ON sp.id = r.sponsor_id
   WHERE r.registration_date IS NOT NULL AND ${where}`;
}

const COHORT = `start_date BETWEEN $1 AND $2`;
const COMPLETED = `status = 'completed' AND exit_date BETWEEN $1 AND $2`;
const RETENTION_MONTHS = [6, 12, 24];

function aggregatesSql(details: boolean): string {
  const rate = (numerator: string, denominator: string) =>
    `round(100.0 * count(*) FILTER (WHERE ${numerator}) / nullif(count(*) FILTER (WHERE ${denominator}), 0), 2)::text`;
  const columns = [
    `count(*) FILTER (WHERE start_date < $1 AND (exit_date IS NULL OR exit_date >= $1))::int AS active_at_start`,
    `count(*) FILTER (WHERE ${COHORT})::int AS new_registrations`,
    `count(*) FILTER (WHERE ${COMPLETED})::int AS completers`,
    `count(*) FILTER (WHERE status = 'cancelled' AND NOT in_probation AND exit_date BETWEEN $1 AND $2)::int AS cancellations`,
    `count(*) FILTER (WHERE status = 'cancelled' AND in_probation AND exit_date BETWEEN $1 AND $2)::int AS probationary_cancellations`,
    `count(*) FILTER (WHERE status = 'transferred' AND exit_date BETWEEN $1 AND $2)::int AS transfers`,
    `count(*) FILTER (WHERE start_date <= $2 AND (exit_date IS NULL OR exit_date > $2))::int AS active_at_end_counted`,
    `count(*) FILTER (WHERE ${COHORT} AND status = 'completed')::int AS cohort_completed`,
    `count(*) FILTER (WHERE ${COHORT} AND status = 'cancelled' AND NOT in_probation)::int AS cohort_cancelled`,
    `count(*) FILTER (WHERE ${COHORT} AND status = 'cancelled' AND in_probation)::int AS cohort_probationary_cancelled`,
    `count(*) FILTER (WHERE ${COHORT} AND status = 'transferred')::int AS cohort_transferred`,
    `${rate(`${COHORT} AND status = 'completed'`, `${COHORT} AND (status = 'completed' OR (status = 'cancelled' AND NOT in_probation))`)} AS sql_completion_rate`,
    `${rate(`${COHORT} AND status = 'completed'`, `${COHORT} AND NOT (status = 'transferred' OR (status = 'cancelled' AND in_probation))`)} AS sql_cohort_completion_rate`,
  ];
  for (const months of RETENTION_MONTHS) {
    // Old enough: the start month's last day plus N months is on or before today.
    const eligible = `${COHORT} AND date_trunc('month', start_date) + interval '${months + 1} months' <= $3::date + 1`;
    const retained = `${eligible} AND NOT coalesce(status IN ('cancelled', 'transferred') AND exit_date < start_date + interval '${months} months', false)`;
    columns.push(
      `count(*) FILTER (WHERE ${eligible})::int AS eligible_${months}`,
      `count(*) FILTER (WHERE ${retained})::int AS retained_${months}`,
      `${rate(retained, eligible)} AS sql_retention_${months}`,
    );
  }
  if (details) {
    const months = `round((exit_date - start_date) / 30.436875, 2)`;
    const median = (value: string, where: string) =>
      `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${value}) FILTER (WHERE ${where}))::numeric)::bigint::text`;
    columns.push(
      `count(entry_wage) FILTER (WHERE ${COHORT})::int AS entry_wage_count`,
      `${median('entry_wage', COHORT)} AS entry_wage_median`,
      `count(*) FILTER (WHERE ${COMPLETED})::int AS months_count`,
      ...[
        [0.25, 'months_p25'],
        [0.5, 'months_median'],
        [0.75, 'months_p75'],
      ].map(([p, name]) => `round((percentile_cont(${p}) WITHIN GROUP (ORDER BY ${months}) FILTER (WHERE ${COMPLETED}))::numeric, 2)::text AS ${name}`),
      `count(last_wage) FILTER (WHERE ${COMPLETED})::int AS completion_wage_count`,
      `${median('last_wage', COMPLETED)} AS completion_wage_median`,
      `count(last_wage - prior_hourly) FILTER (WHERE ${COMPLETED})::int AS wage_gain_count`,
      `${median('last_wage - prior_hourly', COMPLETED)} AS wage_gain_median`,
      // Pooled: all hours over all years; a same-day completion adds nothing to either sum.
      `count(*) FILTER (WHERE ${COMPLETED} AND exit_date > start_date)::int AS rti_count`,
      `round(sum(rti_hours) FILTER (WHERE ${COMPLETED}) / nullif(sum((exit_date - start_date) / 365.25) FILTER (WHERE ${COMPLETED}), 0), 2)::text AS rti_per_year`,
    );
  }
  return columns.join(',\n         ');
}

type Row = RawOutcomeRow & Record<string, string | number | null>;

function detailsOf(row: Row): OutcomeDetails {
  const text = (value: string | number | null) => (value === null ? null : String(value));
  return {
    monthsCount: Number(row.months_count),
    monthsP25: text(row.months_p25),
    monthsMedian: text(row.months_median),
    monthsP75: text(row.months_p75),
    entryWageCount: Number(row.entry_wage_count),
    entryWageMedianCents: text(row.entry_wage_median),
    completionWageCount: Number(row.completion_wage_count),
    completionWageMedianCents: text(row.completion_wage_median),
    wageGainCount: Number(row.wage_gain_count),
    wageGainMedianCents: text(row.wage_gain_median),
    rtiCount: Number(row.rti_count),
    rtiHoursPerYear: text(row.rti_per_year),
  };
}

/** The small-cell threshold in force on `asOf` for a table of these states (or of any state). */
export async function baselineMinCellSize(client: Client, states: string[] | null, asOf: string): Promise<number> {
  const { rows } = await client.query(
    `SELECT jurisdiction, (params->>'minCellSize')::int AS value FROM rule_settings s
      WHERE rule = 'outcomes.min_cell_size' AND effective_from <= $1
        AND effective_from = (SELECT max(effective_from) FROM rule_settings t
                               WHERE t.rule = s.rule AND t.jurisdiction = s.jurisdiction AND t.effective_from <= $1)`,
    [asOf],
  );
  const byJurisdiction = new Map<string, number>(rows.map((row) => [row.jurisdiction, row.value]));
  const national = byJurisdiction.get('US');
  if (national === undefined) throw new Error('no national outcomes.min_cell_size setting');
  if (!states) return Math.max(...byJurisdiction.values());
  return Math.max(national, ...states.map((state) => byJurisdiction.get(state) ?? national));
}

export async function baselineOutcomes(client: Client, request: BaselineRequest): Promise<BaselineTable> {
  if (request.groupBy.length > 1) throw new Error('the baseline groups by at most one dimension');
  const [dimension] = request.groupBy;
  const key = dimension ? KEY[dimension] : undefined;
  if (dimension && !key) throw new Error(`the baseline does not group by ${dimension}`);
  const aggregates = aggregatesSql(request.details);
  const parts = [`SELECT 'total' AS level, NULL::text AS k1, NULL::text AS k2, ${aggregates} FROM raw`];
  if (key) {
    const race = dimension === OutcomeDimension.RACE ? ' CROSS JOIN LATERAL unnest(raw.races) AS race(v)' : '';
    parts.unshift(`SELECT 'cell' AS level, ${key} AS k1, NULL::text AS k2, ${aggregates} FROM raw${race} GROUP BY ${key}`);
  }
  const scope = request.scope;
  const scopeValues = 'states' in scope ? scope.states : 'sponsorIds' in scope ? scope.sponsorIds : null;
  // One connection: the statements run one after the other.
  const minCellSize = await baselineMinCellSize(client, 'states' in scope ? scope.states : null, request.asOf);
  const result = await client.query(`WITH raw AS MATERIALIZED (${rawSql(scope, request.details)}) ${parts.join(' UNION ALL ')}`, [
    request.period.from,
    request.period.to,
    request.asOf,
    ...(scopeValues ? [scopeValues] : []),
  ]);
  const rows = result.rows as Row[];
  const keyOf = (row: Row) => (row.level === 'total' ? request.groupBy.map(() => null) : [row.k1]);
  const details = request.details ? new Map(rows.map((row) => [entryId(keyOf(row)), detailsOf(row)])) : null;
  const table = assembleTable(request.groupBy, rows, details, minCellSize);

  const problems: string[] = [];
  const byId = new Map(rows.map((row) => [entryId(keyOf(row)), row]));
  for (const published of table) {
    const row = byId.get(entryId(published.key))!;
    const name = published.key.join(',') || 'total';
    const counted = Number(row.active_at_end_counted);
    const identity =
      Number(row.active_at_start) + Number(row.new_registrations) - Number(row.completers) - Number(row.cancellations) -
      Number(row.probationary_cancellations) - Number(row.transfers);
    if (counted !== identity) problems.push(`${name}: active at end counted ${counted}, by the identity ${identity}`);
    const rates: Array<[keyof OutcomeRow['measures'], string]> = [
      ['completionRate', 'sql_completion_rate'],
      ['cohortCompletionRate', 'sql_cohort_completion_rate'],
      ...RETENTION_MONTHS.map((months): [keyof OutcomeRow['measures'], string] => [`retention${months}Months` as never, `sql_retention_${months}`]),
    ];
    for (const [measure, column] of rates) {
      const shown = published.measures[measure];
      if (shown !== null && shown !== row[column]) problems.push(`${name}: ${measure} published ${shown}, SQL ${row[column]}`);
    }
  }
  return { minCellSize, rows: table, problems };
}

export interface BaselineCounts {
  periodFrom: string;
  periodTo: string;
  newApprentices: number | null;
  activeAtStart: number | null;
  activeAtEnd: number | null;
  completers: number | null;
  cancellations: number | null;
  probationaryCancellations: number | null;
  transfers: number | null;
  apprenticeCountsSuppressed: boolean;
  newPrograms: number;
  activePrograms: number;
  programsWithFiveOrMore: number;
  employers: number;
}

export interface BaselineQuarterlyReport {
  state: string;
  fiscalYear: number;
  quarter: number;
  minCellSize: number;
  quarterCounts: BaselineCounts;
  yearToDate: BaselineCounts;
  newApprenticesByNaics: Array<{ sector: string; quarter: number | null; quarterSuppressed: boolean; yearToDate: number | null; yearToDateSuppressed: boolean }>;
}

async function organizationCounts(client: Client, state: string, period: Period) {
  const { rows } = await client.query(
    `WITH p AS (
       SELECT r.program_id, r.employer_id,
              r.start_date <= $2 AND (x.exit_date IS NULL OR x.exit_date >= $1) AS during,
              r.start_date <= $2 AND (x.exit_date IS NULL OR x.exit_date > $2) AS at_end
         FROM registrations r
        CROSS JOIN LATERAL (SELECT CASE WHEN r.status IN ('completed', 'cancelled', 'transferred') THEN r.status_date END AS exit_date) x
        WHERE r.registration_date IS NOT NULL AND r.state = $3)
     SELECT (SELECT count(DISTINCT program_id) FROM p WHERE during)::int AS active_programs,
            (SELECT count(*) FROM (SELECT program_id FROM p WHERE at_end GROUP BY 1 HAVING count(*) >= 5) five)::int AS five,
            (SELECT count(DISTINCT employer_id) FROM p WHERE during)::int AS employers,
            (SELECT count(*) FROM programs pr WHERE pr.state = $3
                AND (SELECT min(v.effective_date) FROM program_versions v WHERE v.program_id = pr.id) BETWEEN $1 AND $2)::int AS new_programs`,
    [period.from, period.to, state],
  );
  return rows[0] as { active_programs: number; five: number; employers: number; new_programs: number };
}

/** The ETA-9186 counts (docs/outcomes.md, "Quarterly state report") from the raw tables. */
export async function baselineQuarterlyReport(
  client: Client,
  state: string,
  fiscalYear: number,
  quarter: number,
  asOf: string,
): Promise<{ report: BaselineQuarterlyReport; problems: string[] }> {
  const periods = { quarter: fiscalQuarter(fiscalYear, quarter), yearToDate: fiscalYearToDate(fiscalYear, quarter) };
  const problems: string[] = [];
  const sectors = new Map<string, BaselineQuarterlyReport['newApprenticesByNaics'][number]>();
  const counts = async (which: 'quarter' | 'yearToDate'): Promise<{ counts: BaselineCounts; minCellSize: number }> => {
    const period = periods[which];
    const naics = await baselineOutcomes(client, { scope: { states: [state] }, groupBy: [OutcomeDimension.NAICS], period, asOf, details: false });
    const organizations = await organizationCounts(client, state, period);
    problems.push(...naics.problems.map((problem) => `${which} by NAICS: ${problem}`));
    for (const row of naics.rows.filter((candidate) => candidate.kind === 'cell')) {
      const sector = row.key[0]!;
      const entry = sectors.get(sector) ?? { sector, quarter: 0, quarterSuppressed: false, yearToDate: 0, yearToDateSuppressed: false };
      entry[which] = row.measures.newRegistrations;
      entry[which === 'quarter' ? 'quarterSuppressed' : 'yearToDateSuppressed'] = row.suppressed;
      sectors.set(sector, entry);
    }
    const total = naics.rows.find((row) => row.kind === 'total')!;
    return {
      minCellSize: naics.minCellSize,
      counts: {
        periodFrom: period.from,
        periodTo: period.to,
        newApprentices: total.measures.newRegistrations,
        activeAtStart: total.measures.activeAtStart,
        activeAtEnd: total.measures.activeAtEnd,
        completers: total.measures.completers,
        cancellations: total.measures.cancellations,
        probationaryCancellations: total.measures.probationaryCancellations,
        transfers: total.measures.transfers,
        apprenticeCountsSuppressed: total.suppressed,
        newPrograms: organizations.new_programs,
        activePrograms: organizations.active_programs,
        programsWithFiveOrMore: organizations.five,
        employers: organizations.employers,
      },
    };
  };
  const quarterCounts = await counts('quarter');
  const yearToDate = await counts('yearToDate');
  return {
    report: {
      state,
      fiscalYear,
      quarter,
      minCellSize: quarterCounts.minCellSize,
      quarterCounts: quarterCounts.counts,
      yearToDate: yearToDate.counts,
      newApprenticesByNaics: [...sectors.values()].sort((a, b) => (a.sector < b.sector ? -1 : 1)),
    },
    problems,
  };
}
