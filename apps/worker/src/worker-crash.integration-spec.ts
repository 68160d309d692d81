import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue, Worker } from 'bullmq';
import { insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import { AppConfig } from '@journeyline/config/app-config';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { dispatchJob } from '@journeyline/jobs/job-dispatch';
import { JobItem, jobIdOf, JobName, QueueName } from '@journeyline/jobs/job-registry';
import { RulesModule } from '@journeyline/rules/rules.module';
import { insertHours, insertRegistration, insertWageSchedule, insertWorkProcess } from '@journeyline/wages/wage-fixtures';
import { WAGE_STEP_LOCK_PREFIX } from '@journeyline/wages/wage-steps.service';
import { DataSource } from 'typeorm';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { testConfig } from '../../../test/support/test-config';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { waitFor } from '../../../test/support/wait-for';
import { JobHandlerRegistry } from './job-handlers';
import { JobHandlersModule } from './job-handlers.module';

/** Short locks so a dead worker's job is noticed as stalled within a couple of seconds. */
const FAST_STALL = { lockDuration: 1000, stalledInterval: 1000 };

/**
 * The child: the worker's real handler table (JobHandlersModule) behind a BullMQ Worker, in its
 * own Node process so the test can SIGKILL it mid-job. TypeScript is compiled on the fly.
 */
const CHILD_SCRIPT = `
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Module } = require('@nestjs/common');
const { Worker } = require('bullmq');
const { ConfigModule } = require('@journeyline/config/config.module');
const { DatabaseModule } = require('@journeyline/database/database.module');
const { RulesModule } = require('@journeyline/rules/rules.module');
const { dispatchJob } = require('@journeyline/jobs/job-dispatch');
const { JobHandlersModule } = require('./apps/worker/src/job-handlers.module');
const { JobHandlerRegistry } = require('./apps/worker/src/job-handlers');
class ChildRoot {}
Module({ imports: [ConfigModule, DatabaseModule, RulesModule, JobHandlersModule] })(ChildRoot);
NestFactory.createApplicationContext(ChildRoot, { logger: false }).then((app) => {
  const handlers = app.get(JobHandlerRegistry).forQueue('${QueueName.Training}');
  new Worker('${QueueName.Training}', (job) => dispatchJob(handlers, job), {
    connection: { url: process.env.REDIS_URL },
    prefix: process.env.QUEUE_PREFIX,
    lockDuration: ${FAST_STALL.lockDuration},
    stalledInterval: ${FAST_STALL.stalledInterval},
  }).on('active', () => process.stdout.write('active\\n'));
});
`;

describe('A worker killed in the middle of a job', () => {
  let database: TestDatabase;
  let config: AppConfig;
  let moduleRef: TestingModule;
  let dataSource: DataSource;
  let queue: Queue;
  let child: ChildProcess | undefined;
  let replacement: Worker | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig(database.url, { QUEUE_PREFIX: `{jl-crash-${randomBytes(4).toString('hex')}}` });
    moduleRef = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, RulesModule, JobHandlersModule] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    dataSource = moduleRef.get(DataSource);
    queue = new Queue(QueueName.Training, { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX });
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await replacement?.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await moduleRef.close();
    await database.drop();
  });

  it('leaves the job to another worker after the lock expires, and the step is applied exactly once', async () => {
    const sponsor = await insertOrganization(dataSource, 'sponsor', 'Sponsor', 'MI');
    const employer = await insertOrganization(dataSource, 'employer', 'Employer', 'MI');
    await linkEmployer(dataSource, sponsor, employer);
    const occupation = await insertOccupation(dataSource, '0159', 'Electrician');
    const { programOccupationId } = await insertProgramWithOccupation(dataSource, { sponsorId: sponsor, state: 'MI', occupationId: occupation });
    await dataSource.query(`UPDATE program_occupations SET wage_step_mode = 'automatic', journeyworker_rate_cents = 4200 WHERE id = $1`, [
      programOccupationId,
    ]);
    await insertWageSchedule(dataSource, programOccupationId, [['hours', 0, 5000], ['hours', 1000, 5500], ['hours', 2000, 6000]]);
    const workProcessId = await insertWorkProcess(dataSource, programOccupationId);
    const registrationId = await insertRegistration(dataSource, { programOccupationId, employerId: employer, startDate: '2024-01-08' });
    await insertHours(dataSource, { registrationId, workProcessId, employerId: employer, fromDate: '2024-02-01', days: 260, hoursPerDay: 8 });

    // The test holds the lock the handler takes first, so the child's job stops in mid-transaction.
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    const lockKey = `${WAGE_STEP_LOCK_PREFIX}${registrationId}`;
    await holder.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [lockKey]);
    try {
      const item: JobItem = { name: JobName.RecomputeWageStep, data: { registrationId } };
      const jobId = jobIdOf(item, 'crash-test');
      await queue.add(item.name, item.data, { jobId, attempts: 5 });

      let output = '';
      child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', CHILD_SCRIPT], {
        cwd: process.cwd(),
        env: {
          PATH: process.env.PATH,
          TS_NODE_PROJECT: 'tsconfig.json',
          NODE_ENV: 'test',
          DATABASE_URL: config.DATABASE_URL,
          REDIS_URL: config.REDIS_URL,
          QUEUE_PREFIX: config.QUEUE_PREFIX,
          JWT_SECRET: config.JWT_SECRET,
          PII_KEYS: config.PII_KEYS,
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));

      // Mid-job: the child took the job and its transaction waits for the lock.
      await waitFor('the child to take the job', async () => (output.includes('active') ? true : undefined), 60000);
      expect(await (await queue.getJob(jobId))!.getState()).toBe('active');
      await waitFor('the child to wait on the lock', async () => {
        const [{ waiting }] = await dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()`,
        );
        return waiting > 0 ? true : undefined;
      });

      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey]);
      await holder.release();
    }
    expect(await dataSource.query(`SELECT step FROM wage_history WHERE registration_id = $1`, [registrationId])).toEqual([]);

    // A fresh worker notices the stalled job once the dead worker's lock has expired and runs it again.
    const handlers = moduleRef.get(JobHandlerRegistry).forQueue(QueueName.Training);
    replacement = new Worker(QueueName.Training, (job: Job) => dispatchJob(handlers, job), {
      connection: { url: config.REDIS_URL },
      prefix: config.QUEUE_PREFIX,
      ...FAST_STALL,
    });
    const jobId = jobIdOf({ name: JobName.RecomputeWageStep, data: { registrationId } }, 'crash-test');
    await waitFor('the job to complete on the new worker', async () => ((await queue.getJobState(jobId)) === 'completed' ? true : undefined));
    // Read once completed: a read taken before the move would lack the return value.
    const job = await queue.getJob(jobId);
    expect(job!.returnvalue).toEqual({ outcome: 'done', applied: [1, 2, 3], proposed: [] });
    // Recovered by the stalled-job check, not by a retry after a failure.
    expect({ stalled: job!.stalledCounter, failedReason: job!.failedReason }).toEqual({ stalled: 1, failedReason: undefined });

    const history = await dataSource.query(
      `SELECT step, count(*)::int AS copies FROM wage_history WHERE registration_id = $1 GROUP BY step ORDER BY step`,
      [registrationId],
    );
    expect(history).toEqual([
      { step: 1, copies: 1 },
      { step: 2, copies: 1 },
      { step: 3, copies: 1 },
    ]);
    const events = await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'wage.step_applied' AND payload->>'registrationId' = $1`,
      [registrationId],
    );
    expect(events).toEqual([{ n: 3 }]);
  }, 150_000);
});
