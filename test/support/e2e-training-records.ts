import { addDays } from '@journeyline/common/dates';
import { DemoEmail, DemoWorld, SponsorKey, SponsorSide, unique } from './e2e-demo-world';

/**
 * Training records around the demo world for the e2e suites: per side an RTI provider with a
 * course, a competency-based program, and records on the seeded agreement (Maria Lopez / Sarah
 * Bigeagle) that the read operations aim at. Records no api call makes (wage step proposals, wage
 * history, compliance alerts, past imports) and plain fixtures are written straight to the tables.
 */
export interface TrainingSide {
  /** The first work process of the seeded agreement's program occupation. */
  workProcessId: string;
  /** An RTI provider in the side's state (Lakeshore Technical Institute / Buckeye Community College). */
  providerId: string;
  /** A course of that provider, and the seeded agreement's enrollment in it. */
  courseId: string;
  enrollmentId: string;
  /** On the seeded agreement: a submitted OJT entry, a pending wage step 2 over an applied step 1, an open alert. */
  submittedEntryId: string;
  proposalId: string;
  alertId: string;
  /** A competency-based program occupation of the sponsor, its first work process and that one's competencies. */
  competencyProgramOccupationId: string;
  competencyWorkProcessId: string;
  competencies: string[];
}

export interface TrainingRecords {
  sides: Record<SponsorKey, TrainingSide>;
  userId(email: string): Promise<string>;
  /**
   * A past day no OJT or RTI hours were dated on yet by these fixtures: every write of hours takes
   * its own, so the daily maximum (24 h across an apprentice's registrations) is never in the way.
   * The seeded agreements started 8 and 14 months ago; the days count back from yesterday.
   */
  nextDay(): string;
  fresh: FreshTrainingRecords;
}

export type EntryStatus = 'draft' | 'submitted' | 'approved' | 'rejected';

export interface FreshTrainingRecords {
  /** An OJT entry on the registration, for its employer and the first work process unless given. */
  entry(
    registrationId: string,
    status: EntryStatus,
    options?: { workDate?: string; hours?: number; workProcessId?: string; employerId?: string },
  ): Promise<string>;
  course(providerId: string): Promise<string>;
  /** An enrollment in a new course of the provider, dated the registration's start date. */
  enrollment(registrationId: string, providerId: string, status?: 'enrolled' | 'completed' | 'withdrawn'): Promise<string>;
  attendance(enrollmentId: string, options: { sessionDate: string; hours?: number; idempotencyKey?: string }): Promise<string>;
  /** A wage step written to the history (the entry wage for step 1). */
  wageStep(registrationId: string, step: number): Promise<void>;
  /** A wage step proposal waiting for the sponsor (or already decided). */
  proposal(registrationId: string, step: number, status?: 'pending' | 'confirmed' | 'declined'): Promise<string>;
  /** A new pending agreement under the side's seeded program with step 1 applied and step 2 proposed. */
  proposalOnFreshRegistration(side: Pick<SponsorSide, 'sponsorId' | 'programOccupationId'>): Promise<string>;
  /** A new pending agreement under the side's competency-based program. */
  competencyRegistration(side: SponsorSide): Promise<string>;
  signoff(registrationId: string, workProcessId: string, competency: string, evaluatorEmail: DemoEmail): Promise<void>;
  credential(registrationId: string, name: string): Promise<void>;
  /** A finished hours import run by this user. */
  hoursImport(createdByEmail: string): Promise<string>;
  alert(options: { sponsorId: string; registrationId?: string; employerId?: string; kind?: string }): Promise<string>;
  journeyworkers(employerId: string, journeyworkers: number): Promise<void>;
}

const CREATE_PROGRAM = `mutation($input: CreateProgramInput!) {
  createProgram(input: $input) { program { currentVersion { occupations { id workProcesses { id competencies } } } } }
}`;

/** Competency-based standards for the CNC Operator occupation, like the demo's Buckeye program. */
function competencyStandards(occupationId: string) {
  return {
    occupationId,
    approach: 'COMPETENCY_BASED',
    ojtTermHours: 2000,
    termMonths: 12,
    rtiHoursPerYear: 144,
    rtiPaid: true,
    probationMonths: 3,
    ratio: { apprentices: 2, journeyworkers: 1 },
    journeyworkerRate: '28.00',
    workProcesses: [
      { title: 'Machine setup', minHours: 400, maxHours: 600, competencies: ['Load programs', 'Set work offsets', 'Touch off tools'] },
      { title: 'Machine operation', minHours: 800, maxHours: 1000, competencies: ['Run production'] },
    ],
    wageSchedule: [
      { step: 1, thresholdKind: 'MONTHS', thresholdValue: 0, percentOfJourneyworker: '60' },
      { step: 2, thresholdKind: 'MONTHS', thresholdValue: 6, percentOfJourneyworker: '70' },
    ],
  };
}

export async function addTrainingRecords(world: DemoWorld): Promise<TrainingRecords> {
  const { dataSource: db, today } = world;
  const one = async <T = Record<string, any>>(sql: string, params: unknown[]): Promise<T> => {
    const rows = await db.query(sql, params);
    // UPDATE … RETURNING comes back as [rows, count].
    const list = Array.isArray(rows[0]) ? rows[0] : rows;
    return list[0] as T;
  };

  const users = new Map<string, string>();
  const userId = async (email: string): Promise<string> => {
    if (!users.has(email)) {
      const row = await one<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [email]);
      if (!row) throw new Error(`no user ${email}`);
      users.set(email, row.id);
    }
    return users.get(email)!;
  };

  let daysBack = 0;
  const nextDay = (): string => {
    daysBack += 1;
    // Sarah Bigeagle's agreement started about 240 days ago.
    if (daysBack > 200) throw new Error('the training fixtures ran out of unused days');
    return addDays(today, -daysBack);
  };

  const fresh: FreshTrainingRecords = {
    async entry(registrationId, status, options = {}) {
      const row = await one<{ id: string }>(
        `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key,
                                       submitted_at, decided_at, rejection_reason)
         SELECT r.id,
                coalesce($2::uuid, (SELECT w.id FROM work_processes w WHERE w.program_occupation_id = r.program_occupation_id
                                     ORDER BY w.position LIMIT 1)),
                coalesce($3::uuid, r.employer_id), $4, $5, $6, $7,
                CASE WHEN $6 <> 'draft' THEN now() END,
                CASE WHEN $6 IN ('approved', 'rejected') THEN now() END,
                CASE WHEN $6 = 'rejected' THEN 'Fixture rejection' END
           FROM registrations r WHERE r.id = $1
         RETURNING id`,
        [
          registrationId,
          options.workProcessId ?? null,
          options.employerId ?? null,
          options.workDate ?? nextDay(),
          options.hours ?? 1,
          status,
          `fixture-${unique()}`,
        ],
      );
      if (!row) throw new Error(`no registration ${registrationId}`);
      return row.id;
    },
    async course(providerId) {
      const row = await one<{ id: string }>(
        `INSERT INTO rti_courses (provider_id, code, title, hours) VALUES ($1, $2, $3, 40) RETURNING id`,
        [providerId, `C-${unique()}`.slice(0, 40), `Fixture course ${unique()}`],
      );
      return row.id;
    },
    async enrollment(registrationId, providerId, status = 'enrolled') {
      const courseId = await fresh.course(providerId);
      const row = await one<{ id: string }>(
        `INSERT INTO rti_enrollments (registration_id, course_id, enrolled_on, status, completed_on)
         SELECT r.id, $2, r.start_date, $3, CASE WHEN $3 = 'completed' THEN r.start_date END FROM registrations r WHERE r.id = $1
         RETURNING id`,
        [registrationId, courseId, status],
      );
      return row.id;
    },
    async attendance(enrollmentId, options) {
      const row = await one<{ id: string }>(
        `INSERT INTO rti_attendance (enrollment_id, registration_id, session_date, hours, paid, during_work_hours, idempotency_key)
         SELECT e.id, e.registration_id, $2, $3, true, true, $4 FROM rti_enrollments e WHERE e.id = $1
         RETURNING id`,
        [enrollmentId, options.sessionDate, options.hours ?? 2, options.idempotencyKey ?? `fixture-${unique()}`],
      );
      return row.id;
    },
    async wageStep(registrationId, step) {
      await db.query(
        `INSERT INTO wage_history (registration_id, step, rate_cents, effective_date, trigger)
         SELECT r.id, $2, 1850 + 100 * $2, r.start_date, CASE WHEN $2 = 1 THEN 'entry' ELSE 'hours_reached' END
           FROM registrations r WHERE r.id = $1`,
        [registrationId, step],
      );
    },
    async proposal(registrationId, step, status = 'pending') {
      const row = await one<{ id: string }>(
        `INSERT INTO wage_step_proposals (registration_id, step, rate_cents, due_date, trigger, hours_at_trigger, status, decided_at)
         VALUES ($1, $2, 1850 + 100 * $2, $3, 'hours_reached', 1000 * ($2 - 1), $4, CASE WHEN $4 <> 'pending' THEN now() END)
         RETURNING id`,
        [registrationId, step, addDays(today, -5), status],
      );
      return row.id;
    },
    async proposalOnFreshRegistration(side) {
      const { registrationId } = await world.fresh.registration(side, 'pending');
      await fresh.wageStep(registrationId, 1);
      return fresh.proposal(registrationId, 2);
    },
    async competencyRegistration(side) {
      const { registrationId } = await world.fresh.registration(
        { sponsorId: side.sponsorId, programOccupationId: sides[side.key].competencyProgramOccupationId },
        'pending',
      );
      return registrationId;
    },
    async signoff(registrationId, workProcessId, competency, evaluatorEmail) {
      await db.query(
        `INSERT INTO competency_signoffs (registration_id, work_process_id, competency, achieved_on, evaluator_user_id)
         VALUES ($1, $2, $3, $4, $5)`,
        [registrationId, workProcessId, competency, today, await userId(evaluatorEmail)],
      );
    },
    async credential(registrationId, name) {
      await db.query(`INSERT INTO interim_credentials (registration_id, name, earned_on) VALUES ($1, $2, $3)`, [
        registrationId,
        name,
        today,
      ]);
    },
    async hoursImport(createdByEmail) {
      const row = await one<{ id: string }>(
        `INSERT INTO ojt_imports (file_name, mode, status, total_rows, imported_rows, created_by)
         VALUES ($1, 'all_or_nothing', 'imported', 1, 1, $2) RETURNING id`,
        [`fixture-${unique()}.csv`, await userId(createdByEmail)],
      );
      return row.id;
    },
    async alert({ sponsorId, registrationId, employerId, kind = 'no_hours_logged' }) {
      const row = await one<{ id: string }>(
        `INSERT INTO compliance_alerts (kind, severity, sponsor_id, registration_id, employer_id, subject_key, message)
         VALUES ($1, 'warning', $2, $3, $4, $5, 'Fixture alert') RETURNING id`,
        [kind, sponsorId, registrationId ?? null, employerId ?? null, `fixture-${unique()}`],
      );
      return row.id;
    },
    async journeyworkers(employerId, journeyworkers) {
      await db.query(
        `INSERT INTO journeyworker_counts (employer_id, worksite, effective_date, journeyworkers) VALUES ($1, $2, $3, $4)`,
        [employerId, `fixture-${unique()}`, addDays(today, -400), journeyworkers],
      );
    },
  };

  const [{ id: cncOccupationId }] = await db.query(`SELECT id FROM occupations WHERE rapids_code = '1078CBV1'`);
  const sides = {} as Record<SponsorKey, TrainingSide>;
  for (const side of Object.values(world.sides)) {
    const { createOrganization: provider } = await world.asAdmin(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      {
        input: {
          kind: 'rti_provider',
          name: side.key === 'greatLakes' ? 'Lakeshore Technical Institute' : 'Buckeye Community College',
          state: side.state,
        },
      },
    );
    const workProcess = await one<{ id: string }>(
      `SELECT id FROM work_processes WHERE program_occupation_id = $1 ORDER BY position LIMIT 1`,
      [side.programOccupationId],
    );
    // Buckeye has the demo's CNC Operator program; Great Lakes gets one like it.
    const { createProgram } = await world.asAdmin(CREATE_PROGRAM, {
      input: {
        sponsorId: side.sponsorId,
        name: `CNC Operator (competency-based) ${unique()}`,
        registrationAgency: 'SAA',
        effectiveDate: addDays(today, -365),
        occupations: [competencyStandards(cncOccupationId)],
      },
    });
    const competencyOccupation = createProgram.program.currentVersion.occupations[0];
    const courseId = await fresh.course(provider.id);
    const enrollment = await one<{ id: string }>(
      `INSERT INTO rti_enrollments (registration_id, course_id, enrolled_on)
       SELECT id, $2, start_date FROM registrations WHERE id = $1 RETURNING id`,
      [side.registrationId, courseId],
    );
    await fresh.wageStep(side.registrationId, 1);
    // Sponsors report plenty of journeyworkers, so no registration the suites make trips the ratio rule.
    await fresh.journeyworkers(side.sponsorId, 500);
    sides[side.key] = {
      workProcessId: workProcess.id,
      providerId: provider.id,
      courseId,
      enrollmentId: enrollment.id,
      submittedEntryId: await fresh.entry(side.registrationId, 'submitted'),
      proposalId: await fresh.proposal(side.registrationId, 2),
      alertId: await fresh.alert({ sponsorId: side.sponsorId, registrationId: side.registrationId, employerId: side.sponsorId }),
      competencyProgramOccupationId: competencyOccupation.id,
      competencyWorkProcessId: competencyOccupation.workProcesses[0].id,
      competencies: competencyOccupation.workProcesses[0].competencies,
    };
  }

  return { sides, userId, nextDay, fresh };
}
