import { AccessScope } from '@journeyline/auth/access-scope';
import { Role } from '@journeyline/auth/roles';
import { insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import { QueryCounter } from '@journeyline/database/query-counter';
import { insertOccupation, insertOrganization, insertUser } from '../../../test/support/registry-fixtures';
import { scopeOf, sponsorAdminScope } from '../../../test/support/scopes';
import { GraphqlTestApp, startGraphqlServices } from '../../../test/support/test-graphql';
import { RtiModule } from './rti.module';

const ENROLL = `mutation($input: EnrollInRtiInput!) { enrollInRti(input: $input) { id status course { code provider { name } } } }`;
const RECORD = `
  mutation($input: RecordRtiAttendanceInput!) {
    recordRtiAttendance(input: $input) { id sessionDate hours paid duringWorkHours vaCountable idempotencyKey }
  }`;
const ENROLLMENTS = `
  query($registrationId: ID!) {
    rtiEnrollments(registrationId: $registrationId) {
      id status course { title hours provider { name } } attendance { hours vaCountable }
    }
  }`;
const SUMMARY = `
  query($registrationId: ID!) {
    rtiSummary(registrationId: $registrationId) {
      totalHours vaCountableHours priorCreditHours
      byCourse { course { code } status hours grade }
      byProgramYear { year startsOn hours }
    }
  }`;

describe('RTI GraphQL', () => {
  let harness: GraphqlTestApp;
  let sponsor: string;
  let employer: string;
  let provider: string;
  let programOccupationId: string;
  let courseIds: string[];
  let instructor: AccessScope;
  let keySeq = 0;

  /** A registration inserted directly: this file tests the RTI API, not registration. */
  async function registration(): Promise<string> {
    const [apprentice] = await harness.dataSource.query(
      `INSERT INTO apprentices (owner_organization_id, first_name, last_name, date_of_birth)
       VALUES ($1, 'Ada', 'Lovelace', '1995-12-10') RETURNING id`,
      [sponsor],
    );
    const [row] = await harness.dataSource.query(
      `INSERT INTO registrations (apprentice_id, program_occupation_id, program_id, sponsor_id, state, employer_id, status,
         start_date, probation_end_date, expected_completion_date, status_date, employment_status, prior_credit_rti_hours)
       SELECT $1, po.id, pv.program_id, $3, 'MI', $4, 'registered',
              '2023-01-09', '2023-07-09', '2027-01-09', '2023-01-09', 'new_employee', 24
         FROM program_occupations po JOIN program_versions pv ON pv.id = po.program_version_id WHERE po.id = $2
       RETURNING id`,
      [apprentice.id, programOccupationId, sponsor, employer],
    );
    return row.id;
  }

  const record = (enrollmentId: string, overrides: Record<string, unknown> = {}) =>
    harness.gql(RECORD, {
      input: {
        enrollmentId,
        sessionDate: '2023-03-01',
        hours: 3,
        paid: true,
        duringWorkHours: true,
        idempotencyKey: `k${++keySeq}`,
        ...overrides,
      },
    });

  beforeAll(async () => {
    harness = await startGraphqlServices([RtiModule]);
    const dataSource = harness.dataSource;
    sponsor = await insertOrganization(dataSource, 'sponsor', 'IBEW JATC', 'MI');
    employer = await insertOrganization(dataSource, 'employer', 'Sparks LLC', 'MI');
    provider = await insertOrganization(dataSource, 'rti_provider', 'Lansing Community College', 'MI');
    await linkEmployer(dataSource, sponsor, employer);
    const electrician = await insertOccupation(dataSource, '0159', 'Electrician');
    programOccupationId = (await insertProgramWithOccupation(dataSource, { sponsorId: sponsor, state: 'MI', occupationId: electrician }))
      .programOccupationId;
    harness.scope = sponsorAdminScope(sponsor);
    courseIds = [];
    for (const code of ['ELEC-101', 'ELEC-102', 'ELEC-103', 'ELEC-104']) {
      const result = await harness.gql(
        `mutation($input: CreateRtiCourseInput!) { createRtiCourse(input: $input) { id code hours provider { name } } }`,
        { input: { providerId: provider, code, title: `Course ${code}`, hours: 36 } },
      );
      expect(result.data?.createRtiCourse).toMatchObject({ code, hours: 36, provider: { name: 'Lansing Community College' } });
      courseIds.push(result.data?.createRtiCourse.id);
    }
    const instructorId = await insertUser(dataSource, 'instructor@lcc.example.org', [[provider, Role.SUPERVISOR]]);
    instructor = scopeOf(instructorId, [[provider, 'rti_provider', Role.SUPERVISOR]]);
  });

  afterAll(() => harness.close());

  it("lets the course provider's supervisor record attendance although the role lacks rti:record", async () => {
    const registrationId = await registration();
    const enrolled = await harness.gql(ENROLL, { input: { registrationId, courseId: courseIds[0], enrolledOn: '2023-02-01' } });
    expect(enrolled.data?.enrollInRti).toMatchObject({
      status: 'ENROLLED',
      course: { code: 'ELEC-101', provider: { name: 'Lansing Community College' } },
    });
    harness.scope = instructor;
    const result = await record(enrolled.data?.enrollInRti.id, { paid: false, idempotencyKey: 'session-1' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordRtiAttendance).toMatchObject({
      hours: 3,
      paid: false,
      duringWorkHours: true,
      vaCountable: false,
      idempotencyKey: 'session-1',
    });
    // Enrolling stays with the sponsor's side.
    const refused = await harness.gql(ENROLL, { input: { registrationId, courseId: courseIds[1], enrolledOn: '2023-02-01' } });
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    harness.scope = sponsorAdminScope(sponsor);
  });

  it('reports hours that are zero, over 24 or not in quarter hours as field errors', async () => {
    const registrationId = await registration();
    const enrolled = await harness.gql(ENROLL, { input: { registrationId, courseId: courseIds[0], enrolledOn: '2023-02-01' } });
    for (const hours of [0, 24.25, 1.3]) {
      const result = await record(enrolled.data?.enrollInRti.id, { hours });
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'hours' })],
      });
    }
    const [{ n }] = await harness.dataSource.query(`SELECT count(*) AS n FROM rti_attendance WHERE registration_id = $1`, [registrationId]);
    expect(Number(n)).toBe(0);
  });

  it('answers the summary with VA-countable hours, prior credit and program years', async () => {
    const registrationId = await registration();
    const enrolled = await harness.gql(ENROLL, { input: { registrationId, courseId: courseIds[0], enrolledOn: '2023-02-01' } });
    const enrollmentId = enrolled.data?.enrollInRti.id;
    await record(enrollmentId, { hours: 4 });
    await record(enrollmentId, { sessionDate: '2024-02-01', hours: 2.5, duringWorkHours: false });
    const completed = await harness.gql(
      `mutation($input: CompleteRtiEnrollmentInput!) { completeRtiEnrollment(input: $input) { status completedOn grade } }`,
      { input: { enrollmentId, completedOn: '2024-05-01', grade: 'Pass' } },
    );
    expect(completed.data?.completeRtiEnrollment).toEqual({ status: 'COMPLETED', completedOn: '2024-05-01', grade: 'Pass' });
    const result = await harness.gql(SUMMARY, { registrationId });
    expect(result.errors).toBeUndefined();
    expect(result.data?.rtiSummary).toEqual({
      totalHours: 6.5,
      vaCountableHours: 4,
      priorCreditHours: 24,
      byCourse: [{ course: { code: 'ELEC-101' }, status: 'COMPLETED', hours: 6.5, grade: 'Pass' }],
      byProgramYear: [
        { year: 1, startsOn: '2023-01-09', hours: 4 },
        { year: 2, startsOn: '2024-01-09', hours: 2.5 },
      ],
    });
  });

  it('loads enrollments with their courses, providers and attendance without a query per enrollment', async () => {
    const cost = async (courses: number): Promise<number> => {
      const registrationId = await registration();
      for (const courseId of courseIds.slice(0, courses)) {
        const enrolled = await harness.gql(ENROLL, { input: { registrationId, courseId, enrolledOn: '2023-02-01' } });
        await record(enrolled.data?.enrollInRti.id);
      }
      const before = QueryCounter.current();
      const result = await harness.gql(ENROLLMENTS, { registrationId });
      expect(result.errors).toBeUndefined();
      expect(result.data?.rtiEnrollments).toHaveLength(courses);
      expect(result.data?.rtiEnrollments[0]).toMatchObject({
        status: 'ENROLLED',
        course: { provider: { name: 'Lansing Community College' } },
        attendance: [{ hours: 3, vaCountable: true }],
      });
      return QueryCounter.current() - before;
    };
    expect(await cost(4)).toBe(await cost(1));
  });

  it('lets every signed-in user read the course catalogue', async () => {
    harness.scope = scopeOf(null, [[employer, 'employer', Role.APPRENTICE]]);
    const result = await harness.gql(
      `query($providerId: ID) { rtiCourses(first: 2, providerId: $providerId) { nodes { code } pageInfo { hasNextPage } } }`,
      { providerId: provider },
    );
    expect(result.data?.rtiCourses).toEqual({ nodes: [expect.any(Object), expect.any(Object)], pageInfo: { hasNextPage: true } });
    harness.scope = sponsorAdminScope(sponsor);
  });
});
