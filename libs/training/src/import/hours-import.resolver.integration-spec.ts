import { insertOccupation, insertOrganization } from '../../../../test/support/registry-fixtures';
import { sponsorAdminScope, stateAnalystScope } from '../../../../test/support/scopes';
import { GraphqlTestApp, startGraphqlServices } from '../../../../test/support/test-graphql';
import { insertRegistrations, insertTrainingProgram } from './hours-import-fixtures';
import { HoursImportModule } from './hours-import.module';

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
  let harness: GraphqlTestApp;
  let registrationId: string;

  const csv = (...lines: string[]) =>
    Buffer.from(['registration_id,work_date,hours,work_process', ...lines].join('\n')).toString('base64');

  beforeAll(async () => {
    harness = await startGraphqlServices([HoursImportModule]);
    const dataSource = harness.dataSource;
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
    harness.scope = sponsorAdminScope(sponsor);
  });

  afterAll(() => harness.close());

  it('imports a base64 CSV and answers with the counts and the bad rows, then finds the import again', async () => {
    const result = await harness.gql(IMPORT, {
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

    const again = await harness.gql(PAST_IMPORT, { id: outcome.importId, first: 1, afterLine: 3 });
    expect(again.errors).toBeUndefined();
    expect(again.data?.ojtHoursImport).toEqual({
      status: 'IMPORTED',
      errors: [
        { line: 4, field: 'hours' },
        { line: 4, field: 'work_process' },
      ],
    });
    const tooMany = await harness.gql(PAST_IMPORT, { id: outcome.importId, first: 5000 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
  });

  it('defaults to ALL_OR_NOTHING', async () => {
    const result = await harness.gql(IMPORT, {
      input: { fileName: 'bad.csv', contentBase64: csv(`${registrationId},2024-03-07,8,Safety`, `${registrationId},2024-03-08,8,Nope`) },
    });
    expect(result.data?.importOjtHours).toMatchObject({ mode: 'ALL_OR_NOTHING', status: 'REJECTED', importedRows: 0, errorRows: 1 });
  });

  it('reports upload problems as field errors and unknown imports as NOT_FOUND', async () => {
    const wrongType = await harness.gql(IMPORT, { input: { fileName: 'hours.pdf', contentBase64: csv() } });
    expect(wrongType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'fileName' }] });
    const notBase64 = await harness.gql(IMPORT, { input: { fileName: 'hours.csv', contentBase64: '%%%' } });
    expect(notBase64.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'contentBase64' }] });
    const unknown = await harness.gql(PAST_IMPORT, { id: '7d0c2a52-6f7e-4c1c-9d7e-1f2a3b4c5d6e' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', fields: [{ field: 'id' }] });
  });

  it('needs the permission to log hours', async () => {
    const agency = await insertOrganization(harness.dataSource, 'state_agency', 'MI SAA', 'MI');
    const saved = harness.scope;
    harness.scope = stateAnalystScope(agency, 'MI');
    try {
      const result = await harness.gql(IMPORT, { input: { fileName: 'hours.csv', contentBase64: csv() } });
      expect(result.errors?.[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      harness.scope = saved;
    }
  });
});
