import { ErrorCode } from '@journeyline/common/domain-error';
import { insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { sponsorAdminScope, TEST_ACTOR_ID } from '../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { insertHours, insertRegistration, insertWageSchedule, insertWorkProcess, StepFixture } from './wage-fixtures';
import { WageStepsService } from './wage-steps.service';
import { toWageHistoryEntryModel, toWageStepProposalModel } from './wages.resolver';
import { WagesModule } from './wages.module';

// 8 steps, one every 1000 hours, at 50, 55, … 85 and 90% of $42.00.
const EIGHT_STEPS: StepFixture[] = [50, 55, 60, 65, 70, 75, 80, 90].map((percent, index) => ['hours', index * 1000, percent * 100]);
const TODAY = '2024-12-31';

describe('Wage progression', () => {
  let harness: ServiceHarness;
  let service: WageStepsService;
  let sponsorA: string;
  let sponsorB: string;
  let employer: string;
  let automatic: string;
  let confirm: string;
  let automaticProcess: string;
  let confirmProcess: string;

  const historyRows = (registrationId: string) =>
    harness.dataSource.query(
      `SELECT step, rate_cents::int AS rate, effective_date::text AS date, trigger, hours_at_trigger::float AS hours
         FROM wage_history WHERE registration_id = $1 ORDER BY step`,
      [registrationId],
    );
  const appliedEvents = (registrationId: string) =>
    harness.dataSource.query(
      `SELECT (payload->>'step')::int AS step FROM outbox WHERE topic = 'wage.step_applied' AND payload->>'registrationId' = $1 ORDER BY id`,
      [registrationId],
    );
  const registered = (programOccupationId: string, options: { priorCreditOjtHours?: number; status?: string } = {}) =>
    insertRegistration(harness.dataSource, { programOccupationId, employerId: employer, startDate: '2024-01-08', ...options });

  beforeAll(async () => {
    harness = await startServices([WagesModule]);
    service = harness.get(WageStepsService);
    const ds = harness.dataSource;
    sponsorA = await insertOrganization(ds, 'sponsor', 'Sponsor A', 'MI');
    sponsorB = await insertOrganization(ds, 'sponsor', 'Sponsor B', 'MI');
    employer = await insertOrganization(ds, 'employer', 'Employer', 'MI');
    await linkEmployer(ds, sponsorA, employer);
    const electrician = await insertOccupation(ds, '0159', 'Electrician');
    const plumber = await insertOccupation(ds, '0419', 'Plumber');
    automatic = (await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'MI', occupationId: electrician })).programOccupationId;
    confirm = (await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'MI', occupationId: plumber })).programOccupationId;
    await ds.query(`UPDATE program_occupations SET journeyworker_rate_cents = 4200, wage_step_mode = 'automatic' WHERE id = $1`, [automatic]);
    await ds.query(`UPDATE program_occupations SET journeyworker_rate_cents = 4200, wage_step_mode = 'confirm' WHERE id = $1`, [confirm]);
    await insertWageSchedule(ds, automatic, EIGHT_STEPS);
    await insertWageSchedule(ds, confirm, EIGHT_STEPS);
    automaticProcess = await insertWorkProcess(ds, automatic);
    confirmProcess = await insertWorkProcess(ds, confirm);
  });

  afterAll(() => harness.close());

  describe('automatic mode', () => {
    it('applies the entry step at registration and step 2 when approved hours cross 1000', async () => {
      const registrationId = await registered(automatic);
      // 124 days of 8 hours: 992 hours, short of step 2.
      await insertHours(harness.dataSource, { registrationId, workProcessId: automaticProcess, employerId: employer, fromDate: '2024-02-01', days: 124, hoursPerDay: 8 });
      expect(await service.recompute(registrationId, TODAY)).toEqual({ outcome: 'done', applied: [1], proposed: [] });

      // Hours still waiting for approval do not count.
      await insertHours(harness.dataSource, { registrationId, workProcessId: automaticProcess, employerId: employer, fromDate: '2024-06-10', days: 1, hoursPerDay: 8, status: 'submitted' });
      expect((await service.recompute(registrationId, TODAY)).applied).toEqual([]);

      const crossing = await insertHours(harness.dataSource, { registrationId, workProcessId: automaticProcess, employerId: employer, fromDate: '2024-06-11', days: 1, hoursPerDay: 8 });
      expect(await service.recompute(registrationId, TODAY)).toEqual({ outcome: 'done', applied: [2], proposed: [] });
      expect(await historyRows(registrationId)).toEqual([
        { step: 1, rate: 2100, date: '2024-01-08', trigger: 'entry', hours: 0 },
        { step: 2, rate: 2310, date: crossing, trigger: 'hours_reached', hours: 1000 },
      ]);
      expect(await appliedEvents(registrationId)).toEqual([{ step: 1 }, { step: 2 }]);
    });

    it('never applies a step twice, however often or concurrently the job runs', async () => {
      const registrationId = await registered(automatic);
      await insertHours(harness.dataSource, { registrationId, workProcessId: automaticProcess, employerId: employer, fromDate: '2024-02-01', days: 130, hoursPerDay: 8 });
      const runs = await Promise.all([1, 2, 3, 4].map(() => service.recompute(registrationId, TODAY)));
      expect(runs.flatMap((run) => run.applied).sort()).toEqual([1, 2]);
      expect(await service.recompute(registrationId, TODAY)).toEqual({ outcome: 'done', applied: [], proposed: [] });
      expect((await historyRows(registrationId)).map((row: { step: number }) => row.step)).toEqual([1, 2]);
      expect(await appliedEvents(registrationId)).toEqual([{ step: 1 }, { step: 2 }]);
    });

    it('places prior credit of 2500 hours at step 3 from the start', async () => {
      const registrationId = await registered(automatic, { priorCreditOjtHours: 2500 });
      expect((await service.recompute(registrationId, TODAY)).applied).toEqual([1, 2, 3]);
      expect(await historyRows(registrationId)).toEqual([
        { step: 1, rate: 2100, date: '2024-01-08', trigger: 'entry', hours: 2500 },
        { step: 2, rate: 2310, date: '2024-01-08', trigger: 'credit_granted', hours: 2500 },
        { step: 3, rate: 2520, date: '2024-01-08', trigger: 'credit_granted', hours: 2500 },
      ]);
    });

    it('moves nobody who is not in training: pending and suspended registrations wait', async () => {
      const pending = await registered(automatic, { status: 'pending' });
      expect(await service.recompute(pending, TODAY)).toEqual({
        outcome: 'skipped',
        reason: 'registration is pending',
        applied: [],
        proposed: [],
      });
      await harness.dataSource.query(`UPDATE registrations SET status = 'registered', registration_date = start_date WHERE id = $1`, [pending]);
      expect((await service.recompute(pending, TODAY)).applied).toEqual([1]);

      const suspended = await registered(automatic, { status: 'suspended', priorCreditOjtHours: 1500 });
      expect((await service.recompute(suspended, TODAY)).outcome).toBe('skipped');
      expect(await historyRows(suspended)).toEqual([]);
    });

    it('skips a registration that does not exist', async () => {
      expect((await service.recompute('00000000-0000-4000-8000-00000000dead', TODAY)).reason).toBe('no such registration');
    });
  });

  describe('confirm mode', () => {
    it('proposes a crossed step, and confirming it writes the history from the due date', async () => {
      const registrationId = await registered(confirm);
      const crossing = await insertHours(harness.dataSource, { registrationId, workProcessId: confirmProcess, employerId: employer, fromDate: '2024-02-01', days: 125, hoursPerDay: 8 });
      // The entry wage is set by the agreement itself, so it is applied without a proposal.
      expect(await service.recompute(registrationId, TODAY)).toEqual({ outcome: 'done', applied: [1], proposed: [2] });
      expect(await service.recompute(registrationId, TODAY)).toEqual({ outcome: 'done', applied: [], proposed: [] });

      const page = await service.pending(sponsorAdminScope(sponsorA), { first: 25 });
      const proposal = page.nodes.find((view) => view.proposal.registrationId === registrationId)!;
      expect(toWageStepProposalModel(proposal)).toMatchObject({
        step: 2,
        rate: '23.10',
        percentOfJourneyworker: '55.00',
        dueDate: crossing,
        trigger: 'hours_reached',
        hoursAtTrigger: 1000,
        status: 'pending',
      });
      expect((await service.pending(sponsorAdminScope(sponsorB), { first: 25 })).nodes).toEqual([]);

      const entry = await service.confirm(sponsorAdminScope(sponsorA), proposal.proposal.id);
      expect(toWageHistoryEntryModel(entry)).toEqual({
        step: 2,
        rate: '23.10',
        percentOfJourneyworker: '55.00',
        effectiveDate: crossing,
        trigger: 'confirmed',
        hoursAtTrigger: 1000,
      });
      expect(await appliedEvents(registrationId)).toEqual([{ step: 1 }, { step: 2 }]);
      const [decided] = await harness.dataSource.query(`SELECT status, decided_by FROM wage_step_proposals WHERE id = $1`, [proposal.proposal.id]);
      expect(decided).toEqual({ status: 'confirmed', decided_by: TEST_ACTOR_ID });
      await expect(service.confirm(sponsorAdminScope(sponsorA), proposal.proposal.id)).rejects.toMatchObject({
        code: ErrorCode.IllegalTransition,
      });
      // The job, run again, leaves the confirmed step alone.
      expect((await service.recompute(registrationId, TODAY)).proposed).toEqual([]);
      expect((await service.history(sponsorAdminScope(sponsorA), registrationId)).map((row) => row.trigger)).toEqual(['entry', 'confirmed']);
    });

    it('confirms steps in order; a declined step is passed over', async () => {
      const registrationId = await registered(confirm, { priorCreditOjtHours: 2500 });
      expect((await service.recompute(registrationId, TODAY)).proposed).toEqual([2, 3]);
      const [two, three] = await harness.dataSource.query(
        `SELECT id FROM wage_step_proposals WHERE registration_id = $1 ORDER BY step`,
        [registrationId],
      );
      await expect(service.confirm(sponsorAdminScope(sponsorA), three.id)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'proposalId', reason: 'step 2 comes first: confirm or decline it before step 3' }],
      });
      const declined = await service.decline(sponsorAdminScope(sponsorA), { proposalId: two.id, reason: 'Skills review pending' });
      expect(toWageStepProposalModel(declined)).toMatchObject({ step: 2, status: 'declined', trigger: 'credit_granted' });
      const [audit] = await harness.dataSource.query(
        `SELECT after FROM audit_log WHERE action = 'wage_step.declined' AND entity_id = $1`,
        [registrationId],
      );
      expect(audit.after).toEqual({ step: 2, reason: 'Skills review pending' });
      expect((await service.confirm(sponsorAdminScope(sponsorA), three.id)).step).toBe(3);
      expect((await historyRows(registrationId)).map((row: { step: number }) => row.step)).toEqual([1, 3]);
    });

    it('hides proposals and history from other sponsors', async () => {
      const registrationId = await registered(confirm, { priorCreditOjtHours: 1000 });
      await service.recompute(registrationId, TODAY);
      const [proposal] = await harness.dataSource.query(`SELECT id FROM wage_step_proposals WHERE registration_id = $1`, [registrationId]);
      await expect(service.confirm(sponsorAdminScope(sponsorB), proposal.id)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(
        service.decline(sponsorAdminScope(sponsorB), { proposalId: proposal.id, reason: 'no' }),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(service.history(sponsorAdminScope(sponsorB), registrationId)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      const [row] = await harness.dataSource.query(`SELECT status FROM wage_step_proposals WHERE id = $1`, [proposal.id]);
      expect(row.status).toBe('pending');
    });
  });
});
