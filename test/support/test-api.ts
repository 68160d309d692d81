import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureHttp } from '../../apps/api/src/http-setup';
import { JsonLogger } from '@journeyline/common/json-logger';
import { AppConfig } from '@journeyline/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';
import { testConfig } from './test-config';
import { GraphqlResponse, postGraphql } from './test-graphql';

export type { GraphqlResponse };

export interface TestApi {
  app: INestApplication;
  url: string;
  database: TestDatabase;
  config: AppConfig;
  /** Sends one GraphQL operation over HTTP, as a client would. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Boots the real api on a private database and a free port. */
export async function startTestApi(): Promise<TestApi> {
  const database = await createTestDatabase();
  const config = testConfig(database.url);
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    logger: new JsonLogger('api-test', 'error'),
    bodyParser: false,
  });
  configureHttp(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const gql: TestApi['gql'] = (query, variables, token) => postGraphql(url, query, variables, token);

  return {
    app,
    url,
    database,
    config,
    gql,
    async login(email, password = DEMO_PASSWORD) {
      const result = await gql<{ login: { token: string } }>(
        `mutation($input: LoginInput!) { login(input: $input) { token } }`,
        { input: { email, password } },
      );
      if (!result.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export const DEMO_PASSWORD = 'journeyline-demo';
