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
import { RtiModule } from '@journeyline/rti/rti.module';
import { insertOccupation, insertOrganization, insertUser } from '../../../test/support/registry-fixtures';
import { intermediaryScope, scopeOf, sponsorAdminScope } from '../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { toCompetencyProgressModel } from './competencies.mappers';
import { SignOffCompetencyInput } from './competencies.models';
import { CompetenciesModule } from './competencies.module';
import { CompetenciesService } from './competencies.service';

describe('Competencies', () => {
  let harness: ServiceHarness;
  let service: CompetenciesService;
  let apprentices: ApprenticesService;
  let sponsorA: string;
  let sponsorB: string;
  let employerA: string;
  let intermediary: string;
  let competencyBased: string;
  let hybrid: string;
  let timeBased: string;
  let wiring: string;
  let safety: string;
  let hybridProcess: string;
  let supervisor: AccessScope;

  const adminA = () => sponsorAdminScope(sponsorA);

  const count = async (table: string, where = 'TRUE'): Promise<number> =>
    Number((await harness.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))[0].n);

  async function register(programOccupationId: string, startDate = '2023-01-09'): Promise<string> {
    const { registration } = await apprentices.registerApprentice(adminA(), {
      person: {
        firstName: 'Katherine',
        lastName: 'Johnson',
        dateOfBirth: '1998-08-26',
        demographics: {
          sex: Sex.FEMALE,
          ethnicity: Ethnicity.NOT_HISPANIC_LATINO,
          races: [Race.BLACK_AFRICAN_AMERICAN],
          veteranStatus: VeteranStatus.NON_VETERAN,
          disability: Disability.NOT_SELF_IDENTIFIED,
          education: Education.HS_GRADUATE,
        },
        priorWageUnit: WageUnit.HOURLY,
      },
      registration: { programOccupationId, employerId: employerA, startDate, employmentStatus: EmploymentStatus.NEW_EMPLOYEE },
    });
    return registration.id;
  }

  /** A program occupation with the given approach and work processes (title, competencies). */
  async function programOccupation(approach: string, processes: Array<[string, string[]]>): Promise<[string, ...string[]]> {
    const ds = harness.dataSource;
    const rapidsCode = `0${400 + processes.length}${approach === 'hybrid' ? 'HY' : 'CB'}`;
    const occupation = await insertOccupation(ds, rapidsCode, `Occupation ${rapidsCode}`);
    const { programOccupationId } = await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'MI', occupationId: occupation });
    await ds.query(`UPDATE program_occupations SET approach = $2 WHERE id = $1`, [programOccupationId, approach]);
    const ids: string[] = [];
    for (const [index, [title, competencies]] of processes.entries()) {
      const [row] = await ds.query(
        `INSERT INTO work_processes (program_occupation_id, position, title, min_hours, max_hours, competencies)
         VALUES ($1, $2, $3, 0, 2000, $4) RETURNING id`,
        [programOccupationId, index + 1, title, competencies],
      );
      ids.push(row.id);
    }
    return [programOccupationId, ...ids];
  }

  const signOff = (registrationId: string, overrides: Partial<SignOffCompetencyInput> = {}): SignOffCompetencyInput => ({
    registrationId,
    workProcessId: wiring,
    competency: 'Installs branch circuits',
    achievedOn: '2023-06-01',
    ...overrides,
  });

  beforeAll(async () => {
    harness = await startServices([RtiModule, CompetenciesModule, ApprenticesModule, OrganizationsModule, ProgramsModule]);
    service = harness.get(CompetenciesService);
    apprentices = harness.get(ApprenticesService);
    const ds = harness.dataSource;
    sponsorA = await insertOrganization(ds, 'sponsor', 'Sponsor A', 'MI');
    sponsorB = await insertOrganization(ds, 'sponsor', 'Sponsor B', 'OH');
    employerA = await insertOrganization(ds, 'employer', 'Employer A', 'MI');
    intermediary = await insertOrganization(ds, 'intermediary', 'Intermediary');
    await linkEmployer(ds, sponsorA, employerA);
    [competencyBased, wiring, safety] = await programOccupation('competency_based', [
      ['Wiring', ['Installs branch circuits', 'Bends conduit', 'Terminates conductors']],
      ['Safety', ['Performs lockout/tagout']],
    ]);
    [hybrid, hybridProcess] = await programOccupation('hybrid', [['Controls', ['Programs a PLC']]]);
    const electrician = await insertOccupation(ds, '0159', 'Electrician');
    timeBased = (await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'MI', occupationId: electrician }))
      .programOccupationId;
    const supervisorId = await insertUser(ds, 'foreman@employer-a.example.org', [[employerA, Role.SUPERVISOR]]);
    supervisor = scopeOf(supervisorId, [[employerA, 'employer', Role.SUPERVISOR]]);
  });

  afterAll(() => harness.close());

  describe('signOffCompetency', () => {
    let registration: string;

    beforeAll(async () => {
      registration = await register(competencyBased);
    });

    it("records the caller as evaluator: an employer's supervisor reaching the registration", async () => {
      const { signoff, evaluatorName } = await service.signOff(supervisor, signOff(registration, { note: 'Observed on site' }));
      expect(signoff).toMatchObject({
        registrationId: registration,
        workProcessId: wiring,
        competency: 'Installs branch circuits',
        achievedOn: '2023-06-01',
        evaluatorUserId: supervisor.userId,
        note: 'Observed on site',
      });
      expect(evaluatorName).toBe('foreman@employer-a.example.org');
      expect(await count('audit_log', `action = 'competency.signed_off' AND entity_id = '${signoff.id}'`)).toBe(1);
    });

    it('answers CONFLICT on a duplicate sign-off', async () => {
      await expect(service.signOff(adminA(), signOff(registration, { achievedOn: '2023-07-01' }))).rejects.toMatchObject({
        code: ErrorCode.Conflict,
        problems: [{ field: 'competency' }],
      });
    });

    it('rejects a competency the work process does not list, and a work process of another program', async () => {
      await expect(service.signOff(adminA(), signOff(registration, { competency: 'Juggles' }))).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'competency' }],
      });
      await expect(
        service.signOff(adminA(), signOff(registration, { workProcessId: hybridProcess, competency: 'Programs a PLC' })),
      ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'workProcessId' }] });
    });

    it('rejects a sign-off on a time-based registration', async () => {
      const timeBasedRegistration = await register(timeBased);
      await expect(service.signOff(adminA(), signOff(timeBasedRegistration))).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'registrationId' }],
      });
    });

    it('rejects a date in the future or before the registration start, writing nothing', async () => {
      const before = await count('competency_signoffs');
      await expect(
        service.signOff(adminA(), signOff(registration, { competency: 'Bends conduit', achievedOn: addDays(todayIso(), 1) })),
      ).rejects.toMatchObject({ problems: [{ field: 'achievedOn', reason: 'is in the future' }] });
      await expect(
        service.signOff(adminA(), signOff(registration, { competency: 'Bends conduit', achievedOn: '2022-12-01' })),
      ).rejects.toMatchObject({ problems: [{ field: 'achievedOn' }] });
      expect(await count('competency_signoffs')).toBe(before);
    });

    it('does not let the apprentice sign off their own competencies', async () => {
      const [{ apprentice_id: apprenticeId }] = await harness.dataSource.query(
        `SELECT apprentice_id FROM registrations WHERE id = $1`,
        [registration],
      );
      const apprentice = scopeOf(null, [[employerA, 'employer', Role.APPRENTICE]], { apprenticeId });
      await expect(service.signOff(apprentice, signOff(registration, { competency: 'Bends conduit' }))).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
      });
    });

    it("answers NOT_FOUND to another sponsor's admin", async () => {
      await expect(
        service.signOff(sponsorAdminScope(sponsorB), signOff(registration, { competency: 'Bends conduit' })),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'registrationId' }] });
    });
  });

  describe('recordInterimCredential', () => {
    it('records the credential with an audit row and a credential.earned outbox event', async () => {
      const registration = await register(hybrid);
      const credential = await service.recordInterimCredential(adminA(), {
        registrationId: registration,
        name: 'PLC Technician Level 1',
        earnedOn: '2023-09-15',
        issuedBy: 'Sponsor A',
      });
      expect(credential).toMatchObject({ registrationId: registration, name: 'PLC Technician Level 1', earnedOn: '2023-09-15' });
      const outbox = await harness.dataSource.query(`SELECT payload FROM outbox WHERE topic = 'credential.earned'`);
      expect(outbox).toEqual([{ payload: { registrationId: registration } }]);
      expect(await count('audit_log', `action = 'credential.recorded' AND entity_id = '${credential.id}'`)).toBe(1);
      await expect(
        service.recordInterimCredential(adminA(), { registrationId: registration, name: 'plc technician level 1', earnedOn: '2023-10-01' }),
      ).rejects.toMatchObject({ code: ErrorCode.Conflict, problems: [{ field: 'name' }] });
    });

    it('lets intermediary staff (apprentices:manage) record one, and refuses time-based registrations', async () => {
      const registration = await register(competencyBased);
      const staff = intermediaryScope(intermediary, [sponsorA]);
      await expect(
        service.recordInterimCredential(staff, { registrationId: registration, name: 'OSHA 10', earnedOn: '2023-02-01' }),
      ).resolves.toMatchObject({ name: 'OSHA 10', issuedBy: null });
      const timeBasedRegistration = await register(timeBased);
      const outboxBefore = await count('outbox', `topic = 'credential.earned'`);
      await expect(
        service.recordInterimCredential(adminA(), { registrationId: timeBasedRegistration, name: 'OSHA 10', earnedOn: '2023-02-01' }),
      ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'registrationId' }] });
      expect(await count('outbox', `topic = 'credential.earned'`)).toBe(outboxBefore);
    });
  });

  describe('competencyProgress', () => {
    it('lists required and signed-off competencies per work process with percentages, and the interim credentials', async () => {
      const registration = await register(competencyBased);
      await service.signOff(supervisor, signOff(registration, { competency: 'Bends conduit', achievedOn: '2023-05-02' }));
      await service.signOff(adminA(), signOff(registration, { achievedOn: '2023-05-01' }));
      await service.signOff(adminA(), signOff(registration, { workProcessId: safety, competency: 'Performs lockout/tagout' }));
      await service.recordInterimCredential(adminA(), { registrationId: registration, name: 'Wiring basics', earnedOn: '2023-06-02' });

      const progress = toCompetencyProgressModel(await service.progress(supervisor, registration));
      expect(progress).toMatchObject({ approach: 'competency_based', requiredCount: 4, signedOffCount: 3, percentComplete: '75.00' });
      const counts = progress.workProcesses.map((process) => [
        process.title,
        process.requiredCount,
        process.signedOffCount,
        process.percentComplete,
      ]);
      expect(counts).toEqual([
        ['Wiring', 3, 2, '66.66'],
        ['Safety', 1, 1, '100.00'],
      ]);
      expect(progress.workProcesses[0].signedOff.map((row) => [row.competency, row.achievedOn, row.evaluatorName])).toEqual([
        ['Installs branch circuits', '2023-05-01', 'Test actor'],
        ['Bends conduit', '2023-05-02', 'foreman@employer-a.example.org'],
      ]);
      expect(progress.workProcesses[0].requiredCompetencies).toEqual([
        'Installs branch circuits',
        'Bends conduit',
        'Terminates conductors',
      ]);
      expect(progress.interimCredentials.map((credential) => credential.name)).toEqual(['Wiring basics']);
      await expect(service.progress(sponsorAdminScope(sponsorB), registration)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });
  });
});
