import { assertHandlers, JobHandlers } from './job-dispatch';
import { parseJobPayload } from './job-payloads';
import { JobItem, jobIdOf, JobName } from './job-registry';
import { OUTBOX_EVENT_ROUTES } from './event-routes';

const REGISTRATION = '3f0c6f0e-8d3b-4c39-9a53-0d7e2a4b9c11';

describe('jobIdOf', () => {
  it('is deterministic per job, subject and origin, and free of ":" (BullMQ rejects it)', () => {
    const item: JobItem = { name: JobName.RecomputeWageStep, data: { registrationId: REGISTRATION } };
    expect(jobIdOf(item, '42')).toBe(`recompute-wage-step.${REGISTRATION}.42`);
    expect(jobIdOf(item, '42')).toBe(jobIdOf({ ...item }, '42'));
    expect(jobIdOf(item, '43')).not.toBe(jobIdOf(item, '42'));
    expect(jobIdOf({ name: JobName.SweepAlerts, data: {} }, 'sweep-2024-07-01')).toBe('sweep-alerts.all.sweep-2024-07-01');
    expect(jobIdOf({ name: JobName.RefreshEmployerAlerts, data: { employerId: 'e' } }, '7')).not.toContain(':');
  });
});

describe('parseJobPayload', () => {
  it('returns the payload as a plain object when it is valid', () => {
    expect(parseJobPayload(JobName.RefreshAlerts, { registrationId: REGISTRATION })).toEqual({ registrationId: REGISTRATION });
    expect(parseJobPayload(JobName.SweepAlerts, {})).toEqual({});
  });

  it('names the problem when it is not', () => {
    expect(() => parseJobPayload(JobName.RefreshAlerts, { registrationId: '12' })).toThrow(
      'Job refresh-alerts: invalid payload: registrationId must be a UUID',
    );
    expect(() => parseJobPayload(JobName.SweepAlerts, { registrationId: REGISTRATION })).toThrow('should not exist');
  });
});

describe('assertHandlers', () => {
  it('refuses a table with a missing or unknown handler', () => {
    const noop = async () => undefined;
    const complete = Object.fromEntries(Object.values(JobName).map((name) => [name, noop])) as unknown as JobHandlers;
    expect(() => assertHandlers(complete)).not.toThrow();
    const { [JobName.SweepAlerts]: _missing, ...partial } = complete;
    expect(() => assertHandlers(partial as JobHandlers)).toThrow('no handler for sweep-alerts');
    expect(() => assertHandlers({ ...complete, 'old-job': noop } as JobHandlers)).toThrow('handler for unknown job old-job');
  });
});

describe('OUTBOX_EVENT_ROUTES', () => {
  const route = (topic: string, payload: Record<string, unknown>) => OUTBOX_EVENT_ROUTES[topic](payload);
  const recompute = { name: JobName.RecomputeWageStep, data: { registrationId: REGISTRATION } };
  const refresh = { name: JobName.RefreshAlerts, data: { registrationId: REGISTRATION } };
  const outcomes = { name: JobName.RefreshOutcomeFacts, data: { registrationId: REGISTRATION } };

  it('recomputes wages, refreshes alerts and outcome rollups when hours or registrations change', () => {
    for (const topic of ['hours.approved', 'hours.imported', 'registration.created']) {
      expect(route(topic, { registrationId: REGISTRATION })).toEqual([recompute, refresh, outcomes]);
    }
    expect(
      route('registration.status_changed', { registrationId: REGISTRATION, from: 'pending', to: 'registered', effectiveDate: '2024-01-02' }),
    ).toEqual([recompute, refresh, outcomes]);
  });

  it('only refreshes alerts (and outcome rollups) after RTI and wage decisions, and ignores credentials', () => {
    expect(route('rti.recorded', { registrationId: REGISTRATION })).toEqual([refresh, outcomes]);
    expect(route('wage.step_applied', { registrationId: REGISTRATION, step: 2 })).toEqual([refresh, outcomes]);
    expect(route('wage.step_declined', { registrationId: REGISTRATION, step: 2 })).toEqual([refresh]);
    expect(route('employer.government_body_changed', { registrationId: REGISTRATION, employerId: REGISTRATION })).toEqual([refresh]);
    expect(route('journeyworkers.recorded', { employerId: REGISTRATION })).toEqual([
      { name: JobName.RefreshEmployerAlerts, data: { employerId: REGISTRATION } },
    ]);
    expect(route('credential.earned', { registrationId: REGISTRATION })).toEqual([]);
  });

  it('generates a report when a run is requested, with an id per run', () => {
    expect(route('report.requested', { runId: REGISTRATION })).toEqual([{ name: JobName.GenerateReport, data: { runId: REGISTRATION } }]);
    expect(jobIdOf({ name: JobName.GenerateReport, data: { runId: REGISTRATION } }, '7')).toBe(`generate-report.${REGISTRATION}.7`);
  });

  it('rebuilds or checks the outcome rollups when an administrator asks, one job per run', () => {
    expect(route('outcomes.rebuild_requested', { runId: REGISTRATION })).toEqual([{ name: JobName.RebuildOutcomes, data: { runId: REGISTRATION } }]);
    expect(route('outcomes.consistency_check_requested', { runId: REGISTRATION })).toEqual([
      { name: JobName.CheckOutcomeConsistency, data: { runId: REGISTRATION } },
    ]);
    expect(jobIdOf({ name: JobName.RebuildOutcomes, data: { runId: REGISTRATION } }, '9')).toBe(`rebuild-outcomes.${REGISTRATION}.9`);
  });
});
