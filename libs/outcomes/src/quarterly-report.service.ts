import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
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
 * The counts of the ETA-9186 SAA report for one state and federal fiscal quarter, and year to
 * date. Apprentice counts are the outcomes tables' (same suppression); program and employer
 * counts are counts of organizations, not people, and are shown as they are.
 */
@Injectable()
export class QuarterlyReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outcomes: OutcomesService,
    private readonly clock: Clock,
  ) {}

  async report(scope: AccessScope, state: string, fiscalYear: number, quarter: number): Promise<QuarterlyStateReport> {
    const reach = scope.reach(Permission.ReadOutcomes);
    if (!reach.all && !reach.states.includes(state)) throw DomainError.notFound('state', 'state');
    const quarterPeriod = fiscalQuarter(fiscalYear, quarter);
    const yearPeriod = fiscalYearToDate(fiscalYear, quarter);
    const [quarterCounts, yearToDate] = await Promise.all([
      this.counts(scope, state, quarterPeriod),
      this.counts(scope, state, yearPeriod),
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
    bySector(quarterCounts.naics, 'quarter');
    bySector(yearToDate.naics, 'yearToDate');
    return {
      state,
      fiscalYear,
      quarter,
      minCellSize: quarterCounts.naics.minCellSize,
      quarterCounts: quarterCounts.counts,
      yearToDate: yearToDate.counts,
      newApprenticesByNaics: [...sectors.values()].sort((a, b) => (a.sector < b.sector ? -1 : 1)),
    };
  }

  private async counts(scope: AccessScope, state: string, period: Period): Promise<{ counts: Eta9186Counts; naics: OutcomeTable }> {
    const filter = { states: [state] };
    const restriction = await this.outcomes.restrictionFor(scope, filter);
    const raw = (groupBy: Array<OutcomeDimension | 'employer'>) =>
      this.outcomes.raw({ groupBy, period, asOf: this.clock.today(), restriction }, { details: false });
    const [naics, programs, employers, [newPrograms]] = await Promise.all([
      this.outcomes.outcomes(scope, { filter, groupBy: [OutcomeDimension.NAICS], period }, { details: false }),
      raw([OutcomeDimension.PROGRAM]),
      raw(['employer']),
      this.dataSource.query(
        `SELECT count(*)::int AS count FROM programs p
          WHERE p.state = $1 AND (SELECT min(v.effective_date) FROM program_versions v WHERE v.program_id = p.id) BETWEEN $2 AND $3`,
        [state, period.from, period.to],
      ) as Promise<Array<{ count: number }>>,
    ]);
    const total = naics.rows.find((row) => row.kind === 'total')!;
    const groups = (table: typeof programs) =>
      table.countRows
        .filter((row) => row.level === 'cell')
        .map((row) => {
          const activeAtStart = Number(row.active_at_start);
          const entered = Number(row.new_registrations);
          const exits = ['completers', 'cancellations', 'probationary_cancellations', 'transfers'].reduce(
            (sum, column) => sum + Number(row[column]),
            0,
          );
          return { during: activeAtStart + entered, atEnd: activeAtStart + entered - exits };
        });
    return {
      naics,
      counts: {
        period,
        newApprentices: total.measures.newRegistrations,
        activeAtStart: total.measures.activeAtStart,
        activeAtEnd: total.measures.activeAtEnd,
        completers: total.measures.completers,
        cancellations: total.measures.cancellations,
        probationaryCancellations: total.measures.probationaryCancellations,
        transfers: total.measures.transfers,
        apprenticeCountsSuppressed: total.suppressed,
        newPrograms: newPrograms.count,
        activePrograms: groups(programs).filter((group) => group.during > 0).length,
        programsWithFiveOrMore: groups(programs).filter((group) => group.atEnd >= 5).length,
        employers: groups(employers).filter((group) => group.during > 0).length,
      },
    };
  }
}
