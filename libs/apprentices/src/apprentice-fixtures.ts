import { DataSource } from 'typeorm';

/**
 * Program standards written straight to the tables, for tests and demo data of this capability
 * (which reads programs with SQL and does not depend on the programs library).
 */
export interface ProgramOccupationFixture {
  programId: string;
  versionId: string;
  programOccupationId: string;
}

export interface ProgramOccupationTermsFixture {
  ojtTermHours?: number;
  termMonths?: number;
  probationMonths?: number;
}

/** A program with version 1 current and one occupation on it. */
export async function insertProgramWithOccupation(
  dataSource: DataSource,
  options: { sponsorId: string; state: string; occupationId: string; name?: string } & ProgramOccupationTermsFixture,
): Promise<ProgramOccupationFixture> {
  const [program] = await dataSource.query(
    `INSERT INTO programs (sponsor_id, name, state, registration_agency) VALUES ($1, $2, $3, 'OA') RETURNING id`,
    [options.sponsorId, options.name ?? 'Test program', options.state],
  );
  const version = await addProgramVersion(dataSource, program.id, options.occupationId, options);
  return { programId: program.id, ...version };
}

/** A new standards version with one occupation, made current; older versions stay as they were. */
export async function addProgramVersion(
  dataSource: DataSource,
  programId: string,
  occupationId: string,
  terms: ProgramOccupationTermsFixture = {},
): Promise<{ versionId: string; programOccupationId: string }> {
  const [version] = await dataSource.query(
    `INSERT INTO program_versions (program_id, version, effective_date)
     SELECT $1, coalesce(max(version), 0) + 1, DATE '2020-01-01' FROM program_versions WHERE program_id = $1
     RETURNING id`,
    [programId],
  );
  const [programOccupation] = await dataSource.query(
    `INSERT INTO program_occupations (program_version_id, occupation_id, approach, ojt_term_hours, term_months,
       rti_hours_per_year, rti_paid, probation_months, ratio_apprentices, ratio_journeyworkers, journeyworker_rate_cents)
     VALUES ($1, $2, 'time_based', $3, $4, 144, true, $5, 1, 1, 4000) RETURNING id`,
    [version.id, occupationId, terms.ojtTermHours ?? 8000, terms.termMonths ?? 48, terms.probationMonths ?? 6],
  );
  await dataSource.query(`UPDATE programs SET current_version_id = $2 WHERE id = $1`, [programId, version.id]);
  return { versionId: version.id, programOccupationId: programOccupation.id };
}

/** Makes the employer a participant in the sponsor's programs. */
export async function linkEmployer(dataSource: DataSource, sponsorId: string, employerId: string): Promise<void> {
  await dataSource.query(`INSERT INTO sponsor_employers (sponsor_id, employer_id) VALUES ($1, $2)`, [sponsorId, employerId]);
}
