import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Role } from '@journeyline/auth/roles';
import { insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import { Clock } from '@journeyline/common/clock';
import { JobProducer } from '@journeyline/jobs/job-producer';
import { JobName, QueueName } from '@journeyline/jobs/job-registry';
import { insertHours, insertRegistration, insertWageSchedule, insertWorkProcess, StepFixture } from '@journeyline/wages/wage-fixtures';
import { WageStepsService } from '@journeyline/wages/wage-steps.service';
import { WagesModule } from '@journeyline/wages/wages.module';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { scopeOf, sponsorAdminScope } from '../../../test/support/scopes';
import { serviceUrls } from '../../../test/support/test-database';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { AlertSweep, SWEEP_LOCK_KEY } from './alert-sweep';
import { AlertsService } from './alerts.service';
import { ComplianceAlertKind } from './compliance.models';
import { ComplianceModule } from './compliance.module';
import { toComplianceAlertModel } from './compliance.resolver';

const STEPS: StepFixture[] = [50, 55, 60, 65, 70, 75, 80, 90].map((percent, index) => ['hours', index * 1000, percent * 100]);

describe('Compliance alerts', () => {
  let harness: ServiceHarness;
  let alerts: AlertsService;
  let wageSteps: WageStepsService;
  let sponsorA: string;
  let sponsorB: string;
  let employer: string;
  let programOccupation: string;
  let workProcess: string;

  const alertRows = (where: string, params: unknown[]) =>
    harness.dataSource.query(
      `SELECT id, kind, severity, subject_key, sponsor_id, registration_id, employer_id, message, details,
              first_seen_at, last_seen_at, resolved_at
         FROM compliance_alerts WHERE ${where} ORDER BY first_seen_at, kind, subject_key`,
      params,
    );
  const open = async (registrationId: string, kind?: string) =>
    (await alertRows(`registration_id = $1 AND resolved_at IS NULL`, [registrationId]))
      .filter((row: { kind: string }) => !kind || row.kind === kind)
      .map((row: { kind: string; subject_key: string }) => `${row.kind} ${row.subject_key}`);
  const registration = (options: Partial<Parameters<typeof insertRegistration>[1]> = {}) =>
    insertRegistration(harness.dataSource, { programOccupationId: programOccupation, employerId: employer, startDate: '2024-01-08', ...options });
  const hours = (registrationId: string, fromDate: string, days: number, status?: 'approved' | 'draft' | 'rejected') =>
    insertHours(harness.dataSource, { registrationId, workProcessId: workProcess, employerId: employer, fromDate, days, hoursPerDay: 8, status });

  beforeAll(async () => {
    harness = await startServices([ComplianceModule, WagesModule]);
    alerts = harness.get(AlertsService);
    wageSteps = harness.get(WageStepsService);
    const ds = harness.dataSource;
    sponsorA = await insertOrganization(ds, 'sponsor', 'Sponsor A', 'MI');
    sponsorB = await insertOrganization(ds, 'sponsor', 'Sponsor B', 'MI');
    employer = await insertOrganization(ds, 'employer', 'Employer', 'MI');
    await linkEmployer(ds, sponsorA, employer);
    const occupation = await insertOccupation(ds, '0159', 'Electrician');
    programOccupation = (await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'MI', occupationId: occupation })).programOccupationId;
    await insertWageSchedule(ds, programOccupation, STEPS);
    workProcess = await insertWorkProcess(ds, programOccupation, { title: 'Conduit', maxHours: 100 });
  });

  afterAll(() => harness.close());

  it('opens an alert while its condition holds, refreshes the same row, and resolves it when it clears', async () => {
    const id = await registration();
    await hours(id, '2024-01-08', 5);
    await alerts.refreshRegistration(id, '2024-01-25');
    expect(await open(id, 'no_hours_logged')).toEqual([]);

    await alerts.refreshRegistration(id, '2024-01-26');
    const [first] = await alertRows(`registration_id = $1 AND kind = 'no_hours_logged'`, [id]);
    expect(first).toMatchObject({
      severity: 'warning',
      sponsor_id: sponsorA,
      employer_id: employer,
      subject_key: id,
      message: 'No OJT hours logged since 2024-01-12 (14 days)',
      details: { lastWorkDate: '2024-01-12', since: '2024-01-12', days: 14 },
      resolved_at: null,
    });
    await alerts.refreshRegistration(id, '2024-01-27');
    const rows = await alertRows(`registration_id = $1 AND kind = 'no_hours_logged'`, [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, message: 'No OJT hours logged since 2024-01-12 (15 days)' });
    expect(rows[0].last_seen_at.getTime()).toBeGreaterThanOrEqual(first.last_seen_at.getTime());

    // A draft entry is an entry: the apprentice is logging again.
    await hours(id, '2024-01-27', 1, 'draft');
    await alerts.refreshRegistration(id, '2024-01-27');
    const [resolved] = await alertRows(`id = $1`, [first.id]);
    expect(resolved.resolved_at).toBeInstanceOf(Date);
    expect(await open(id, 'no_hours_logged')).toEqual([]);

    // The condition can return later: that is a new alert, the old one stays resolved.
    await alerts.refreshRegistration(id, '2024-02-15');
    expect(await alertRows(`registration_id = $1 AND kind = 'no_hours_logged'`, [id])).toHaveLength(2);
  });

  it('flags a registration still pending after the deadline and clears it once registered', async () => {
    const id = await registration({ status: 'pending' });
    await alerts.refreshRegistration(id, '2024-02-22');
    expect(await open(id)).toEqual([]);
    await alerts.refreshRegistration(id, '2024-02-23');
    expect(await open(id)).toEqual([`registration_pending_too_long ${id}`]);
    await harness.dataSource.query(
      `UPDATE registrations SET status = 'registered', registration_date = '2024-02-23', status_date = '2024-02-23' WHERE id = $1`,
      [id],
    );
    await hours(id, '2024-02-23', 1);
    await alerts.refreshRegistration(id, '2024-02-24');
    expect(await open(id, 'registration_pending_too_long')).toEqual([]);
  });

  it('reports a proposed wage step as due, then overdue, and clears it when confirmed', async () => {
    const id = await registration({ priorCreditOjtHours: 1000 });
    await hours(id, '2024-01-08', 1);
    expect((await wageSteps.recompute(id, '2024-01-10')).proposed).toEqual([2]);
    await alerts.refreshRegistration(id, '2024-01-20');
    expect(await open(id, 'wage_step_due')).toEqual([`wage_step_due ${id}`]);
    await alerts.refreshRegistration(id, '2024-02-08');
    expect(await open(id, 'wage_step_due')).toEqual([]);
    const [overdue] = await alertRows(`registration_id = $1 AND kind = 'wage_step_overdue' AND resolved_at IS NULL`, [id]);
    expect(overdue).toMatchObject({ severity: 'warning', details: { steps: [2], oldestDueDate: '2024-01-08', daysWaiting: 31 } });
    const [proposal] = await harness.dataSource.query(`SELECT id FROM wage_step_proposals WHERE registration_id = $1`, [id]);
    await wageSteps.confirm(sponsorAdminScope(sponsorA), proposal.id);
    await alerts.refreshRegistration(id, '2024-02-08');
    expect(await open(id, 'wage_step_overdue')).toEqual([]);
  });

  it('flags approved hours over a work process allotment, ignoring entries not approved', async () => {
    const id = await registration();
    await hours(id, '2024-01-08', 12);
    await hours(id, '2024-01-20', 3, 'rejected');
    await alerts.refreshRegistration(id, '2024-02-01');
    expect(await open(id, 'work_process_over_allotment')).toEqual([]);
    await hours(id, '2024-01-20', 1);
    await alerts.refreshRegistration(id, '2024-02-01');
    expect(await open(id, 'work_process_over_allotment')).toEqual([`work_process_over_allotment ${id}:${workProcess}`]);
  });

  it('flags RTI behind pace and clears it when attendance catches up', async () => {
    const id = await registration();
    await hours(id, '2024-06-20', 10);
    await alerts.refreshRegistration(id, '2024-07-01');
    expect(await open(id, 'rti_behind_pace')).toEqual([`rti_behind_pace ${id}`]);
    const ds = harness.dataSource;
    const provider = await insertOrganization(ds, 'rti_provider', 'College', 'MI');
    const [course] = await ds.query(`INSERT INTO rti_courses (provider_id, title, hours) VALUES ($1, 'Theory 1', 72) RETURNING id`, [provider]);
    const [enrollment] = await ds.query(
      `INSERT INTO rti_enrollments (registration_id, course_id, enrolled_on) VALUES ($1, $2, '2024-01-15') RETURNING id`,
      [id, course.id],
    );
    // 144 h a year × 176/366 of the year × 0.75 ≈ 51.9 h tolerated minimum by 2024-06-24.
    await ds.query(
      `INSERT INTO rti_attendance (enrollment_id, registration_id, session_date, hours, paid, during_work_hours, idempotency_key)
       SELECT $1, $2, DATE '2024-02-01' + week * 7, 8, true, true, 'rti-' || week FROM generate_series(0, 6) AS week`,
      [enrollment.id, id],
    );
    await alerts.refreshRegistration(id, '2024-06-24');
    expect(await open(id, 'rti_behind_pace')).toEqual([]);
  });

  it('watches VA months and the VA wage rule for trainees', async () => {
    const id = await registration({ va: { chapter: '33', enrollmentStart: '2024-01-08' } });
    await hours(id, '2024-03-10', 5);
    await harness.dataSource.query(`INSERT INTO va_month_certifications (registration_id, month, certified_hours) VALUES ($1, '2024-01-01', 120)`, [id]);
    await alerts.refreshRegistration(id, '2024-03-11');
    // January is certified; February was due by 10 March.
    expect(await open(id, 'va_month_not_certified')).toEqual([`va_month_not_certified ${id}:2024-02`]);
    // 50% entry and 90% final steps meet 38 U.S.C. 3677.
    expect(await open(id, 'va_wage_rule_at_risk')).toEqual([]);
    await harness.dataSource.query(`INSERT INTO va_month_certifications (registration_id, month, certified_hours) VALUES ($1, '2024-02-01', 160)`, [id]);
    await alerts.refreshRegistration(id, '2024-03-12');
    expect(await open(id, 'va_month_not_certified')).toEqual([]);

    const ds = harness.dataSource;
    const lowPay = (await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'MI', occupationId: await insertOccupation(ds, '0419', 'Plumber') }))
      .programOccupationId;
    await insertWageSchedule(ds, lowPay, [['hours', 0, 4500], ['hours', 2000, 8000]]);
    const trainee = await insertRegistration(ds, { programOccupationId: lowPay, employerId: employer, startDate: '2024-03-01', va: { chapter: '33' } });
    await alerts.refreshRegistration(trainee, '2024-03-05');
    const [risk] = await alertRows(`registration_id = $1 AND kind = 'va_wage_rule_at_risk'`, [trainee]);
    expect(risk.message).toBe(
      'VA wage rule at risk: the entry wage $18.00 is below 50% of the journeyworker rate $40.00; ' +
        'the last step $32.00 is below 85% of the journeyworker rate $40.00',
    );
    // A government employer is not held to the increases (38 U.S.C. 3677(b)(2)); the entry wage still counts.
    await ds.query(`UPDATE organizations SET government_body = true WHERE id = $1`, [employer]);
    await alerts.refreshRegistration(trainee, '2024-03-06');
    const [exempt] = await alertRows(`registration_id = $1 AND kind = 'va_wage_rule_at_risk'`, [trainee]);
    expect(exempt.message).toBe('VA wage rule at risk: the entry wage $18.00 is below 50% of the journeyworker rate $40.00');
    await ds.query(`UPDATE organizations SET government_body = false WHERE id = $1`, [employer]);
  });

  it('files ratio alerts per sponsor at the employer and resolves them when journeyworkers are added', async () => {
    const ds = harness.dataSource;
    const shop = await insertOrganization(ds, 'employer', 'Small shop', 'MI');
    await linkEmployer(ds, sponsorA, shop);
    await ds.query(`INSERT INTO journeyworker_counts (employer_id, effective_date, journeyworkers) VALUES ($1, '2024-01-01', 1)`, [shop]);
    const first = await insertRegistration(ds, { programOccupationId: programOccupation, employerId: shop, startDate: '2024-01-08' });
    await alerts.refreshRegistration(first, '2024-02-01');
    expect(await alertRows(`employer_id = $1 AND kind = 'ratio_exceeded'`, [shop])).toEqual([]);

    const second = await insertRegistration(ds, { programOccupationId: programOccupation, employerId: shop, startDate: '2024-01-15', status: 'pending' });
    await alerts.refreshRegistration(second, '2024-02-01');
    const [ratio] = await alertRows(`employer_id = $1 AND kind = 'ratio_exceeded' AND resolved_at IS NULL`, [shop]);
    expect(ratio).toMatchObject({
      sponsor_id: sponsorA,
      registration_id: null,
      subject_key: `${shop}:${sponsorA}`,
      details: { apprentices: 2, journeyworkers: 1, ratios: ['1:1'] },
    });
    await alerts.refreshEmployer(shop, '2024-02-02');
    expect(await alertRows(`employer_id = $1 AND kind = 'ratio_exceeded'`, [shop])).toHaveLength(1);

    await ds.query(`INSERT INTO journeyworker_counts (employer_id, effective_date, journeyworkers) VALUES ($1, '2024-02-02', 2)`, [shop]);
    await alerts.refreshEmployer(shop, '2024-02-03');
    expect(await alertRows(`employer_id = $1 AND kind = 'ratio_exceeded' AND resolved_at IS NULL`, [shop])).toEqual([]);
  });

  describe('complianceAlerts', () => {
    let listed: string;

    beforeAll(async () => {
      listed = await registration({ status: 'pending' });
      await alerts.refreshRegistration(listed, '2024-06-01');
    });

    it('lists open alerts of the sponsors, employers and registrations in reach', async () => {
      const page = await alerts.list(sponsorAdminScope(sponsorA), { first: 100, registrationId: listed, includeResolved: false });
      const models = page.nodes.map(toComplianceAlertModel);
      expect(models).toEqual([
        expect.objectContaining({
          kind: ComplianceAlertKind.REGISTRATION_PENDING_TOO_LONG,
          severity: 'warning',
          sponsorId: sponsorA,
          registrationId: listed,
          employerId: employer,
          resolvedAt: undefined,
        }),
      ]);
      expect(JSON.parse(models[0].details)).toEqual({ startDate: '2024-01-08', deadline: '2024-02-22', daysLate: 100 });
      const supervisor = scopeOf(null, [[employer, 'employer', Role.SUPERVISOR]]);
      expect((await alerts.list(supervisor, { first: 100, registrationId: listed, includeResolved: false })).nodes).toHaveLength(1);
      expect((await alerts.list(sponsorAdminScope(sponsorB), { first: 100, includeResolved: true })).nodes).toEqual([]);
    });

    it('filters by kind and sponsor, pages by cursor, and includes resolved alerts only when asked', async () => {
      const scope = sponsorAdminScope(sponsorA);
      const noHours = await alerts.list(scope, { first: 100, kind: ComplianceAlertKind.NO_HOURS_LOGGED, includeResolved: false });
      expect(noHours.nodes.every((alert) => alert.kind === 'no_hours_logged' && alert.resolvedAt === null)).toBe(true);
      const withResolved = await alerts.list(scope, { first: 100, kind: ComplianceAlertKind.NO_HOURS_LOGGED, includeResolved: true });
      expect(withResolved.nodes.some((alert) => alert.resolvedAt !== null)).toBe(true);
      expect(withResolved.nodes.length).toBeGreaterThan(noHours.nodes.length);

      const all = await alerts.list(scope, { first: 100, sponsorId: sponsorA, includeResolved: true });
      const firstPage = await alerts.list(scope, { first: 2, sponsorId: sponsorA, includeResolved: true });
      const secondPage = await alerts.list(scope, { first: 100, after: firstPage.pageInfo.endCursor, sponsorId: sponsorA, includeResolved: true });
      expect(firstPage.pageInfo.hasNextPage).toBe(true);
      expect([...firstPage.nodes, ...secondPage.nodes].map((alert) => alert.id)).toEqual(all.nodes.map((alert) => alert.id));
    });
  });

  describe('nightly sweep', () => {
    let queues: Map<QueueName, Queue>;
    let sweep: AlertSweep;

    beforeAll(() => {
      const prefix = `{jl-test-${randomBytes(4).toString('hex')}}`;
      queues = new Map(
        Object.values(QueueName).map((name) => [name, new Queue(name, { connection: { url: serviceUrls().redisUrl }, prefix })]),
      );
      sweep = new AlertSweep(harness.dataSource, new JobProducer(queues), new Clock());
    });

    afterAll(async () => {
      for (const queue of queues.values()) {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });

    it('queues alert refreshes for open registrations (and any with open alerts) and wage recomputes for those in training', async () => {
      const ds = harness.dataSource;
      const training = await registration();
      const suspended = await registration({ status: 'suspended' });
      const completedQuiet = await registration({ status: 'completed' });
      const completedWithAlert = await registration({ status: 'completed' });
      await ds.query(
        `INSERT INTO compliance_alerts (kind, severity, sponsor_id, registration_id, subject_key, message)
         VALUES ('va_month_not_certified', 'warning', $1, $2::uuid, $2::text || ':2024-01', 'test')`,
        [sponsorA, completedWithAlert],
      );

      const result = await sweep.sweep('2024-07-01');
      expect(result.outcome).toBe('done');
      const training_queue = queues.get(QueueName.Training)!;
      const job = (name: JobName, id: string) => training_queue.getJob(`${name}.${id}.sweep-2024-07-01`);
      expect((await job(JobName.RefreshAlerts, training))?.data).toEqual({ registrationId: training });
      expect((await job(JobName.RecomputeWageStep, training))?.data).toEqual({ registrationId: training });
      expect(await job(JobName.RefreshAlerts, suspended)).toBeDefined();
      expect(await job(JobName.RecomputeWageStep, suspended)).toBeUndefined();
      expect(await job(JobName.RefreshAlerts, completedWithAlert)).toBeDefined();
      expect(await job(JobName.RefreshAlerts, completedQuiet)).toBeUndefined();

      const [{ expected }] = await ds.query(
        `SELECT count(*)::int AS expected FROM registrations r
          WHERE r.status IN ('pending', 'registered', 'suspended', 'reinstated')
             OR EXISTS (SELECT 1 FROM compliance_alerts a WHERE a.registration_id = r.id AND a.resolved_at IS NULL)`,
      );
      expect(result.registrations).toBe(expected);
      const waiting = await training_queue.getWaitingCount();
      // The same day's sweep again (a retried job) queues nothing new.
      expect(await sweep.sweep('2024-07-01')).toEqual(result);
      expect(await training_queue.getWaitingCount()).toBe(waiting);
    });

    it('does nothing while another sweep holds the lock', async () => {
      const runner = harness.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [SWEEP_LOCK_KEY]);
        expect(await sweep.sweep('2024-07-02')).toEqual({ outcome: 'already_running', registrations: 0 });
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [SWEEP_LOCK_KEY]);
        expect((await sweep.sweep('2024-07-02')).outcome).toBe('done');
      } finally {
        await runner.release();
      }
    });
  });
});
