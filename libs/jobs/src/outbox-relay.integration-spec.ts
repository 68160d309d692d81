import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection, createServer } from 'node:net';
import { Queue } from 'bullmq';
import { publishInTransaction } from '@journeyline/database/audit';
import { testConfig } from '../../../test/support/test-config';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { waitFor } from '../../../test/support/wait-for';
import { OUTBOX_EVENT_ROUTES } from './event-routes';
import { JobName, jobIdOf, QueueName } from './job-registry';
import { OutboxRelay } from './outbox-relay';
import { producerConnection } from './queue-options';

const REGISTRATION = '5d0c2b7e-2f41-4d8a-9a7b-6c1e3f2a9b40';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Polls `check` until it returns a value other than undefined, for at most `ms`. */
/** A private redis-server this test starts and stops, so the shared one is never disturbed. */
class PrivateRedis {
  private process: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitFor('redis to listen', async () => ((await portOpen(this.port)) ? true : undefined));
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await waitFor('redis to stop listening', async () => ((await portOpen(this.port)) ? undefined : true));
  }
}

describe('Outbox relay and Redis outages', () => {
  let harness: ServiceHarness;
  let redis: PrivateRedis;
  let queues: Map<QueueName, Queue>;
  let relay: OutboxRelay;

  const outboxRow = async (id: string) =>
    (await harness.dataSource.query(`SELECT published_at, attempts, last_error FROM outbox WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    harness = await startServices([]);
    redis = new PrivateRedis(await freePort());
    await redis.start();
    const prefix = `{jl-relay-${randomBytes(4).toString('hex')}}`;
    queues = new Map(
      Object.values(QueueName).map((name) => [name, new Queue(name, { connection: producerConnection(redis.url), prefix })]),
    );
    for (const queue of queues.values()) queue.on('error', () => undefined);
    await Promise.all([...queues.values()].map((queue) => queue.waitUntilReady()));
    // Not bootstrapped: the test drives relayOnce itself instead of the polling loop.
    relay = new OutboxRelay(harness.dataSource, testConfig(harness.database.url), queues, OUTBOX_EVENT_ROUTES);
  });

  afterAll(async () => {
    await Promise.all([...queues.values()].map((queue) => queue.close()));
    await redis.stop();
    await harness.close();
  });

  it('keeps writes committing and events waiting while Redis is down, then publishes each job exactly once', async () => {
    await redis.stop();

    // The write does not touch Redis, so it commits regardless.
    const [event] = await harness.dataSource.transaction(async (manager) => {
      await publishInTransaction(manager, 'hours.approved', { registrationId: REGISTRATION });
      return manager.query(`SELECT id::text FROM outbox ORDER BY id DESC LIMIT 1`);
    });
    expect(await outboxRow(event.id)).toMatchObject({ published_at: null, attempts: 0 });

    await expect(relay.relayOnce()).rejects.toThrow();
    const failed = await outboxRow(event.id);
    expect(failed).toMatchObject({ published_at: null, attempts: 1 });
    expect(failed.last_error).toEqual(expect.any(String));

    await redis.start();
    // ioredis reconnects on its own back-off; until then relayOnce keeps failing and the event keeps waiting.
    const published = await waitFor('the relay to publish', () => relay.relayOnce().then((count) => (count ? count : undefined), () => undefined));
    expect(published).toBe(1);
    expect((await outboxRow(event.id)).published_at).toBeInstanceOf(Date);

    const training = queues.get(QueueName.Training)!;
    const recomputeId = jobIdOf({ name: JobName.RecomputeWageStep, data: { registrationId: REGISTRATION } }, event.id);
    const refreshId = jobIdOf({ name: JobName.RefreshAlerts, data: { registrationId: REGISTRATION } }, event.id);
    expect((await training.getJob(recomputeId))?.data).toEqual({ registrationId: REGISTRATION });
    expect((await training.getJob(refreshId))?.name).toBe(JobName.RefreshAlerts);
    expect(await training.getWaitingCount()).toBe(2);

    // Nothing left to relay; and a relay that crashed after adding but before marking the event
    // published re-sends the same job ids, which BullMQ ignores.
    expect(await relay.relayOnce()).toBe(0);
    await harness.dataSource.query(`UPDATE outbox SET published_at = NULL WHERE id = $1`, [event.id]);
    expect(await relay.relayOnce()).toBe(1);
    expect(await training.getWaitingCount()).toBe(2);
  }, 60_000);

  it('gives up on a Redis that never came up within the publish timeout, leaving the event in Postgres', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const unreachable = new Map(
      Object.values(QueueName).map((name) => [name, new Queue(name, { connection: producerConnection(nowhere), prefix: '{jl-nowhere}' })]),
    );
    for (const queue of unreachable.values()) queue.on('error', () => undefined);
    const stranded = new OutboxRelay(harness.dataSource, testConfig(harness.database.url), unreachable, OUTBOX_EVENT_ROUTES);
    try {
      await publishInTransaction(harness.dataSource.manager, 'rti.recorded', { registrationId: REGISTRATION });
      await expect(stranded.relayOnce()).rejects.toThrow('Redis is not reachable (queue training)');
      const [row] = await harness.dataSource.query(`SELECT published_at, attempts FROM outbox WHERE topic = 'rti.recorded'`);
      expect(row).toEqual({ published_at: null, attempts: 1 });
    } finally {
      await Promise.all([...unreachable.values()].map((queue) => queue.close()));
    }
  }, 30_000);
});
