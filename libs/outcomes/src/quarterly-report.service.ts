import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { DomainError } from '@journeyline/common/domain-error';
import { OutcomeDimension, valueLabel } from './dimensions';
import { OutcomesService, OutcomeTable } from './outcomes.service';
import { fiscalQuarter, fiscalYearToDate, Period } from './periods';

export interface Eta9186Counts {
  period: Period;
  newApprentices: number | null;
  activeAtStart: number | null;
  activeAtEnd: number | null;
  completers: number | null;
  cancellations: number | null;
  probationaryCancellations: number | null;
  transfers: number | null;
  /** The apprentice counts above are withheld (a small count among them, or protecting one). */
  apprenticeCountsSuppressed: boolean;
  newPrograms: number;
  activePrograms: number;
  programsWithFiveOrMore: number;
  employers: number;
}

export interface NaicsNewApprentices {
  sector: string;
  label: string;
  quarter: number | null;
  quarterSuppressed: boolean;
  yearToDate: number | null;
  yearToDateSuppressed: boolean;
}

export interface QuarterlyStateReport {
  state: string;
  fiscalYear: number;
  quarter: number;
  minCellSize: number;
  quarterCounts: Eta9186Counts;
  yearToDate: Eta9186Counts;
  newApprenticesByNaics: NaicsNewApprentices[];
}

/**
 * Programs or employers with an apprentice active at any time in the quarter and in the year to
 * date, and those with at least 5 active at the end (the same day for both periods). Both periods
 * start on or after the fiscal year's 1 October, so they share the latest anchor on or before it,
 * and one pass over the grouping's cube rows from that anchor to the quarter's end gives, per
 * program or employer, the stock plus the net flows before a period's start plus the period's
 * starts (active at some time in it: > 0) and the stock plus every flow (active at the end). The
 * grouping is a literal so the planner can use the partial covering indexes (index-only scans).
 * $1 state, $2 the year to date's first day, $3 the quarter's, $4 the quarter's last day.
 */
function organizationCountsSql(grouping: 'program' | 'employer'): string {
  return `
    WITH anchor AS (SELECT coalesce(max(anchor), DATE '0001-01-01') AS anchor FROM outcome_cube_anchors WHERE anchor <= $2::date),
    groups AS (
      SELECT sum(x.at_end) AS at_end, sum(x.year_during) AS year_during, sum(x.quarter_during) AS quarter_during
        FROM (
          SELECT c.v1, flow.net AS at_end,
                 CASE WHEN c.month < $2::date THEN flow.net ELSE c.starts END AS year_during,
                 CASE WHEN c.month < $3::date THEN flow.net ELSE c.starts END AS quarter_during
            FROM outcome_cube_events c
           CROSS JOIN LATERAL (SELECT c.starts - c.completions - c.cancellations - c.probationary_cancellations - c.transfers AS net) flow
           WHERE c.state = $1::bpchar AND c.grouping = '${grouping}' AND c.month >= (SELECT anchor FROM anchor) AND c.month <= $4::date
          UNION ALL
          SELECT c.v1, c.active, c.active, c.active
            FROM outcome_cube_stock c
           WHERE c.state = $1::bpchar AND c.grouping = '${grouping}' AND c.anchor = (SELECT anchor FROM anchor)
        ) x
       GROUP BY x.v1)
    SELECT count(*) FILTER (WHERE quarter_during > 0)::int AS quarter,
           count(*) FILTER (WHERE year_during > 0)::int AS year_to_date,
           count(*) FILTER (WHERE at_end >= 5)::int AS five_or_more
      FROM groups`;
}

/** Programs of the state whose first standards version took effect in the quarter, and in the year to date. */
const NEW_PROGRAMS_SQL = `
  SELECT count(*) FILTER (WHERE first_version BETWEEN $3::date AND $4::date)::int AS quarter,
         count(*) FILTER (WHERE first_version BETWEEN $2::date AND $4::date)::int AS year_to_date
    FROM (SELECT min(v.effective_date) AS first_version
            FROM programs p JOIN program_versions v ON v.program_id = p.id
           WHERE p.state = $1::bpchar
           GROUP BY p.id) registered`;

interface PeriodCounts {
  quarter: number;
  year_to_date: number;
}

interface OrganizationCounts extends PeriodCounts {
  five_or_more: number;
}

/**
 * The counts of the ETA-9186 SAA report for one state and federal fiscal quarter, and year to
 * date. Apprentice counts are the outcomes tables' (same suppression); program and employer
 * counts are counts of organizations, not people, and are shown as they are.
 */
@Injectable()
export class QuarterlyReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outcomes: OutcomesService,
  ) {}

  async report(scope: AccessScope, state: string, fiscalYear: number, quarter: number): Promise<QuarterlyStateReport> {
    const reach = scope.reach(Permission.ReadOutcomes);
    if (!reach.all && !reach.states.includes(state)) throw DomainError.notFound('state', 'state');
    const quarterPeriod = fiscalQuarter(fiscalYear, quarter);
    const yearPeriod = fiscalYearToDate(fiscalYear, quarter);
    const naics = (period: Period) =>
      this.outcomes.outcomes(scope, { filter: { states: [state] }, groupBy: [OutcomeDimension.NAICS], period }, { details: false });
    // Programs and employers in statements of their own, so they run side by side.
    const query = <T>(sql: string) =>
      this.dataSource.query(sql, [state, yearPeriod.from, quarterPeriod.from, quarterPeriod.to]).then(([row]: T[]) => row);
    const [quarterNaics, yearNaics, programs, employers, newPrograms] = await Promise.all([
      naics(quarterPeriod),
      naics(yearPeriod),
      query<OrganizationCounts>(organizationCountsSql('program')),
      query<OrganizationCounts>(organizationCountsSql('employer')),
      query<PeriodCounts>(NEW_PROGRAMS_SQL),
    ]);
    const sectors = new Map<string, NaicsNewApprentices>();
    const bySector = (table: OutcomeTable, into: 'quarter' | 'yearToDate') => {
      for (const row of table.rows.filter((candidate) => candidate.kind === 'cell')) {
        const sector = row.key[0]!;
        const entry = sectors.get(sector) ?? {
          sector,
          label: valueLabel(OutcomeDimension.NAICS, sector),
          quarter: 0,
          quarterSuppressed: false,
          yearToDate: 0,
          yearToDateSuppressed: false,
        };
        entry[into] = row.measures.newRegistrations;
        entry[into === 'quarter' ? 'quarterSuppressed' : 'yearToDateSuppressed'] = row.suppressed;
        sectors.set(sector, entry);
      }
    };
    bySector(quarterNaics, 'quarter');
    bySector(yearNaics, 'yearToDate');
    return {
      state,
      fiscalYear,
      quarter,
      minCellSize: quarterNaics.minCellSize,
      quarterCounts: counts(quarterPeriod, quarterNaics, {
        newPrograms: newPrograms.quarter,
        activePrograms: programs.quarter,
        programsWithFiveOrMore: programs.five_or_more,
        employers: employers.quarter,
      }),
      yearToDate: counts(yearPeriod, yearNaics, {
        newPrograms: newPrograms.year_to_date,
        activePrograms: programs.year_to_date,
        programsWithFiveOrMore: programs.five_or_more,
        employers: employers.year_to_date,
      }),
      newApprenticesByNaics: [...sectors.values()].sort((a, b) => (a.sector < b.sector ? -1 : 1)),
    };
  }
}

type OrganizationFields = Pick<Eta9186Counts, 'newPrograms' | 'activePrograms' | 'programsWithFiveOrMore' | 'employers'>;

function counts(period: Period, naics: OutcomeTable, organizations: OrganizationFields): Eta9186Counts {
  const total = naics.rows.find((row) => row.kind === 'total')!;
  return {
    period,
    newApprentices: total.measures.newRegistrations,
    activeAtStart: total.measures.activeAtStart,
    activeAtEnd: total.measures.activeAtEnd,
    completers: total.measures.completers,
    cancellations: total.measures.cancellations,
    probationaryCancellations: total.measures.probationaryCancellations,
    transfers: total.measures.transfers,
    apprenticeCountsSuppressed: total.suppressed,
    ...organizations,
  };
}
