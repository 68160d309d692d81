import { Role } from '@journeyline/auth/roles';
import { ErrorCode } from '@journeyline/common/domain-error';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { scopeOf, sponsorAdminScope, stateAnalystScope, TEST_ACTOR_ID } from '../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { addProgramVersion, insertProgramWithOccupation, linkEmployer } from './apprentice-fixtures';
import { PersonInput } from './apprentice.models';
import { ApprenticesModule } from './apprentices.module';
import { ApprenticesService } from './apprentices.service';
import { toApprenticeModel, toRegistrationModel } from './apprentices.mappers';
import { PiiCipher } from './pii-cipher';
import { NewRegistrationInput, RegisterApprenticeInput } from './registration.models';
import { RegistrationsService } from './registrations.service';
import {
  Disability,
  Education,
  EmploymentStatus,
  Ethnicity,
  Race,
  RegistrationStatusEnum,
  Sex,
  VaChapter,
  VeteranStatus,
  WageUnit,
} from './vocabulary.models';

describe('Apprentices and registrations', () => {
  let harness: ServiceHarness;
  let apprentices: ApprenticesService;
  let registrations: RegistrationsService;
  let sponsorA: string;
  let sponsorB: string;
  let employerA: string;
  let unlinkedEmployer: string;
  let electricianA: string;
  let plumberA: string;
  let electricianB: string;
  let stalePlumberA: string;
  let agencyMI: string;
  let agencyOH: string;

  const count = async (table: string): Promise<number> =>
    Number((await harness.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const counts = async () => ({
    apprentices: await count('apprentices'),
    registrations: await count('registrations'),
    events: await count('registration_status_events'),
    outbox: await count('outbox'),
  });

  const person = (overrides: Partial<PersonInput> = {}): PersonInput => ({
    firstName: 'Ada',
    lastName: 'Lovelace',
    dateOfBirth: '1995-12-10',
    demographics: {
      sex: Sex.FEMALE,
      ethnicity: Ethnicity.NOT_HISPANIC_LATINO,
      races: [Race.WHITE],
      veteranStatus: VeteranStatus.NON_VETERAN,
      disability: Disability.NOT_SELF_IDENTIFIED,
      education: Education.HS_GRADUATE,
    },
    priorWageUnit: WageUnit.HOURLY,
    ...overrides,
  });

  const input = (
    overrides: { person?: Partial<PersonInput>; registration?: Partial<NewRegistrationInput> } = {},
  ): RegisterApprenticeInput => ({
    person: person(overrides.person),
    registration: {
      programOccupationId: electricianA,
      employerId: employerA,
      startDate: '2023-01-09',
      employmentStatus: EmploymentStatus.NEW_EMPLOYEE,
      ...overrides.registration,
    },
  });

  const adminA = () => sponsorAdminScope(sponsorA);

  async function registered(startDate = '2023-01-09', priorCredit?: NewRegistrationInput['priorCredit']) {
    const { registration } = await apprentices.registerApprentice(adminA(), input({ registration: { startDate, priorCredit } }));
    return registration;
  }

  beforeAll(async () => {
    harness = await startServices([ApprenticesModule, OrganizationsModule]);
    apprentices = harness.get(ApprenticesService);
    registrations = harness.get(RegistrationsService);
    const ds = harness.dataSource;
    sponsorA = await insertOrganization(ds, 'sponsor', 'Sponsor A', 'MI');
    sponsorB = await insertOrganization(ds, 'sponsor', 'Sponsor B', 'OH');
    employerA = await insertOrganization(ds, 'employer', 'Employer A', 'MI');
    unlinkedEmployer = await insertOrganization(ds, 'employer', 'Unlinked employer', 'MI');
    agencyMI = await insertOrganization(ds, 'state_agency', 'Michigan agency', 'MI');
    agencyOH = await insertOrganization(ds, 'state_agency', 'Ohio agency', 'OH');
    await linkEmployer(ds, sponsorA, employerA);
    const electrician = await insertOccupation(ds, '0159', 'Electrician');
    const plumber = await insertOccupation(ds, '0419', 'Plumber');
    electricianA = (await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'MI', occupationId: electrician }))
      .programOccupationId;
    const plumbing = await insertProgramWithOccupation(ds, {
      sponsorId: sponsorA,
      state: 'MI',
      occupationId: plumber,
      ojtTermHours: 6000,
      termMonths: 36,
    });
    stalePlumberA = plumbing.programOccupationId;
    plumberA = (await addProgramVersion(ds, plumbing.programId, plumber, { ojtTermHours: 6000, termMonths: 36 }))
      .programOccupationId;
    electricianB = (await insertProgramWithOccupation(ds, { sponsorId: sponsorB, state: 'OH', occupationId: electrician }))
      .programOccupationId;
  });

  afterAll(() => harness.close());

  describe('registerApprentice', () => {
    it('writes the person, a pending registration with its first status entry, an outbox event and audit rows', async () => {
      const before = await counts();
      const { registration, warnings } = await apprentices.registerApprentice(
        adminA(),
        input({
          person: { ssn: '219-09-9999', priorWage: '18.5' },
          registration: {
            priorCredit: { description: 'Two years as a helper', ojtHours: 2000, rtiHours: 144 },
            va: { chapter: VaChapter.CH33, vaFileNumber: '12345678' },
          },
        }),
      );
      expect(warnings).toEqual([]);
      expect(registration).toMatchObject({
        status: 'pending',
        sponsorId: sponsorA,
        employerId: employerA,
        state: 'MI',
        startDate: '2023-01-09',
        statusDate: '2023-01-09',
        registrationDate: null,
        probationEndDate: '2023-07-09',
        // 48 months less a quarter for 2000 of 8000 hours credited.
        expectedCompletionDate: '2026-01-09',
        priorCreditOjtHours: 2000,
        vaChapter: '33',
      });
      const [program] = await harness.dataSource.query(
        `SELECT p.id FROM programs p JOIN program_versions v ON v.program_id = p.id JOIN program_occupations po ON po.program_version_id = v.id WHERE po.id = $1`,
        [electricianA],
      );
      expect(registration.programId).toBe(program.id);
      const after = await counts();
      expect(after).toEqual({
        apprentices: before.apprentices + 1,
        registrations: before.registrations + 1,
        events: before.events + 1,
        outbox: before.outbox + 1,
      });
      const events = await harness.dataSource.query(
        `SELECT from_status, to_status, effective_date::text, recorded_by FROM registration_status_events WHERE registration_id = $1`,
        [registration.id],
      );
      expect(events).toEqual([{ from_status: null, to_status: 'pending', effective_date: '2023-01-09', recorded_by: TEST_ACTOR_ID }]);
      const [outbox] = await harness.dataSource.query(`SELECT topic, payload FROM outbox ORDER BY id DESC LIMIT 1`);
      expect(outbox).toEqual({ topic: 'registration.created', payload: { registrationId: registration.id } });
      const audit = await harness.dataSource.query(
        `SELECT action FROM audit_log WHERE entity_id = ANY($1) ORDER BY id`,
        [[registration.apprenticeId, registration.id]],
      );
      expect(audit.map((row: { action: string }) => row.action)).toEqual(['apprentice.created', 'registration.created']);
      const [model] = (await registrations.list(adminA(), { first: 5, status: RegistrationStatusEnum.PENDING })).nodes
        .filter((row) => row.id === registration.id)
        .map(toRegistrationModel);
      expect(model).toMatchObject({ rapidsStatusCode: 'PR', priorCredit: { ojtHours: 2000, rtiHours: 144 } });
    });

    it('stores the SSN sealed, keeps the last four in clear and shows it only masked', async () => {
      const { registration } = await apprentices.registerApprentice(adminA(), input({ person: { ssn: '219099999' } }));
      const [row] = await harness.dataSource.query(
        `SELECT ssn_ciphertext, ssn_key_id, ssn_last4 FROM apprentices WHERE id = $1`,
        [registration.apprenticeId],
      );
      expect(Buffer.isBuffer(row.ssn_ciphertext)).toBe(true);
      expect(row.ssn_ciphertext.includes(Buffer.from('219099999'))).toBe(false);
      expect(row.ssn_ciphertext.toString('hex')).not.toContain('219099999');
      expect(row).toMatchObject({ ssn_key_id: 'test2', ssn_last4: '9999' });
      expect(harness.get(PiiCipher).open(row.ssn_ciphertext, row.ssn_key_id)).toBe('219099999');
      const entity = await apprentices.getVisible(adminA(), registration.apprenticeId);
      expect(JSON.stringify(entity)).not.toContain('219099999');
      const model = toApprenticeModel(entity);
      expect(model.ssnMasked).toBe('***-**-9999');
      expect(JSON.stringify(model)).not.toContain('2190');
    });

    it('rejects an invalid SSN on person.ssn and writes nothing', async () => {
      const before = await counts();
      await expect(apprentices.registerApprentice(adminA(), input({ person: { ssn: '666-12-3456' } }))).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'person.ssn' }],
      });
      expect(await counts()).toEqual(before);
    });

    it('rejects an apprentice under 16 on the start date on person.dateOfBirth and writes nothing', async () => {
      const before = await counts();
      await expect(
        apprentices.registerApprentice(adminA(), input({ person: { dateOfBirth: '2007-01-10' } })),
      ).rejects.toMatchObject({
        code: ErrorCode.RuleViolation,
        problems: [{ field: 'person.dateOfBirth', rule: 'registration.minimum_age' }],
      });
      expect(await counts()).toEqual(before);
      // Sixteen on the start date itself is old enough.
      await expect(
        apprentices.registerApprentice(adminA(), input({ person: { dateOfBirth: '2007-01-09' } })),
      ).resolves.toBeDefined();
    });

    it('rejects a date of birth in the future', async () => {
      await expect(
        apprentices.registerApprentice(adminA(), input({ person: { dateOfBirth: '2999-01-01' } })),
      ).rejects.toMatchObject({ problems: [{ field: 'person.dateOfBirth', reason: 'must not be in the future' }] });
    });

    it('rejects NOT_SELF_IDENTIFIED mixed with a race on person.demographics.races and writes nothing', async () => {
      const before = await counts();
      const mixed = input();
      mixed.person.demographics.races = [Race.NOT_SELF_IDENTIFIED, Race.ASIAN];
      await expect(apprentices.registerApprentice(adminA(), mixed)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'person.demographics.races' }],
      });
      expect(await counts()).toEqual(before);
    });

    it("answers NOT_FOUND on registration.programOccupationId to another sponsor's admin", async () => {
      const before = await counts();
      await expect(apprentices.registerApprentice(sponsorAdminScope(sponsorB), input())).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'registration.programOccupationId' }],
      });
      expect(await counts()).toEqual(before);
    });

    it('refuses an occupation of a superseded standards version', async () => {
      await expect(
        apprentices.registerApprentice(adminA(), input({ registration: { programOccupationId: stalePlumberA } })),
      ).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'registration.programOccupationId', reason: expect.stringContaining('superseded') }],
      });
    });

    it('accepts the sponsor as employer, refuses an unlinked employer, and hides employers the caller cannot see', async () => {
      await expect(
        apprentices.registerApprentice(adminA(), input({ registration: { employerId: sponsorA } })),
      ).resolves.toBeDefined();
      await expect(
        apprentices.registerApprentice(adminA(), input({ registration: { employerId: sponsorB } })),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'registration.employerId' }] });
      const platform = await insertOrganization(harness.dataSource, 'platform', 'Platform');
      const admin = scopeOf(null, [[platform, 'platform', Role.PLATFORM_ADMIN]]);
      await expect(
        apprentices.registerApprentice(admin, input({ registration: { employerId: unlinkedEmployer } })),
      ).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'registration.employerId', reason: expect.stringContaining('link the employer') }],
      });
    });

    it('requires prior OJT credit below the occupation term', async () => {
      await expect(
        apprentices.registerApprentice(
          adminA(),
          input({ registration: { priorCredit: { ojtHours: 8000, rtiHours: 0 } } }),
        ),
      ).rejects.toMatchObject({ problems: [{ field: 'registration.priorCredit.ojtHours' }] });
    });
  });

  describe('transitionRegistration', () => {
    it('runs pending → registered → suspended → reinstated → completed and keeps the history in order', async () => {
      const registration = await registered('2023-01-09');
      const steps: Array<[RegistrationStatusEnum, string]> = [
        [RegistrationStatusEnum.REGISTERED, '2023-01-20'],
        [RegistrationStatusEnum.SUSPENDED, '2023-09-01'],
        [RegistrationStatusEnum.REINSTATED, '2023-10-02'],
        [RegistrationStatusEnum.COMPLETED, '2024-12-20'],
      ];
      for (const [toStatus, effectiveDate] of steps) {
        await registrations.transition(adminA(), {
          registrationId: registration.id,
          toStatus,
          effectiveDate,
          reason: `to ${toStatus}`,
        });
      }
      const done = await registrations.getVisible(adminA(), registration.id);
      expect(done).toMatchObject({ status: 'completed', statusDate: '2024-12-20', registrationDate: '2023-01-20' });
      expect(toRegistrationModel(done).rapidsStatusCode).toBe('CO');
      const history = await registrations.statusHistories([registration.id]);
      expect(history.map((event) => [event.fromStatus, event.toStatus, event.effectiveDate])).toEqual([
        [null, 'pending', '2023-01-09'],
        ['pending', 'registered', '2023-01-20'],
        ['registered', 'suspended', '2023-09-01'],
        ['suspended', 'reinstated', '2023-10-02'],
        ['reinstated', 'completed', '2024-12-20'],
      ]);
      const outbox = await harness.dataSource.query(
        `SELECT payload FROM outbox WHERE topic = 'registration.status_changed' AND payload->>'registrationId' = $1 ORDER BY id`,
        [registration.id],
      );
      expect(outbox.map((row: { payload: { to: string } }) => row.payload.to)).toEqual([
        'registered',
        'suspended',
        'reinstated',
        'completed',
      ]);

      const before = await counts();
      await expect(
        registrations.transition(adminA(), {
          registrationId: registration.id,
          toStatus: RegistrationStatusEnum.REGISTERED,
          effectiveDate: '2025-01-02',
          reason: 'try again',
        }),
      ).rejects.toMatchObject({
        code: ErrorCode.IllegalTransition,
        problems: [{ field: 'toStatus', reason: 'cannot go from completed to registered' }],
      });
      expect(await counts()).toEqual(before);
      expect((await registrations.getVisible(adminA(), registration.id)).status).toBe('completed');
    });

    it('rejects an effective date before the last status change', async () => {
      const registration = await registered('2023-01-09');
      await registrations.transition(adminA(), {
        registrationId: registration.id,
        toStatus: RegistrationStatusEnum.REGISTERED,
        effectiveDate: '2023-02-01',
        reason: 'approved',
      });
      await expect(
        registrations.transition(adminA(), {
          registrationId: registration.id,
          toStatus: RegistrationStatusEnum.SUSPENDED,
          effectiveDate: '2023-01-31',
          reason: 'layoff',
        }),
      ).rejects.toMatchObject({ problems: [{ field: 'effectiveDate' }] });
    });

    it('flags a cancellation during probation, and not one after it', async () => {
      const early = await registered('2024-01-15');
      const cancelled = await registrations.transition(adminA(), {
        registrationId: early.id,
        toStatus: RegistrationStatusEnum.CANCELLED,
        effectiveDate: '2024-03-01',
        reason: 'left during probation',
      });
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelledDuringProbation: true, probationEndDate: '2024-07-15' });
      const [event] = await harness.dataSource.query(
        `SELECT during_probation FROM registration_status_events WHERE registration_id = $1 AND to_status = 'cancelled'`,
        [early.id],
      );
      expect(event.during_probation).toBe(true);

      const late = await registered('2024-01-15');
      await registrations.transition(adminA(), {
        registrationId: late.id,
        toStatus: RegistrationStatusEnum.REGISTERED,
        effectiveDate: '2024-01-20',
        reason: 'approved',
      });
      const cancelledLate = await registrations.transition(adminA(), {
        registrationId: late.id,
        toStatus: RegistrationStatusEnum.CANCELLED,
        effectiveDate: '2024-07-15',
        reason: 'quit',
      });
      expect(cancelledLate.cancelledDuringProbation).toBe(false);
    });

    it('sends transfers to transferRegistration', async () => {
      const registration = await registered();
      await expect(
        registrations.transition(adminA(), {
          registrationId: registration.id,
          toStatus: RegistrationStatusEnum.TRANSFERRED,
          effectiveDate: '2023-02-01',
          reason: 'moving',
        }),
      ).rejects.toMatchObject({ problems: [{ field: 'toStatus', reason: expect.stringContaining('transferRegistration') }] });
    });

    it('serializes concurrent transitions of one registration: exactly one succeeds', async () => {
      const registration = await registered();
      const attempt = () =>
        registrations.transition(adminA(), {
          registrationId: registration.id,
          toStatus: RegistrationStatusEnum.REGISTERED,
          effectiveDate: '2023-02-01',
          reason: 'approved',
        });
      const results = await Promise.allSettled([attempt(), attempt()]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const [failure] = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(failure.reason).toMatchObject({ code: ErrorCode.IllegalTransition });
      expect(await registrations.statusHistories([registration.id])).toHaveLength(2);
    });

    it('answers NOT_FOUND to a caller who cannot see the registration, FORBIDDEN to one who only reads it', async () => {
      const registration = await registered();
      const change = { registrationId: registration.id, toStatus: RegistrationStatusEnum.REGISTERED, effectiveDate: '2023-02-01', reason: 'x' };
      await expect(registrations.transition(sponsorAdminScope(sponsorB), change)).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'registrationId' }],
      });
      await expect(registrations.transition(stateAnalystScope(agencyMI, 'MI'), change)).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
      });
    });

    it('keeps the status history append-only in the database', async () => {
      const registration = await registered();
      await expect(
        harness.dataSource.query(`UPDATE registration_status_events SET reason = 'rewritten' WHERE registration_id = $1`, [
          registration.id,
        ]),
      ).rejects.toThrow(/append-only/);
      await expect(
        harness.dataSource.query(`DELETE FROM registration_status_events WHERE registration_id = $1`, [registration.id]),
      ).rejects.toThrow(/append-only/);
    });
  });

  describe('transferRegistration', () => {
    it('ends the old agreement as transferred and opens a linked pending one carrying the prior credit', async () => {
      const old = await registered('2023-01-09', { description: 'Helper', ojtHours: 500, rtiHours: 40 });
      await registrations.transition(adminA(), {
        registrationId: old.id,
        toStatus: RegistrationStatusEnum.REGISTERED,
        effectiveDate: '2023-01-20',
        reason: 'approved',
      });
      const { registration, warnings } = await registrations.transfer(adminA(), {
        registrationId: old.id,
        effectiveDate: '2023-06-01',
        reason: 'moving to plumbing',
        newProgramOccupationId: plumberA,
        newEmployerId: sponsorA,
      });
      expect(registration).toMatchObject({
        status: 'pending',
        apprenticeId: old.apprenticeId,
        programOccupationId: plumberA,
        employerId: sponsorA,
        transferredFromId: old.id,
        startDate: '2023-06-01',
        priorCreditOjtHours: 500,
        priorCreditRtiHours: 40,
        priorCreditText: `Transcript from registration ${old.id}; Helper`,
        employmentStatus: 'new_employee',
        // 36 months × 5500/6000 = 33 months.
        expectedCompletionDate: '2026-03-01',
      });
      expect(warnings).toEqual([expect.objectContaining({ rule: 'transfer.same_occupation', severity: 'warning', field: 'newProgramOccupationId' })]);
      const ended = await registrations.getVisible(adminA(), old.id);
      expect(ended).toMatchObject({ status: 'transferred', statusDate: '2023-06-01' });
      const history = await registrations.statusHistories([old.id, registration.id]);
      expect(history.map((event) => [event.registrationId, event.toStatus])).toEqual([
        [old.id, 'pending'],
        [old.id, 'registered'],
        [old.id, 'transferred'],
        [registration.id, 'pending'],
      ]);
      expect(await registrations.transcriptHours(registration.id)).toEqual({ ojtHours: 500, rtiHours: 40 });
    });

    it('gives no warning for a transfer within the same occupation', async () => {
      const old = await registered('2023-01-09');
      await registrations.transition(adminA(), {
        registrationId: old.id,
        toStatus: RegistrationStatusEnum.REGISTERED,
        effectiveDate: '2023-01-20',
        reason: 'approved',
      });
      const { warnings, registration } = await registrations.transfer(adminA(), {
        registrationId: old.id,
        effectiveDate: '2023-03-01',
        reason: 'new employer',
        newProgramOccupationId: electricianA,
        newEmployerId: sponsorA,
      });
      expect(warnings).toEqual([]);
      expect(registration.transferredFromId).toBe(old.id);
    });

    it('carries prior credit, approved OJT hours and attended RTI hours in the transcript, in whole hours', async () => {
      const ds = harness.dataSource;
      const old = await registered('2023-01-09', { ojtHours: 100, rtiHours: 10 });
      const [workProcess] = await ds.query(
        `INSERT INTO work_processes (program_occupation_id, position, title, min_hours, max_hours)
         SELECT $1, coalesce(max(position), 0) + 1, 'Wiring', 0, 8000 FROM work_processes WHERE program_occupation_id = $1
         RETURNING id`,
        [electricianA],
      );
      for (const [hours, status, key] of [
        [8, 'approved', 'a'],
        [7.75, 'approved', 'b'],
        [8, 'submitted', 'c'],
        [8, 'draft', 'd'],
      ] as const) {
        await ds.query(
          `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key)
           VALUES ($1, $2, $3, '2023-02-01', $4, $5, $6)`,
          [old.id, workProcess.id, employerA, hours, status, key],
        );
      }
      await ds.query(
        `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, rejection_reason, idempotency_key)
         VALUES ($1, $2, $3, '2023-02-02', 8, 'rejected', 'not worked', 'e')`,
        [old.id, workProcess.id, employerA],
      );
      const provider = await insertOrganization(ds, 'rti_provider', 'College', 'MI');
      const [course] = await ds.query(`INSERT INTO rti_courses (provider_id, title, hours) VALUES ($1, 'Code', 40) RETURNING id`, [
        provider,
      ]);
      const [enrollment] = await ds.query(
        `INSERT INTO rti_enrollments (registration_id, course_id, enrolled_on) VALUES ($1, $2, '2023-01-15') RETURNING id`,
        [old.id, course.id],
      );
      for (const [hours, key] of [[4, 'r1'], [3.5, 'r2']] as const) {
        await ds.query(
          `INSERT INTO rti_attendance (enrollment_id, registration_id, session_date, hours, paid, during_work_hours, idempotency_key)
           VALUES ($1, $2, '2023-02-01', $3, true, false, $4)`,
          [enrollment.id, old.id, hours, key],
        );
      }
      // 100 + 8 + 7.75 = 115.75 → 115 OJT; 10 + 4 + 3.5 = 17.5 → 17 RTI.
      expect(await registrations.transcriptHours(old.id)).toEqual({ ojtHours: 115, rtiHours: 17 });

      await registrations.transition(adminA(), {
        registrationId: old.id,
        toStatus: RegistrationStatusEnum.REGISTERED,
        effectiveDate: '2023-01-20',
        reason: 'approved',
      });
      const { registration } = await registrations.transfer(adminA(), {
        registrationId: old.id,
        effectiveDate: '2023-03-01',
        reason: 'new employer',
        newProgramOccupationId: electricianA,
        newEmployerId: sponsorA,
      });
      expect(registration).toMatchObject({ priorCreditOjtHours: 115, priorCreditRtiHours: 17 });
    });

    it('needs reach over the new sponsor, and leaves everything as it was without it', async () => {
      const old = await registered('2023-01-09');
      await registrations.transition(adminA(), {
        registrationId: old.id,
        toStatus: RegistrationStatusEnum.REGISTERED,
        effectiveDate: '2023-01-20',
        reason: 'approved',
      });
      const before = await counts();
      await expect(
        registrations.transfer(adminA(), {
          registrationId: old.id,
          effectiveDate: '2023-03-01',
          reason: 'to Ohio',
          newProgramOccupationId: electricianB,
          newEmployerId: sponsorB,
        }),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'newProgramOccupationId' }] });
      expect(await counts()).toEqual(before);
      expect((await registrations.getVisible(adminA(), old.id)).status).toBe('registered');

      const both = scopeOf(null, [
        [sponsorA, 'sponsor', Role.SPONSOR_ADMIN],
        [sponsorB, 'sponsor', Role.SPONSOR_ADMIN],
      ]);
      const { registration } = await registrations.transfer(both, {
        registrationId: old.id,
        effectiveDate: '2023-03-01',
        reason: 'to Ohio',
        newProgramOccupationId: electricianB,
        newEmployerId: sponsorB,
      });
      expect(registration).toMatchObject({ sponsorId: sponsorB, state: 'OH', transferredFromId: old.id });
    });
  });

  describe('updateApprentice', () => {
    it('changes only the fields given, clears a field set to null, and never audits the SSN', async () => {
      const { registration } = await apprentices.registerApprentice(
        adminA(),
        input({ person: { ssn: '219-09-9999', email: 'ada@example.org', city: 'Detroit' } }),
      );
      const id = registration.apprenticeId;
      const changed = await apprentices.updateApprentice(adminA(), { apprenticeId: id, ssn: '078-05-1120', city: null });
      expect(changed).toMatchObject({ ssnLast4: '1120', city: null, email: 'ada@example.org' });
      const cleared = await apprentices.updateApprentice(adminA(), { apprenticeId: id, ssn: null });
      expect(cleared.ssnLast4).toBeNull();
      const [row] = await harness.dataSource.query(`SELECT ssn_ciphertext, ssn_key_id FROM apprentices WHERE id = $1`, [id]);
      expect(row).toEqual({ ssn_ciphertext: null, ssn_key_id: null });
      const audit = await harness.dataSource.query(
        `SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'apprentice.updated' ORDER BY id`,
        [id],
      );
      expect(audit).toEqual([
        { before: { city: 'Detroit' }, after: { city: null, ssnChanged: true } },
        { before: {}, after: { ssnChanged: true } },
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/078051120|078-05-1120|219099999/);
    });

    it('replaces demographics, checks races and keeps the minimum age', async () => {
      const { registration } = await apprentices.registerApprentice(adminA(), input());
      const id = registration.apprenticeId;
      const demographics = { ...person().demographics, races: [Race.ASIAN, Race.WHITE] };
      expect((await apprentices.updateApprentice(adminA(), { apprenticeId: id, demographics })).races).toEqual(['asian', 'white']);
      await expect(
        apprentices.updateApprentice(adminA(), {
          apprenticeId: id,
          demographics: { ...demographics, races: [Race.NOT_SELF_IDENTIFIED, Race.WHITE] },
        }),
      ).rejects.toMatchObject({ problems: [{ field: 'demographics.races' }] });
      await expect(
        apprentices.updateApprentice(adminA(), { apprenticeId: id, dateOfBirth: '2010-01-01' }),
      ).rejects.toMatchObject({ code: ErrorCode.RuleViolation, problems: [{ field: 'dateOfBirth' }] });
    });

    it("answers NOT_FOUND for another sponsor's apprentice", async () => {
      const { registration } = await apprentices.registerApprentice(adminA(), input());
      await expect(
        apprentices.updateApprentice(sponsorAdminScope(sponsorB), { apprenticeId: registration.apprenticeId, city: 'Columbus' }),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'apprenticeId' }] });
    });
  });

  describe('revealSsnForExport', () => {
    it("returns the SSN and audits the reveal in the caller's transaction", async () => {
      const { registration } = await apprentices.registerApprentice(adminA(), input({ person: { ssn: '219-09-9999' } }));
      const id = registration.apprenticeId;
      const reveals = () =>
        harness.dataSource.query(`SELECT actor_user_id, after FROM audit_log WHERE entity_id = $1 AND action = 'ssn.revealed'`, [id]);

      await expect(
        harness.dataSource.transaction(async (manager) => {
          expect(await apprentices.revealSsnForExport(id, TEST_ACTOR_ID, manager)).toBe('219099999');
          throw new Error('export failed');
        }),
      ).rejects.toThrow('export failed');
      expect(await reveals()).toEqual([]);

      const ssn = await harness.dataSource.transaction((manager) => apprentices.revealSsnForExport(id, TEST_ACTOR_ID, manager));
      expect(ssn).toBe('219099999');
      expect(await reveals()).toEqual([{ actor_user_id: TEST_ACTOR_ID, after: null }]);
    });

    it('returns null without an audit row when no SSN is on file', async () => {
      const { registration } = await apprentices.registerApprentice(adminA(), input());
      const ssn = await harness.dataSource.transaction((manager) =>
        apprentices.revealSsnForExport(registration.apprenticeId, TEST_ACTOR_ID, manager),
      );
      expect(ssn).toBeNull();
      const rows = await harness.dataSource.query(`SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'ssn.revealed'`, [
        registration.apprenticeId,
      ]);
      expect(rows).toEqual([]);
    });
  });

  describe('visibility', () => {
    it("shows a state analyst the registrations and apprentices of the agency's state only", async () => {
      const mine = await registered();
      const indiana = stateAnalystScope(await insertOrganization(harness.dataSource, 'state_agency', 'Indiana', 'IN'), 'IN');
      expect((await apprentices.list(indiana, { first: 100 })).nodes).toEqual([]);
      expect((await registrations.list(indiana, { first: 100 })).nodes).toEqual([]);
      await expect(registrations.getVisible(indiana, mine.id)).rejects.toMatchObject({ code: ErrorCode.NotFound });

      // Ohio sees the agreement transferred to Ohio above, and its apprentice, but nothing in Michigan.
      const ohio = stateAnalystScope(agencyOH, 'OH');
      const ohioRegistrations = (await registrations.list(ohio, { first: 100 })).nodes;
      expect(ohioRegistrations.length).toBeGreaterThan(0);
      expect(ohioRegistrations.every((r) => r.state === 'OH')).toBe(true);
      const ohioApprentices = (await apprentices.list(ohio, { first: 100 })).nodes.map((a) => a.id);
      expect(new Set(ohioApprentices)).toEqual(new Set(ohioRegistrations.map((r) => r.apprenticeId)));
      expect(ohioApprentices).not.toContain(mine.apprenticeId);

      const michigan = (await registrations.list(stateAnalystScope(agencyMI, 'MI'), { first: 100 })).nodes;
      expect(michigan.map((r) => r.id)).toContain(mine.id);
      expect(michigan.every((r) => r.state === 'MI')).toBe(true);
    });

    it('shows an apprentice only themselves and their own registrations', async () => {
      const mine = await registered();
      await registered();
      const me = scopeOf(null, [[sponsorA, 'sponsor', Role.APPRENTICE]], { apprenticeId: mine.apprenticeId });
      expect((await apprentices.list(me, { first: 100 })).nodes.map((a) => a.id)).toEqual([mine.apprenticeId]);
      const own = (await registrations.list(me, { first: 100 })).nodes;
      expect(own.map((r) => r.id)).toEqual([mine.id]);
      const someoneElse = (await registrations.list(adminA(), { first: 100 })).nodes.find((r) => r.apprenticeId !== mine.apprenticeId)!;
      await expect(apprentices.getVisible(me, someoneElse.apprenticeId)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(registrations.getVisible(me, someoneElse.id)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('filters apprentices by name, sponsor and registration status', async () => {
      const { registration } = await apprentices.registerApprentice(
        adminA(),
        input({ person: { firstName: 'Grace', middleName: 'Brewster', lastName: 'Hopper_' } }),
      );
      const byName = await apprentices.list(adminA(), { first: 100, nameContains: 'brewster hopper_' });
      expect(byName.nodes.map((a) => a.id)).toEqual([registration.apprenticeId]);
      expect((await apprentices.list(adminA(), { first: 100, nameContains: 'Hopper%' })).nodes).toEqual([]);
      const pendingAtA = await apprentices.list(adminA(), { first: 100, sponsorId: sponsorA, status: RegistrationStatusEnum.PENDING });
      expect(pendingAtA.nodes.map((a) => a.id)).toContain(registration.apprenticeId);
      const completed = await apprentices.list(adminA(), { first: 100, status: RegistrationStatusEnum.COMPLETED });
      expect(completed.nodes.map((a) => a.id)).not.toContain(registration.apprenticeId);
    });
  });
});
