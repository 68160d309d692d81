import { Job, UnrecoverableError } from 'bullmq';
import { dispatchJob, handlersForQueue } from '@journeyline/jobs/job-dispatch';
import { JobName, QUEUE_OF, QueueName } from '@journeyline/jobs/job-registry';
import { buildJobHandlers, JobServices } from './job-handlers';

const REGISTRATION = '3f0c6f0e-8d3b-4c39-9a53-0d7e2a4b9c11';
const EMPLOYER = '9b7e2f4a-1c3d-4e5f-8a6b-7c8d9e0f1a2b';
const RUN = '5d1e8c2b-7a4f-4b3e-9c6d-2e1f0a9b8c7d';

function services() {
  const calls: string[] = [];
  const record = (call: string) => {
    calls.push(call);
    return Promise.resolve(call);
  };
  const jobServices: JobServices = {
    wageSteps: { recompute: (id) => record(`recompute ${id}`) as never },
    alerts: {
      refreshRegistration: (id) => record(`refresh ${id}`) as never,
      refreshEmployer: (id) => record(`employer ${id}`) as never,
    },
    sweep: { sweep: () => record('sweep') as never },
    reports: { generate: (id, attempt) => record(`report ${id} attempt ${attempt?.attempt} of ${attempt?.attempts}`) as never },
    vaSchedule: { requestMonthlyRuns: () => record('va monthly') as never },
    outcomes: {
      refresh: (id) => record(`outcomes ${id}`),
      rebuild: (id, attempt) => record(`rebuild ${id} attempt ${attempt.attempt} of ${attempt.attempts}`),
      check: (id, attempt) => record(`check ${id} attempt ${attempt.attempt} of ${attempt.attempts}`),
    },
  };
  return { calls, jobServices };
}

const job = (name: string, data: unknown, attemptsMade = 0) =>
  ({ name, data, attemptsMade, opts: { attempts: 5 }, updateProgress: () => Promise.resolve() }) as unknown as Job;

describe('worker job handlers', () => {
  it('has exactly one handler for every job name, on exactly one queue', () => {
    const handlers = buildJobHandlers(services().jobServices);
    expect(Object.keys(handlers).sort()).toEqual(Object.values(JobName).sort());
    for (const name of Object.values(JobName)) {
      const queues = Object.values(QueueName).filter((queue) => name in handlersForQueue(handlers, queue));
      expect({ name, queues }).toEqual({ name, queues: [QUEUE_OF[name]] });
    }
  });

  it('routes each job to its service with the validated payload', async () => {
    const { calls, jobServices } = services();
    const handlers = buildJobHandlers(jobServices);
    const training = handlersForQueue(handlers, QueueName.Training);
    await dispatchJob(training, job(JobName.RecomputeWageStep, { registrationId: REGISTRATION }));
    await dispatchJob(training, job(JobName.RefreshAlerts, { registrationId: REGISTRATION }));
    await dispatchJob(training, job(JobName.RefreshEmployerAlerts, { employerId: EMPLOYER }));
    await dispatchJob(handlersForQueue(handlers, QueueName.Maintenance), job(JobName.SweepAlerts, {}));
    const reports = handlersForQueue(handlers, QueueName.Reports);
    await dispatchJob(reports, job(JobName.GenerateReport, { runId: RUN }, 4));
    await dispatchJob(reports, job(JobName.RequestVaMonthlyRuns, {}));
    await dispatchJob(handlersForQueue(handlers, QueueName.Outcomes), job(JobName.RefreshOutcomeFacts, { registrationId: REGISTRATION }));
    await dispatchJob(handlersForQueue(handlers, QueueName.Maintenance), job(JobName.RebuildOutcomes, { runId: RUN }, 1));
    await dispatchJob(handlersForQueue(handlers, QueueName.Maintenance), job(JobName.CheckOutcomeConsistency, { runId: RUN }));
    expect(calls).toEqual([
      `recompute ${REGISTRATION}`,
      `refresh ${REGISTRATION}`,
      `employer ${EMPLOYER}`,
      'sweep',
      `report ${RUN} attempt 5 of 5`,
      'va monthly',
      `outcomes ${REGISTRATION}`,
      `rebuild ${RUN} attempt 2 of 5`,
      `check ${RUN} attempt 1 of 5`,
    ]);
  });

  it('fails unknown names and jobs sent to the wrong queue for good', async () => {
    const { calls, jobServices } = services();
    const handlers = buildJobHandlers(jobServices);
    await expect(dispatchJob(handlersForQueue(handlers, QueueName.Training), job('delete-everything', {}))).rejects.toThrow(
      UnrecoverableError,
    );
    await expect(dispatchJob(handlersForQueue(handlers, QueueName.Training), job(JobName.SweepAlerts, {}))).rejects.toThrow(
      'No handler for job "sweep-alerts" on this queue',
    );
    expect(calls).toEqual([]);
  });

  it('fails a job with a malformed payload without calling its service', async () => {
    const { calls, jobServices } = services();
    const training = handlersForQueue(buildJobHandlers(jobServices), QueueName.Training);
    for (const data of [{ registrationId: 'undefined' }, {}, null, 'x', { registrationId: REGISTRATION, extra: 1 }]) {
      await expect(dispatchJob(training, job(JobName.RecomputeWageStep, data))).rejects.toThrow(UnrecoverableError);
    }
    expect(calls).toEqual([]);
  });
});
