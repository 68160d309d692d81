import { DataSource } from 'typeorm';
import { addDays } from '@journeyline/common/dates';

/**
 * Training records written straight to the tables, for tests of wage progression and alerts
 * (which read them with SQL and do not depend on the libraries that write them).
 */

export type StepFixture = [thresholdKind: 'hours' | 'months', thresholdValue: number, percentBasisPoints: number | null, rateCents?: number];

export async function insertWageSchedule(dataSource: DataSource, programOccupationId: string, steps: StepFixture[]): Promise<void> {
  for (const [index, [kind, threshold, percent, rate]] of steps.entries()) {
    await dataSource.query(
      `INSERT INTO wage_schedule_steps (program_occupation_id, step, threshold_kind, threshold_value, rate_kind, percent_basis_points, rate_cents)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [programOccupationId, index + 1, kind, threshold, percent === null ? 'absolute' : 'percent', percent, rate ?? null],
    );
  }
}

export async function insertWorkProcess(
  dataSource: DataSource,
  programOccupationId: string,
  options: { title?: string; maxHours?: number; position?: number } = {},
): Promise<string> {
  const [row] = await dataSource.query(
    `INSERT INTO work_processes (program_occupation_id, position, title, min_hours, max_hours)
     VALUES ($1, $2, $3, 0, $4) RETURNING id`,
    [programOccupationId, options.position ?? 1, options.title ?? 'General work', options.maxHours ?? 8000],
  );
  return row.id;
}

export interface RegistrationFixture {
  programOccupationId: string;
  employerId: string;
  status?: string;
  startDate: string;
  statusDate?: string;
  priorCreditOjtHours?: number;
  va?: { chapter: string; enrollmentStart?: string; enrollmentEnd?: string };
}

/** An apprentice with one registration under the program occupation's program. */
export async function insertRegistration(dataSource: DataSource, fixture: RegistrationFixture): Promise<string> {
  const [program] = await dataSource.query(
    `SELECT p.id, p.sponsor_id, p.state FROM program_occupations po
       JOIN program_versions pv ON pv.id = po.program_version_id JOIN programs p ON p.id = pv.program_id
      WHERE po.id = $1`,
    [fixture.programOccupationId],
  );
  const [apprentice] = await dataSource.query(
    `INSERT INTO apprentices (owner_organization_id, first_name, last_name, date_of_birth)
     VALUES ($1, 'Test', 'Apprentice', '1999-05-01') RETURNING id`,
    [program.sponsor_id],
  );
  const status = fixture.status ?? 'registered';
  const [registration] = await dataSource.query(
    `INSERT INTO registrations (apprentice_id, program_occupation_id, program_id, sponsor_id, state, employer_id, status,
       start_date, registration_date, probation_end_date, expected_completion_date, status_date, employment_status,
       prior_credit_ojt_hours, va_chapter, va_enrollment_start, va_enrollment_end)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8::date + 180, $8::date + 1460, $10, 'new_employee', $11, $12, $13, $14)
     RETURNING id`,
    [
      apprentice.id,
      fixture.programOccupationId,
      program.id,
      program.sponsor_id,
      program.state,
      fixture.employerId,
      status,
      fixture.startDate,
      status === 'pending' ? null : fixture.startDate,
      fixture.statusDate ?? fixture.startDate,
      fixture.priorCreditOjtHours ?? 0,
      fixture.va?.chapter ?? null,
      fixture.va?.enrollmentStart ?? null,
      fixture.va?.enrollmentEnd ?? null,
    ],
  );
  return registration.id;
}

/**
 * OJT entries on `days` consecutive dates from `fromDate`, `hoursPerDay` each, with the given
 * status. Returns the last work date.
 */
export async function insertHours(
  dataSource: DataSource,
  options: {
    registrationId: string;
    workProcessId: string;
    employerId: string;
    fromDate: string;
    days: number;
    hoursPerDay: number;
    status?: 'draft' | 'submitted' | 'approved' | 'rejected';
  },
): Promise<string> {
  await dataSource.query(
    `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key,
       rejection_reason)
     SELECT $1, $2, $3, $4::date + day, $5, $6, 'fixture-' || gen_random_uuid(), CASE WHEN $6 = 'rejected' THEN 'fixture' END
       FROM generate_series(0, $7 - 1) AS day`,
    [
      options.registrationId,
      options.workProcessId,
      options.employerId,
      options.fromDate,
      options.hoursPerDay,
      options.status ?? 'approved',
      options.days,
    ],
  );
  return addDays(options.fromDate, options.days - 1);
}
