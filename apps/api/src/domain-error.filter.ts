import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.RuleViolation]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.IllegalTransition]: HttpStatus.CONFLICT,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
};

/**
 * Domain errors are expected outcomes (bad input, no access), not faults: they go back to the
 * caller without being logged as errors. GraphQL hands them to formatGraphqlError; plain HTTP routes
 * answer with a status and the same fields.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return error;
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(HTTP_STATUS[error.code])
      .json({ error: error.code, message: error.message, fields: error.problems });
    return undefined;
  }
}
