import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { RegistrationsService } from '@journeyline/apprentices/registrations.service';
import { Clock } from '@journeyline/common/clock';
import { RulesService } from '@journeyline/rules/rules.service';
import { computeProgress, paceWindowStart, programYear, Progress, WorkProcessHours } from './progress';

export type RegistrationProgress = Progress & { registrationId: string };

interface OjtRow {
  registration_id: string;
  state: string;
  start_date: string;
  expected_completion_date: string;
  prior_credit_ojt_hours: number;
  ojt_term_hours: number;
  rti_hours_per_year: number;
  work_process_id: string | null;
  position: number;
  title: string;
  min_hours: number;
  max_hours: number;
  competencies: string[];
  approved: string;
  pending: string;
  recent: string;
}

/** Progress toward the term: two aggregates (OJT by work process, RTI this program year) fed to computeProgress. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registrations: RegistrationsService,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  async forRegistration(scope: AccessScope, registrationId: string): Promise<RegistrationProgress> {
    await this.registrations.getVisible(scope, registrationId, 'registrationId');
    const [progress] = await this.forRegistrations([registrationId]);
    return progress!;
  }

  /**
   * Progress of each registration, in key order (null for an unknown id). No tenancy filter: the
   * caller has already decided the registrations are visible.
   */
  async forRegistrations(registrationIds: readonly string[]): Promise<Array<RegistrationProgress | null>> {
    const today = this.clock.today();
    const rows: OjtRow[] = await this.dataSource.query(
      `SELECT r.id AS registration_id, r.state, r.start_date::text AS start_date,
              r.expected_completion_date::text AS expected_completion_date, r.prior_credit_ojt_hours,
              po.ojt_term_hours, po.rti_hours_per_year,
              wp.id AS work_process_id, wp.position, wp.title, wp.min_hours, wp.max_hours, wp.competencies,
              coalesce(sum(e.hours) FILTER (WHERE e.status = 'approved'), 0)::text AS approved,
              coalesce(sum(e.hours) FILTER (WHERE e.status IN ('draft', 'submitted')), 0)::text AS pending,
              coalesce(sum(e.hours) FILTER (WHERE e.status = 'approved' AND e.work_date BETWEEN $3::date AND $2::date), 0)::text AS recent
         FROM registrations r
         JOIN program_occupations po ON po.id = r.program_occupation_id
         LEFT JOIN work_processes wp ON wp.program_occupation_id = po.id
         LEFT JOIN ojt_hour_entries e ON e.registration_id = r.id AND e.work_process_id = wp.id
        WHERE r.id = ANY($1)
        GROUP BY r.id, po.id, wp.id
        ORDER BY r.id, wp.position`,
      [[...registrationIds], today, paceWindowStart(today)],
    );
    const byRegistration = new Map<string, OjtRow[]>();
    for (const row of rows) byRegistration.set(row.registration_id, [...(byRegistration.get(row.registration_id) ?? []), row]);
    const found = [...byRegistration.values()].map((group) => group[0]);
    if (!found.length) return registrationIds.map(() => null);

    const years = found.map((row) => programYear(row.start_date, today));
    const rti: Array<{ registration_id: string; hours: string }> = await this.dataSource.query(
      `SELECT y.registration_id, coalesce(sum(a.hours), 0)::text AS hours
         FROM unnest($1::uuid[], $2::date[], $3::date[]) AS y (registration_id, year_start, year_end)
         LEFT JOIN rti_attendance a
           ON a.registration_id = y.registration_id AND a.session_date >= y.year_start AND a.session_date < y.year_end
        GROUP BY y.registration_id`,
      [found.map((row) => row.registration_id), years.map((year) => year.start), years.map((year) => year.end)],
    );
    const rtiHours = new Map(rti.map((row) => [row.registration_id, Number(row.hours)]));
    const states = [...new Set(found.map((row) => row.state))];
    const books = await Promise.all(states.map((state) => this.rules.ruleBook(state, today)));
    const recommended = new Map(
      states.map((state, index) => [state, books[index].numberParam('standards.rti_hours_per_year', 'recommendedHours')]),
    );

    return registrationIds.map((id) => {
      const group = byRegistration.get(id);
      if (!group) return null;
      const head = group[0];
      const workProcesses: WorkProcessHours[] = group
        .filter((row) => row.work_process_id !== null)
        .map((row) => ({
          id: row.work_process_id!,
          position: row.position,
          title: row.title,
          minHours: row.min_hours,
          maxHours: row.max_hours,
          competencies: row.competencies,
          approvedHours: Number(row.approved),
          pendingHours: Number(row.pending),
        }));
      const progress = computeProgress({
        today,
        startDate: head.start_date,
        expectedCompletionDate: head.expected_completion_date,
        ojtTermHours: head.ojt_term_hours,
        priorCreditOjtHours: head.prior_credit_ojt_hours,
        workProcesses,
        approvedHoursInPaceWindow: group.reduce((sum, row) => sum + Number(row.recent), 0),
        rtiHoursThisProgramYear: rtiHours.get(id) ?? 0,
        rtiRequiredHoursPerYear: head.rti_hours_per_year,
        rtiRecommendedHoursPerYear: recommended.get(head.state)!,
      });
      return { registrationId: id, ...progress };
    });
  }
}
