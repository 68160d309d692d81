import { ErrorCode } from '@journeyline/common/domain-error';
import { Role } from '@journeyline/auth/roles';
import { insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import { ApprenticesModule } from '@journeyline/apprentices/apprentices.module';
import { ApprenticesService } from '@journeyline/apprentices/apprentices.service';
import { RegisterApprenticeInput } from '@journeyline/apprentices/registration.models';
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
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { intermediaryScope, scopeOf, sponsorAdminScope } from '../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { JourneyworkersService } from './journeyworkers.service';
import { WagesModule } from './wages.module';

describe('Journeyworker counts and the ratio check', () => {
  let harness: ServiceHarness;
  let journeyworkers: JourneyworkersService;
  let apprentices: ApprenticesService;
  let registrations: RegistrationsService;
  let sponsorA: string;
  let sponsorB: string;
  let employer: string;
  let strictEmployer: string;
  let electrician: string;

  const register = (employerId: string, startDate = '2024-03-04'): RegisterApprenticeInput => ({
    person: {
      firstName: 'Grace',
      lastName: 'Hopper',
      dateOfBirth: '1998-12-09',
      demographics: {
        sex: Sex.FEMALE,
        ethnicity: Ethnicity.NOT_HISPANIC_LATINO,
        races: [Race.WHITE],
        veteranStatus: VeteranStatus.NON_VETERAN,
        disability: Disability.NOT_SELF_IDENTIFIED,
        education: Education.HS_GRADUATE,
      },
      priorWageUnit: WageUnit.HOURLY,
    },
    registration: { programOccupationId: electrician, employerId, startDate, employmentStatus: EmploymentStatus.NEW_EMPLOYEE },
  });
  const ratioWarnings = (warnings: Array<{ rule: string; field: string; message: string }>) =>
    warnings.filter((warning) => warning.rule === 'ratio.apprentice_to_journeyworker');

  beforeAll(async () => {
    harness = await startServices([WagesModule, ApprenticesModule, OrganizationsModule]);
    journeyworkers = harness.get(JourneyworkersService);
    apprentices = harness.get(ApprenticesService);
    registrations = harness.get(RegistrationsService);
    const ds = harness.dataSource;
    sponsorA = await insertOrganization(ds, 'sponsor', 'Sponsor A', 'MI');
    sponsorB = await insertOrganization(ds, 'sponsor', 'Sponsor B', 'MI');
    employer = await insertOrganization(ds, 'employer', 'Employer', 'MI');
    strictEmployer = await insertOrganization(ds, 'employer', 'Strict employer', 'OH');
    await linkEmployer(ds, sponsorA, employer);
    await linkEmployer(ds, sponsorA, strictEmployer);
    const occupation = await insertOccupation(ds, '0159', 'Electrician');
    // The fixture's ratio is 1 apprentice to 1 journeyworker.
    electrician = (await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'MI', occupationId: occupation }))
      .programOccupationId;
  });

  afterAll(() => harness.close());

  describe('recordJourneyworkers', () => {
    it('records a dated count per worksite, corrects it in place, and announces it', async () => {
      const recorded = await journeyworkers.record(sponsorAdminScope(sponsorA), {
        employerId: employer,
        effectiveDate: '2024-01-01',
        journeyworkers: 1,
      });
      expect(recorded).toEqual({ employerId: employer, worksite: '', effectiveDate: '2024-01-01', journeyworkers: 1 });
      await journeyworkers.record(sponsorAdminScope(sponsorA), { employerId: employer, worksite: 'Plant 2', effectiveDate: '2023-06-01', journeyworkers: 4 });
      await journeyworkers.record(sponsorAdminScope(sponsorA), { employerId: employer, worksite: 'Plant 2', effectiveDate: '2023-06-01', journeyworkers: 0 });
      expect(await journeyworkers.list(sponsorAdminScope(sponsorA), employer)).toEqual([
        { employerId: employer, worksite: '', effectiveDate: '2024-01-01', journeyworkers: 1 },
        { employerId: employer, worksite: 'Plant 2', effectiveDate: '2023-06-01', journeyworkers: 0 },
      ]);
      const events = await harness.dataSource.query(`SELECT payload FROM outbox WHERE topic = 'journeyworkers.recorded'`);
      expect(events).toEqual(Array(3).fill({ payload: { employerId: employer } }));
      const [audit] = await harness.dataSource.query(
        `SELECT before, after FROM audit_log WHERE action = 'journeyworkers.recorded' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toEqual({ before: { journeyworkers: 4 }, after: { worksite: 'Plant 2', effectiveDate: '2023-06-01', journeyworkers: 0 } });
    });

    it("lets the sponsor's intermediary record, and refuses supervisors and unrelated sponsors", async () => {
      const intermediary = await insertOrganization(harness.dataSource, 'intermediary', 'Intermediary', 'MI');
      const served = intermediaryScope(intermediary, [sponsorA]);
      expect(
        await journeyworkers.record(served, { employerId: strictEmployer, effectiveDate: '2023-01-01', journeyworkers: 2 }),
      ).toMatchObject({ journeyworkers: 2 });
      // Supervisors see the employer but cannot manage it.
      const supervisor = scopeOf(null, [[strictEmployer, 'employer', Role.SUPERVISOR]]);
      await expect(
        journeyworkers.record(supervisor, { employerId: strictEmployer, effectiveDate: '2024-01-01', journeyworkers: 3 }),
      ).rejects.toMatchObject({ code: ErrorCode.Forbidden });
      await expect(
        journeyworkers.record(sponsorAdminScope(sponsorB), { employerId: employer, effectiveDate: '2024-01-01', journeyworkers: 3 }),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'employerId' }] });
      await expect(journeyworkers.list(sponsorAdminScope(sponsorB), employer)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(
        journeyworkers.record(sponsorAdminScope(sponsorA), { employerId: employer, effectiveDate: '2999-01-01', journeyworkers: 3 }),
      ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'effectiveDate' }] });
    });
  });

  describe('ratio findings on registration changes', () => {
    it('judges nothing at an employer that has reported no journeyworkers', async () => {
      const lonely = await insertOrganization(harness.dataSource, 'employer', 'No counts yet', 'MI');
      await linkEmployer(harness.dataSource, sponsorA, lonely);
      const { warnings } = await apprentices.registerApprentice(sponsorAdminScope(sponsorA), register(lonely));
      expect(ratioWarnings(warnings)).toEqual([]);
    });

    it('warns when a new agreement takes the employer past the ratio, counting pending agreements', async () => {
      // One journeyworker (the Plant 2 worksite reports none) allows one apprentice at 1:1.
      const first = await apprentices.registerApprentice(sponsorAdminScope(sponsorA), register(employer));
      expect(ratioWarnings(first.warnings)).toEqual([]);
      const second = await apprentices.registerApprentice(sponsorAdminScope(sponsorA), register(employer));
      expect(ratioWarnings(second.warnings)).toEqual([
        expect.objectContaining({
          severity: 'warning',
          field: 'registration.employerId',
          message: expect.stringContaining('2 apprentices against 1 journeyworker at this employer on 2024-03-04'),
        }),
      ]);

      // Registering the pending agreement does not change the count; the check still runs and warns without blocking.
      const registered = await registrations.transition(sponsorAdminScope(sponsorA), {
        registrationId: second.registration.id,
        toStatus: RegistrationStatusEnum.REGISTERED,
        effectiveDate: '2024-03-05',
        reason: 'Registered by the agency',
      });
      expect(registered.status).toBe('registered');
    });

    it('blocks the change when the ratio rule is set to error for the state', async () => {
      await harness.dataSource.query(
        `INSERT INTO rule_settings (rule, jurisdiction, effective_from, severity, params, source, confidence)
         VALUES ('ratio.apprentice_to_journeyworker', 'OH', '2000-01-01', 'error', '{}', 'test', 'verified')`,
      );
      const ohio = await insertOccupation(harness.dataSource, '0419', 'Plumber');
      const ohioProgram = await insertProgramWithOccupation(harness.dataSource, { sponsorId: sponsorA, state: 'OH', occupationId: ohio });
      await journeyworkers.record(sponsorAdminScope(sponsorA), { employerId: strictEmployer, effectiveDate: '2024-01-01', journeyworkers: 0 });
      const before = await harness.dataSource.query(`SELECT count(*)::int AS n FROM registrations`);
      const input = register(strictEmployer);
      input.registration.programOccupationId = ohioProgram.programOccupationId;
      await expect(apprentices.registerApprentice(sponsorAdminScope(sponsorA), input)).rejects.toMatchObject({
        code: ErrorCode.RuleViolation,
        problems: [{ field: 'registration.employerId', rule: 'ratio.apprentice_to_journeyworker' }],
      });
      expect(await harness.dataSource.query(`SELECT count(*)::int AS n FROM registrations`)).toEqual(before);
    });
  });
});
