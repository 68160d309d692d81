import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, ValidationPipe } from '@nestjs/common';
import { validationErrorFactory } from '@journeyline/common/validation';
import { formatGraphqlError } from './graphql-errors';

const logger = new Logger('GraphQL');

/** What the GraphQL context is built from for each request. */
export type GraphqlContextFactory = (args: { req: any }) => object;

/**
 * GraphQL settings shared by the real api and the resolver tests, so tests see the same schema
 * options and error format as clients. Tests pass their own `context` to act with a chosen scope.
 */
export function graphqlModuleOptions(context: GraphqlContextFactory = ({ req }) => ({ req })): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    // Built in memory; `npm run schema:print` writes apps/api/schema.gql, and a test keeps it current.
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    context,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatGraphqlError(formatted, error, (unexpected) => logger.error(unexpected)),
  };
}

/** The global pipe: validator failures become field-level BAD_USER_INPUT errors; unknown fields are refused. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: validationErrorFactory,
  });
}
