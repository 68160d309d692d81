import { QueryCounter } from '@journeyline/database/query-counter';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { sponsorAdminScope } from '../../../test/support/scopes';
import { GraphqlTestApp, startGraphqlServices } from '../../../test/support/test-graphql';
import { insertProgramWithOccupation, linkEmployer } from './apprentice-fixtures';
import { ApprenticesModule } from './apprentices.module';

const REGISTER = `
  mutation($input: RegisterApprenticeInput!) {
    registerApprentice(input: $input) {
      warnings { rule severity field }
      registration {
        id status rapidsStatusCode startDate probationEndDate expectedCompletionDate employmentStatus careerConnection
        priorCredit { description ojtHours rtiHours }
        va { chapter vaFileNumber }
        sponsor { name } employer { name }
        apprentice { id firstName suffix ssnMasked priorWage priorWageUnit demographics { sex ethnicity races veteranStatus disability education } }
        statusHistory { fromStatus toStatus effectiveDate reason duringProbation recordedAt }
      }
    }
  }`;

const UPDATE = `mutation($input: UpdateApprenticeInput!) { updateApprentice(input: $input) { id firstName city ssnMasked } }`;
const TRANSITION = `
  mutation($input: TransitionRegistrationInput!) { transitionRegistration(input: $input) { status rapidsStatusCode registrationDate } }`;

const PAGE = `
  query($first: Int!) {
    apprentices(first: $first) {
      nodes {
        id
        registrations { id sponsor { name } employer { name } apprentice { id } statusHistory { toStatus } }
      }
      pageInfo { hasNextPage }
    }
  }`;

describe('Apprentices GraphQL', () => {
  let harness: GraphqlTestApp;
  let programOccupationId: string;
  let employerId: string;

  const registerInput = (person: Record<string, unknown> = {}, registration: Record<string, unknown> = {}) => ({
    input: {
      person: {
        firstName: ' Ada ',
        lastName: 'Lovelace',
        suffix: 'Jr.',
        dateOfBirth: '1990-01-01',
        demographics: {
          sex: 'FEMALE',
          ethnicity: 'NOT_SELF_IDENTIFIED',
          races: ['WHITE', 'ASIAN'],
          veteranStatus: 'NON_VETERAN',
          disability: 'NO',
          education: 'HS_GRADUATE',
        },
        ...person,
      },
      registration: {
        programOccupationId,
        employerId,
        startDate: '2024-01-15',
        employmentStatus: 'NEW_EMPLOYEE',
        ...registration,
      },
    },
  });

  beforeAll(async () => {
    harness = await startGraphqlServices([ApprenticesModule, OrganizationsModule]);
    const dataSource = harness.dataSource;
    const sponsor = await insertOrganization(dataSource, 'sponsor', 'IBEW JATC', 'MI');
    employerId = await insertOrganization(dataSource, 'employer', 'Sparks LLC', 'MI');
    await linkEmployer(dataSource, sponsor, employerId);
    const electrician = await insertOccupation(dataSource, '0159', 'Electrician');
    programOccupationId = (await insertProgramWithOccupation(dataSource, { sponsorId: sponsor, state: 'MI', occupationId: electrician }))
      .programOccupationId;
    harness.scope = sponsorAdminScope(sponsor);
  });

  afterAll(() => harness.close());

  it('registers an apprentice and answers with enums, the masked SSN and the nested records', async () => {
    const result = await harness.gql(
      REGISTER,
      registerInput(
        { ssn: '219-09-9999', priorWage: '18.5' },
        { priorCredit: { ojtHours: 2000, rtiHours: 144 }, va: { chapter: 'CH33', vaFileNumber: '123456789' }, careerConnection: 'JOB_CORPS' },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result)).not.toMatch(/219-?09-?9999/);
    expect(result.data?.registerApprentice).toMatchObject({
      warnings: [],
      registration: {
        status: 'PENDING',
        rapidsStatusCode: 'PR',
        startDate: '2024-01-15',
        probationEndDate: '2024-07-15',
        expectedCompletionDate: '2027-01-15',
        employmentStatus: 'NEW_EMPLOYEE',
        careerConnection: 'JOB_CORPS',
        priorCredit: { description: null, ojtHours: 2000, rtiHours: 144 },
        va: { chapter: 'CH33', vaFileNumber: '123456789' },
        sponsor: { name: 'IBEW JATC' },
        employer: { name: 'Sparks LLC' },
        apprentice: {
          firstName: 'Ada',
          suffix: 'Jr.',
          ssnMasked: '***-**-9999',
          priorWage: '18.50',
          priorWageUnit: 'HOURLY',
          demographics: {
            sex: 'FEMALE',
            ethnicity: 'NOT_SELF_IDENTIFIED',
            races: ['WHITE', 'ASIAN'],
            veteranStatus: 'NON_VETERAN',
            disability: 'NO',
            education: 'HS_GRADUATE',
          },
        },
        statusHistory: [{ fromStatus: null, toStatus: 'PENDING', effectiveDate: '2024-01-15', duringProbation: false }],
      },
    });
  });

  it('reports malformed input with dotted paths relative to input', async () => {
    const result = await harness.gql(
      REGISTER,
      registerInput({ zipCode: '123', suffix: 'Esq.' }, { startDate: '2024-13-01', priorCredit: { ojtHours: -1, rtiHours: 0 } }),
    );
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields?.map((problem) => problem.field).sort()).toEqual([
      'person.suffix',
      'person.zipCode',
      'registration.priorCredit.ojtHours',
      'registration.startDate',
    ]);
    const mixed = registerInput();
    (mixed.input.person.demographics as { races: string[] }).races = ['NOT_SELF_IDENTIFIED', 'WHITE'];
    expect((await harness.gql(REGISTER, mixed)).errors?.[0].extensions.fields).toEqual([
      { field: 'person.demographics.races', reason: 'NOT_SELF_IDENTIFIED cannot be combined with a race' },
    ]);
  });

  it('clears the SSN when updateApprentice sets it to null and refuses null for a required field', async () => {
    const created = await harness.gql(REGISTER, registerInput({ ssn: '123456789' }));
    const apprenticeId = created.data?.registerApprentice.registration.apprentice.id;
    const cleared = await harness.gql(UPDATE, { input: { apprenticeId, ssn: null, city: 'Detroit' } });
    expect(cleared.data?.updateApprentice).toEqual({ id: apprenticeId, firstName: 'Ada', city: 'Detroit', ssnMasked: null });
    const refused = await harness.gql(UPDATE, { input: { apprenticeId, firstName: null } });
    expect(refused.errors?.[0].extensions.fields?.every((problem) => problem.field === 'firstName')).toBe(true);
  });

  it('moves a registration through its statuses and names toStatus on an illegal change', async () => {
    const created = await harness.gql(REGISTER, registerInput());
    const registrationId = created.data?.registerApprentice.registration.id;
    const registered = await harness.gql(TRANSITION, {
      input: { registrationId, toStatus: 'REGISTERED', effectiveDate: '2024-02-01', reason: 'Approved by the agency' },
    });
    expect(registered.data?.transitionRegistration).toEqual({ status: 'REGISTERED', rapidsStatusCode: 'RE', registrationDate: '2024-02-01' });
    const illegal = await harness.gql(TRANSITION, {
      input: { registrationId, toStatus: 'PENDING', effectiveDate: '2024-02-02', reason: 'undo' },
    });
    expect(illegal.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'ILLEGAL_TRANSITION',
      fields: [{ field: 'toStatus', reason: 'cannot go from registered to pending' }],
    });
  });

  it('loads a page of apprentices with nested registrations in a fixed number of queries', async () => {
    const cost = async (first: number) => {
      const before = QueryCounter.current();
      const result = await harness.gql(PAGE, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data?.apprentices.nodes).toHaveLength(first);
      return QueryCounter.current() - before;
    };
    for (let i = 0; i < 4; i += 1) await harness.gql(REGISTER, registerInput());
    expect(await cost(6)).toBe(await cost(2));
  });
});
