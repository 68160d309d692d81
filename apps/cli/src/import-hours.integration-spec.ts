import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { insertRegistrations, insertTrainingProgram } from '@journeyline/training/import/hours-import-fixtures';
import { captureOutput } from '../../../test/support/captured-output';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { importHoursFromCli } from './import-hours';

/** `journeyline import-hours`: a streamed timesheet import as a named user, with that user's reach. */
describe('journeyline import-hours', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let dir: string;
  let ownRegistration: string;
  let otherRegistration: string;

  const cli = (...args: string[]) => captureOutput(() => importHoursFromCli(args, database.url));

  async function user(email: string, organizationId: string, role: string): Promise<void> {
    const [row] = await dataSource.query(
      `INSERT INTO users (email, display_name, password_hash) VALUES ($1, 'CLI user', 'none') RETURNING id`,
      [email],
    );
    await dataSource.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)`, [row.id, organizationId, role]);
  }

  const entries = (registrationId: string) =>
    dataSource.query(
      `SELECT work_date::text AS work_date, hours::text AS hours, status, source FROM ojt_hour_entries WHERE registration_id = $1 ORDER BY work_date`,
      [registrationId],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
    dir = await mkdtemp(join(tmpdir(), 'journeyline-import-hours-'));
    const own = await insertOrganization(dataSource, 'sponsor', 'Own sponsor', 'MI');
    const other = await insertOrganization(dataSource, 'sponsor', 'Other sponsor', 'MI');
    const occupationId = await insertOccupation(dataSource, '0159', 'Electrician');
    const options = { state: 'MI', occupationId, workProcessTitles: ['Safety', 'Wiring'] };
    const ownProgram = await insertTrainingProgram(dataSource, { ...options, sponsorId: own });
    const otherProgram = await insertTrainingProgram(dataSource, { ...options, sponsorId: other, name: 'Other program' });
    [ownRegistration] = await insertRegistrations(dataSource, { program: ownProgram, sponsorId: own, state: 'MI', employerId: own, startDate: '2024-01-02' });
    [otherRegistration] = await insertRegistrations(dataSource, {
      program: otherProgram,
      sponsorId: other,
      state: 'MI',
      employerId: other,
      startDate: '2024-01-02',
    });
    await user('admin@own.example', own, 'sponsor_admin');
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("imports the good rows as the user, reports every bad row by line, and cannot reach another sponsor's agreement", async () => {
    const file = join(dir, 'timesheet.csv');
    await writeFile(
      file,
      [
        'Employee,REGISTRATION_ID,Work_Date,Hours,Work_Process',
        `Maria,${ownRegistration},2024-03-04,8,Safety`,
        `Maria,${ownRegistration},03/05/2024,7.5,Wiring`,
        `Maria,${ownRegistration},2024-03-06,7.3,Wiring`,
        `Lee,${otherRegistration},2024-03-04,8,Safety`,
      ].join('\n'),
    );
    const outcome = await cli(file, '--as', 'Admin@Own.example', '--valid-rows');
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(/^imported: 2 of 4 rows imported, 2 bad \(import [0-9a-f-]{36}\)\n$/);
    expect(outcome.stderr).toBe(
      'line 4: hours: must be in quarter hours (0.25 steps)\n' +
        'line 5: registration_id: registration not found: no registration with this id is visible to you\n',
    );
    expect(await entries(ownRegistration)).toEqual([
      { work_date: '2024-03-04', hours: '8.00', status: 'submitted', source: 'import' },
      { work_date: '2024-03-05', hours: '7.50', status: 'submitted', source: 'import' },
    ]);
    expect(await entries(otherRegistration)).toEqual([]);

    // All or nothing (the default): the same file writes nothing more, and says why.
    const strict = await cli(file, '--as', 'admin@own.example');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^rejected: 0 of 4 rows imported, 2 bad/);
    expect(await entries(ownRegistration)).toHaveLength(2);
  });

  it('answers usage errors with exit code 2 and writes nothing', async () => {
    const file = join(dir, 'hours.csv');
    await writeFile(file, `registration_id,work_date,hours,work_process\n${ownRegistration},2024-04-01,8,Safety\n`);
    for (const args of [[file], [file, '--as'], [join(dir, 'hours.txt'), '--as', 'admin@own.example'], [file, '--as', 'nobody@own.example']]) {
      const outcome = await cli(...args);
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toContain('Usage: journeyline import-hours');
    }
    expect(await entries(ownRegistration)).not.toContainEqual(expect.objectContaining({ work_date: '2024-04-01' }));
  });
});
