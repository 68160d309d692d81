import { Role } from '@journeyline/auth/roles';
import { insertProgramWithOccupation } from '@journeyline/apprentices/apprentice-fixtures';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { scopeOf, sponsorAdminScope, TEST_ACTOR_ID } from '../../../test/support/scopes';
import { GraphqlTestApp, startGraphqlServices } from '../../../test/support/test-graphql';
import { CompetenciesModule } from './competencies.module';

const SIGN_OFF = `
  mutation($input: SignOffCompetencyInput!) {
    signOffCompetency(input: $input) { competency achievedOn evaluatorId evaluatorName note }
  }`;
const CREDENTIAL = `
  mutation($input: RecordInterimCredentialInput!) { recordInterimCredential(input: $input) { name earnedOn issuedBy } }`;
const PROGRESS = `
  query($registrationId: ID!) {
    competencyProgress(registrationId: $registrationId) {
      approach requiredCount signedOffCount percentComplete
      workProcesses { title requiredCompetencies requiredCount signedOffCount percentComplete signedOff { competency evaluatorName } }
      interimCredentials { name earnedOn }
    }
  }`;

describe('Competencies GraphQL', () => {
  let harness: GraphqlTestApp;
  let sponsor: string;
  let registrationId: string;
  let apprenticeId: string;
  let workProcessId: string;

  beforeAll(async () => {
    harness = await startGraphqlServices([CompetenciesModule]);
    const dataSource = harness.dataSource;
    sponsor = await insertOrganization(dataSource, 'sponsor', 'Robotics Guild', 'MI');
    const occupation = await insertOccupation(dataSource, '1086CB', 'Mechatronics technician');
    const { programOccupationId } = await insertProgramWithOccupation(dataSource, {
      sponsorId: sponsor,
      state: 'MI',
      occupationId: occupation,
    });
    await dataSource.query(`UPDATE program_occupations SET approach = 'hybrid' WHERE id = $1`, [programOccupationId]);
    [{ id: workProcessId }] = await dataSource.query(
      `INSERT INTO work_processes (program_occupation_id, position, title, min_hours, max_hours, competencies)
       VALUES ($1, 1, 'Automation', 0, 2000, '{"Programs a PLC","Tunes a PID loop","Reads ladder logic"}') RETURNING id`,
      [programOccupationId],
    );
    [{ id: apprenticeId }] = await dataSource.query(
      `INSERT INTO apprentices (owner_organization_id, first_name, last_name, date_of_birth)
       VALUES ($1, 'Alan', 'Turing', '1997-06-23') RETURNING id`,
      [sponsor],
    );
    [{ id: registrationId }] = await dataSource.query(
      `INSERT INTO registrations (apprentice_id, program_occupation_id, program_id, sponsor_id, state, employer_id, status,
         start_date, probation_end_date, expected_completion_date, status_date, employment_status)
       SELECT $1, po.id, pv.program_id, $3, 'MI', $3, 'registered', '2023-01-09', '2023-07-09', '2027-01-09', '2023-01-09', 'new_employee'
         FROM program_occupations po JOIN program_versions pv ON pv.id = po.program_version_id WHERE po.id = $2
       RETURNING id`,
      [apprenticeId, programOccupationId, sponsor],
    );
    harness.scope = sponsorAdminScope(sponsor);
  });

  afterAll(() => harness.close());

  it('signs off a competency with the caller as evaluator and shows it in the progress', async () => {
    const signed = await harness.gql(SIGN_OFF, {
      input: { registrationId, workProcessId, competency: ' Programs a PLC ', achievedOn: '2023-04-01', note: 'Line 3 cell' },
    });
    expect(signed.errors).toBeUndefined();
    expect(signed.data?.signOffCompetency).toEqual({
      competency: 'Programs a PLC',
      achievedOn: '2023-04-01',
      evaluatorId: TEST_ACTOR_ID,
      evaluatorName: 'Test actor',
      note: 'Line 3 cell',
    });
    const recorded = await harness.gql(CREDENTIAL, { input: { registrationId, name: 'PLC Level 1', earnedOn: '2023-04-02' } });
    expect(recorded.data?.recordInterimCredential).toEqual({ name: 'PLC Level 1', earnedOn: '2023-04-02', issuedBy: null });

    const progress = await harness.gql(PROGRESS, { registrationId });
    expect(progress.errors).toBeUndefined();
    expect(progress.data?.competencyProgress).toEqual({
      approach: 'HYBRID',
      requiredCount: 3,
      signedOffCount: 1,
      percentComplete: '33.33',
      workProcesses: [
        {
          title: 'Automation',
          requiredCompetencies: ['Programs a PLC', 'Tunes a PID loop', 'Reads ladder logic'],
          requiredCount: 3,
          signedOffCount: 1,
          percentComplete: '33.33',
          signedOff: [{ competency: 'Programs a PLC', evaluatorName: 'Test actor' }],
        },
      ],
      interimCredentials: [{ name: 'PLC Level 1', earnedOn: '2023-04-02' }],
    });
  });

  it("refuses the apprentice's own login at the door, though it can read its progress", async () => {
    harness.scope = scopeOf(null, [[sponsor, 'sponsor', Role.APPRENTICE]], { apprenticeId });
    const signed = await harness.gql(SIGN_OFF, {
      input: { registrationId, workProcessId, competency: 'Tunes a PID loop', achievedOn: '2023-04-01' },
    });
    expect(signed.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const credential = await harness.gql(CREDENTIAL, { input: { registrationId, name: 'Self-awarded', earnedOn: '2023-04-02' } });
    expect(credential.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const progress = await harness.gql(PROGRESS, { registrationId });
    expect(progress.data?.competencyProgress.signedOffCount).toBe(1);
    harness.scope = sponsorAdminScope(sponsor);
  });

  it('reports malformed dates and empty competencies as field errors', async () => {
    const result = await harness.gql(SIGN_OFF, { input: { registrationId, workProcessId, competency: '  ', achievedOn: '2023-02-30' } });
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields?.map((problem) => problem.field).sort()).toEqual(['achievedOn', 'competency']);
  });
});
