import { DomainError, ErrorCode } from '@journeyline/common/domain-error';

/** The lifecycle of an apprenticeship agreement, after the RAPIDS apprentice statuses. */
export const REGISTRATION_STATUSES = [
  'pending',
  'registered',
  'suspended',
  'reinstated',
  'completed',
  'cancelled',
  'transferred',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const ALLOWED_TRANSITIONS: Record<RegistrationStatus, readonly RegistrationStatus[]> = {
  pending: ['registered', 'cancelled'],
  registered: ['suspended', 'completed', 'cancelled', 'transferred'],
  suspended: ['reinstated', 'cancelled'],
  reinstated: ['suspended', 'completed', 'cancelled', 'transferred'],
  completed: [],
  cancelled: [],
  transferred: [],
};

/** The RAPIDS apprentice status code of each status. */
export const RAPIDS_STATUS_CODE: Record<RegistrationStatus, string> = {
  pending: 'PR',
  registered: 'RE',
  suspended: 'SU',
  reinstated: 'RI',
  completed: 'CO',
  cancelled: 'CA',
  transferred: 'TR',
};

export const MAX_REASON_LENGTH = 500;

export interface RegistrationState {
  status: RegistrationStatus;
  /** Effective date of the latest status change. */
  statusDate: string;
  startDate: string;
  probationEndDate: string;
}

export interface TransitionPlan {
  /**
   * The change takes effect before probation ends. It matters for cancellations: a probationary
   * cancellation does not count against the sponsor's completion rate (29 CFR 29.6(d)).
   */
  duringProbation: boolean;
}

/** Checks a status change against the lifecycle and its dates (all 'YYYY-MM-DD'); throws when it is not allowed. */
export function planTransition(
  current: RegistrationState,
  to: RegistrationStatus,
  effectiveDate: string,
  today: string,
): TransitionPlan {
  if (!ALLOWED_TRANSITIONS[current.status].includes(to)) {
    const reason = `cannot go from ${current.status} to ${to}`;
    throw new DomainError(ErrorCode.IllegalTransition, `Illegal status change: ${reason}`, [{ field: 'toStatus', reason }]);
  }
  if (effectiveDate > today) throw DomainError.invalidField('effectiveDate', 'must not be in the future');
  if (effectiveDate < current.startDate) {
    throw DomainError.invalidField('effectiveDate', `must not be before the start date (${current.startDate})`);
  }
  if (effectiveDate < current.statusDate) {
    throw DomainError.invalidField('effectiveDate', `must not be before the last status change (${current.statusDate})`);
  }
  return { duringProbation: effectiveDate < current.probationEndDate };
}

/** Every status change is recorded with why it happened. Returns the trimmed reason. */
export function checkReason(reason: string, field = 'reason'): string {
  const trimmed = reason.trim();
  if (trimmed.length < 1 || trimmed.length > MAX_REASON_LENGTH) {
    throw DomainError.invalidField(field, `must be 1 to ${MAX_REASON_LENGTH} characters`);
  }
  return trimmed;
}
