import { JobItem, JobName } from './job-registry';
import type { EventRoutes } from './outbox-relay';

/**
 * Which jobs each outbox topic starts. Ids are passed through as they are: the worker validates
 * payloads when it consumes them, so a malformed event shows up as a failed job, not a lost one.
 */
const forRegistration =
  (...names: Array<JobName.RecomputeWageStep | JobName.RefreshAlerts>) =>
  (payload: Record<string, unknown>): JobItem[] =>
    names.map((name) => ({ name, data: { registrationId: String(payload.registrationId) } }));

export const OUTBOX_EVENT_ROUTES: EventRoutes = {
  'hours.approved': forRegistration(JobName.RecomputeWageStep, JobName.RefreshAlerts),
  'hours.imported': forRegistration(JobName.RecomputeWageStep, JobName.RefreshAlerts),
  'registration.created': forRegistration(JobName.RecomputeWageStep, JobName.RefreshAlerts),
  'registration.status_changed': forRegistration(JobName.RecomputeWageStep, JobName.RefreshAlerts),
  'rti.recorded': forRegistration(JobName.RefreshAlerts),
  'wage.step_applied': forRegistration(JobName.RefreshAlerts),
  'wage.step_declined': forRegistration(JobName.RefreshAlerts),
  'journeyworkers.recorded': (payload) => [
    { name: JobName.RefreshEmployerAlerts, data: { employerId: String(payload.employerId) } },
  ],
  // Credentials do not move wages or alerts yet; listed so the topic is known and simply acknowledged.
  'credential.earned': () => [],
};
