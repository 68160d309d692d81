/**
 * Errors raised by services. They carry a stable code and, where one input field is at fault,
 * the field's path, so the API edge can turn them into typed GraphQL errors. Services never import
 * GraphQL error classes.
 */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  ValidationFailed = 'VALIDATION_FAILED',
  RuleViolation = 'RULE_VIOLATION',
  IllegalTransition = 'ILLEGAL_TRANSITION',
  Conflict = 'CONFLICT',
}

export interface FieldProblem {
  /** Dotted path of the input field, e.g. "input.workProcesses.0.title". */
  field: string;
  /** Human-readable reason. */
  reason: string;
  /** Machine-readable rule id, e.g. "standards.time_based_min_ojt_hours". */
  rule?: string;
  /** Where the rule comes from, e.g. "29 CFR 29.4". */
  source?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(problems: FieldProblem[]): DomainError {
    const summary = problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ');
    return new DomainError(ErrorCode.ValidationFailed, `Invalid input: ${summary}`, problems);
  }

  static invalidField(field: string, reason: string, rule?: string, source?: string): DomainError {
    return DomainError.validation([{ field, reason, rule, source }]);
  }

  /**
   * An id that does not exist or that the caller may not see. Both read the same, so a foreign
   * tenant's ids cannot be probed.
   */
  static notFound(entity: string, field: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${entity} not found`, [
      { field, reason: `no ${entity} with this id is visible to you` },
    ]);
  }

  static forbidden(reason: string): DomainError {
    return new DomainError(ErrorCode.Forbidden, reason);
  }
}
