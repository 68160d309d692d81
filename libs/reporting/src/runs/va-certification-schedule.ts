import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@journeyline/common/clock';
import { addDays, addMonths } from '@journeyline/common/dates';
import { insertRunRequest } from './run-request';

export interface MonthlyVaRuns {
  month: string;
  /** One per facility code with active VA trainees in the month, in code order. */
  runs: Array<{ facilityCode: string; runId: string; created: boolean }>;
}

/**
 * The monthly draft of VA 22-6553d: on the 1st, a `va.monthly-certification` run for the month
 * that just ended, per facility code with active GI Bill trainees, for the certifying official to
 * review and sign (va.md §3.2: certification on or after the month's last day). The runs are
 * requested by nobody (requested_by null) and carry no SSNs: trainees without a VA file number
 * show up as `va.identifier_required` problems, and an official who needs their SSNs requests an
 * SSN run, so every SSN export is attributed to a person. asOf is the day of the schedule, so a
 * retried job finds its own runs (dedupe) instead of adding more.
 */
@Injectable()
export class VaCertificationSchedule {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async requestMonthlyRuns(today: string = this.clock.today()): Promise<MonthlyVaRuns> {
    const monthStart = `${today.slice(0, 7)}-01`;
    const period = { start: addMonths(monthStart, -1), end: addDays(monthStart, -1) };
    return this.dataSource.transaction(async (manager) => {
      // Active in the month: GI Bill chapter other than 31 (VR&E uses 28-1905c), started and VA-enrolled
      // by its end, VA enrollment not ended before it, and registered or reinstated at some point in it.
      const codes: Array<{ code: string }> = await manager.query(
        `SELECT DISTINCT po.va_facility_code AS code
           FROM registrations r JOIN program_occupations po ON po.id = r.program_occupation_id
          WHERE po.va_facility_code IS NOT NULL AND r.va_chapter IS NOT NULL AND r.va_chapter <> '31'
            AND r.start_date <= $2 AND coalesce(r.va_enrollment_start, r.start_date) <= $2
            AND (r.va_enrollment_end IS NULL OR r.va_enrollment_end >= $1)
            AND (r.status IN ('registered', 'reinstated')
                 OR (r.status IN ('suspended', 'completed', 'cancelled', 'transferred') AND r.status_date >= $1))
          ORDER BY 1`,
        [period.start, period.end],
      );
      const runs: MonthlyVaRuns['runs'] = [];
      for (const { code } of codes) {
        const { runId, created } = await insertRunRequest(manager, {
          format: 'va.monthly-certification',
          scopeKind: 'facility_code',
          scopeId: code,
          period,
          asOf: today,
          options: {},
          includeSsn: false,
          requestedBy: null,
        });
        runs.push({ facilityCode: code, runId, created });
      }
      return { month: period.start.slice(0, 7), runs };
    });
  }
}
