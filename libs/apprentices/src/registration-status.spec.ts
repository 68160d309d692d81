import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import {
  ALLOWED_TRANSITIONS,
  checkReason,
  planTransition,
  RAPIDS_STATUS_CODE,
  REGISTRATION_STATUSES,
  RegistrationState,
  RegistrationStatus,
} from './registration-status';

const TODAY = '2024-06-30';
const state = (status: RegistrationStatus, overrides: Partial<RegistrationState> = {}): RegistrationState => ({
  status,
  statusDate: '2024-02-01',
  startDate: '2024-01-15',
  probationEndDate: '2024-04-15',
  ...overrides,
});

function thrown(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

describe('planTransition', () => {
  const allowed: Array<[RegistrationStatus, RegistrationStatus]> = [
    ['pending', 'registered'],
    ['pending', 'cancelled'],
    ['registered', 'suspended'],
    ['registered', 'completed'],
    ['registered', 'cancelled'],
    ['registered', 'transferred'],
    ['suspended', 'reinstated'],
    ['suspended', 'cancelled'],
    ['reinstated', 'suspended'],
    ['reinstated', 'completed'],
    ['reinstated', 'cancelled'],
    ['reinstated', 'transferred'],
  ];

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(planTransition(state(from), to, '2024-06-01', TODAY)).toEqual({ duringProbation: false });
  });

  it('allows exactly the listed transitions and no others', () => {
    const all = REGISTRATION_STATUSES.flatMap((from) => REGISTRATION_STATUSES.map((to) => [from, to] as const));
    const permitted = all.filter(([from, to]) => ALLOWED_TRANSITIONS[from].includes(to));
    expect(permitted).toEqual(expect.arrayContaining(allowed));
    expect(permitted).toHaveLength(allowed.length);
  });

  it.each<[RegistrationStatus, RegistrationStatus]>([
    ['pending', 'pending'],
    ['pending', 'suspended'],
    ['pending', 'completed'],
    ['pending', 'transferred'],
    ['pending', 'reinstated'],
    ['registered', 'registered'],
    ['registered', 'reinstated'],
    ['registered', 'pending'],
    ['suspended', 'completed'],
    ['suspended', 'transferred'],
    ['suspended', 'registered'],
    ['reinstated', 'registered'],
    ['completed', 'registered'],
    ['completed', 'cancelled'],
    ['cancelled', 'reinstated'],
    ['cancelled', 'registered'],
    ['transferred', 'registered'],
    ['transferred', 'cancelled'],
  ])('forbids %s → %s as an illegal transition on toStatus', (from, to) => {
    const error = thrown(() => planTransition(state(from), to, '2024-06-01', TODAY));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.IllegalTransition);
    expect(error.problems).toEqual([{ field: 'toStatus', reason: `cannot go from ${from} to ${to}` }]);
  });

  it('treats completed, cancelled and transferred as final', () => {
    for (const status of ['completed', 'cancelled', 'transferred'] as const) expect(ALLOWED_TRANSITIONS[status]).toEqual([]);
  });

  it.each([
    ['in the future', '2024-07-01', 'future'],
    ['before the start date', '2024-01-13', 'start date'],
    ['before the last status change', '2024-01-31', 'last status change'],
  ])('rejects an effective date %s on effectiveDate', (_label, effectiveDate, words) => {
    const error = thrown(() =>
      planTransition(state('registered', { startDate: '2024-01-14', statusDate: '2024-02-01' }), 'suspended', effectiveDate, TODAY),
    );
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.problems[0].field).toBe('effectiveDate');
    expect(error.problems[0].reason).toContain(words);
  });

  it('rejects an effective date before the start date even when the status date is earlier', () => {
    const error = thrown(() =>
      planTransition(state('pending', { statusDate: '2024-01-01', startDate: '2024-01-15' }), 'registered', '2024-01-10', TODAY),
    );
    expect(error.problems[0]).toMatchObject({ field: 'effectiveDate', reason: expect.stringContaining('start date') });
  });

  it('accepts the boundaries: today, the start date and the last status date', () => {
    expect(() => planTransition(state('registered'), 'suspended', TODAY, TODAY)).not.toThrow();
    expect(() => planTransition(state('registered'), 'suspended', '2024-02-01', TODAY)).not.toThrow();
    expect(() =>
      planTransition(state('pending', { statusDate: '2024-01-15' }), 'registered', '2024-01-15', TODAY),
    ).not.toThrow();
  });

  it('flags changes before the probation end date as during probation, and not from that date on', () => {
    expect(planTransition(state('registered'), 'cancelled', '2024-04-14', TODAY)).toEqual({ duringProbation: true });
    expect(planTransition(state('registered'), 'cancelled', '2024-04-15', TODAY)).toEqual({ duringProbation: false });
    expect(planTransition(state('pending', { statusDate: '2024-01-15' }), 'cancelled', '2024-01-20', TODAY)).toEqual({
      duringProbation: true,
    });
  });

  it('checks the transition before the dates', () => {
    const error = thrown(() => planTransition(state('completed'), 'registered', '2030-01-01', TODAY));
    expect(error.code).toBe(ErrorCode.IllegalTransition);
  });
});

describe('RAPIDS_STATUS_CODE', () => {
  it('maps every status to its RAPIDS code', () => {
    expect(RAPIDS_STATUS_CODE).toEqual({
      pending: 'PR',
      registered: 'RE',
      suspended: 'SU',
      reinstated: 'RI',
      completed: 'CO',
      cancelled: 'CA',
      transferred: 'TR',
    });
  });
});

describe('checkReason', () => {
  it('trims and accepts 1 to 500 characters', () => {
    expect(checkReason('  left for another trade ')).toBe('left for another trade');
    expect(checkReason('x'.repeat(500))).toHaveLength(500);
  });

  it.each(['', '   ', 'x'.repeat(501)])('rejects %p on the reason field', (reason) => {
    expect(thrown(() => checkReason(reason)).problems[0].field).toBe('reason');
  });
});
