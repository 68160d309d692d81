import { randomUUID } from 'node:crypto';
import { ApprenticesModule } from '@journeyline/apprentices/apprentices.module';
import { ApprenticesService } from '@journeyline/apprentices/apprentices.service';
import { addProgramVersion, insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import { RegistrationsService } from '@journeyline/apprentices/registrations.service';
import {
  Disability,
  Education,
  EmploymentStatus,
  Ethnicity,
  Race,
  RegistrationStatusEnum,
  Sex,
  VeteranStatus,
  WageUnit,
} from '@journeyline/apprentices/vocabulary.models';
import { Role } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { isWeekday } from '@journeyline/common/dates';
import { ErrorCode } from '@journeyline/common/domain-error';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { ProgramsModule } from '@journeyline/programs/programs.module';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { scopeOf, sponsorAdminScope, stateAnalystScope } from '../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { insertRtiSession } from './import/hours-import-fixtures';
import { LogOjtHoursInput, OjtHourStatusEnum } from './ojt-hours.models';
import { LogOutcome, OjtHoursService } from './ojt-hours.service';
import { ProgressService } from './progress.service';
import { TrainingModule } from './training.module';

/** "Today" for the training services in this file. */
const TODAY = '2024-07-01';
const START = '2024-01-08';
/** The 20 weekdays of June 2024. */
const JUNE_WEEKDAYS = Array.from({ length: 28 }, (_, day) => `2024-06-${String(day + 1).padStart(2, '0')}`).filter(isWeekday);

describe('OJT hours', () => {
  let harness: ServiceHarness;
  let hours: OjtHoursService;
  let progress: ProgressService;
  let apprentices: ApprenticesService;
  let registrations: RegistrationsService;
  let sponsor: string;
  let otherSponsor: string;
  let employerE: string;
  let employerF: string;
  let unlinkedEmployer: string;
  let electrician: string;
  let wiring: string;
  let safety: string;
  let plumbing: string;
  let plumbingProcess: string;
  let supersededProcess: string;

  const adminS = () => sponsorAdminScope(sponsor);
  const supervisorOf = (employerId: string) => scopeOf(null, [[employerId, 'employer', Role.SUPERVISOR]]);
  const apprenticeScope = (apprenticeId: string) => scopeOf(null, [[sponsor, 'sponsor', Role.APPRENTICE]], { apprenticeId });

  const count = async (table: string, where = 'TRUE', params: unknown[] = []): Promise<number> =>
    Number((await harness.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params))[0].n);
  const entriesOf = (registrationId: string) => count('ojt_hour_entries', 'registration_id = $1', [registrationId]);

  async function insertWorkProcess(programOccupationId: string, position: number, title: string, minHours: number, maxHours: number) {
    const [row] = await harness.dataSource.query(
      `INSERT INTO work_processes (program_occupation_id, position, title, min_hours, max_hours) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [programOccupationId, position, title, minHours, maxHours],
    );
    return row.id as string;
  }

  /** A registered apprentice under the electrician standards, working for employer E. */
  async function newRegistration(firstName: string) {
    const { registration } = await apprentices.registerApprentice(adminS(), {
      person: {
        firstName,
        lastName: 'Tester',
        dateOfBirth: '1998-04-02',
        demographics: {
          sex: Sex.NOT_SELF_IDENTIFIED,
          ethnicity: Ethnicity.NOT_SELF_IDENTIFIED,
          races: [Race.NOT_SELF_IDENTIFIED],
          veteranStatus: VeteranStatus.NOT_SELF_IDENTIFIED,
          disability: Disability.NOT_SELF_IDENTIFIED,
          education: Education.HS_GRADUATE,
        },
        priorWageUnit: WageUnit.HOURLY,
      },
      registration: {
        programOccupationId: electrician,
        employerId: employerE,
        startDate: START,
        employmentStatus: EmploymentStatus.NEW_EMPLOYEE,
      },
    });
    await registrations.transition(adminS(), {
      registrationId: registration.id,
      toStatus: RegistrationStatusEnum.REGISTERED,
      effectiveDate: '2024-01-20',
      reason: 'registered with the agency',
    });
    return registration;
  }

  /** A second, concurrent agreement of the same apprentice in plumbing. */
  async function secondRegistration(registrationId: string): Promise<string> {
    const [row] = await harness.dataSource.query(
      `INSERT INTO registrations (apprentice_id, program_occupation_id, program_id, sponsor_id, state, employer_id, status,
         start_date, probation_end_date, expected_completion_date, status_date, employment_status)
       SELECT r.apprentice_id, po.id, pv.program_id, r.sponsor_id, r.state, r.employer_id, 'registered',
              r.start_date, r.probation_end_date, r.expected_completion_date, r.status_date, r.employment_status
         FROM registrations r, program_occupations po JOIN program_versions pv ON pv.id = po.program_version_id
        WHERE r.id = $1 AND po.id = $2
       RETURNING id`,
      [registrationId, plumbing],
    );
    return row.id;
  }

  const entry = (registrationId: string, overrides: Partial<LogOjtHoursInput> = {}): LogOjtHoursInput => ({
    registrationId,
    workDate: '2024-06-03',
    hours: 8,
    workProcessId: wiring,
    idempotencyKey: randomUUID(),
    ...overrides,
  });

  /** Logs, submits and returns the entry's id. */
  async function submitted(registrationId: string, overrides: Partial<LogOjtHoursInput> = {}): Promise<string> {
    const { entries } = await hours.log(adminS(), entry(registrationId, { ...overrides, submit: true }));
    return entries[0].entry.id;
  }

  beforeAll(async () => {
    harness = await startServices([TrainingModule, ApprenticesModule, OrganizationsModule, ProgramsModule]);
    hours = harness.get(OjtHoursService);
    progress = harness.get(ProgressService);
    apprentices = harness.get(ApprenticesService);
    registrations = harness.get(RegistrationsService);
    const clock = harness.moduleRef.select(TrainingModule).get(Clock, { strict: true });
    clock.now = () => new Date(`${TODAY}T12:00:00Z`);

    const ds = harness.dataSource;
    sponsor = await insertOrganization(ds, 'sponsor', 'Sponsor', 'MI');
    otherSponsor = await insertOrganization(ds, 'sponsor', 'Other sponsor', 'MI');
    employerE = await insertOrganization(ds, 'employer', 'Employer E', 'MI');
    employerF = await insertOrganization(ds, 'employer', 'Employer F', 'MI');
    unlinkedEmployer = await insertOrganization(ds, 'employer', 'Unlinked employer', 'MI');
    await linkEmployer(ds, sponsor, employerE);
    await linkEmployer(ds, sponsor, employerF);
    const occupation = await insertOccupation(ds, '0159', 'Electrician');
    // Version 1 of the standards is superseded by version 2, under which apprentices are registered.
    const electrical = await insertProgramWithOccupation(ds, { sponsorId: sponsor, state: 'MI', occupationId: occupation });
    supersededProcess = await insertWorkProcess(electrical.programOccupationId, 1, 'Wiring (version 1)', 1000, 6000);
    electrician = (await addProgramVersion(ds, electrical.programId, occupation)).programOccupationId;
    wiring = await insertWorkProcess(electrician, 1, 'Wiring', 1000, 6000);
    safety = await insertWorkProcess(electrician, 2, 'Safety', 10, 20);
    const plumber = await insertOccupation(ds, '0419', 'Plumber');
    plumbing = (await insertProgramWithOccupation(ds, { sponsorId: sponsor, state: 'MI', occupationId: plumber })).programOccupationId;
    plumbingProcess = await insertWorkProcess(plumbing, 1, 'Pipes', 0, 8000);
  });

  afterAll(() => harness.close());

  describe('a month of hours', () => {
    it('logs, submits and approves 20 days × 8 h, and progress equals the hand calculation', async () => {
      const registration = await newRegistration('Month');
      const apprentice = apprenticeScope(registration.apprenticeId);
      const logged = await hours.logBatch(apprentice, {
        entries: JUNE_WEEKDAYS.map((workDate) => entry(registration.id, { workDate, note: 'Residential rough-in' })),
        submit: false,
      });
      expect(logged.entries).toHaveLength(20);
      expect(logged.entries.every(({ entry: logged, duplicate }) => logged.status === 'draft' && !duplicate)).toBe(true);
      expect(logged.warnings).toEqual([]);
      const ids = logged.entries.map(({ entry: logged }) => logged.id);

      const submittedEntries = await hours.submit(apprentice, ids);
      expect(submittedEntries.map((row) => row.status)).toEqual(Array(20).fill('submitted'));
      expect(submittedEntries.every((row) => row.submittedAt instanceof Date)).toBe(true);

      const outboxBefore = await count('outbox', `topic = 'hours.approved'`);
      const approved = await hours.approve(supervisorOf(employerE), ids);
      expect(approved.map((row) => [row.id, row.status])).toEqual(ids.map((id) => [id, 'approved']));
      expect(await count('audit_log', `action = 'ojt_hours.approved' AND entity_id = ANY($1)`, [ids])).toBe(20);
      expect(await count('outbox', `topic = 'hours.approved'`)).toBe(outboxBefore + 1);
      const [event] = await harness.dataSource.query(`SELECT payload FROM outbox WHERE topic = 'hours.approved' ORDER BY id DESC LIMIT 1`);
      expect(event.payload).toEqual({ registrationId: registration.id });

      // RTI this program year (2024-01-08 .. 2025-01-08): 7 sessions × 10 h = 70 h; the January 6 session is before it.
      const ds = harness.dataSource;
      const provider = await insertOrganization(ds, 'rti_provider', 'College', 'MI');
      const [course] = await ds.query(`INSERT INTO rti_courses (provider_id, title, hours) VALUES ($1, 'Theory', 144) RETURNING id`, [
        provider,
      ]);
      const [enrollment] = await ds.query(
        `INSERT INTO rti_enrollments (registration_id, course_id, enrolled_on) VALUES ($1, $2, '2024-01-15') RETURNING id`,
        [registration.id, course.id],
      );
      const sessions = [['2024-01-06', 4], ...['02', '03', '04', '05', '06', '07', '08'].map((day) => [`2024-05-${day}`, 10])];
      for (const [date, sessionHours] of sessions) {
        await ds.query(
          `INSERT INTO rti_attendance (enrollment_id, registration_id, session_date, hours, paid, during_work_hours, idempotency_key)
           VALUES ($1, $2, $3, $4, true, false, $5)`,
          [enrollment.id, registration.id, date, sessionHours, `session-${date}`],
        );
      }

      const result = await progress.forRegistration(adminS(), registration.id);
      expect(result.byWorkProcess.map(({ workProcess, ...row }) => [workProcess.title, row])).toEqual([
        ['Wiring', { approvedHours: 160, pendingHours: 0, remainingToMin: 840, overAllotment: false }],
        ['Safety', { approvedHours: 0, pendingHours: 0, remainingToMin: 10, overAllotment: false }],
      ]);
      expect(result).toMatchObject({
        registrationId: registration.id,
        ojtTermHours: 8000,
        approvedOjtHours: 160,
        pendingOjtHours: 0,
        priorCreditOjtHours: 0,
        remainingOjtHours: 7840,
        // 160 / 8000 = 2 %.
        percentOfTerm: '2.0',
        approvedHoursLast90Days: 160,
        // 7840 h at 160 h / 90 days = 4410 days after 2024-07-01.
        projectedCompletionDate: '2036-07-28',
        expectedCompletionDate: registration.expectedCompletionDate,
        programYearStart: '2024-01-08',
        rtiHoursThisProgramYear: 70,
        rtiRequiredHoursPerYear: 144,
        rtiRecommendedHoursPerYear: 144,
        // 144 × 175 / 366 days of the program year.
        rtiExpectedHoursToDate: 68.85,
        rtiOnPace: true,
      });
    });
  });

  describe('daily cap', () => {
    it('allows at most 24 h per day across entries', async () => {
      const registration = await newRegistration('Cap');
      await hours.log(adminS(), entry(registration.id, { hours: 16 }));
      await expect(hours.log(adminS(), entry(registration.id, { hours: 8.25 }))).rejects.toMatchObject({
        code: ErrorCode.RuleViolation,
        problems: [{ field: 'hours', rule: 'hours.max_per_day' }],
      });
      await hours.log(adminS(), entry(registration.id, { hours: 8 }));
      expect(await entriesOf(registration.id)).toBe(2);
    });

    it('counts every registration of the apprentice, and not rejected hours', async () => {
      const registration = await newRegistration('Dual');
      const plumbingRegistration = await secondRegistration(registration.id);
      const rejectedId = await submitted(registration.id, { workDate: '2024-06-04', hours: 4 });
      await hours.reject(adminS(), { entryIds: [rejectedId], reason: 'was on leave' });
      await hours.log(adminS(), entry(registration.id, { workDate: '2024-06-04', hours: 20 }));
      await expect(
        hours.log(adminS(), entry(plumbingRegistration, { workDate: '2024-06-04', hours: 4.25, workProcessId: plumbingProcess })),
      ).rejects.toMatchObject({ code: ErrorCode.RuleViolation, problems: [{ field: 'hours' }] });
      await hours.log(adminS(), entry(plumbingRegistration, { workDate: '2024-06-04', hours: 4, workProcessId: plumbingProcess }));
      expect(await entriesOf(plumbingRegistration)).toBe(1);
    });

    it('counts the RTI sessions the apprentice attended that day', async () => {
      const registration = await newRegistration('RTI day');
      await insertRtiSession(harness.dataSource, { registrationId: registration.id, sessionDate: '2024-06-06', hours: 20 });
      await expect(hours.log(adminS(), entry(registration.id, { workDate: '2024-06-06', hours: 4.25 }))).rejects.toMatchObject({
        code: ErrorCode.RuleViolation,
        problems: [{ field: 'hours', reason: expect.stringContaining("OJT and RTI hours on 2024-06-06 to 24.25") }],
      });
      await hours.log(adminS(), entry(registration.id, { workDate: '2024-06-06', hours: 4 }));
      expect(await entriesOf(registration.id)).toBe(1);
    });

    it('judges a batch as a whole and reports each entry past the cap by its index', async () => {
      const registration = await newRegistration('Batch cap');
      await expect(
        hours.logBatch(adminS(), {
          entries: [entry(registration.id, { hours: 12 }), entry(registration.id, { hours: 8 }), entry(registration.id, { hours: 8 })],
          submit: false,
        }),
      ).rejects.toMatchObject({ code: ErrorCode.RuleViolation, problems: [{ field: 'entries.2.hours' }] });
      expect(await entriesOf(registration.id)).toBe(0);
    });

    it('lets exactly one of two concurrent 16 h entries for the same day through', async () => {
      const registration = await newRegistration('Race');
      const results = await Promise.allSettled([
        hours.log(adminS(), entry(registration.id, { hours: 16, workDate: '2024-06-05' })),
        hours.log(adminS(), entry(registration.id, { hours: 16, workDate: '2024-06-05' })),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const failure = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(failure.reason).toMatchObject({ code: ErrorCode.RuleViolation, problems: [{ field: 'hours' }] });
      expect(await entriesOf(registration.id)).toBe(1);
    });
  });

  describe('dates and standards', () => {
    it('refuses future days and days before the start with field errors, writing nothing', async () => {
      const registration = await newRegistration('Dates');
      await expect(
        hours.logBatch(adminS(), {
          entries: [
            entry(registration.id, { workDate: '2024-07-02' }),
            entry(registration.id, { workDate: '2024-01-05' }),
            entry(registration.id, { workDate: TODAY }),
          ],
          submit: false,
        }),
      ).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [
          { field: 'entries.0.workDate', reason: 'must not be in the future' },
          { field: 'entries.1.workDate', reason: expect.stringContaining(START) },
        ],
      });
      expect(await entriesOf(registration.id)).toBe(0);
    });

    it('refuses hours on or after a suspension, not before it', async () => {
      const registration = await newRegistration('Suspended');
      await registrations.transition(adminS(), {
        registrationId: registration.id,
        toStatus: RegistrationStatusEnum.SUSPENDED,
        effectiveDate: '2024-05-01',
        reason: 'laid off',
      });
      await expect(hours.log(adminS(), entry(registration.id, { workDate: '2024-05-01' }))).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'workDate', reason: expect.stringContaining('suspended from 2024-05-01') }],
      });
      expect(await entriesOf(registration.id)).toBe(0);
      await hours.log(adminS(), entry(registration.id, { workDate: '2024-04-30' }));
      expect(await entriesOf(registration.id)).toBe(1);
    });

    it('refuses hours dated inside a suspension that was lifted, and takes them on both sides of it', async () => {
      const registration = await newRegistration('Reinstated');
      for (const [toStatus, effectiveDate] of [
        [RegistrationStatusEnum.SUSPENDED, '2024-03-01'],
        [RegistrationStatusEnum.REINSTATED, '2024-04-15'],
      ] as const) {
        await registrations.transition(adminS(), { registrationId: registration.id, toStatus, effectiveDate, reason: 'slow season' });
      }
      await expect(hours.log(adminS(), entry(registration.id, { workDate: '2024-04-14' }))).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'workDate', reason: 'the registration was suspended from 2024-03-01 until 2024-04-15: no hours dated then' }],
      });
      expect(await entriesOf(registration.id)).toBe(0);
      await hours.log(adminS(), entry(registration.id, { workDate: '2024-02-29' }));
      await hours.log(adminS(), entry(registration.id, { workDate: '2024-04-15' }));
      expect(await entriesOf(registration.id)).toBe(2);
    });

    it("refuses a work process of another standards version and an employer outside the sponsor's programs", async () => {
      const registration = await newRegistration('Standards');
      await expect(
        hours.logBatch(adminS(), {
          entries: [
            entry(registration.id, { workProcessId: supersededProcess }),
            entry(registration.id, { employerId: unlinkedEmployer }),
          ],
          submit: false,
        }),
      ).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'entries.0.workProcessId' }, { field: 'entries.1.employerId' }],
      });
      expect(await entriesOf(registration.id)).toBe(0);

      const { entries } = await hours.logBatch(adminS(), {
        entries: [entry(registration.id), entry(registration.id, { workDate: '2024-06-04', employerId: employerF })],
        submit: true,
      });
      expect(entries.map(({ entry: logged }) => [logged.employerId, logged.status])).toEqual([
        [employerE, 'submitted'],
        [employerF, 'submitted'],
      ]);
    });

    it("answers NOT_FOUND for another sponsor's registration", async () => {
      const registration = await newRegistration('Foreign');
      await expect(hours.log(sponsorAdminScope(otherSponsor), entry(registration.id))).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'registrationId' }],
      });
    });
  });

  describe('idempotency', () => {
    it('returns the stored entry for a retry and writes nothing', async () => {
      const registration = await newRegistration('Retry');
      const first = entry(registration.id, { note: 'Conduit', worksite: 'Lot 4' });
      const original = await hours.log(adminS(), first);
      const auditBefore = await count('audit_log');
      const retried = await hours.log(adminS(), { ...first, note: ' Conduit ' });
      expect(retried.entries[0]).toMatchObject({ duplicate: true, entry: { id: original.entries[0].entry.id } });
      expect(await entriesOf(registration.id)).toBe(1);
      expect(await count('audit_log')).toBe(auditBefore);

      const batch = await hours.logBatch(adminS(), { entries: [first, entry(registration.id, { workDate: '2024-06-04' })], submit: false });
      expect(batch.entries.map(({ duplicate }) => duplicate)).toEqual([true, false]);
      expect(batch.entries[0].entry.id).toBe(original.entries[0].entry.id);
      expect(await entriesOf(registration.id)).toBe(2);
    });

    it('answers CONFLICT when the key comes back with other hours', async () => {
      const registration = await newRegistration('Conflict');
      const first = entry(registration.id);
      await hours.log(adminS(), first);
      await expect(hours.log(adminS(), { ...first, hours: 7.5 })).rejects.toMatchObject({
        code: ErrorCode.Conflict,
        problems: [{ field: 'idempotencyKey', reason: expect.stringContaining('hours') }],
      });
      await expect(
        hours.logBatch(adminS(), {
          entries: [entry(registration.id, { workDate: '2024-06-05' }), { ...first, workDate: '2024-06-06' }],
          submit: false,
        }),
      ).rejects.toMatchObject({ code: ErrorCode.Conflict, problems: [{ field: 'entries.1.idempotencyKey' }] });
      expect(await entriesOf(registration.id)).toBe(1);
    });
  });

  describe('approval', () => {
    it('never lets an apprentice approve, not even a supervisor approving their own hours', async () => {
      const registration = await newRegistration('Self');
      const id = await submitted(registration.id);
      await expect(hours.approve(apprenticeScope(registration.apprenticeId), [id])).rejects.toMatchObject({ code: ErrorCode.Forbidden });
      const supervisingThemselves = scopeOf(
        null,
        [
          [employerE, 'employer', Role.SUPERVISOR],
          [sponsor, 'sponsor', Role.APPRENTICE],
        ],
        { apprenticeId: registration.apprenticeId },
      );
      await expect(hours.approve(supervisingThemselves, [id])).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
        problems: [{ field: 'entryIds.0', reason: expect.stringContaining('own hours') }],
      });
      const pending = await hours.pendingApprovals(supervisingThemselves, { first: 100 });
      expect(pending.nodes.map((row) => row.id)).not.toContain(id);
    });

    it("keeps a supervisor to their employer's hours, all or nothing", async () => {
      const registration = await newRegistration('Employers');
      const atE = await submitted(registration.id);
      const atF = await submitted(registration.id, { workDate: '2024-06-04', employerId: employerF });
      const outboxBefore = await count('outbox');
      const auditBefore = await count('audit_log');
      await expect(hours.approve(supervisorOf(employerE), [atE, atF])).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
        problems: [{ field: 'entryIds.1', reason: expect.stringContaining('employer') }],
      });
      expect(await count('ojt_hour_entries', `id = ANY($1) AND status = 'submitted'`, [[atE, atF]])).toBe(2);
      expect(await count('outbox')).toBe(outboxBefore);
      expect(await count('audit_log')).toBe(auditBefore);

      const pendingAtE = (await hours.pendingApprovals(supervisorOf(employerE), { first: 100 })).nodes.map((row) => row.id);
      expect(pendingAtE).toContain(atE);
      expect(pendingAtE).not.toContain(atF);
      // F's supervisor cannot read the registration (it is E's) but approves the hours worked at F.
      expect((await hours.approve(supervisorOf(employerF), [atF]))[0].status).toBe('approved');
      await expect(hours.approve(supervisorOf(unlinkedEmployer), [atE])).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'entryIds.0' }],
      });
    });

    it('approves only submitted entries and writes no outbox row when the approval fails', async () => {
      const registration = await newRegistration('Drafts');
      const good = await submitted(registration.id);
      const { entries } = await hours.log(adminS(), entry(registration.id, { workDate: '2024-06-04' }));
      const draft = entries[0].entry.id;
      const outboxBefore = await count('outbox');
      await expect(hours.approve(adminS(), [good, draft])).rejects.toMatchObject({
        code: ErrorCode.IllegalTransition,
        problems: [{ field: 'entryIds.1', reason: expect.stringContaining('draft') }],
      });
      expect(await count('outbox')).toBe(outboxBefore);
      expect(await count('ojt_hour_entries', `id = $1 AND status = 'submitted'`, [good])).toBe(1);
      await expect(hours.approve(adminS(), [good, 'not-an-id'])).rejects.toMatchObject({ problems: [{ field: 'entryIds.1' }] });
    });

    it('requires a reason to reject and records the decision', async () => {
      const registration = await newRegistration('Reject');
      const id = await submitted(registration.id);
      await expect(hours.reject(adminS(), { entryIds: [id], reason: '   ' })).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'reason' }],
      });
      const [rejected] = await hours.reject(supervisorOf(employerE), { entryIds: [id], reason: 'Not on the timesheet' });
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Not on the timesheet' });
      expect(rejected.decidedAt).toBeInstanceOf(Date);
      const [audit] = await harness.dataSource.query(
        `SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [id],
      );
      expect(audit).toEqual({
        action: 'ojt_hours.rejected',
        before: { status: 'submitted' },
        after: { status: 'rejected', reason: 'Not on the timesheet' },
      });
    });
  });

  describe('editing', () => {
    it('corrects an approved entry with an audit row of before and after and an outbox event', async () => {
      const registration = await newRegistration('Correct');
      const id = await submitted(registration.id, { hours: 8 });
      await hours.approve(adminS(), [id]);
      await expect(
        hours.update(apprenticeScope(registration.apprenticeId), { entryId: id, hours: 10 }),
      ).rejects.toMatchObject({ code: ErrorCode.Forbidden });

      const outboxBefore = await count('outbox', `topic = 'hours.approved'`);
      const { entry: corrected } = await hours.update(supervisorOf(employerE), { entryId: id, hours: 7.5, note: 'Left early' });
      expect(corrected).toMatchObject({ status: 'approved', hours: '7.50', note: 'Left early' });
      const [audit] = await harness.dataSource.query(
        `SELECT actor_user_id, action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [id],
      );
      expect(audit).toMatchObject({
        action: 'ojt_hours.corrected',
        before: { hours: 8, note: null, status: 'approved', workDate: '2024-06-03', workProcessId: wiring },
        after: { hours: 7.5, note: 'Left early', status: 'approved', workDate: '2024-06-03', workProcessId: wiring },
      });
      expect(await count('outbox', `topic = 'hours.approved'`)).toBe(outboxBefore + 1);
      expect((await progress.forRegistration(adminS(), registration.id)).approvedOjtHours).toBe(7.5);
    });

    it('returns a rejected entry to draft, under the same limits as logging', async () => {
      const registration = await newRegistration('Edit');
      const id = await submitted(registration.id);
      await hours.reject(adminS(), { entryIds: [id], reason: 'wrong day' });
      await hours.log(adminS(), entry(registration.id, { workDate: '2024-06-04', hours: 20 }));
      await expect(
        hours.update(apprenticeScope(registration.apprenticeId), { entryId: id, workDate: '2024-06-04' }),
      ).rejects.toMatchObject({ code: ErrorCode.RuleViolation, problems: [{ field: 'hours' }] });
      await expect(hours.update(adminS(), { entryId: id, workDate: '2024-07-09' })).rejects.toMatchObject({
        problems: [{ field: 'workDate' }],
      });
      const { entry: edited } = await hours.update(apprenticeScope(registration.apprenticeId), { entryId: id, workDate: '2024-06-05' });
      expect(edited).toMatchObject({ status: 'draft', workDate: '2024-06-05', rejectionReason: null, decidedAt: null });
    });
  });

  describe('over allotment', () => {
    /** [work date, over allotment] of the registration's entries, by date. */
    const flags = async (registrationId: string) =>
      (await hours.list(adminS(), { first: 10, registrationId })).nodes
        .map((row) => [row.workDate, row.overAllotment])
        .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));

    it('flags the hours past a work process maximum and keeps the flag current', async () => {
      const registration = await newRegistration('Allotment');
      const first = await hours.log(adminS(), entry(registration.id, { workProcessId: safety, hours: 16, submit: true }));
      const second = await hours.log(
        adminS(),
        entry(registration.id, { workProcessId: safety, hours: 8, workDate: '2024-06-04', submit: true }),
      );
      expect(first.entries[0].entry.overAllotment).toBe(false);
      expect(second.entries[0].entry.overAllotment).toBe(true);
      expect(second.warnings).toEqual([
        expect.objectContaining({ rule: 'hours.work_process_over_allotment', severity: 'warning', field: 'workProcessId' }),
      ]);
      const approved = await hours.approve(adminS(), [first.entries[0].entry.id, second.entries[0].entry.id]);
      expect(approved.map((row) => row.overAllotment)).toEqual([false, true]);
      expect((await progress.forRegistration(adminS(), registration.id)).byWorkProcess[1]).toMatchObject({
        approvedHours: 24,
        overAllotment: true,
      });

      const { entry: corrected, warnings } = await hours.update(adminS(), { entryId: second.entries[0].entry.id, hours: 4 });
      expect(corrected.overAllotment).toBe(false);
      expect(warnings).toEqual([]);
    });

    it('flags later entries that a backdated entry pushes past the maximum, and only those', async () => {
      const registration = await newRegistration('Backdated');
      await hours.log(adminS(), entry(registration.id, { workProcessId: safety, hours: 8, workDate: '2024-06-03' }));
      await hours.log(adminS(), entry(registration.id, { workProcessId: safety, hours: 8, workDate: '2024-06-05' }));
      expect(await flags(registration.id)).toEqual([['2024-06-03', false], ['2024-06-05', false]]);
      // 6 hours on 06-04 come before 06-05 in the running total: 8 + 6 + 8 = 22 of 20.
      const backdated = await hours.log(adminS(), entry(registration.id, { workProcessId: safety, hours: 6, workDate: '2024-06-04' }));
      expect(backdated.entries[0].entry.overAllotment).toBe(false);
      expect(await flags(registration.id)).toEqual([['2024-06-03', false], ['2024-06-04', false], ['2024-06-05', true]]);
    });

    it('clears the flag of later entries when an earlier one is rejected, and sets it again when it is reopened', async () => {
      const registration = await newRegistration('Rejected earlier');
      const logged: LogOutcome[] = [];
      for (const workDate of ['2024-06-03', '2024-06-04', '2024-06-05']) {
        logged.push(await hours.log(adminS(), entry(registration.id, { workProcessId: safety, hours: 8, workDate, submit: true })));
      }
      // 8 + 8 + 8 = 24 of 20: only the last is over.
      expect(await flags(registration.id)).toEqual([['2024-06-03', false], ['2024-06-04', false], ['2024-06-05', true]]);
      const [rejected] = await hours.reject(adminS(), { entryIds: [logged[1].entries[0].entry.id], reason: 'not this day' });
      expect(rejected.overAllotment).toBe(false);
      expect(await flags(registration.id)).toEqual([['2024-06-03', false], ['2024-06-04', false], ['2024-06-05', false]]);
      await hours.update(adminS(), { entryId: rejected.id, workDate: '2024-06-06' });
      expect(await flags(registration.id)).toEqual([['2024-06-03', false], ['2024-06-05', false], ['2024-06-06', true]]);
    });
  });

  describe('lists', () => {
    it('filters entries within reach', async () => {
      const registration = await newRegistration('Listed');
      const a = await submitted(registration.id, { workDate: '2024-06-10' });
      await submitted(registration.id, { workDate: '2024-06-20' });
      const page = await hours.list(adminS(), {
        first: 10,
        registrationId: registration.id,
        status: OjtHourStatusEnum.SUBMITTED,
        from: '2024-06-01',
        to: '2024-06-15',
      });
      expect(page.nodes.map((row) => row.id)).toEqual([a]);
      const ohio = await insertOrganization(harness.dataSource, 'state_agency', 'Ohio', 'OH');
      expect((await hours.list(stateAnalystScope(ohio, 'OH'), { first: 10, registrationId: registration.id })).nodes).toEqual([]);
      expect((await hours.list(sponsorAdminScope(otherSponsor), { first: 10 })).nodes).toEqual([]);
    });
  });
});
