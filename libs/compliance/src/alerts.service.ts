import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { Page, paginate } from '@journeyline/common/pagination';
import { RulesService } from '@journeyline/rules/rules.service';
import { employerRatioSnapshot } from '@journeyline/wages/ratio-check';
import { scheduleStepRateCents } from '@journeyline/wages/wage-steps';
import { AlertCandidate, AlertKind, evaluateRegistrationAlerts, ratioAlerts, REGISTRATION_ALERT_KINDS, RegistrationSnapshot } from './alert-rules';
import { ComplianceAlertEntity } from './compliance-alert.entity';
import { ComplianceAlertsArgs } from './compliance.models';

export interface RefreshResult {
  /** Kind and subject of each alert that holds now. */
  open: Array<{ kind: AlertKind; subjectKey: string }>;
  resolved: number;
}

interface AlertOwner {
  sponsorId: string;
  registrationId: string | null;
  employerId: string | null;
}

/**
 * Everything one registration's alerts depend on, in one round trip. RTI attendance is read for
 * the last 400 days: enough for the current program year.
 */
const SNAPSHOT_SQL = `
  SELECT r.id, r.status, r.start_date::text AS start_date, r.status_date::text AS status_date, r.sponsor_id, r.employer_id,
         r.state, r.va_chapter, r.va_enrollment_start::text AS va_enrollment_start, r.va_enrollment_end::text AS va_enrollment_end,
         po.rti_hours_per_year, po.journeyworker_rate_cents,
         (SELECT o.government_body FROM organizations o WHERE o.id = r.employer_id) AS government_employer,
         (SELECT coalesce(json_agg(json_build_object('percentBasisPoints', s.percent_basis_points, 'rateCents', s.rate_cents)
                                   ORDER BY s.step), '[]')
            FROM wage_schedule_steps s WHERE s.program_occupation_id = po.id) AS steps,
         (SELECT coalesce(json_agg(json_build_object('step', p.step, 'dueDate', p.due_date) ORDER BY p.step), '[]')
            FROM wage_step_proposals p WHERE p.registration_id = r.id AND p.status = 'pending') AS pending,
         (SELECT max(e.work_date)::text FROM ojt_hour_entries e
           WHERE e.registration_id = r.id AND e.status <> 'rejected') AS last_work_date,
         (SELECT coalesce(json_agg(json_build_object('date', a.session_date, 'hours', a.hours)), '[]')
            FROM (SELECT session_date, sum(hours) AS hours FROM rti_attendance
                   WHERE registration_id = r.id AND session_date > $2::date - 400
                   GROUP BY session_date) a) AS rti,
         (SELECT coalesce(json_agg(to_char(c.month, 'YYYY-MM-DD')), '[]')
            FROM va_month_certifications c WHERE c.registration_id = r.id) AS certified,
         (SELECT coalesce(json_agg(json_build_object('id', w.id, 'title', w.title, 'maxHours', w.max_hours,
                   'approvedHours', (SELECT coalesce(sum(e.hours), 0) FROM ojt_hour_entries e
                                      WHERE e.registration_id = r.id AND e.work_process_id = w.id AND e.status = 'approved'))
                   ORDER BY w.position), '[]')
            FROM work_processes w WHERE w.program_occupation_id = po.id) AS processes
    FROM registrations r JOIN program_occupations po ON po.id = r.program_occupation_id
   WHERE r.id = $1`;

/** Opens, refreshes and resolves compliance alerts, and lists them by reach. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RulesService,
    private readonly clock: Clock,
    @InjectRepository(ComplianceAlertEntity) private readonly alerts: Repository<ComplianceAlertEntity>,
  ) {}

  /**
   * The RefreshAlerts job: re-evaluates every registration-level kind for the registration and
   * the ratio at its employer.
   */
  async refreshRegistration(registrationId: string, today: string = this.clock.today()): Promise<RefreshResult> {
    const result = await this.dataSource.transaction(async (manager) => {
      await lock(manager, `alerts:registration:${registrationId}`);
      const [row] = await manager.query(SNAPSHOT_SQL, [registrationId, today]);
      if (!row) return { open: [], resolved: 0, employerId: null };
      const snapshot = toSnapshot(row);
      const book = await this.rules.ruleBook(row.state, today, manager);
      const candidates = evaluateRegistrationAlerts(snapshot, book, today);
      const owner = { sponsorId: row.sponsor_id, registrationId, employerId: row.employer_id };
      for (const candidate of candidates) await upsertAlert(manager, candidate, owner);
      const [, resolved] = await manager.query(
        `UPDATE compliance_alerts SET resolved_at = now()
          WHERE resolved_at IS NULL AND registration_id = $1 AND kind = ANY($2) AND NOT (kind || ' ' || subject_key = ANY($3))`,
        [registrationId, REGISTRATION_ALERT_KINDS, candidates.map((candidate) => `${candidate.kind} ${candidate.subjectKey}`)],
      );
      return { open: candidates.map(({ kind, subjectKey }) => ({ kind, subjectKey })), resolved, employerId: row.employer_id as string };
    });
    if (!result.employerId) return { open: result.open, resolved: result.resolved };
    const employer = await this.refreshEmployer(result.employerId, today);
    return { open: [...result.open, ...employer.open], resolved: result.resolved + employer.resolved };
  }

  /** The RefreshEmployerAlerts job: the apprentice-to-journeyworker ratio at one employer. */
  async refreshEmployer(employerId: string, today: string = this.clock.today()): Promise<RefreshResult> {
    return this.dataSource.transaction(async (manager) => {
      await lock(manager, `alerts:employer:${employerId}`);
      const [employer] = await manager.query(`SELECT state FROM organizations WHERE id = $1`, [employerId]);
      if (!employer) return { open: [], resolved: 0 };
      const snapshot = await employerRatioSnapshot(manager, employerId, today);
      const book = await this.rules.ruleBook(employer.state, today, manager);
      const candidates = ratioAlerts(snapshot, book);
      for (const candidate of candidates) {
        await upsertAlert(manager, candidate, { sponsorId: candidate.sponsorId!, registrationId: null, employerId });
      }
      const [, resolved] = await manager.query(
        `UPDATE compliance_alerts SET resolved_at = now()
          WHERE resolved_at IS NULL AND kind = 'ratio_exceeded' AND employer_id = $1 AND registration_id IS NULL
            AND NOT (subject_key = ANY($2))`,
        [employerId, candidates.map((candidate) => candidate.subjectKey)],
      );
      return { open: candidates.map(({ kind, subjectKey }) => ({ kind, subjectKey })), resolved };
    });
  }

  /**
   * Alerts the caller reaches: filed under a sponsor or employer in reach, or about a registration
   * in reach. Employer-level alerts (no registration) also reach a state agency's analysts when the
   * sponsor has programs in their state, as the sponsor itself does (organizationFilterFor). Open
   * alerts only unless asked.
   */
  async list(scope: AccessScope, args: ComplianceAlertsArgs): Promise<Page<ComplianceAlertEntity>> {
    const query = this.alerts.createQueryBuilder('a');
    if (!scope.reach(Permission.ReadRegistry).all) {
      const registrations = scope.registrationFilter(Permission.ReadRegistry, 'r');
      query.where(
        `(a.sponsor_id = ANY(:reachSponsorIds) OR a.employer_id = ANY(:reachEmployerIds)
          OR EXISTS (SELECT 1 FROM registrations r WHERE r.id = a.registration_id AND ${registrations.sql})
          OR (a.registration_id IS NULL
              AND EXISTS (SELECT 1 FROM programs p WHERE p.sponsor_id = a.sponsor_id AND p.state = ANY(:reachStates))))`,
        registrations.params,
      );
    }
    if (!args.includeResolved) query.andWhere('a.resolved_at IS NULL');
    if (args.sponsorId) query.andWhere('a.sponsor_id = :sponsorId', { sponsorId: args.sponsorId });
    if (args.registrationId) query.andWhere('a.registration_id = :registrationId', { registrationId: args.registrationId });
    if (args.kind) query.andWhere('a.kind = :kind', { kind: args.kind });
    return paginate(query, args);
  }
}

async function lock(manager: EntityManager, key: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
}

/** Opens the alert, or refreshes the open one for the same kind and subject. */
async function upsertAlert(manager: EntityManager, candidate: AlertCandidate, owner: AlertOwner): Promise<void> {
  await manager.query(
    `INSERT INTO compliance_alerts (kind, severity, sponsor_id, registration_id, employer_id, subject_key, message, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (kind, subject_key) WHERE resolved_at IS NULL
     DO UPDATE SET severity = EXCLUDED.severity, sponsor_id = EXCLUDED.sponsor_id, employer_id = EXCLUDED.employer_id,
                   message = EXCLUDED.message, details = EXCLUDED.details, last_seen_at = now()`,
    [
      candidate.kind,
      candidate.severity,
      owner.sponsorId,
      owner.registrationId,
      owner.employerId,
      candidate.subjectKey,
      candidate.message,
      JSON.stringify(candidate.details),
    ],
  );
}

function toSnapshot(row: Record<string, any>): RegistrationSnapshot {
  const journeyworkerRateCents = Number(row.journeyworker_rate_cents);
  return {
    registrationId: row.id,
    status: row.status,
    startDate: row.start_date,
    statusDate: row.status_date,
    vaChapter: row.va_chapter,
    vaEnrollmentStart: row.va_enrollment_start,
    vaEnrollmentEnd: row.va_enrollment_end,
    rtiHoursPerYear: row.rti_hours_per_year,
    journeyworkerRateCents,
    governmentEmployer: row.government_employer === true,
    stepRatesCents: row.steps.map((step: { percentBasisPoints: number | null; rateCents: number | null }) =>
      scheduleStepRateCents(step, journeyworkerRateCents),
    ),
    pendingProposals: row.pending,
    lastOjtWorkDate: row.last_work_date,
    rtiAttendance: row.rti,
    certifiedMonths: row.certified,
    workProcesses: row.processes,
  };
}
