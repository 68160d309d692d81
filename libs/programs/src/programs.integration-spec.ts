import { ErrorCode } from '@journeyline/common/domain-error';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { intermediaryScope, platformAdminScope, sponsorAdminScope, stateAnalystScope } from '../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import {
  CreateProgramInput,
  ProgramApproach,
  ProgramOccupationInput,
  RegistrationAgency,
  WageStepMode,
  WageThresholdKind,
} from './program.models';
import { ProgramsModule } from './programs.module';
import { ProgramsService } from './programs.service';

const STANDARDS_TABLES = ['programs', 'program_versions', 'program_occupations', 'work_processes', 'wage_schedule_steps'];

describe('ProgramsService', () => {
  let harness: ServiceHarness;
  let service: ProgramsService;
  let platform: string;
  let sponsorA: string;
  let sponsorB: string;
  let statelessSponsor: string;
  let employer: string;
  let intermediary: string;
  let michiganAgency: string;
  let electrician: string;
  let plumber: string;

  /** Time-based electrician standards that pass every rule. */
  function electricianStandards(overrides: Partial<ProgramOccupationInput> = {}): ProgramOccupationInput {
    return {
      occupationId: electrician,
      approach: ProgramApproach.TIME_BASED,
      ojtTermHours: 8000,
      termMonths: 48,
      rtiHoursPerYear: 144,
      rtiPaid: true,
      probationMonths: 6,
      ratio: { apprentices: 1, journeyworkers: 2 },
      journeyworkerRate: '38.50',
      workProcesses: [
        { title: 'Residential wiring', minHours: 3000, maxHours: 4000, competencies: ['Installs branch circuits'] },
        { title: 'Commercial wiring', minHours: 3000, maxHours: 4500, competencies: [] },
      ],
      wageSchedule: [
        { step: 1, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 0, percentOfJourneyworker: '55' },
        { step: 2, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 2000, percentOfJourneyworker: '65' },
        { step: 3, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 4000, rate: '30.00' },
      ],
      ...overrides,
    };
  }

  function programInput(overrides: Partial<CreateProgramInput> = {}): CreateProgramInput {
    return {
      sponsorId: sponsorA,
      name: 'Inside Wireman',
      registrationAgency: RegistrationAgency.OA,
      effectiveDate: '2025-01-01',
      occupations: [electricianStandards()],
      ...overrides,
    };
  }

  const adminOfA = () => sponsorAdminScope(sponsorA);

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of STANDARDS_TABLES) {
      const [row] = await harness.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = row.n;
    }
    return counts;
  }

  /** Every standards row of one version, as stored. */
  async function versionRows(versionId: string) {
    const query = (sql: string) => harness.dataSource.query(sql, [versionId]);
    return {
      version: await query(`SELECT * FROM program_versions WHERE id = $1`),
      occupations: await query(`SELECT * FROM program_occupations WHERE program_version_id = $1 ORDER BY id`),
      workProcesses: await query(
        `SELECT wp.* FROM work_processes wp JOIN program_occupations po ON po.id = wp.program_occupation_id
          WHERE po.program_version_id = $1 ORDER BY wp.id`,
      ),
      wageSteps: await query(
        `SELECT ws.* FROM wage_schedule_steps ws JOIN program_occupations po ON po.id = ws.program_occupation_id
          WHERE po.program_version_id = $1 ORDER BY ws.id`,
      ),
    };
  }

  beforeAll(async () => {
    harness = await startServices([ProgramsModule, OrganizationsModule]);
    service = harness.get(ProgramsService);
    const dataSource = harness.dataSource;
    platform = await insertOrganization(dataSource, 'platform', 'Journeyline');
    sponsorA = await insertOrganization(dataSource, 'sponsor', 'Sponsor A', 'MI');
    sponsorB = await insertOrganization(dataSource, 'sponsor', 'Sponsor B', 'OH');
    statelessSponsor = await insertOrganization(dataSource, 'sponsor', 'Sponsor without state');
    employer = await insertOrganization(dataSource, 'employer', 'Employer', 'MI');
    intermediary = await insertOrganization(dataSource, 'intermediary', 'Intermediary');
    michiganAgency = await insertOrganization(dataSource, 'state_agency', 'Michigan SAA', 'MI');
    await dataSource.query(`INSERT INTO intermediary_clients (intermediary_id, sponsor_id) VALUES ($1, $2)`, [intermediary, sponsorA]);
    electrician = await insertOccupation(dataSource, '0159', 'Electrician', { onetSocCode: '47-2111.00', timeBasedHours: 8000 });
    plumber = await insertOccupation(dataSource, '0419', 'Plumber', { approaches: ['time_based'], timeBasedHours: 8000 });
  });

  afterAll(() => harness.close());

  describe('createProgram', () => {
    it("writes the program, version 1 and its standards in one go, in the sponsor's state", async () => {
      const { program, warnings } = await service.create(
        adminOfA(),
        programInput({ programNumber: '2025-MI-000001', occupations: [electricianStandards({ va: { facilityCode: '20012345', approvedProgramName: 'Inside Wireman' } })] }),
      );
      expect(warnings).toEqual([]);
      expect(program).toMatchObject({ sponsorId: sponsorA, state: 'MI', registrationAgency: 'OA', programNumber: '2025-MI-000001' });

      const versions = await harness.dataSource.query(
        `SELECT id, version, to_char(effective_date, 'YYYY-MM-DD') AS effective_date FROM program_versions WHERE program_id = $1`,
        [program.id],
      );
      expect(versions).toEqual([{ id: program.currentVersionId, version: 1, effective_date: '2025-01-01' }]);

      const [occupation] = await harness.dataSource.query(
        `SELECT * FROM program_occupations WHERE program_version_id = $1`,
        [program.currentVersionId],
      );
      expect(occupation).toMatchObject({
        occupation_id: electrician,
        approach: 'time_based',
        ojt_term_hours: 8000,
        rti_paid: true,
        ratio_apprentices: 1,
        ratio_journeyworkers: 2,
        journeyworker_rate_cents: '3850',
        wage_step_mode: 'confirm',
        va_facility_code: '20012345',
        va_approved_program_name: 'Inside Wireman',
      });
      const processes = await harness.dataSource.query(
        `SELECT position, title, min_hours, max_hours, competencies FROM work_processes WHERE program_occupation_id = $1 ORDER BY position`,
        [occupation.id],
      );
      expect(processes).toEqual([
        { position: 1, title: 'Residential wiring', min_hours: 3000, max_hours: 4000, competencies: ['Installs branch circuits'] },
        { position: 2, title: 'Commercial wiring', min_hours: 3000, max_hours: 4500, competencies: [] },
      ]);
      const steps = await harness.dataSource.query(
        `SELECT step, threshold_kind, threshold_value, rate_kind, percent_basis_points, rate_cents
           FROM wage_schedule_steps WHERE program_occupation_id = $1 ORDER BY step`,
        [occupation.id],
      );
      expect(steps).toEqual([
        { step: 1, threshold_kind: 'hours', threshold_value: 0, rate_kind: 'percent', percent_basis_points: 5500, rate_cents: null },
        { step: 2, threshold_kind: 'hours', threshold_value: 2000, rate_kind: 'percent', percent_basis_points: 6500, rate_cents: null },
        { step: 3, threshold_kind: 'hours', threshold_value: 4000, rate_kind: 'absolute', percent_basis_points: null, rate_cents: '3000' },
      ]);
      const audit = await harness.dataSource.query(`SELECT action FROM audit_log WHERE entity = 'program' AND entity_id = $1`, [
        program.id,
      ]);
      expect(audit).toEqual([{ action: 'program.created' }]);
    });

    it('returns warnings and still writes the program', async () => {
      const before = await rowCounts();
      const { program, warnings } = await service.create(
        adminOfA(),
        programInput({ name: 'Low RTI', occupations: [electricianStandards({ rtiHoursPerYear: 100, wageStepMode: WageStepMode.AUTOMATIC })] }),
      );
      expect(warnings).toEqual([
        expect.objectContaining({ rule: 'standards.rti_hours_per_year', severity: 'warning', field: 'occupations.0.rtiHoursPerYear' }),
      ]);
      expect((await rowCounts()).programs).toBe(before.programs + 1);
      const [row] = await harness.dataSource.query(`SELECT wage_step_mode FROM program_occupations WHERE program_version_id = $1`, [
        program.currentVersionId,
      ]);
      expect(row.wage_step_mode).toBe('automatic');
    });

    it('writes nothing when a rule error blocks the standards, and lists every failing field', async () => {
      const before = await rowCounts();
      const failing = electricianStandards({
        ojtTermHours: 1500,
        wageSchedule: [
          { step: 1, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 0, rate: '20.00' },
          { step: 2, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 1000, rate: '19.00' },
        ],
      });
      await expect(service.create(adminOfA(), programInput({ occupations: [failing] }))).rejects.toMatchObject({
        code: ErrorCode.RuleViolation,
        problems: expect.arrayContaining([
          expect.objectContaining({ field: 'occupations.0.ojtTermHours', rule: 'standards.time_based_min_ojt_hours' }),
          expect.objectContaining({ field: 'occupations.0.wageSchedule.1.rate', rule: 'standards.wage_schedule_increasing' }),
        ]),
      });
      expect(await rowCounts()).toEqual(before);
    });

    it('checks the entry wage against the minimum wage in force for the state on the effective date', async () => {
      await harness.dataSource.query(
        `INSERT INTO minimum_wages (jurisdiction, effective_from, rate_cents, source) VALUES ('MI', '2025-02-21', 1056, 'test')`,
      );
      const lowEntry = [electricianStandards({ journeyworkerRate: '18.00' })]; // 55% = $9.90
      await expect(service.create(adminOfA(), programInput({ effectiveDate: '2025-03-01', occupations: lowEntry }))).rejects.toMatchObject({
        code: ErrorCode.RuleViolation,
        problems: [expect.objectContaining({ field: 'occupations.0.wageSchedule.0.percentOfJourneyworker', rule: 'standards.entry_wage_minimum' })],
      });
      const earlier = await service.create(adminOfA(), programInput({ name: 'Before the raise', effectiveDate: '2025-02-01', occupations: lowEntry }));
      expect(earlier.warnings).toEqual([]);
    });

    it('rejects an approach the occupation is not registered for', async () => {
      await expect(
        service.create(
          adminOfA(),
          programInput({ occupations: [electricianStandards({ occupationId: plumber, approach: ProgramApproach.HYBRID })] }),
        ),
      ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'occupations.0.approach' }] });
    });

    it('names occupations.0.va.facilityCode for a facility code that is not an OJT/apprenticeship code', async () => {
      const before = await rowCounts();
      await expect(
        service.create(
          adminOfA(),
          programInput({ occupations: [electricianStandards({ va: { facilityCode: '31101234', approvedProgramName: 'Electrician' } })] }),
        ),
      ).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'occupations.0.va.facilityCode', reason: expect.stringContaining('2nd character') }],
      });
      expect(await rowCounts()).toEqual(before);
    });

    it('requires a state when the sponsor has none, and takes an explicit one', async () => {
      const admin = sponsorAdminScope(statelessSponsor);
      await expect(service.create(admin, programInput({ sponsorId: statelessSponsor }))).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'state' }],
      });
      const { program } = await service.create(admin, programInput({ sponsorId: statelessSponsor, state: 'WA', registrationAgency: RegistrationAgency.SAA }));
      expect(program).toMatchObject({ state: 'WA', registrationAgency: 'SAA' });
    });

    it('accepts only sponsor organizations as sponsors', async () => {
      await expect(service.create(platformAdminScope(platform), programInput({ sponsorId: employer }))).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'sponsorId' }],
      });
    });

    it('answers CONFLICT on programNumber when the number is taken', async () => {
      await service.create(adminOfA(), programInput({ name: 'First', programNumber: 'XD098680001' }));
      const before = await rowCounts();
      await expect(service.create(adminOfA(), programInput({ name: 'Second', programNumber: 'XD098680001' }))).rejects.toMatchObject({
        code: ErrorCode.Conflict,
        problems: [{ field: 'programNumber' }],
      });
      expect(await rowCounts()).toEqual(before);
    });

    it("answers CONFLICT on a VA facility code another sponsor's program holds, and lets the owner reuse it", async () => {
      const va = { facilityCode: '20099887', approvedProgramName: 'Electrician' };
      const withCode = (sponsorId: string, name: string) =>
        programInput({ sponsorId, name, occupations: [electricianStandards({ va })], ...(sponsorId === sponsorB ? { state: 'OH' } : {}) });
      await service.create(adminOfA(), withCode(sponsorA, 'Holder'));
      const reused = await service.create(adminOfA(), withCode(sponsorA, 'Second program of the holder'));
      expect(reused.program.sponsorId).toBe(sponsorA);
      const before = await rowCounts();
      await expect(service.create(sponsorAdminScope(sponsorB), withCode(sponsorB, 'Copycat'))).rejects.toMatchObject({
        code: ErrorCode.Conflict,
        problems: [{ field: 'occupations.0.va.facilityCode', reason: expect.stringContaining('another sponsor') }],
      });
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe('reviseProgram', () => {
    it('writes version 2 with its own rows, moves the current version and leaves version 1 untouched', async () => {
      const { program } = await service.create(adminOfA(), programInput({ name: 'To revise' }));
      const versionOne = program.currentVersionId as string;
      const before = await versionRows(versionOne);

      const revised = await service.revise(adminOfA(), {
        programId: program.id,
        effectiveDate: '2025-06-01',
        changeNote: 'Raised the journeyworker rate; added plumbing',
        occupations: [
          electricianStandards({ journeyworkerRate: '40.00', rtiHoursPerYear: 120 }),
          electricianStandards({ occupationId: plumber }),
        ],
      });

      expect(revised.warnings).toEqual([expect.objectContaining({ rule: 'standards.rti_hours_per_year', field: 'occupations.0.rtiHoursPerYear' })]);
      expect(revised.program.currentVersionId).not.toBe(versionOne);
      const versions = await harness.dataSource.query(
        `SELECT id, version, change_note FROM program_versions WHERE program_id = $1 ORDER BY version`,
        [program.id],
      );
      expect(versions).toEqual([
        { id: versionOne, version: 1, change_note: null },
        { id: revised.program.currentVersionId, version: 2, change_note: 'Raised the journeyworker rate; added plumbing' },
      ]);
      const after = await versionRows(versionOne);
      expect(after).toEqual(before);
      const versionTwo = await versionRows(revised.program.currentVersionId as string);
      expect(versionTwo.occupations.map((row: { journeyworker_rate_cents: string }) => row.journeyworker_rate_cents).sort()).toEqual(['3850', '4000']);
      expect(versionTwo.workProcesses).toHaveLength(4);
      expect(versionTwo.wageSteps).toHaveLength(6);
      // Version 2 has rows of its own, not version 1's.
      const versionOneIds = new Set(before.occupations.map((row: { id: string }) => row.id));
      expect(versionTwo.occupations.some((row: { id: string }) => versionOneIds.has(row.id))).toBe(false);

      const audit = await harness.dataSource.query(
        `SELECT action FROM audit_log WHERE entity = 'program' AND entity_id = $1 ORDER BY id`,
        [program.id],
      );
      expect(audit).toEqual([{ action: 'program.created' }, { action: 'program.revised' }]);
    });

    it('refuses an effective date before the current version', async () => {
      const { program } = await service.create(adminOfA(), programInput({ name: 'Dated', effectiveDate: '2025-03-01' }));
      await expect(
        service.revise(adminOfA(), { programId: program.id, effectiveDate: '2025-02-28', changeNote: 'Backdated', occupations: [electricianStandards()] }),
      ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'effectiveDate' }] });
      const same = await service.revise(adminOfA(), {
        programId: program.id,
        effectiveDate: '2025-03-01',
        changeNote: 'Same day correction',
        occupations: [electricianStandards()],
      });
      expect(same.program.currentVersionId).not.toBe(program.currentVersionId);
    });

    it('runs the same rules and writes nothing on an error', async () => {
      const { program } = await service.create(adminOfA(), programInput({ name: 'Rules on revision' }));
      const before = await rowCounts();
      await expect(
        service.revise(adminOfA(), {
          programId: program.id,
          effectiveDate: '2025-06-01',
          changeNote: 'No RTI',
          occupations: [electricianStandards({ rtiHoursPerYear: 0 })],
        }),
      ).rejects.toMatchObject({
        code: ErrorCode.RuleViolation,
        problems: [expect.objectContaining({ field: 'occupations.0.rtiHoursPerYear', rule: 'standards.rti_component_required' })],
      });
      expect(await rowCounts()).toEqual(before);
      const [row] = await harness.dataSource.query(`SELECT current_version_id FROM programs WHERE id = $1`, [program.id]);
      expect(row.current_version_id).toBe(program.currentVersionId);
    });
  });

  describe('updateProgramDetails', () => {
    it('changes name and program number in place, without a new version', async () => {
      const { program } = await service.create(adminOfA(), programInput({ name: 'Old name', programNumber: '2018-ZA-71003' }));
      const renamed = await service.updateDetails(adminOfA(), { programId: program.id, name: 'New name' });
      expect(renamed).toMatchObject({ name: 'New name', programNumber: '2018-ZA-71003', currentVersionId: program.currentVersionId });
      const cleared = await service.updateDetails(adminOfA(), { programId: program.id, programNumber: null });
      expect(cleared).toMatchObject({ name: 'New name', programNumber: null });
      const [count] = await harness.dataSource.query(`SELECT count(*)::int AS n FROM program_versions WHERE program_id = $1`, [program.id]);
      expect(count.n).toBe(1);
    });
  });

  describe('tenancy', () => {
    let programOfA: string;

    beforeAll(async () => {
      programOfA = (await service.create(adminOfA(), programInput({ name: 'Tenancy' }))).program.id;
    });

    it("answers NOT_FOUND on sponsorId to another sponsor's admin, who cannot see or revise the program either", async () => {
      const adminOfB = sponsorAdminScope(sponsorB);
      await expect(service.create(adminOfB, programInput())).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'sponsorId' }],
      });
      await expect(service.getVisible(adminOfB, programOfA)).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'id' }] });
      await expect(
        service.revise(adminOfB, { programId: programOfA, effectiveDate: '2026-01-01', changeNote: 'Takeover', occupations: [electricianStandards()] }),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'programId' }] });
      await expect(service.updateDetails(adminOfB, { programId: programOfA, name: 'Mine now' })).rejects.toMatchObject({
        code: ErrorCode.NotFound,
      });
      const page = await service.list(adminOfB, { first: 100 });
      expect(page.nodes.map((program) => program.id)).not.toContain(programOfA);
    });

    it('lets an intermediary serving the sponsor create programs for it', async () => {
      const { program } = await service.create(intermediaryScope(intermediary, [sponsorA]), programInput({ name: 'Via intermediary' }));
      expect(program.sponsorId).toBe(sponsorA);
    });

    it('shows a state analyst the programs in its state only, and lets it change none', async () => {
      const ohio = await service.create(sponsorAdminScope(sponsorB), programInput({ sponsorId: sponsorB, name: 'Ohio program' }));
      const analyst = stateAnalystScope(michiganAgency, 'MI');
      const page = await service.list(analyst, { first: 100 });
      expect(page.nodes.length).toBeGreaterThan(0);
      expect(page.nodes.every((program) => program.state === 'MI')).toBe(true);
      expect(page.nodes.map((program) => program.id)).toContain(programOfA);
      await expect(service.getVisible(analyst, ohio.program.id)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(
        service.revise(analyst, { programId: programOfA, effectiveDate: '2026-01-01', changeNote: 'x', occupations: [electricianStandards()] }),
      ).rejects.toMatchObject({ code: ErrorCode.Forbidden });
      await expect(service.create(analyst, programInput())).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    });
  });

  describe('programs list', () => {
    let sponsorC: string;
    let electricalProgram: string;
    let plumbingProgram: string;

    beforeAll(async () => {
      sponsorC = await insertOrganization(harness.dataSource, 'sponsor', 'Sponsor C', 'MI');
      const admin = sponsorAdminScope(sponsorC);
      electricalProgram = (await service.create(admin, programInput({ sponsorId: sponsorC, name: 'Electrical Training Alliance' }))).program.id;
      plumbingProgram = (
        await service.create(admin, programInput({ sponsorId: sponsorC, name: 'Plumbing 100%', occupations: [electricianStandards({ occupationId: plumber })] }))
      ).program.id;
    });

    it('filters by sponsor, occupation, RAPIDS code, state and name', async () => {
      const admin = sponsorAdminScope(sponsorC);
      const ids = async (args: Parameters<ProgramsService['list']>[1]) => (await service.list(admin, args)).nodes.map((program) => program.id);
      expect(new Set(await ids({ first: 100, sponsorId: sponsorC }))).toEqual(new Set([electricalProgram, plumbingProgram]));
      expect(await ids({ first: 100, occupationId: plumber })).toEqual([plumbingProgram]);
      expect(await ids({ first: 100, rapidsCode: '0159' })).toEqual([electricalProgram]);
      expect(await ids({ first: 100, nameContains: 'training all' })).toEqual([electricalProgram]);
      expect(await ids({ first: 100, nameContains: '100%' })).toEqual([plumbingProgram]);
      expect(await ids({ first: 100, nameContains: '%' })).toEqual([plumbingProgram]);
      expect(await ids({ first: 100, state: 'OH' })).toEqual([]);
    });

    it('matches the occupation filters against the current version only', async () => {
      const admin = sponsorAdminScope(sponsorC);
      await service.revise(admin, {
        programId: plumbingProgram,
        effectiveDate: '2025-06-01',
        changeNote: 'Switched to electrical',
        occupations: [electricianStandards()],
      });
      expect((await service.list(admin, { first: 100, occupationId: plumber })).nodes).toEqual([]);
      expect(new Set((await service.list(admin, { first: 100, rapidsCode: '0159' })).nodes.map((program) => program.id))).toEqual(
        new Set([electricalProgram, plumbingProgram]),
      );
    });

    it('pages with first and after', async () => {
      const admin = sponsorAdminScope(sponsorC);
      const first = await service.list(admin, { first: 1, sponsorId: sponsorC });
      expect(first.nodes).toHaveLength(1);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await service.list(admin, { first: 1, sponsorId: sponsorC, after: first.pageInfo.endCursor });
      expect(second.nodes).toHaveLength(1);
      expect(second.pageInfo.hasNextPage).toBe(false);
      expect(new Set([first.nodes[0].id, second.nodes[0].id])).toEqual(new Set([electricalProgram, plumbingProgram]));
    });
  });

  describe('for other capabilities', () => {
    it('gives the context of a program occupation, flagging one from a superseded version', async () => {
      const { program } = await service.create(
        adminOfA(),
        programInput({ name: 'Context', occupations: [electricianStandards({ va: { facilityCode: '10012345', approvedProgramName: 'Context' } })] }),
      );
      const [old] = await harness.dataSource.query(`SELECT id FROM program_occupations WHERE program_version_id = $1`, [
        program.currentVersionId,
      ]);
      expect(await service.getProgramOccupationContext(old.id)).toEqual({
        programOccupationId: old.id,
        programId: program.id,
        programVersionId: program.currentVersionId,
        isCurrentVersion: true,
        sponsorId: sponsorA,
        state: 'MI',
        occupationId: electrician,
        rapidsCode: '0159',
        approach: 'time_based',
        ojtTermHours: 8000,
        termMonths: 48,
        probationMonths: 6,
        journeyworkerRateCents: 3850,
        vaFacilityCode: '10012345',
      });
      await service.revise(adminOfA(), { programId: program.id, effectiveDate: '2025-02-01', changeNote: 'v2', occupations: [electricianStandards()] });
      expect(await service.getProgramOccupationContext(old.id)).toMatchObject({ isCurrentVersion: false, programVersionId: program.currentVersionId });
      expect(await service.getProgramOccupationContext('00000000-0000-4000-8000-00000000dead')).toBeNull();
    });

    it('loads program occupations in key order, with null for unknown ids', async () => {
      const { program } = await service.create(
        adminOfA(),
        programInput({ name: 'Loader', occupations: [electricianStandards(), electricianStandards({ occupationId: plumber })] }),
      );
      const rows: Array<{ id: string; occupation_id: string }> = await harness.dataSource.query(
        `SELECT id, occupation_id FROM program_occupations WHERE program_version_id = $1`,
        [program.currentVersionId],
      );
      const missing = '00000000-0000-4000-8000-00000000beef';
      const loaded = await service.loadProgramOccupations([rows[1].id, missing, rows[0].id]);
      expect(loaded.map((model) => model?.id ?? null)).toEqual([rows[1].id, null, rows[0].id]);
      expect(loaded[2]).toMatchObject({
        occupationId: rows[0].occupation_id,
        programVersionId: program.currentVersionId,
        journeyworkerRate: '38.50',
        journeyworkerRateCents: 3850,
        ratio: { apprentices: 1, journeyworkers: 2 },
        approach: 'time_based',
        wageStepMode: 'confirm',
      });
    });
  });
});
