import { plainToInstance } from 'class-transformer';
import { IsUUID, validateSync } from 'class-validator';
import { UnrecoverableError } from 'bullmq';
import { JobData, JobName } from './job-registry';

class RegistrationJobPayload {
  @IsUUID('all', { message: 'registrationId must be a UUID' })
  registrationId: string;
}

class EmployerJobPayload {
  @IsUUID('all', { message: 'employerId must be a UUID' })
  employerId: string;
}

class ReportRunJobPayload {
  @IsUUID('all', { message: 'runId must be a UUID' })
  runId: string;
}

class OutcomeRunJobPayload {
  @IsUUID('all', { message: 'runId must be a UUID' })
  runId: string;
}

/** The payload's class, or null for jobs that take an empty object. */
const PAYLOAD_CLASSES: Record<JobName, (new () => object) | null> = {
  [JobName.RecomputeWageStep]: RegistrationJobPayload,
  [JobName.RefreshAlerts]: RegistrationJobPayload,
  [JobName.RefreshEmployerAlerts]: EmployerJobPayload,
  [JobName.SweepAlerts]: null,
  [JobName.GenerateReport]: ReportRunJobPayload,
  [JobName.RequestVaMonthlyRuns]: null,
  [JobName.RefreshOutcomeFacts]: RegistrationJobPayload,
  [JobName.RebuildOutcomes]: OutcomeRunJobPayload,
  [JobName.CheckOutcomeConsistency]: OutcomeRunJobPayload,
};

/**
 * Checks a payload read back from Redis. ValidationPipe never sees queued jobs, and a job may have
 * been written by an older deploy, so the worker checks again. A bad payload can never succeed,
 * so it fails the job without retries (UnrecoverableError).
 */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobData<N> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UnrecoverableError(`Job ${name}: payload must be an object`);
  }
  const payloadClass = PAYLOAD_CLASSES[name];
  if (!payloadClass) {
    const unexpected = Object.keys(data);
    if (unexpected.length) throw new UnrecoverableError(`Job ${name}: invalid payload: ${unexpected.join(', ')} should not exist`);
    return {} as JobData<N>;
  }
  const payload = plainToInstance(payloadClass, data);
  const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const reasons = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new UnrecoverableError(`Job ${name}: invalid payload: ${reasons.join('; ')}`);
  }
  return { ...payload } as JobData<N>;
}
