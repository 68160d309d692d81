import { DataSource } from 'typeorm';
import { insertProgramWithOccupation } from '@journeyline/apprentices/apprentice-fixtures';

/**
 * Programs, apprentices and registrations written straight to the tables, for the import's
 * tests and its benchmark.
 */
export interface TrainingProgramFixture {
  programId: string;
  programOccupationId: string;
  /** Work process ids, in the order of the titles given. */
  workProcessIds: string[];
}

export async function insertTrainingProgram(
  dataSource: DataSource,
  options: { sponsorId: string; state: string; occupationId: string; workProcessTitles: string[]; name?: string },
): Promise<TrainingProgramFixture> {
  const program = await insertProgramWithOccupation(dataSource, options);
  const rows: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO work_processes (program_occupation_id, position, title, min_hours, max_hours)
     SELECT $1, position, title, 0, 2000 FROM unnest($2::text[]) WITH ORDINALITY AS t (title, position)
     ORDER BY position
     RETURNING id`,
    [program.programOccupationId, options.workProcessTitles],
  );
  return { programId: program.programId, programOccupationId: program.programOccupationId, workProcessIds: rows.map((row) => row.id) };
}

export interface RegistrationFixture {
  program: TrainingProgramFixture;
  sponsorId: string;
  state: string;
  employerId: string;
  startDate: string;
  status?: string;
  statusDate?: string;
}

export async function insertApprentice(dataSource: DataSource, ownerOrganizationId: string, lastName = 'Apprentice'): Promise<string> {
  const [row] = await dataSource.query(
    `INSERT INTO apprentices (owner_organization_id, first_name, last_name, date_of_birth) VALUES ($1, 'Test', $2, '1990-01-01') RETURNING id`,
    [ownerOrganizationId, lastName],
  );
  return row.id;
}

/** `count` registrations, one apprentice each unless `apprenticeId` is given. */
export async function insertRegistrations(
  dataSource: DataSource,
  fixture: RegistrationFixture,
  count = 1,
  apprenticeId: string | null = null,
): Promise<string[]> {
  const rows: Array<{ id: string }> = await dataSource.query(
    `WITH person AS (
       INSERT INTO apprentices (owner_organization_id, first_name, last_name, date_of_birth)
       SELECT $2, 'Test', 'Apprentice ' || n, '1990-01-01' FROM generate_series(1, $1) n WHERE $10::uuid IS NULL
       RETURNING id
     )
     INSERT INTO registrations (apprentice_id, program_occupation_id, program_id, sponsor_id, state, employer_id, status,
                                start_date, registration_date, probation_end_date, expected_completion_date, status_date,
                                employment_status)
     SELECT a.id, $3, $4, $2, $5, $6, $7, $8::date, $8::date, $8::date + 365, $8::date + 1461, $9::date, 'new_employee'
       FROM (SELECT id FROM person UNION ALL SELECT $10::uuid FROM generate_series(1, $1) WHERE $10::uuid IS NOT NULL) a
     RETURNING id`,
    [
      count,
      fixture.sponsorId,
      fixture.program.programOccupationId,
      fixture.program.programId,
      fixture.state,
      fixture.employerId,
      fixture.status ?? 'registered',
      fixture.startDate,
      fixture.statusDate ?? fixture.startDate,
      apprenticeId,
    ],
  );
  return rows.map((row) => row.id);
}

/** An RTI session attended on `sessionDate`, with the provider, course and enrollment it needs. */
export async function insertRtiSession(
  dataSource: DataSource,
  session: { registrationId: string; sessionDate: string; hours: number },
): Promise<void> {
  await dataSource.query(
    `WITH provider AS (INSERT INTO organizations (kind, name) VALUES ('rti_provider', 'Fixture college') RETURNING id),
     course AS (INSERT INTO rti_courses (provider_id, title, hours) SELECT id, 'Fixture course', 40 FROM provider RETURNING id),
     enrollment AS (
       INSERT INTO rti_enrollments (registration_id, course_id, enrolled_on) SELECT $1, id, $2 FROM course RETURNING id, registration_id
     )
     INSERT INTO rti_attendance (enrollment_id, registration_id, session_date, hours, paid, during_work_hours, idempotency_key)
     SELECT id, registration_id, $2, $3, true, true, gen_random_uuid()::text FROM enrollment`,
    [session.registrationId, session.sessionDate, session.hours],
  );
}
