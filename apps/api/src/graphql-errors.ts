import { GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode, FieldProblem } from '@journeyline/common/domain-error';

/** GraphQL `extensions.code` for each domain error code. */
const GRAPHQL_CODES: Record<ErrorCode, string> = {
  [ErrorCode.Unauthenticated]: 'UNAUTHENTICATED',
  [ErrorCode.Forbidden]: 'FORBIDDEN',
  [ErrorCode.NotFound]: 'NOT_FOUND',
  [ErrorCode.ValidationFailed]: 'BAD_USER_INPUT',
  [ErrorCode.RuleViolation]: 'BAD_USER_INPUT',
  [ErrorCode.IllegalTransition]: 'BAD_USER_INPUT',
  [ErrorCode.Conflict]: 'CONFLICT',
};

// graphql-js's own messages for input that does not fit the schema; we pull the field out of them.
const SCHEMA_INPUT_PATTERNS: RegExp[] = [
  /at "\w+\.(?<parent>[\w.[\]]+)"; Field "(?:\w+\.)?(?<field>\w+)" of required type "[^"]+" was not provided/,
  /Field "(?:\w+\.)?(?<field>\w+)" of required type "[^"]+" was not provided/,
  /Variable "\$\w+" got invalid value .*? at "\w+\.(?<field>[\w.[\]]+)"/,
  /Variable "\$(?<field>\w+)" got invalid value/,
  /Variable "\$(?<field>\w+)" of required type "[^"]+" was not provided/,
  /Variable "\$(?<field>\w+)" of non-null type "[^"]+" must not be null/,
  /Field "(?<field>\w+)" is not defined by type/,
  /Argument "(?<field>\w+)" of required type/,
  /Argument "(?<field>\w+)" has invalid value/,
];

/**
 * Turns every error into a typed GraphQL error: `extensions.code` (UNAUTHENTICATED, FORBIDDEN,
 * NOT_FOUND, BAD_USER_INPUT, CONFLICT, INTERNAL_SERVER_ERROR), `extensions.reason` (the domain
 * code) and `extensions.fields` ([{ field, reason, rule?, source? }]). Unexpected errors are
 * logged and reported without internals.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logUnexpected: (error: unknown) => void,
): GraphQLFormattedError {
  const original = rootCause(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: GRAPHQL_CODES[original.code], reason: original.code, fields: original.problems },
    };
  }
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_PARSE_FAILED') {
    return {
      ...formatted,
      extensions: { code: 'BAD_USER_INPUT', reason: ErrorCode.ValidationFailed, fields: schemaInputProblems(formatted.message) },
    };
  }
  if (code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'BAD_REQUEST' || code === 'OPERATION_RESOLUTION_FAILURE') {
    return formatted;
  }
  logUnexpected(original);
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** The innermost error: GraphQL wraps what resolvers, guards and pipes throw in `originalError`. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && 'originalError' in current && current.originalError) {
    current = current.originalError;
  }
  return current;
}

export function schemaInputProblems(message: string): FieldProblem[] {
  for (const pattern of SCHEMA_INPUT_PATTERNS) {
    const groups = pattern.exec(message)?.groups;
    if (groups?.field) {
      const path = groups.parent ? `${groups.parent}.${groups.field}` : groups.field;
      return [{ field: path.replace(/\[(\d+)\]/g, '.$1'), reason: message }];
    }
  }
  return [];
}
