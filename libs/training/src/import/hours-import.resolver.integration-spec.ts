import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { AuthModule } from '@journeyline/auth/auth.module';
import { validationErrorFactory } from '@journeyline/common/validation';
import { AppConfig } from '@journeyline/config/app-config';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { RulesModule } from '@journeyline/rules/rules.module';
import { formatGraphqlError } from '../../../../apps/api/src/graphql-errors';
import { insertOccupation, insertOrganization } from '../../../../test/support/registry-fixtures';
import { sponsorAdminScope, stateAnalystScope, TEST_ACTOR_ID } from '../../../../test/support/scopes';
import { testConfig } from '../../../../test/support/test-config';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { insertRegistrations, insertTrainingProgram } from './hours-import-fixtures';
import { HoursImportModule } from './hours-import.module';

interface GraphqlResult {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions: { code: string; fields?: Array<{ field: string; reason: string }> } }>;
}

const IMPORT = `
  mutation($input: ImportOjtHoursInput!) {
    importOjtHours(input: $input) {
      importId fileName mode status totalRows importedRows errorRows
      errors { line field reason }
    }
  }`;

const PAST_IMPORT = `
  query($id: ID!, $first: Int, $afterLine: Int) {
    ojtHoursImport(id: $id) { status errors(first: $first, afterLine: $afterLine) { line field } }
  }`;

describe('Hours import GraphQL', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let url: string;
  let scope: AccessScope;
  let registrationId: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResult;
  };
  const csv = (...lines: string[]) =>
    Buffer.from(['registration_id,work_date,hours,work_process', ...lines].join('\n')).toString('base64');

  beforeAll(async () => {
    database = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule,
        DatabaseModule,
        RulesModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          path: '/graphql',
          // No login here: every request acts with the scope the test sets; AuthGuard still checks permissions.
          context: ({ req }: { req: { scope?: AccessScope } }) => {
            req.scope = scope;
            return { req };
          },
          formatError: (formatted, error) => formatGraphqlError(formatted, error, () => undefined),
        }),
        AuthModule,
        HoursImportModule,
      ],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true, exceptionFactory: validationErrorFactory }),
        },
      ],
    })
      .overrideProvider(AppConfig)
      .useValue(testConfig(database.url))
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const dataSource = app.get(DataSource);
    await dataSource.query(
      `INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, 'test-actor@example.org', 'Test actor', 'none')`,
      [TEST_ACTOR_ID],
    );
    const sponsor = await insertOrganization(dataSource, 'sponsor', 'IBEW JATC', 'MI');
    const electrician = await insertOccupation(dataSource, '0159', 'Electrician');
    const program = await insertTrainingProgram(dataSource, {
      sponsorId: sponsor,
      state: 'MI',
      occupationId: electrician,
      workProcessTitles: ['Safety'],
    });
    [registrationId] = await insertRegistrations(dataSource, {
      program,
      sponsorId: sponsor,
      state: 'MI',
      employerId: sponsor,
      startDate: '2023-01-02',
    });
    scope = sponsorAdminScope(sponsor);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('imports a base64 CSV and answers with the counts and the bad rows, then finds the import again', async () => {
    const result = await gql(IMPORT, {
      input: {
        fileName: ' week-12.csv ',
        contentBase64: csv(`${registrationId},2024-03-04,8,Safety`, `${registrationId},2024-03-05,9.1,Safety`, `${registrationId},2024-03-06,x,Nope`),
        mode: 'VALID_ROWS',
      },
    });
    expect(result.errors).toBeUndefined();
    const outcome = result.data?.importOjtHours;
    expect(outcome).toMatchObject({
      fileName: 'week-12.csv',
      mode: 'VALID_ROWS',
      status: 'IMPORTED',
      totalRows: 3,
      importedRows: 1,
      errorRows: 2,
      errors: [
        { line: 3, field: 'hours', reason: 'must be in quarter hours (0.25 steps)' },
        { line: 4, field: 'hours', reason: 'must be a number of hours, e.g. 7.5' },
        { line: 4, field: 'work_process', reason: expect.stringContaining('neither the id nor the exact title') },
      ],
    });

    const again = await gql(PAST_IMPORT, { id: outcome.importId, first: 1, afterLine: 3 });
    expect(again.errors).toBeUndefined();
    expect(again.data?.ojtHoursImport).toEqual({
      status: 'IMPORTED',
      errors: [
        { line: 4, field: 'hours' },
        { line: 4, field: 'work_process' },
      ],
    });
    const tooMany = await gql(PAST_IMPORT, { id: outcome.importId, first: 5000 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
  });

  it('defaults to ALL_OR_NOTHING', async () => {
    const result = await gql(IMPORT, {
      input: { fileName: 'bad.csv', contentBase64: csv(`${registrationId},2024-03-07,8,Safety`, `${registrationId},2024-03-08,8,Nope`) },
    });
    expect(result.data?.importOjtHours).toMatchObject({ mode: 'ALL_OR_NOTHING', status: 'REJECTED', importedRows: 0, errorRows: 1 });
  });

  it('reports upload problems as field errors and unknown imports as NOT_FOUND', async () => {
    const wrongType = await gql(IMPORT, { input: { fileName: 'hours.pdf', contentBase64: csv() } });
    expect(wrongType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'fileName' }] });
    const notBase64 = await gql(IMPORT, { input: { fileName: 'hours.csv', contentBase64: '%%%' } });
    expect(notBase64.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'contentBase64' }] });
    const unknown = await gql(PAST_IMPORT, { id: '7d0c2a52-6f7e-4c1c-9d7e-1f2a3b4c5d6e' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', fields: [{ field: 'id' }] });
  });

  it('needs the permission to log hours', async () => {
    const agency = await insertOrganization(app.get(DataSource), 'state_agency', 'MI SAA', 'MI');
    const saved = scope;
    scope = stateAnalystScope(agency, 'MI');
    try {
      const result = await gql(IMPORT, { input: { fileName: 'hours.csv', contentBase64: csv() } });
      expect(result.errors?.[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      scope = saved;
    }
  });
});
