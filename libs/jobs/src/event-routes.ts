import { JobItem, JobName } from './job-registry';
import type { EventRoutes } from './outbox-relay';

/**
 * Which jobs each outbox topic starts. Ids are passed through as they are: the worker validates
 * payloads when it consumes them, so a malformed event shows up as a failed job, not a lost one.
 */
const forRegistration =
  (...names: Array<JobName.RecomputeWageStep | JobName.RefreshAlerts | JobName.RefreshOutcomeFacts>) =>
  (payload: Record<string, unknown>): JobItem[] =>
    names.map((name) => ({ name, data: { registrationId: String(payload.registrationId) } }));

export const OUTBOX_EVENT_ROUTES: EventRoutes = {
  'hours.approved': forRegistration(JobName.RecomputeWageStep, JobName.RefreshAlerts, JobName.RefreshOutcomeFacts),
  'hours.imported': forRegistration(JobName.RecomputeWageStep, JobName.RefreshAlerts, JobName.RefreshOutcomeFacts),
  'registration.created': forRegistration(JobName.RecomputeWageStep, JobName.RefreshAlerts, JobName.RefreshOutcomeFacts),
  'registration.status_changed': forRegistration(JobName.RecomputeWageStep, JobName.RefreshAlerts, JobName.RefreshOutcomeFacts),
  'rti.recorded': forRegistration(JobName.RefreshAlerts, JobName.RefreshOutcomeFacts),
  'wage.step_applied': forRegistration(JobName.RefreshAlerts, JobName.RefreshOutcomeFacts),
  'wage.step_declined': forRegistration(JobName.RefreshAlerts),
  // VA's wage rule depends on whether the employer is a government body.
  'employer.government_body_changed': forRegistration(JobName.RefreshAlerts),
  'journeyworkers.recorded': (payload) => [
    { name: JobName.RefreshEmployerAlerts, data: { employerId: String(payload.employerId) } },
  ],
  // Credentials do not move wages or alerts yet; listed so the topic is known and simply acknowledged.
  'credential.earned': () => [],
  'report.requested': (payload) => [{ name: JobName.GenerateReport, data: { runId: String(payload.runId) } }],
  'outcomes.rebuild_requested': (payload) => [{ name: JobName.RebuildOutcomes, data: { runId: String(payload.runId) } }],
  'outcomes.consistency_check_requested': (payload) => [
    { name: JobName.CheckOutcomeConsistency, data: { runId: String(payload.runId) } },
  ],
};
