import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { formatGraphqlError, schemaInputProblems } from './graphql-errors';

const noLog = () => undefined;

describe('formatGraphqlError', () => {
  it('maps domain errors to typed codes with the failing fields', () => {
    const error = new GraphQLError('x', { originalError: DomainError.invalidField('startDate', 'must not be in the future') });
    const formatted = formatGraphqlError({ message: 'x', path: ['registerApprentice'] }, error, noLog);
    expect(formatted).toEqual({
      message: 'Invalid input: startDate: must not be in the future',
      path: ['registerApprentice'],
      locations: undefined,
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: ErrorCode.ValidationFailed,
        fields: [{ field: 'startDate', reason: 'must not be in the future', rule: undefined, source: undefined }],
      },
    });
  });

  it.each([
    [ErrorCode.Unauthenticated, 'UNAUTHENTICATED'],
    [ErrorCode.Forbidden, 'FORBIDDEN'],
    [ErrorCode.NotFound, 'NOT_FOUND'],
    [ErrorCode.RuleViolation, 'BAD_USER_INPUT'],
    [ErrorCode.IllegalTransition, 'BAD_USER_INPUT'],
    [ErrorCode.Conflict, 'CONFLICT'],
  ])('maps %s to %s', (code, graphqlCode) => {
    const error = new GraphQLError('x', { originalError: new DomainError(code, 'm') });
    expect(formatGraphqlError({ message: 'x' }, error, noLog).extensions).toMatchObject({ code: graphqlCode, reason: code });
  });

  it('hides unexpected errors and logs them', () => {
    const logged: unknown[] = [];
    const error = new GraphQLError('x', { originalError: new Error('connection refused at 10.0.0.5') });
    const formatted = formatGraphqlError({ message: 'connection refused at 10.0.0.5' }, error, (e) => logged.push(e));
    expect(formatted.message).toBe('Internal server error');
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(logged).toHaveLength(1);
  });

  it('names the field in schema-level input errors', () => {
    const formatted = formatGraphqlError(
      {
        message: 'Field "startDate" of required type "String!" was not provided.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
      new GraphQLError('x'),
      noLog,
    );
    expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'startDate' }] });
  });

  it('names the full path of a missing nested field', () => {
    expect(
      schemaInputProblems(
        'Variable "$input" got invalid value { apprentices: 1 } at "input.occupations[0].ratio"; Field "journeyworkers" of required type "Int!" was not provided.',
      ),
    ).toEqual([{ field: 'occupations.0.ratio.journeyworkers', reason: expect.any(String) }]);
  });

  it('extracts the path from variable coercion errors', () => {
    expect(
      schemaInputProblems('Variable "$input" got invalid value "x" at "input.hours"; Float cannot represent non numeric value: "x"'),
    ).toEqual([{ field: 'hours', reason: expect.any(String) }]);
  });
});
