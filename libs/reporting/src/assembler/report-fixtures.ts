import { DataSource } from 'typeorm';
import { PiiCipher } from '@journeyline/apprentices/pii-cipher';

/**
 * A reporting world written straight to the tables, for the assembler's and the report runs'
 * integration tests: programs with work processes and a VA facility code, apprentices with
 * addresses (and SSNs when given), and their agreements.
 */
export interface ProgramFixture {
  programId: string;
  versionId: string;
  programOccupationId: string;
  workProcessIds: string[];
}

export async function insertReportingProgram(
  dataSource: DataSource,
  options: {
    sponsorId: string;
    occupationId: string;
    state: string;
    programNumber?: string | null;
    facilityCode?: string | null;
    effectiveDate?: string;
    /** [title, maxHours] per work process. */
    workProcesses?: Array<[string, number]>;
  },
): Promise<ProgramFixture> {
  const [program] = await dataSource.query(
    `INSERT INTO programs (sponsor_id, name, program_number, state, registration_agency) VALUES ($1, $2, $3, $4, 'SAA') RETURNING id`,
    [options.sponsorId, `Program ${options.programNumber ?? 'without number'}`, options.programNumber ?? null, options.state],
  );
  const [version] = await dataSource.query(
    `INSERT INTO program_versions (program_id, version, effective_date) VALUES ($1, 1, $2) RETURNING id`,
    [program.id, options.effectiveDate ?? '2020-01-01'],
  );
  const [programOccupation] = await dataSource.query(
    `INSERT INTO program_occupations (program_version_id, occupation_id, approach, ojt_term_hours, term_months, rti_hours_per_year,
       rti_paid, probation_months, ratio_apprentices, ratio_journeyworkers, journeyworker_rate_cents, va_facility_code, va_approved_program_name)
     VALUES ($1, $2, 'time_based', 8000, 48, 144, true, 6, 1, 1, 3400, $3, $4) RETURNING id`,
    [version.id, options.occupationId, options.facilityCode ?? null, options.facilityCode ? 'MACHINIST' : null],
  );
  await dataSource.query(`UPDATE programs SET current_version_id = $2 WHERE id = $1`, [program.id, version.id]);
  const workProcessIds: string[] = [];
  for (const [index, [title, maxHours]] of (options.workProcesses ?? [['Bench work', 1000], ['Lathe', 2400]]).entries()) {
    const [row] = await dataSource.query(
      `INSERT INTO work_processes (program_occupation_id, position, title, min_hours, max_hours) VALUES ($1, $2, $3, 0, $4) RETURNING id`,
      [programOccupation.id, index + 1, title, maxHours],
    );
    workProcessIds.push(row.id);
  }
  return { programId: program.id, versionId: version.id, programOccupationId: programOccupation.id, workProcessIds };
}

export interface ApprenticeFixture {
  programOccupationId: string;
  employerId: string;
  firstName: string;
  lastName: string;
  startDate: string;
  status?: 'pending' | 'registered' | 'suspended' | 'completed' | 'cancelled';
  statusDate?: string;
  ssn?: string;
  /** A GI Bill chapter; the enrollment starts with the agreement. */
  vaChapter?: '30' | '31' | '33' | '35' | '1606';
  vaFileNumber?: string;
}

/**
 * An apprentice (with a full address and an entry wage) and one agreement with its status history;
 * returns the registration id.
 */
export async function insertReportingRegistration(dataSource: DataSource, cipher: PiiCipher, fixture: ApprenticeFixture): Promise<string> {
  const [program] = await dataSource.query(
    `SELECT p.id, p.sponsor_id, p.state FROM program_occupations po
       JOIN program_versions pv ON pv.id = po.program_version_id JOIN programs p ON p.id = pv.program_id WHERE po.id = $1`,
    [fixture.programOccupationId],
  );
  const sealed = fixture.ssn ? cipher.seal(fixture.ssn) : null;
  const [apprentice] = await dataSource.query(
    `INSERT INTO apprentices (owner_organization_id, first_name, last_name, date_of_birth, ssn_ciphertext, ssn_key_id, ssn_last4,
       email, street_address, city, state, zip_code, prior_wage_cents, education)
     VALUES ($1, $2, $3, '1995-05-01', $4, $5, $6, $7, '12 Main St', 'Columbus', 'OH', '43215', 1650, 'hs_graduate') RETURNING id`,
    [
      program.sponsor_id,
      fixture.firstName,
      fixture.lastName,
      sealed?.ciphertext ?? null,
      sealed?.keyId ?? null,
      sealed?.last4 ?? null,
      `${fixture.firstName.toLowerCase()}@example.org`,
    ],
  );
  const status = fixture.status ?? 'registered';
  const [registration] = await dataSource.query(
    `INSERT INTO registrations (apprentice_id, program_occupation_id, program_id, sponsor_id, state, employer_id, status,
       start_date, registration_date, probation_end_date, expected_completion_date, status_date, employment_status,
       career_connection, va_chapter, va_file_number, va_enrollment_start)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8::date + 180, $8::date + 1460, $10, 'new_employee', 'none', $11, $12, $13)
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
      fixture.vaChapter ?? null,
      fixture.vaFileNumber ?? null,
      fixture.vaChapter ? fixture.startDate : null,
    ],
  );
  await dataSource.query(
    `INSERT INTO wage_history (registration_id, step, rate_cents, effective_date, trigger) VALUES ($1, 1, 1850, $2, 'entry')`,
    [registration.id, fixture.startDate],
  );
  // The history behind the status: registered on the start date, then the final status on its date.
  if (status !== 'pending') {
    await dataSource.query(
      `INSERT INTO registration_status_events (registration_id, from_status, to_status, effective_date, reason)
       VALUES ($1, 'pending', 'registered', $2, 'Registered by the agency')`,
      [registration.id, fixture.startDate],
    );
  }
  if (status !== 'pending' && status !== 'registered') {
    await dataSource.query(
      `INSERT INTO registration_status_events (registration_id, from_status, to_status, effective_date, reason) VALUES ($1, 'registered', $2, $3, 'Fixture')`,
      [registration.id, status, fixture.statusDate ?? fixture.startDate],
    );
  }
  return registration.id;
}

let keySequence = 0;

/** OJT entries of one registration: [workDate, hours, status, workProcessId]. */
export async function insertOjtEntries(
  dataSource: DataSource,
  registrationId: string,
  employerId: string,
  entries: Array<[workDate: string, hours: number, status: 'draft' | 'submitted' | 'approved' | 'rejected', workProcessId: string]>,
): Promise<void> {
  for (const [workDate, hours, status, workProcessId] of entries) {
    await dataSource.query(
      `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key, rejection_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [registrationId, workProcessId, employerId, workDate, hours, status, `fixture-${(keySequence += 1)}`, status === 'rejected' ? 'fixture' : null],
    );
  }
}
