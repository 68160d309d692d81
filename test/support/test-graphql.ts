import { ApolloDriverConfig } from '@nestjs/apollo';
import { INestApplication, Type } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { graphqlModuleOptions, validationPipe } from '../../apps/api/src/graphql-setup';
import { AccessScope } from '@journeyline/auth/access-scope';
import { AuthModule } from '@journeyline/auth/auth.module';
import { AppConfig } from '@journeyline/config/app-config';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { RulesModule } from '@journeyline/rules/rules.module';
import { createTestDatabase, TestDatabase } from './test-database';
import { testConfig } from './test-config';
import { insertTestActor } from './test-module';

export interface GraphqlResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions: { code: string; reason?: string; fields?: Array<{ field: string; reason: string; rule?: string }> } }>;
}

/** Sends one GraphQL operation over HTTP, as a client would. */
export async function postGraphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphqlResponse<T>;
}

export interface GraphqlTestApp {
  app: INestApplication;
  url: string;
  dataSource: DataSource;
  database: TestDatabase;
  /** The scope every request acts with (no login here); AuthGuard still checks its permissions. */
  scope: AccessScope | undefined;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
  close(): Promise<void>;
}

/**
 * Serves the given feature modules over GraphQL on a private, migrated database and a free port,
 * with the api's GraphQL settings and validation pipe, for resolver tests.
 */
export async function startGraphqlServices(modules: Type<unknown>[]): Promise<GraphqlTestApp> {
  const database = await createTestDatabase();
  // Filled in below; the context reads it on every request, so tests can switch scopes between calls.
  const harness = { scope: undefined } as GraphqlTestApp;
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule,
      DatabaseModule,
      RulesModule,
      GraphQLModule.forRoot<ApolloDriverConfig>(
        graphqlModuleOptions(({ req }: { req: { scope?: AccessScope } }) => {
          req.scope = harness.scope;
          return { req };
        }),
      ),
      AuthModule,
      ...modules,
    ],
    providers: [{ provide: APP_PIPE, useValue: validationPipe() }],
  })
    .overrideProvider(AppConfig)
    .useValue(testConfig(database.url))
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const dataSource = app.get(DataSource);
  await insertTestActor(dataSource);
  return Object.assign(harness, {
    app,
    url,
    dataSource,
    database,
    gql: <T>(query: string, variables: Record<string, unknown> = {}) => postGraphql<T>(url, query, variables),
    async close() {
      await app.close();
      await database.drop();
    },
  });
}
