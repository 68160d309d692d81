import { AccessScope } from '@journeyline/auth/access-scope';
import { Role } from '@journeyline/auth/roles';
import { ApprenticesModule } from '@journeyline/apprentices/apprentices.module';
import { ApprenticesService } from '@journeyline/apprentices/apprentices.service';
import { insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import {
  Disability,
  Education,
  EmploymentStatus,
  Ethnicity,
  Race,
  Sex,
  VeteranStatus,
  WageUnit,
} from '@journeyline/apprentices/vocabulary.models';
import { addDays, todayIso } from '@journeyline/common/dates';
import { ErrorCode } from '@journeyline/common/domain-error';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { ProgramsModule } from '@journeyline/programs/programs.module';
import { CompetenciesModule } from '@journeyline/competencies/competencies.module';
import { insertOccupation, insertOrganization, insertUser } from '../../../test/support/registry-fixtures';
import { scopeOf, sponsorAdminScope } from '../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { RecordRtiAttendanceInput } from './rti.models';
import { RtiModule } from './rti.module';
import { RtiService } from './rti.service';

describe('RTI', () => {
  let harness: ServiceHarness;
  let rti: RtiService;
  let apprentices: ApprenticesService;
  let sponsorA: string;
  let sponsorB: string;
  let employerA: string;
  let providerX: string;
  let providerY: string;
  let programOccupationA: string;
  let programOccupationB: string;
  let courseX: string;
  let courseY: string;
  let instructorX: AccessScope;
  let keySeq = 0;

  const adminA = () => sponsorAdminScope(sponsorA);
  const adminB = () => sponsorAdminScope(sponsorB);
  const employerSupervisor = () => scopeOf(null, [[employerA, 'employer', Role.SUPERVISOR]]);

  const count = async (table: string, where = 'TRUE'): Promise<number> =>
    Number((await harness.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))[0].n);
  const written = async () => ({
    attendance: await count('rti_attendance'),
    outbox: await count('outbox'),
    audit: await count('audit_log'),
  });

  async function register(
    scope: AccessScope,
    programOccupationId: string,
    employerId: string,
    options: { startDate?: string; priorRtiHours?: number } = {},
  ): Promise<string> {
    const { registration } = await apprentices.registerApprentice(scope, {
      person: {
        firstName: 'Grace',
        lastName: 'Hopper',
        dateOfBirth: '1996-12-09',
        demographics: {
          sex: Sex.FEMALE,
          ethnicity: Ethnicity.NOT_HISPANIC_LATINO,
          races: [Race.WHITE],
          veteranStatus: VeteranStatus.VETERAN,
          disability: Disability.NOT_SELF_IDENTIFIED,
          education: Education.HS_GRADUATE,
        },
        priorWageUnit: WageUnit.HOURLY,
      },
      registration: {
        programOccupationId,
        employerId,
        startDate: options.startDate ?? '2023-01-09',
        employmentStatus: EmploymentStatus.NEW_EMPLOYEE,
        priorCredit: options.priorRtiHours ? { ojtHours: 0, rtiHours: options.priorRtiHours } : undefined,
      },
    });
    return registration.id;
  }

  const attendance = (enrollmentId: string, overrides: Partial<RecordRtiAttendanceInput> = {}): RecordRtiAttendanceInput => ({
    enrollmentId,
    sessionDate: '2023-03-01',
    hours: 3,
    paid: true,
    duringWorkHours: true,
    idempotencyKey: `key-${++keySeq}`,
    ...overrides,
  });

  async function enrolled(registrationId: string, courseId = courseX, enrolledOn = '2023-02-01'): Promise<string> {
    return (await rti.enroll(adminA(), { registrationId, courseId, enrolledOn })).id;
  }

  beforeAll(async () => {
    harness = await startServices([RtiModule, CompetenciesModule, ApprenticesModule, OrganizationsModule, ProgramsModule]);
    rti = harness.get(RtiService);
    apprentices = harness.get(ApprenticesService);
    const ds = harness.dataSource;
    sponsorA = await insertOrganization(ds, 'sponsor', 'Sponsor A', 'MI');
    sponsorB = await insertOrganization(ds, 'sponsor', 'Sponsor B', 'OH');
    employerA = await insertOrganization(ds, 'employer', 'Employer A', 'MI');
    providerX = await insertOrganization(ds, 'rti_provider', 'Lansing Community College', 'MI');
    providerY = await insertOrganization(ds, 'rti_provider', 'Columbus State', 'OH');
    await linkEmployer(ds, sponsorA, employerA);
    const electrician = await insertOccupation(ds, '0159', 'Electrician');
    programOccupationA = (await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'MI', occupationId: electrician }))
      .programOccupationId;
    programOccupationB = (await insertProgramWithOccupation(ds, { sponsorId: sponsorB, state: 'OH', occupationId: electrician }))
      .programOccupationId;
    courseX = (await rti.createCourse(adminA(), { providerId: providerX, code: 'ELEC-101', title: 'Electrical theory I', hours: 144 }))
      .id;
    courseY = (await rti.createCourse(adminB(), { providerId: providerY, title: 'Blueprint reading', hours: 72 })).id;
    const instructor = await insertUser(ds, 'instructor@lcc.example.org', [[providerX, Role.SUPERVISOR]]);
    instructorX = scopeOf(instructor, [[providerX, 'rti_provider', Role.SUPERVISOR]]);
  });

  afterAll(() => harness.close());

  describe('courses', () => {
    it('adds a course at an RTI provider with an audit row, readable by every signed-in user', async () => {
      const course = await rti.createCourse(adminA(), { providerId: providerX, title: 'Code and standards', hours: 40.5 });
      expect(course).toMatchObject({ providerId: providerX, code: null, title: 'Code and standards', hours: 40.5 });
      expect(await count('audit_log', `action = 'rti.course_created' AND entity_id = '${course.id}'`)).toBe(1);
      const page = await rti.listCourses({ first: 50, providerId: providerX });
      expect(page.nodes.map((node) => node.id)).toEqual(expect.arrayContaining([courseX, course.id]));
      expect(page.nodes.map((node) => node.id)).not.toContain(courseY);
      expect(await rti.providersByIds([providerX, sponsorA])).toEqual([{ id: providerX, name: 'Lansing Community College' }]);
    });

    it('accepts only RTI provider organizations as providers', async () => {
      await expect(rti.createCourse(adminA(), { providerId: sponsorA, title: 'Not a school', hours: 10 })).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'providerId' }],
      });
    });

    it('refuses course creation to callers without rti:record', async () => {
      await expect(
        rti.createCourse(employerSupervisor(), { providerId: providerX, title: 'Rogue course', hours: 10 }),
      ).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    });
  });

  describe('enrollment', () => {
    let registration: string;

    beforeAll(async () => {
      registration = await register(adminA(), programOccupationA, employerA);
    });

    it('enrolls a registration in a course, with an audit row', async () => {
      const enrollment = await rti.enroll(adminA(), { registrationId: registration, courseId: courseX, enrolledOn: '2023-02-01' });
      expect(enrollment).toMatchObject({ registrationId: registration, courseId: courseX, enrolledOn: '2023-02-01', status: 'enrolled' });
      expect(await count('audit_log', `action = 'rti.enrolled' AND entity_id = '${enrollment.id}'`)).toBe(1);
    });

    it('answers CONFLICT on a second enrollment in the same course', async () => {
      await expect(
        rti.enroll(adminA(), { registrationId: registration, courseId: courseX, enrolledOn: '2023-03-01' }),
      ).rejects.toMatchObject({ code: ErrorCode.Conflict, problems: [{ field: 'courseId' }] });
    });

    it('rejects an enrollment before the registration start and an unknown course', async () => {
      await expect(
        rti.enroll(adminA(), { registrationId: registration, courseId: courseY, enrolledOn: '2022-12-31' }),
      ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'enrolledOn' }] });
      await expect(
        rti.enroll(adminA(), { registrationId: registration, courseId: registration, enrolledOn: '2023-02-01' }),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'courseId' }] });
    });

    it("hides another sponsor's registration and refuses a supervisor without rti:record", async () => {
      await expect(
        rti.enroll(adminB(), { registrationId: registration, courseId: courseY, enrolledOn: '2023-02-01' }),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'registrationId' }] });
      await expect(
        rti.enroll(employerSupervisor(), { registrationId: registration, courseId: courseY, enrolledOn: '2023-02-01' }),
      ).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    });
  });

  describe('attendance and summary', () => {
    it('sums all hours for DOL and only paid in-hours sessions for VA, by course and program year', async () => {
      const registration = await register(adminA(), programOccupationA, employerA, { priorRtiHours: 40 });
      const first = await enrolled(registration, courseX, '2023-02-01');
      const second = await enrolled(registration, courseY, '2024-02-01');
      const outboxBefore = await count('outbox', `topic = 'rti.recorded'`);
      const paidInHours = await rti.recordAttendance(adminA(), attendance(first, { hours: 3 }));
      await rti.recordAttendance(adminA(), attendance(first, { sessionDate: '2023-03-08', hours: 2.5, duringWorkHours: false }));
      await rti.recordAttendance(adminA(), attendance(first, { sessionDate: '2023-03-15', hours: 4, paid: false }));
      await rti.recordAttendance(
        adminA(),
        attendance(second, { sessionDate: '2024-03-01', hours: 1.75, paid: false, duringWorkHours: false }),
      );
      await rti.recordAttendance(adminA(), attendance(second, { sessionDate: '2025-01-09', hours: 0.25 }));
      expect(paidInHours).toMatchObject({ enrollmentId: first, registrationId: registration, hours: 3, paid: true, duringWorkHours: true });
      expect(await count('outbox', `topic = 'rti.recorded' AND payload->>'registrationId' = '${registration}'`)).toBe(5);
      expect(await count('outbox', `topic = 'rti.recorded'`)).toBe(outboxBefore + 5);

      const summary = await rti.summary(adminA(), registration);
      expect(summary).toMatchObject({ registrationId: registration, totalHours: 11.5, vaCountableHours: 3.25, priorCreditHours: 40 });
      expect(summary.byCourse.map(({ course, enrollment, hours }) => [course.id, enrollment.status, hours])).toEqual([
        [courseX, 'enrolled', 9.5],
        [courseY, 'enrolled', 2],
      ]);
      expect(summary.byProgramYear).toEqual([
        { year: 1, startsOn: '2023-01-09', hours: 9.5 },
        { year: 2, startsOn: '2024-01-09', hours: 1.75 },
        { year: 3, startsOn: '2025-01-09', hours: 0.25 },
      ]);
      // The apprentice's own login sees the same summary; another sponsor does not see it at all.
      const [{ apprentice_id: apprenticeId }] = await harness.dataSource.query(
        `SELECT apprentice_id FROM registrations WHERE id = $1`,
        [registration],
      );
      const own = scopeOf(null, [[sponsorA, 'sponsor', Role.APPRENTICE]], { apprenticeId });
      expect((await rti.summary(own, registration)).vaCountableHours).toBe(3.25);
      await expect(rti.summary(adminB(), registration)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('returns the first record on a retry with the same key and writes nothing new', async () => {
      const registration = await register(adminA(), programOccupationA, employerA);
      const enrollment = await enrolled(registration);
      const input = attendance(enrollment, { idempotencyKey: 'session-2023-03-01' });
      const first = await rti.recordAttendance(adminA(), input);
      const before = await written();
      const retry = await rti.recordAttendance(adminA(), { ...input });
      expect(retry.id).toBe(first.id);
      expect(await written()).toEqual(before);
      await expect(rti.recordAttendance(adminA(), { ...input, hours: 4 })).rejects.toMatchObject({
        code: ErrorCode.Conflict,
        problems: [{ field: 'idempotencyKey' }],
      });
      expect(await written()).toEqual(before);
    });

    it('rejects future sessions and sessions before enrollment with field errors, writing nothing', async () => {
      const registration = await register(adminA(), programOccupationA, employerA);
      const enrollment = await enrolled(registration, courseX, '2023-02-01');
      const before = await written();
      await expect(
        rti.recordAttendance(adminA(), attendance(enrollment, { sessionDate: addDays(todayIso(), 1) })),
      ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'sessionDate', reason: 'is in the future' }] });
      await expect(rti.recordAttendance(adminA(), attendance(enrollment, { sessionDate: '2023-01-31' }))).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'sessionDate' }],
      });
      expect(await written()).toEqual(before);
    });

    it("caps the apprentice's RTI and OJT on one day at the daily maximum", async () => {
      const registration = await register(adminA(), programOccupationA, employerA);
      const enrollment = await enrolled(registration);
      const [workProcess] = await harness.dataSource.query(
        `INSERT INTO work_processes (program_occupation_id, position, title, min_hours, max_hours)
         VALUES ($1, 1, 'Wiring', 0, 8000) RETURNING id`,
        [programOccupationA],
      );
      await harness.dataSource.query(
        `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status,
           rejection_reason, idempotency_key)
         VALUES ($1, $2, $3, '2023-04-03', 8, 'submitted', NULL, 'ojt-1'),
                ($1, $2, $3, '2023-04-03', 4, 'rejected', 'Not worked', 'ojt-2')`,
        [registration, workProcess.id, employerA],
      );
      await rti.recordAttendance(adminA(), attendance(enrollment, { sessionDate: '2023-04-03', hours: 12 }));
      const before = await written();
      await expect(
        rti.recordAttendance(adminA(), attendance(enrollment, { sessionDate: '2023-04-03', hours: 4.25 })),
      ).rejects.toMatchObject({ code: ErrorCode.RuleViolation, problems: [{ field: 'hours', rule: 'hours.max_per_day' }] });
      expect(await written()).toEqual(before);
      // The rejected OJT entry does not count: 8 + 12 + 4 is exactly the maximum.
      await rti.recordAttendance(adminA(), attendance(enrollment, { sessionDate: '2023-04-03', hours: 4 }));
    });
  });

  describe('who records attendance', () => {
    let registration: string;
    let enrollmentX: string;
    let enrollmentY: string;

    beforeAll(async () => {
      registration = await register(adminA(), programOccupationA, employerA);
      enrollmentX = await enrolled(registration, courseX);
      enrollmentY = await enrolled(registration, courseY);
    });

    it("lets a provider's supervisor record attendance in its own course", async () => {
      const record = await rti.recordAttendance(instructorX, attendance(enrollmentX));
      expect(record).toMatchObject({ enrollmentId: enrollmentX, recordedBy: instructorX.userId });
    });

    it("answers NOT_FOUND to a provider's supervisor for another provider's course", async () => {
      await expect(rti.recordAttendance(instructorX, attendance(enrollmentY))).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'enrollmentId' }],
      });
    });

    it("shows a provider's supervisor only the enrollments in its own courses", async () => {
      expect((await rti.listEnrollments(instructorX, registration)).map((row) => row.id)).toEqual([enrollmentX]);
      expect((await rti.listEnrollments(adminA(), registration)).map((row) => row.id).sort()).toEqual(
        [enrollmentX, enrollmentY].sort(),
      );
    });

    it('answers NOT_FOUND to the sponsor admin of another sponsor', async () => {
      await expect(rti.recordAttendance(adminB(), attendance(enrollmentX))).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'enrollmentId' }],
      });
      await expect(rti.listEnrollments(adminB(), registration)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('refuses a supervisor of the employer, who sees the registration but keeps no RTI records', async () => {
      await expect(rti.recordAttendance(employerSupervisor(), attendance(enrollmentX))).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
      });
    });

    it("does not let a sponsor's registration leak to other sponsors through the provider path", async () => {
      const foreign = await register(adminB(), programOccupationB, sponsorB);
      const enrollment = (await rti.enroll(adminB(), { registrationId: foreign, courseId: courseY, enrolledOn: '2023-02-01' })).id;
      await expect(rti.recordAttendance(adminA(), attendance(enrollment))).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });
  });

  describe('completion and withdrawal', () => {
    it('completes with a grade, then refuses sessions after completion but accepts late entries before it', async () => {
      const registration = await register(adminA(), programOccupationA, employerA);
      const enrollment = await enrolled(registration);
      await rti.recordAttendance(adminA(), attendance(enrollment, { sessionDate: '2023-05-01' }));
      await expect(rti.complete(adminA(), { enrollmentId: enrollment, completedOn: '2023-04-30' })).rejects.toMatchObject({
        problems: [{ field: 'completedOn' }],
      });
      const completed = await rti.complete(instructorX, { enrollmentId: enrollment, completedOn: '2023-06-30', grade: 'A-' });
      expect(completed).toMatchObject({ status: 'completed', completedOn: '2023-06-30', grade: 'A-' });
      await expect(rti.recordAttendance(adminA(), attendance(enrollment, { sessionDate: '2023-07-01' }))).rejects.toMatchObject({
        problems: [{ field: 'sessionDate' }],
      });
      await rti.recordAttendance(adminA(), attendance(enrollment, { sessionDate: '2023-06-15' }));
      await expect(rti.complete(adminA(), { enrollmentId: enrollment, completedOn: '2023-07-01' })).rejects.toMatchObject({
        code: ErrorCode.IllegalTransition,
      });
      const summary = await rti.summary(adminA(), registration);
      expect(summary.byCourse).toEqual([expect.objectContaining({ hours: 6 })]);
      expect(summary.byCourse[0].enrollment).toMatchObject({ status: 'completed', grade: 'A-' });
    });

    it('withdraws with an audited effective date and takes no attendance afterwards', async () => {
      const registration = await register(adminA(), programOccupationA, employerA);
      const enrollment = await enrolled(registration);
      const withdrawn = await rti.withdraw(adminA(), { enrollmentId: enrollment, effectiveDate: '2023-03-31' });
      expect(withdrawn.status).toBe('withdrawn');
      const [audit] = await harness.dataSource.query(
        `SELECT after FROM audit_log WHERE action = 'rti.enrollment_withdrawn' AND entity_id = $1`,
        [enrollment],
      );
      expect(audit.after).toEqual({ status: 'withdrawn', effectiveDate: '2023-03-31' });
      await expect(rti.recordAttendance(adminA(), attendance(enrollment, { sessionDate: '2023-03-01' }))).rejects.toMatchObject({
        problems: [{ field: 'enrollmentId' }],
      });
    });
  });
});
