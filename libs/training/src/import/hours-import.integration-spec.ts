import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ApprenticesModule } from '@journeyline/apprentices/apprentices.module';
import { linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import { Role } from '@journeyline/auth/roles';
import { addDays, todayIso } from '@journeyline/common/dates';
import { ErrorCode } from '@journeyline/common/domain-error';
import { ImportMode } from '@journeyline/occupations/occupation.models';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { ProgramsModule } from '@journeyline/programs/programs.module';
import { insertOccupation, insertOrganization } from '../../../../test/support/registry-fixtures';
import { scopeOf, sponsorAdminScope, stateAnalystScope, TEST_ACTOR_ID } from '../../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../../test/support/test-module';
import { insertApprentice, insertRegistrations, insertRtiSession, insertTrainingProgram, TrainingProgramFixture } from './hours-import-fixtures';
import { HoursImportModule } from './hours-import.module';
import { HoursImportMode, HoursImportService, MAX_UPLOAD_BYTES } from './hours-import.service';

const HEADER = ['registration_id', 'work_date', 'hours', 'work_process', 'employer_id', 'worksite', 'note', 'idempotency_key'];
type Row = Array<string | undefined>;

const csvCell = (value: string | undefined) => (value === undefined ? '' : /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const toCsv = (rows: Row[], header: string[] = HEADER) =>
  Buffer.from([header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n');

/** The same rows as a workbook, typed the way a spreadsheet holds them: ISO dates as date cells, plain numbers as numbers. */
async function toXlsx(rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Hours');
  sheet.addRow(HEADER.map((name) => name.toUpperCase()));
  for (const row of rows) {
    sheet.addRow(
      row.map((value, index) => {
        if (value === undefined) return null;
        if (index === 1 && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) {
          const date = new Date(`${value}T00:00:00Z`);
          if (date.toISOString().startsWith(value)) return date;
        }
        if (index === 2 && /^\d+(\.\d+)?$/.test(value)) return Number(value);
        return value;
      }),
    );
  }
  sheet.getColumn(2).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('HoursImportService', () => {
  let harness: ServiceHarness;
  let service: HoursImportService;
  let sponsorA: string;
  let sponsorB: string;
  let employerA: string;
  let unlinkedEmployer: string;
  let programA: TrainingProgramFixture;
  let programB: TrainingProgramFixture;
  const today = todayIso();

  const query = (sql: string, params: unknown[] = []) => harness.dataSource.query(sql, params);
  const entriesOf = (registrationId: string) =>
    query(
      `SELECT work_date::text AS work_date, hours::text AS hours, work_process_id, employer_id, worksite, note, status, source,
              idempotency_key, submitted_at IS NOT NULL AS submitted, created_by
         FROM ojt_hour_entries WHERE registration_id = $1 ORDER BY work_date, hours`,
      [registrationId],
    );
  const importCsv = (rows: Row[], mode: HoursImportMode, scope = sponsorAdminScope(sponsorA)) =>
    service.importCsv(scope, 'hours.csv', Readable.from([toCsv(rows)]), mode);
  const errorsOf = async (importId: string) => service.errors(importId, 1000);
  const registration = (program: TrainingProgramFixture, options: { status?: string; statusDate?: string; sponsorId?: string } = {}) =>
    insertRegistrations(harness.dataSource, {
      program,
      sponsorId: options.sponsorId ?? sponsorA,
      state: options.sponsorId === sponsorB ? 'OH' : 'MI',
      employerId: options.sponsorId === sponsorB ? options.sponsorId : employerA,
      startDate: '2023-01-02',
      status: options.status,
      statusDate: options.statusDate,
    }).then(([id]) => id);

  beforeAll(async () => {
    harness = await startServices([HoursImportModule, ApprenticesModule, OrganizationsModule, ProgramsModule]);
    service = harness.get(HoursImportService);
    sponsorA = await insertOrganization(harness.dataSource, 'sponsor', 'Sponsor A', 'MI');
    sponsorB = await insertOrganization(harness.dataSource, 'sponsor', 'Sponsor B', 'OH');
    employerA = await insertOrganization(harness.dataSource, 'employer', 'Employer A', 'MI');
    unlinkedEmployer = await insertOrganization(harness.dataSource, 'employer', 'Someone Else', 'MI');
    await linkEmployer(harness.dataSource, sponsorA, employerA);
    const electrician = await insertOccupation(harness.dataSource, '0159', 'Electrician');
    programA = await insertTrainingProgram(harness.dataSource, {
      sponsorId: sponsorA,
      state: 'MI',
      occupationId: electrician,
      workProcessTitles: ['Safety', 'Wiring', 'Layout', 'Layout'],
    });
    programB = await insertTrainingProgram(harness.dataSource, {
      sponsorId: sponsorB,
      state: 'OH',
      occupationId: electrician,
      workProcessTitles: ['Safety'],
    });
  });

  afterAll(() => harness.close());

  describe('a file with good rows and bad rows of every kind', () => {
    let regA: string;
    let suspended: string;
    let rows: Row[];
    let expected: Array<{ line: number; field: string; reason: unknown }>;
    let csvErrors: unknown[];

    beforeAll(async () => {
      regA = await registration(programA);
      suspended = await registration(programA, { status: 'suspended', statusDate: '2024-06-01' });
      const [safety, wiring] = programA.workProcessIds;
      const good: Row = [regA, '2024-03-04', '8', 'Safety', undefined, 'Main St shop'];
      rows = [
        good, // 2
        [regA, '03/05/2024', '7.5', wiring, employerA, undefined, 'Conduit, "EMT"'], // 3
        [regA, '2024-03-06', '0.25', 'Safety', undefined, undefined, undefined, 'payroll-7'], // 4
        ['not-a-uuid', '2024-03-04', '8', 'Safety'], // 5
        ['0b1c1a5e-2f6d-4a55-9a43-5d0f1c7e9b11', '2024-03-04', '8', 'Safety'], // 6
        [undefined, '2024-03-04', '8', 'Safety'], // 7
        [regA, '2024-02-30', '8', 'Safety'], // 8
        [regA, '2024/03/04', '8', 'Safety'], // 9
        [regA, addDays(today, 1), '8', 'Safety'], // 10
        [regA, '2023-01-01', '8', 'Safety'], // 11
        [suspended, '2024-06-02', '8', 'Safety'], // 12
        [regA, '2024-03-07', 'eight', 'Safety'], // 13
        [regA, '2024-03-07', '0', 'Safety'], // 14
        [regA, '2024-03-07', '24.25', 'Safety'], // 15
        [regA, '2024-03-07', '7.3', 'Safety'], // 16
        [regA, '2024-03-07', '-1', 'Safety'], // 17
        [regA, '2024-03-07', '8', 'Soldering'], // 18
        [regA, '2024-03-07', '8', programB.workProcessIds[0]], // 19
        [regA, '2024-03-07', '8', 'Layout'], // 20
        [regA, '2024-03-07', '8', safety, 'acme'], // 21
        [regA, '2024-03-07', '8', safety, unlinkedEmployer], // 22
        [regA, '2024-03-07', '8', safety, undefined, 'x'.repeat(201)], // 23
        [...good], // 24
        [regA, '2024-03-08', '1', 'Wiring', undefined, undefined, undefined, 'payroll-7'], // 25
        [regA, '2024-03-09', '', ''], // 26
      ];
      const notFound = expect.stringContaining('not found');
      expected = [
        { line: 5, field: 'registration_id', reason: 'must be a registration id (UUID)' },
        { line: 6, field: 'registration_id', reason: notFound },
        { line: 7, field: 'registration_id', reason: 'is required' },
        { line: 8, field: 'work_date', reason: 'must be a date as YYYY-MM-DD or MM/DD/YYYY' },
        { line: 9, field: 'work_date', reason: 'must be a date as YYYY-MM-DD or MM/DD/YYYY' },
        { line: 10, field: 'work_date', reason: 'must not be in the future' },
        { line: 11, field: 'work_date', reason: "must not be before the registration's start date (2023-01-02)" },
        { line: 12, field: 'work_date', reason: 'the registration is suspended from 2024-06-01: no hours on or after that date' },
        { line: 13, field: 'hours', reason: 'must be a number of hours, e.g. 7.5' },
        { line: 14, field: 'hours', reason: 'must be more than 0 and at most 24' },
        { line: 15, field: 'hours', reason: 'must be more than 0 and at most 24' },
        { line: 16, field: 'hours', reason: 'must be in quarter hours (0.25 steps)' },
        { line: 17, field: 'hours', reason: 'must be a number of hours, e.g. 7.5' },
        { line: 18, field: 'work_process', reason: expect.stringContaining('neither the id nor the exact title') },
        { line: 19, field: 'work_process', reason: expect.stringContaining('neither the id nor the exact title') },
        { line: 20, field: 'work_process', reason: expect.stringContaining('more than one work process') },
        { line: 21, field: 'employer_id', reason: 'must be an organization id (UUID)' },
        { line: 22, field: 'employer_id', reason: expect.stringContaining("neither the registration's employer") },
        { line: 23, field: 'worksite', reason: 'must be at most 200 characters' },
        { line: 24, field: 'idempotency_key', reason: expect.stringContaining('repeats line 2') },
        { line: 25, field: 'idempotency_key', reason: 'repeats the idempotency_key of line 4 for the same registration' },
        { line: 26, field: 'hours', reason: 'is required' },
        { line: 26, field: 'work_process', reason: 'is required' },
      ];
    });

    it('reports every bad row with its line, field and reason, and writes nothing in ALL_OR_NOTHING mode', async () => {
      const outcome = await importCsv(rows, 'all_or_nothing');
      expect(outcome).toMatchObject({ status: 'rejected', totalRows: 25, importedRows: 0, errorRows: 22 });
      csvErrors = await errorsOf(outcome.importId);
      expect(csvErrors).toEqual(expected);
      expect(await entriesOf(regA)).toEqual([]);
      expect(await query(`SELECT 1 FROM outbox WHERE topic = 'hours.imported'`)).toEqual([]);
      expect(await query(`SELECT 1 FROM ojt_import_rows`)).toEqual([]);
    });

    it('gives the same result for the same content as XLSX', async () => {
      const outcome = await service.importXlsx(sponsorAdminScope(sponsorA), 'hours.xlsx', Readable.from([await toXlsx(rows)]), 'all_or_nothing');
      expect(outcome).toMatchObject({ status: 'rejected', totalRows: 25, importedRows: 0, errorRows: 22 });
      expect(await errorsOf(outcome.importId)).toEqual(csvErrors);
    });

    it('writes exactly the good rows as submitted entries in VALID_ROWS mode, with one event and an audit row', async () => {
      const outcome = await importCsv(rows, 'valid_rows');
      expect(outcome).toMatchObject({ status: 'imported', totalRows: 25, importedRows: 3, errorRows: 22 });
      expect(await errorsOf(outcome.importId)).toEqual(expected);
      const [safety, wiring] = programA.workProcessIds;
      const common = { status: 'submitted', source: 'import', submitted: true, created_by: TEST_ACTOR_ID, employer_id: employerA };
      expect(await entriesOf(regA)).toEqual([
        {
          ...common,
          work_date: '2024-03-04',
          hours: '8.00',
          work_process_id: safety,
          worksite: 'Main St shop',
          note: null,
          idempotency_key: expect.stringMatching(/^import:[0-9a-f]{64}$/),
        },
        {
          ...common,
          work_date: '2024-03-05',
          hours: '7.50',
          work_process_id: wiring,
          worksite: null,
          note: 'Conduit, "EMT"',
          idempotency_key: expect.stringMatching(/^import:/),
        },
        { ...common, work_date: '2024-03-06', hours: '0.25', work_process_id: safety, worksite: null, note: null, idempotency_key: 'payroll-7' },
      ]);
      const events = await query(`SELECT payload FROM outbox WHERE topic = 'hours.imported'`);
      expect(events).toEqual([{ payload: { registrationId: regA, importId: outcome.importId, entries: 3, hours: 15.75 } }]);
      const [audit] = await query(`SELECT actor_user_id, after FROM audit_log WHERE action = 'hours.imported' AND entity_id = $1`, [
        outcome.importId,
      ]);
      expect(audit).toMatchObject({ actor_user_id: TEST_ACTOR_ID, after: { importedRows: 3, errorRows: 22 } });
      expect(await query(`SELECT 1 FROM ojt_import_rows`)).toEqual([]);
    });

    it('imports nothing new when the same file comes again, as CSV or as XLSX', async () => {
      const again = await importCsv(rows, 'valid_rows');
      expect(again).toMatchObject({ status: 'imported', totalRows: 25, importedRows: 0, errorRows: 22 });
      const asXlsx = await service.importXlsx(sponsorAdminScope(sponsorA), 'hours.xlsx', Readable.from([await toXlsx(rows)]), 'valid_rows');
      expect(asXlsx).toMatchObject({ status: 'imported', importedRows: 0, errorRows: 22 });
      expect(await entriesOf(regA)).toHaveLength(3);
      expect(await query(`SELECT 1 FROM outbox WHERE topic = 'hours.imported'`)).toHaveLength(1);
    });
  });

  it("reports another tenant's registration as not found on its line and imports only the caller's", async () => {
    const own = await registration(programA);
    const foreign = await registration(programB, { sponsorId: sponsorB });
    const outcome = await importCsv(
      [
        [own, '2024-05-01', '8', 'Safety'],
        [foreign, '2024-05-01', '8', 'Safety'],
      ],
      'valid_rows',
    );
    expect(outcome).toMatchObject({ status: 'imported', importedRows: 1, errorRows: 1 });
    expect(await errorsOf(outcome.importId)).toEqual([
      { line: 3, field: 'registration_id', reason: expect.stringContaining('not found') },
    ]);
    expect(await entriesOf(foreign)).toEqual([]);
    expect(await entriesOf(own)).toHaveLength(1);
  });

  it('limits an apprentice to the registration the apprentice holds', async () => {
    const apprentice = await insertApprentice(harness.dataSource, sponsorA);
    const fixture = { program: programA, sponsorId: sponsorA, state: 'MI', employerId: employerA, startDate: '2023-01-02' };
    const [mine] = await insertRegistrations(harness.dataSource, fixture, 1, apprentice);
    const other = await registration(programA);
    const scope = scopeOf(null, [[sponsorA, 'sponsor', Role.APPRENTICE]], { apprenticeId: apprentice });
    const outcome = await importCsv(
      [
        [mine, '2024-05-02', '4', 'Wiring'],
        [other, '2024-05-02', '4', 'Wiring'],
      ],
      'valid_rows',
      scope,
    );
    expect(outcome).toMatchObject({ importedRows: 1, errorRows: 1 });
    expect(await errorsOf(outcome.importId)).toEqual([{ line: 3, field: 'registration_id', reason: expect.stringContaining('not found') }]);
  });

  it('skips a row whose own key is stored for the same entry, and reports one stored for a different entry', async () => {
    const regId = await registration(programA);
    const [safety] = programA.workProcessIds;
    await query(
      `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key)
       VALUES ($1, $2, $3, '2024-05-10', 8, 'submitted', 'payroll-9')`,
      [regId, safety, employerA],
    );
    const same = await importCsv([[regId, '2024-05-10', '8.0', 'Safety', employerA, undefined, undefined, 'payroll-9']], 'valid_rows');
    expect(same).toMatchObject({ status: 'imported', importedRows: 0, errorRows: 0 });
    const changed = await importCsv([[regId, '2024-05-10', '7', 'Safety', undefined, undefined, undefined, 'payroll-9']], 'valid_rows');
    expect(changed).toMatchObject({ status: 'rejected', importedRows: 0, errorRows: 1 });
    expect(await errorsOf(changed.importId)).toEqual([
      { line: 2, field: 'idempotency_key', reason: 'is already used for this registration by a different entry (8 hours on 2024-05-10)' },
    ]);
  });

  it('reports rows dated inside a suspension that was lifted, and takes the days around it', async () => {
    const regId = await registration(programA, { status: 'reinstated', statusDate: '2024-04-15' });
    await query(
      `INSERT INTO registration_status_events (registration_id, from_status, to_status, effective_date, reason)
       VALUES ($1, NULL, 'registered', '2023-01-02', 'registered'), ($1, 'registered', 'suspended', '2024-03-01', 'slow season'),
              ($1, 'suspended', 'reinstated', '2024-04-15', 'back to work')`,
      [regId],
    );
    const outcome = await importCsv(
      [
        [regId, '2024-02-29', '8', 'Safety'],
        [regId, '2024-03-01', '8', 'Safety'],
        [regId, '2024-04-14', '8', 'Safety'],
        [regId, '2024-04-15', '8', 'Safety'],
      ],
      'valid_rows',
    );
    expect(outcome).toMatchObject({ status: 'imported', importedRows: 2, errorRows: 2 });
    const reason = 'the registration was suspended from 2024-03-01 until 2024-04-15: no hours dated then';
    expect(await errorsOf(outcome.importId)).toEqual([
      { line: 3, field: 'work_date', reason },
      { line: 4, field: 'work_date', reason },
    ]);
    expect((await entriesOf(regId)).map((entry: { work_date: string }) => entry.work_date)).toEqual(['2024-02-29', '2024-04-15']);
  });

  it("flags imported hours past the work process's allotted maximum, counting hours already logged", async () => {
    const regId = await registration(programA);
    const [safety] = programA.workProcessIds;
    // The fixture allots 2,000 hours to each work process; 1,990 are already logged.
    await query(
      `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key)
       SELECT $1, $2, $3, '2023-02-01'::date + n, 10, 'approved', 'earlier-' || n FROM generate_series(0, 198) AS n`,
      [regId, safety, employerA],
    );
    const outcome = await importCsv(
      [
        [regId, '2024-07-01', '8', 'Safety'],
        [regId, '2024-07-02', '8', 'Safety'],
        [regId, '2024-07-03', '8', 'Wiring'],
      ],
      'valid_rows',
    );
    expect(outcome).toMatchObject({ status: 'imported', importedRows: 3, errorRows: 0 });
    const flags = await query(
      `SELECT work_date::text AS date, over_allotment AS over FROM ojt_hour_entries
        WHERE registration_id = $1 AND source = 'import' ORDER BY work_date`,
      [regId],
    );
    expect(flags).toEqual([
      { date: '2024-07-01', over: false }, // 1,998 of 2,000
      { date: '2024-07-02', over: true }, // 2,006
      { date: '2024-07-03', over: false }, // another work process
    ]);

    // A backdated row comes first in the running total and pushes a later entry over.
    const backdated = await importCsv([[regId, '2024-06-30', '4', 'Safety']], 'valid_rows');
    expect(backdated).toMatchObject({ status: 'imported', importedRows: 1 });
    const after = await query(
      `SELECT work_date::text AS date, over_allotment AS over FROM ojt_hour_entries
        WHERE registration_id = $1 AND source = 'import' ORDER BY work_date`,
      [regId],
    );
    expect(after).toEqual([
      { date: '2024-06-30', over: false }, // 1,994
      { date: '2024-07-01', over: true }, // 2,002
      { date: '2024-07-02', over: true },
      { date: '2024-07-03', over: false },
    ]);
  });

  it('leaves nothing behind when the transaction fails after the merge', async () => {
    const regId = await registration(programA);
    await query(`CREATE FUNCTION fail_hours_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`);
    await query(`CREATE TRIGGER fail_hours_audit BEFORE INSERT ON audit_log FOR EACH ROW
                 WHEN (NEW.action = 'hours.imported') EXECUTE FUNCTION fail_hours_audit()`);
    try {
      await expect(
        service.importCsv(sponsorAdminScope(sponsorA), 'doomed.csv', Readable.from([toCsv([[regId, '2024-05-09', '8', 'Safety']])]), 'valid_rows'),
      ).rejects.toThrow('audit unavailable');
    } finally {
      await query(`DROP TRIGGER fail_hours_audit ON audit_log`);
      await query(`DROP FUNCTION fail_hours_audit()`);
    }
    expect(await entriesOf(regId)).toEqual([]);
    expect(await query(`SELECT 1 FROM ojt_imports WHERE file_name = 'doomed.csv'`)).toEqual([]);
    expect(await query(`SELECT 1 FROM outbox WHERE payload->>'registrationId' = $1`, [regId])).toEqual([]);
    expect(await query(`SELECT 1 FROM ojt_import_rows`)).toEqual([]);
  });

  describe('the daily maximum', () => {
    it("counts the file's hours and the hours already logged across the apprentice's registrations", async () => {
      const apprentice = await insertApprentice(harness.dataSource, sponsorA);
      const fixture = { program: programA, sponsorId: sponsorA, state: 'MI', employerId: employerA, startDate: '2023-01-02' };
      const [first, second] = await insertRegistrations(harness.dataSource, fixture, 2, apprentice);
      const [safety] = programA.workProcessIds;
      await query(
        `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key, rejection_reason)
         VALUES ($1, $2, $3, '2024-04-01', 10, 'approved', 'ui-1', NULL), ($1, $2, $3, '2024-04-03', 20, 'rejected', 'ui-2', 'wrong day')`,
        [second, safety, employerA],
      );
      const rows: Row[] = [
        [first, '2024-04-01', '8', 'Safety'], // 2: 10 logged + 8 + 7 = 25
        [second, '2024-04-01', '7', 'Wiring'], // 3
        [first, '2024-04-02', '12', 'Safety', undefined, 'North'], // 4: 12 + 12 = 24, allowed
        [first, '2024-04-02', '12', 'Safety', undefined, 'South'], // 5
        [first, '2024-04-03', '8', 'Safety'], // 6: the 20 logged hours were rejected
      ];
      const over = expect.stringContaining("the apprentice's OJT and RTI hours on 2024-04-01 to 25 across all registrations, above the daily maximum of 24");
      const outcome = await importCsv(rows, 'valid_rows');
      expect(outcome).toMatchObject({ status: 'imported', importedRows: 3, errorRows: 2 });
      expect(await errorsOf(outcome.importId)).toEqual([
        { line: 2, field: 'hours', reason: over },
        { line: 3, field: 'hours', reason: over },
      ]);

      // Rows already imported are skipped on a second run, so they do not count twice.
      const again = await importCsv(rows, 'valid_rows');
      expect(again).toMatchObject({ importedRows: 0, errorRows: 2 });
      expect(await errorsOf(again.importId)).toEqual([
        { line: 2, field: 'hours', reason: over },
        { line: 3, field: 'hours', reason: over },
      ]);
      expect(await entriesOf(first)).toHaveLength(3);
    });

    it('counts the RTI sessions attended that day', async () => {
      const apprentice = await insertApprentice(harness.dataSource, sponsorA);
      const fixture = { program: programA, sponsorId: sponsorA, state: 'MI', employerId: employerA, startDate: '2023-01-02' };
      const [first, second] = await insertRegistrations(harness.dataSource, fixture, 2, apprentice);
      await insertRtiSession(harness.dataSource, { registrationId: second, sessionDate: '2024-04-08', hours: 20 });
      const outcome = await importCsv(
        [
          [first, '2024-04-08', '4.25', 'Safety'], // 2: 20 attended + 4.25
          [first, '2024-04-09', '8', 'Safety'], // 3
        ],
        'valid_rows',
      );
      expect(outcome).toMatchObject({ importedRows: 1, errorRows: 1 });
      expect(await errorsOf(outcome.importId)).toEqual([
        { line: 2, field: 'hours', reason: expect.stringContaining('OJT and RTI hours on 2024-04-08 to 24.25') },
      ]);
    });
  });

  describe('unreadable files', () => {
    it('rejects a CSV with a broken quote, naming the line, and stages nothing', async () => {
      const regId = await registration(programA);
      const content = Buffer.from(`${HEADER.join(',')}\n${regId},2024-05-03,8,Safety\n${regId},2024-05-04,8,"Safety\n`);
      const outcome = await service.importCsv(sponsorAdminScope(sponsorA), 'broken.csv', Readable.from([content]), 'valid_rows');
      expect(outcome).toMatchObject({ status: 'rejected', importedRows: 0, errorRows: 1 });
      expect(await errorsOf(outcome.importId)).toEqual([{ line: 3, field: 'file', reason: expect.stringContaining('is not readable CSV') }]);
      expect(await entriesOf(regId)).toEqual([]);
      expect(await query(`SELECT 1 FROM ojt_import_rows`)).toEqual([]);
    });

    it('rejects a header without the required columns', async () => {
      const content = toCsv([['x', '2024-05-03', '8']], ['Registration_ID', 'Work_Date', 'Hours', 'Registration_ID']);
      const outcome = await service.importCsv(sponsorAdminScope(sponsorA), 'header.csv', Readable.from([content]), 'valid_rows');
      expect(outcome.status).toBe('rejected');
      expect(await errorsOf(outcome.importId)).toEqual([
        { line: 1, field: 'registration_id', reason: 'the column appears more than once' },
        { line: 1, field: 'work_process', reason: 'the required column is missing from the header' },
      ]);
    });

    it('rejects a stream that is not a workbook', async () => {
      const outcome = await service.importXlsx(sponsorAdminScope(sponsorA), 'x.xlsx', Readable.from([Buffer.from('garbage')]), 'valid_rows');
      expect(outcome.status).toBe('rejected');
      expect(await errorsOf(outcome.importId)).toEqual([{ line: 1, field: 'file', reason: expect.stringMatching(/readable XLSX|no header row/) }]);
    });
  });

  describe('uploads and past imports', () => {
    const upload = (fileName: string, content: Buffer | string, mode = ImportMode.VALID_ROWS) => ({
      fileName,
      contentBase64: typeof content === 'string' ? content : content.toString('base64'),
      mode,
    });

    it('imports a base64 upload and shows it, with paged errors, to the user who ran it only', async () => {
      const regId = await registration(programA);
      const content = toCsv([
        [regId, '2024-05-05', '8', 'Safety'],
        [regId, 'soon', '8', 'Safety'],
        [regId, '2024-05-06', '30', 'Nope'],
        [regId, '2024-05-07', '8', 'Safety', 'acme'],
      ]);
      const outcome = await service.importUpload(sponsorAdminScope(sponsorA), upload('upload.CSV', content));
      expect(outcome).toMatchObject({ status: 'imported', importedRows: 1, errorRows: 3 });

      const seen = await service.getVisible(sponsorAdminScope(sponsorA), outcome.importId);
      expect(seen).toEqual(outcome);
      expect(await service.errors(outcome.importId, 1, 3)).toEqual([
        { line: 4, field: 'hours', reason: 'must be more than 0 and at most 24' },
        { line: 4, field: 'work_process', reason: expect.stringContaining('neither the id nor the exact title') },
      ]);
      expect(await service.errors(outcome.importId, 5, 4)).toEqual([
        { line: 5, field: 'employer_id', reason: 'must be an organization id (UUID)' },
      ]);
      const stranger = scopeOf('11111111-1111-4111-8111-111111111111', [[sponsorA, 'sponsor', Role.SPONSOR_ADMIN]]);
      await expect(service.getVisible(stranger, outcome.importId)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it.each([
      ['a file that is not CSV or XLSX', 'hours.txt', Buffer.from('x').toString('base64'), 'fileName', 'must name a .csv or .xlsx file'],
      ['content that is not base64', 'hours.csv', 'not base64!', 'contentBase64', 'must be base64-encoded'],
      ['an empty file', 'hours.csv', '', 'contentBase64', 'the file is empty'],
    ])('reports %s as a field error', async (_case, fileName, contentBase64, field, reason) => {
      await expect(
        service.importUpload(sponsorAdminScope(sponsorA), { fileName, contentBase64, mode: ImportMode.VALID_ROWS }),
      ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field, reason }] });
    });

    it('caps the decoded size at 50 MB', async () => {
      const justOver = 'A'.repeat((Math.ceil(MAX_UPLOAD_BYTES / 3) + 1) * 4);
      await expect(service.importUpload(sponsorAdminScope(sponsorA), upload('big.csv', justOver))).rejects.toMatchObject({
        problems: [{ field: 'contentBase64', reason: expect.stringContaining('the file is larger than 50 MB: import it with `journeyline import-hours`') }],
      });
    });

    it('refuses callers who may not log hours', async () => {
      const agency = await insertOrganization(harness.dataSource, 'state_agency', 'MI SAA', 'MI');
      await expect(importCsv([], 'valid_rows', stateAnalystScope(agency, 'MI'))).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    });
  });

  it('streams a 200,000-row file into submitted entries in bounded memory', async () => {
    const registrations = await insertRegistrations(
      harness.dataSource,
      { program: programA, sponsorId: sponsorA, state: 'MI', employerId: employerA, startDate: addDays(today, -15000) },
      20,
    );
    const rowCount = 200_000;
    async function* lines() {
      yield `${HEADER.slice(0, 4).join(',')}\n`;
      const batch: string[] = [];
      for (let index = 0; index < rowCount; index += 1) {
        // 20 registrations x 10,000 days x 1 hour: every day stays under the cap.
        batch.push(`${registrations[index % 20]},${addDays(today, -1 - Math.floor(index / 20))},1,Wiring\n`);
        if (batch.length === 1000) yield batch.splice(0).join('');
      }
      if (batch.length) yield batch.join('');
    }
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      const outcome = await service.importCsv(sponsorAdminScope(sponsorA), 'big.csv', Readable.from(lines()), 'valid_rows');
      expect(outcome).toMatchObject({ status: 'imported', totalRows: rowCount, importedRows: rowCount, errorRows: 0 });
    } finally {
      clearInterval(sampler);
    }
    const [{ count }] = await query(
      `SELECT count(*)::int AS count FROM ojt_hour_entries WHERE registration_id = ANY($1) AND status = 'submitted'`,
      [registrations],
    );
    expect(count).toBe(rowCount);
    // The file (about 12 MB) never sits in memory whole, nor do its rows as objects.
    expect((peak - baseline) / (1024 * 1024)).toBeLessThan(150);
  }, 300_000);
});
