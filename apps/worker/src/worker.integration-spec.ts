import { Job, Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import { publishInTransaction } from '@journeyline/database/audit';
import { JobName, QueueName } from '@journeyline/jobs/job-registry';
import { insertHours, insertRegistration, insertWageSchedule, insertWorkProcess } from '@journeyline/wages/wage-fixtures';
import { WAGE_STEP_LOCK_PREFIX } from '@journeyline/wages/wage-steps.service';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { startTestWorker, TestWorker } from '../../../test/support/test-worker';
import { waitFor } from '../../../test/support/wait-for';
import { NIGHTLY_SWEEP_PATTERN, NIGHTLY_SWEEP_SCHEDULER } from './sweep-scheduler';

describe('The worker', () => {
  let database: TestDatabase;
  let worker: TestWorker;
  let dataSource: DataSource;
  let queues: Record<QueueName, Queue>;
  let programOccupationId: string;
  let workProcessId: string;
  let employer: string;

  const registered = () => insertRegistration(dataSource, { programOccupationId, employerId: employer, startDate: '2024-01-08' });
  const finished = (queue: QueueName, jobId: string, state: 'completed' | 'failed') =>
    waitFor(`${jobId} to be ${state}`, async () => {
      const job = await queues[queue].getJob(jobId);
      if ((await job?.getState()) !== state) return undefined;
      // Read it again: the first read may predate the move to `state` (attempts, reason, return value).
      return (await queues[queue].getJob(jobId)) as Job;
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    worker = await startTestWorker(database.url, 'worker-test');
    const { config } = worker;
    dataSource = worker.module.get(DataSource);
    queues = {
      [QueueName.Training]: new Queue(QueueName.Training, { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
      [QueueName.Maintenance]: new Queue(QueueName.Maintenance, { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
      [QueueName.Reports]: new Queue(QueueName.Reports, { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
      [QueueName.Outcomes]: new Queue(QueueName.Outcomes, { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
    };

    const sponsor = await insertOrganization(dataSource, 'sponsor', 'Sponsor', 'MI');
    employer = await insertOrganization(dataSource, 'employer', 'Employer', 'MI');
    await linkEmployer(dataSource, sponsor, employer);
    const occupation = await insertOccupation(dataSource, '0159', 'Electrician');
    programOccupationId = (await insertProgramWithOccupation(dataSource, { sponsorId: sponsor, state: 'MI', occupationId: occupation }))
      .programOccupationId;
    await dataSource.query(`UPDATE program_occupations SET wage_step_mode = 'automatic', journeyworker_rate_cents = 4200 WHERE id = $1`, [
      programOccupationId,
    ]);
    await insertWageSchedule(dataSource, programOccupationId, [['hours', 0, 5000], ['hours', 1000, 5500], ['hours', 2000, 6000]]);
    workProcessId = await insertWorkProcess(dataSource, programOccupationId);
  });

  afterAll(async () => {
    await worker.close();
    for (const queue of Object.values(queues)) await queue.close();
    await database.drop();
  });

  it('turns approved hours into a wage step and fresh alerts, from the outbox through Redis', async () => {
    const registrationId = await registered();
    await insertHours(dataSource, { registrationId, workProcessId, employerId: employer, fromDate: '2024-02-01', days: 124, hoursPerDay: 8 });
    // What approving hours does: the entries and their event commit together.
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key)
         VALUES ($1, $2, $3, '2024-06-10', 8, 'approved', 'crossing')`,
        [registrationId, workProcessId, employer],
      );
      await publishInTransaction(manager, 'hours.approved', { registrationId });
    });

    const history = await waitFor('wage step 2', async () => {
      const rows = await dataSource.query(
        `SELECT step, rate_cents::int AS rate, effective_date::text AS date, trigger FROM wage_history WHERE registration_id = $1 ORDER BY step`,
        [registrationId],
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(history).toEqual([
      { step: 1, rate: 2100, date: '2024-01-08', trigger: 'entry' },
      { step: 2, rate: 2310, date: '2024-06-10', trigger: 'hours_reached' },
    ]);
    // RefreshAlerts ran too: nothing has been logged since June 2024.
    await waitFor('the no-hours alert', async () => {
      const [row] = await dataSource.query(
        `SELECT 1 FROM compliance_alerts WHERE registration_id = $1 AND kind = 'no_hours_logged' AND resolved_at IS NULL`,
        [registrationId],
      );
      return row;
    });
    // The wage.step_applied events were relayed in turn.
    await waitFor('every event to be relayed', async () => {
      const [{ waiting }] = await dataSource.query(`SELECT count(*)::int AS waiting FROM outbox WHERE published_at IS NULL`);
      return waiting === 0 ? true : undefined;
    });
  });

  it('registers the nightly sweep and runs it on the maintenance queue', async () => {
    const schedulers = await queues[QueueName.Maintenance].getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: NIGHTLY_SWEEP_SCHEDULER, name: JobName.SweepAlerts, pattern: NIGHTLY_SWEEP_PATTERN }),
    ]);
    await queues[QueueName.Maintenance].add(JobName.SweepAlerts, {}, { jobId: 'sweep-now' });
    const job = await finished(QueueName.Maintenance, 'sweep-now', 'completed');
    expect(job.returnvalue).toEqual({ outcome: 'done', registrations: 1 });
  });

  it('fails jobs with a bad payload or an unknown name at once, without retries', async () => {
    const training = queues[QueueName.Training];
    await training.add(JobName.RecomputeWageStep, { registrationId: 'not-a-uuid' }, { jobId: 'bad-payload', attempts: 5 });
    await training.add('retired-job', {}, { jobId: 'unknown-name', attempts: 5 });
    const badPayload = await finished(QueueName.Training, 'bad-payload', 'failed');
    expect({ attempts: badPayload.attemptsMade, reason: badPayload.failedReason }).toEqual({
      attempts: 1,
      reason: 'Job recompute-wage-step: invalid payload: registrationId must be a UUID',
    });
    const unknown = await finished(QueueName.Training, 'unknown-name', 'failed');
    expect({ attempts: unknown.attemptsMade, reason: unknown.failedReason }).toEqual({
      attempts: 1,
      reason: 'No handler for job "retired-job" on this queue',
    });
  });

  it('lets the active job finish before shutting down', async () => {
    const registrationId = await registered();
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    const lockKey = `${WAGE_STEP_LOCK_PREFIX}${registrationId}`;
    await holder.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [lockKey]);
    await queues[QueueName.Training].add(JobName.RecomputeWageStep, { registrationId }, { jobId: 'in-flight' });
    await waitFor('the job to block on the lock', async () => {
      const { rows } = await holder.query(
        `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
          WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()`,
      );
      return rows.length ? true : undefined;
    });

    let shutDown = false;
    const closing = worker.stop().then(() => (shutDown = true));
    // Bounded check that shutdown really waits: it cannot finish while the job is blocked.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(shutDown).toBe(false);

    await holder.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey]);
    await closing;
    const job = await queues[QueueName.Training].getJob('in-flight');
    expect(await job!.getState()).toBe('completed');
    const { rows } = await holder.query(`SELECT step, trigger FROM wage_history WHERE registration_id = $1`, [registrationId]);
    expect(rows).toEqual([{ step: 1, trigger: 'entry' }]);
    await holder.end();
  });
});
