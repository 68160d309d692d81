import { PiiCipher } from '@journeyline/apprentices/pii-cipher';
import { QueryCounter } from '@journeyline/database/query-counter';
import { vaCountableHours } from '@journeyline/rti/va-countable';
import { insertOccupation, insertOrganization } from '../../../../test/support/registry-fixtures';
import { ServiceHarness, startServices } from '../../../../test/support/test-module';
import { ApprenticeRecord } from '../record/apprentice-record';
import { validateRecords } from '../record/record-validator';
import { ReportJobsModule } from '../runs/report-jobs.module';
import { ASSEMBLER_QUERIES_PER_BATCH, RecordAssembler } from './record-assembler';
import { insertOjtEntries, insertReportingProgram, insertReportingRegistration, ProgramFixture } from './report-fixtures';

const AS_OF = '2025-06-15';

describe('RecordAssembler', () => {
  let harness: ServiceHarness;
  let assembler: RecordAssembler;
  let cipher: PiiCipher;
  let employer: string;
  let program: ProgramFixture;
  let veteran: string;
  let plain: string;
  let extra: string[];

  const query = (sql: string, params: unknown[] = []) => harness.dataSource.query(sql, params);
  const assemble = (ids: string[], includeSsn = false) => assembler.assemble(ids, { asOf: AS_OF, includeSsn });
  const only = async (id: string, includeSsn = false): Promise<ApprenticeRecord> => (await assemble([id], includeSsn))[0];

  beforeAll(async () => {
    harness = await startServices([ReportJobsModule]);
    assembler = harness.get(RecordAssembler);
    cipher = harness.get(PiiCipher);
    const sponsor = await insertOrganization(harness.dataSource, 'sponsor', 'Buckeye Precision', 'OH');
    employer = await insertOrganization(harness.dataSource, 'employer', 'Ohio Tool & Die', 'OH');
    const provider = await insertOrganization(harness.dataSource, 'rti_provider', 'Columbus State', 'OH');
    const occupation = await insertOccupation(harness.dataSource, '0296', 'Machinist', { onetSocCode: '51-4041.00' });
    program = await insertReportingProgram(harness.dataSource, {
      sponsorId: sponsor,
      occupationId: occupation,
      state: 'OH',
      programNumber: '2019-OH-77310',
      facilityCode: '20012345',
      effectiveDate: '2021-03-01',
      workProcesses: [['Bench work and layout', 100], ['Lathe operations', 2400]],
    });
    await query(`INSERT INTO agency_crosswalk (program_id, kind, external_id) VALUES ($1, 'employer', 'EMP-7'), ($1, 'occupation', 'OCC-0296')`, [
      program.programId,
    ]);
    const [bench, lathe] = program.workProcessIds;

    veteran = await insertReportingRegistration(harness.dataSource, cipher, {
      programOccupationId: program.programOccupationId,
      employerId: employer,
      firstName: 'Sarah',
      lastName: 'Bigeagle',
      startDate: '2025-01-06',
      status: 'pending',
      ssn: '533-22-9041',
      vaChapter: '33',
    });
    plain = await insertReportingRegistration(harness.dataSource, cipher, {
      programOccupationId: program.programOccupationId,
      employerId: employer,
      firstName: 'Daniel',
      lastName: 'Kim',
      startDate: '2025-02-03',
      status: 'pending',
    });
    await insertOjtEntries(harness.dataSource, veteran, employer, [
      ['2025-01-07', 8, 'approved', bench],
      ['2025-01-08', 7.75, 'approved', bench],
      ['2025-01-08', 0.25, 'approved', lathe],
      ['2025-01-09', 8, 'submitted', bench],
      ['2025-01-10', 8, 'rejected', bench],
      ['2025-01-13', 8, 'draft', bench],
      ['2025-02-03', 6.5, 'approved', lathe],
      ['2025-02-04', 8, 'approved', lathe],
      ['2025-05-30', 4.25, 'approved', bench],
      // After asOf: not in the record.
      ['2025-06-16', 8, 'approved', lathe],
    ]);
    const [course] = await query(`INSERT INTO rti_courses (provider_id, title, hours) VALUES ($1, 'Blueprint reading', 40) RETURNING id`, [provider]);
    const [later] = await query(`INSERT INTO rti_courses (provider_id, title, hours) VALUES ($1, 'Shop math', 40) RETURNING id`, [provider]);
    const [enrollment] = await query(
      `INSERT INTO rti_enrollments (registration_id, course_id, enrolled_on) VALUES ($1, $2, '2025-01-06') RETURNING id`,
      [veteran, course.id],
    );
    await query(
      `INSERT INTO rti_enrollments (registration_id, course_id, enrolled_on, status, completed_on, grade)
       VALUES ($1, $2, '2025-02-01', 'completed', '2025-07-01', 'A')`,
      [veteran, later.id],
    );
    const sessions: Array<[string, number, boolean, boolean]> = [
      ['2025-01-14', 3, true, true],
      ['2025-01-15', 2.5, true, false],
      ['2025-01-16', 4, false, true],
      ['2025-01-17', 1.75, false, false],
      ['2025-02-11', 0.25, true, true],
      ['2025-02-12', 3.5, false, true],
      ['2025-07-01', 4, true, true],
    ];
    for (const [index, [date, hours, paid, duringWorkHours]] of sessions.entries()) {
      await query(
        `INSERT INTO rti_attendance (enrollment_id, registration_id, session_date, hours, paid, during_work_hours, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [enrollment.id, veteran, date, hours, paid, duringWorkHours, `session-${index}`],
      );
    }
    await query(`INSERT INTO wage_history (registration_id, step, rate_cents, effective_date, trigger) VALUES ($1, 2, 2000, '2025-07-01', 'hours_reached')`, [
      veteran,
    ]);
    await query(
      `INSERT INTO registration_status_events (registration_id, from_status, to_status, effective_date, reason)
       VALUES ($1, 'pending', 'registered', '2025-01-20', 'Registered by the Ohio SAA'),
              ($1, 'registered', 'suspended', '2025-07-01', 'Medical leave')`,
      [veteran],
    );
    await query(`UPDATE registrations SET status = 'suspended', status_date = '2025-07-01' WHERE id = $1`, [veteran]);
    await query(`INSERT INTO interim_credentials (registration_id, name, earned_on) VALUES ($1, 'OSHA 10', '2025-03-02'), ($1, 'NIMS Level I', '2025-08-01')`, [
      veteran,
    ]);
    await query(`INSERT INTO va_month_certifications (registration_id, month, certified_hours) VALUES ($1, '2025-01-01', 24)`, [veteran]);

    extra = [];
    for (let index = 0; index < 10; index += 1) {
      extra.push(
        await insertReportingRegistration(harness.dataSource, cipher, {
          programOccupationId: program.programOccupationId,
          employerId: employer,
          firstName: `Extra${index}`,
          lastName: 'Apprentice',
          startDate: '2025-03-03',
          ssn: `521-41-${String(7700 + index)}`,
          vaChapter: index % 2 ? '30' : undefined,
        }),
      );
      await insertOjtEntries(harness.dataSource, extra[index], employer, [['2025-03-04', 8, 'approved', program.workProcessIds[0]]]);
    }
  });

  afterAll(() => harness.close());

  it('builds records that satisfy the published ApprenticeRecord schema', async () => {
    const records = await assemble([veteran, plain, ...extra], true);
    const { problems } = validateRecords(JSON.parse(JSON.stringify(records)));
    expect(problems).toEqual([]);
    expect(records.map((record) => record.registrationId)).toEqual([veteran, plain, ...extra]);
  });

  it('sums approved OJT hours per month and work process exactly as the raw approved entries add up, up to asOf', async () => {
    const raw: Array<{ month: string; work_process_id: string; hours: string }> = await query(
      `SELECT to_char(work_date, 'YYYY-MM') AS month, work_process_id, hours::text AS hours
         FROM ojt_hour_entries WHERE registration_id = $1 AND status = 'approved' AND work_date <= $2`,
      [veteran, AS_OF],
    );
    const expected = new Map<string, number>();
    for (const entry of raw) expected.set(`${entry.month} ${entry.work_process_id}`, (expected.get(`${entry.month} ${entry.work_process_id}`) ?? 0) + Number(entry.hours));
    const record = await only(veteran);
    const assembled = new Map(record.ojt.approvedByMonth.map((entry) => [`${entry.month} ${entry.workProcessId}`, entry.hours]));
    expect(assembled).toEqual(expected);
    const [bench, lathe] = program.workProcessIds;
    expect(record.ojt.approvedByMonth.filter((entry) => entry.month === '2025-01')).toEqual(
      [
        { month: '2025-01', workProcessId: bench, hours: 15.75 },
        { month: '2025-01', workProcessId: lathe, hours: 0.25 },
      ].sort((a, b) => (a.workProcessId < b.workProcessId ? -1 : 1)),
    );
    expect(record.ojt.approvedByMonth.map((entry) => entry.month)).not.toContain('2025-06');
  });

  it("counts VA RTI hours with the same rule as libs/rti's vaCountableHours, on the same rows", async () => {
    const sessions: Array<{ month: string; hours: string; paid: boolean; during_work_hours: boolean }> = await query(
      `SELECT to_char(session_date, 'YYYY-MM') AS month, hours::text AS hours, paid, during_work_hours
         FROM rti_attendance WHERE registration_id = $1 AND session_date <= $2`,
      [veteran, AS_OF],
    );
    const months = [...new Set(sessions.map((session) => session.month))].sort();
    const expected = months.map((month) => {
      const inMonth = sessions
        .filter((session) => session.month === month)
        .map((session) => ({ hours: Number(session.hours), paid: session.paid, duringWorkHours: session.during_work_hours }));
      return { month, hours: inMonth.reduce((sum, session) => sum + session.hours, 0), vaCountableHours: vaCountableHours(inMonth) };
    });
    const record = await only(veteran);
    expect(record.rti.byMonth).toEqual(expected);
    expect(record.rti.byMonth).toEqual([
      { month: '2025-01', hours: 11.25, vaCountableHours: 3 },
      { month: '2025-02', hours: 3.75, vaCountableHours: 0.25 },
    ]);
  });

  it('decrypts SSNs only when asked to', async () => {
    expect((await only(veteran)).person.ssn).toBeNull();
    expect((await only(veteran, true)).person.ssn).toBe('533229041');
    expect((await only(plain, true)).person.ssn).toBeNull();
  });

  it('tells the record as it stood on asOf: later statuses, wages, credentials and course completions are left out', async () => {
    const record = await only(veteran);
    expect(record.agreement.status).toBe('registered');
    expect(record.agreement.statusDate).toBe('2025-01-20');
    expect(record.agreement.statusHistory.map((event) => event.toStatus)).toEqual(['registered']);
    expect(record.wages.history).toEqual([{ step: 1, rateCents: 1850, effectiveDate: '2025-01-06', trigger: 'entry' }]);
    expect(record.credentials).toEqual([{ name: 'OSHA 10', earnedOn: '2025-03-02' }]);
    expect(record.rti.courses).toEqual([
      { title: 'Blueprint reading', provider: 'Columbus State', status: 'enrolled', grade: null, completedOn: null },
      { title: 'Shop math', provider: 'Columbus State', status: 'enrolled', grade: null, completedOn: null },
    ]);
    const later = (await assembler.assemble([veteran], { asOf: '2025-08-31', includeSsn: false }))[0];
    expect([later.agreement.status, later.agreement.statusDate]).toEqual(['suspended', '2025-07-01']);
    expect(later.rti.courses[1]).toEqual({ title: 'Shop math', provider: 'Columbus State', status: 'completed', grade: 'A', completedOn: '2025-07-01' });
  });

  it('fills program, occupation and VA details, with agency ids from the crosswalk (missing ones null)', async () => {
    const record = await only(veteran);
    expect(record.program).toEqual({
      id: program.programId,
      name: 'Program 2019-OH-77310',
      programNumber: '2019-OH-77310',
      state: 'OH',
      registrationAgency: 'SAA',
      standardsVersion: 1,
      standardsEffectiveDate: '2021-03-01',
      agencyIds: { employer: 'EMP-7', occupation: 'OCC-0296', rtiProvider: null, wageSchedule: null },
    });
    expect(record.va).toEqual({
      chapter: '33',
      vaFileNumber: null,
      facilityCode: '20012345',
      approvedProgramName: 'MACHINIST',
      enrollmentStart: '2025-01-06',
      enrollmentEnd: null,
      certifiedMonths: ['2025-01'],
    });
    expect(record.workProcesses.map((process) => [process.title, process.maxHours])).toEqual([
      ['Bench work and layout', 100],
      ['Lathe operations', 2400],
    ]);
    expect(record.employer.name).toBe('Ohio Tool & Die');
    expect((await only(plain)).va).toBeNull();
  });

  it('sends the same number of statements for 1 registration as for 12', async () => {
    const statements = async (ids: string[]) =>
      harness.dataSource.transaction(async (manager) => {
        const before = QueryCounter.current();
        const records = await assembler.assemble(ids, { asOf: AS_OF, includeSsn: true, manager });
        expect(records).toHaveLength(ids.length);
        return QueryCounter.current() - before;
      });
    expect(await statements([veteran])).toBe(ASSEMBLER_QUERIES_PER_BATCH);
    expect(await statements([veteran, plain, ...extra])).toBe(ASSEMBLER_QUERIES_PER_BATCH);
  });

  it('skips unknown ids and reports a record whose SSN cannot be opened instead of failing', async () => {
    const [{ id: apprenticeId }] = await query(`SELECT apprentice_id AS id FROM registrations WHERE id = $1`, [extra[0]]);
    await query(`UPDATE apprentices SET ssn_key_id = 'retired' WHERE id = $1`, [apprenticeId]);
    try {
      const problems: unknown[] = [];
      const records = await assembler.assemble([extra[0], '00000000-0000-4000-8000-00000000abcd', extra[1]], {
        asOf: AS_OF,
        includeSsn: true,
        onUnreadableSsn: (problem) => problems.push(problem),
      });
      expect(records.map((record) => record.registrationId)).toEqual([extra[1]]);
      expect(problems).toEqual([
        expect.objectContaining({ registrationId: extra[0], field: 'person.ssn', rule: 'record.ssn_unreadable' }),
      ]);
      await expect(assemble([extra[0]], true)).rejects.toThrow('PII key "retired" is not in the key ring');
      expect((await assemble([extra[0]], false))[0].person.ssn).toBeNull();
    } finally {
      const [{ key }] = await query(`SELECT ssn_key_id AS key FROM apprentices WHERE id <> $1 AND ssn_key_id IS NOT NULL LIMIT 1`, [apprenticeId]);
      await query(`UPDATE apprentices SET ssn_key_id = $2 WHERE id = $1`, [apprenticeId, key]);
    }
  });
});
