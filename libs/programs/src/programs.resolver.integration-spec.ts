import { QueryCounter } from '@journeyline/database/query-counter';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { sponsorAdminScope, stateAnalystScope } from '../../../test/support/scopes';
import { GraphqlResponse, GraphqlTestApp, startGraphqlServices } from '../../../test/support/test-graphql';
import { ProgramsModule } from './programs.module';

const CREATE = `
  mutation($input: CreateProgramInput!) {
    createProgram(input: $input) {
      program {
        id name state registrationAgency sponsor { id name }
        currentVersion {
          version effectiveDate
          occupations {
            approach ojtTermHours rtiPaid journeyworkerRate wageStepMode ratio { apprentices journeyworkers }
            va { facilityCode approvedProgramName }
            occupation { rapidsCode onetSocCode title }
            workProcesses { position title minHours maxHours competencies }
            wageSchedule { step thresholdKind thresholdValue percentOfJourneyworker rate }
          }
        }
      }
      warnings { rule severity field }
    }
  }`;

const REVISE = `
  mutation($input: ReviseProgramInput!) { reviseProgram(input: $input) { program { id } warnings { rule } } }`;

const LIST_EVERYTHING = `
  query($first: Int!) {
    programs(first: $first) {
      nodes {
        id name programNumber
        sponsor { id name }
        currentVersion {
          version
          occupations { id occupation { rapidsCode } workProcesses { title } wageSchedule { step rate } }
        }
        versions {
          version effectiveDate changeNote
          occupations {
            id approach ratio { apprentices } va { facilityCode }
            occupation { title }
            workProcesses { minHours competencies }
            wageSchedule { rate percentOfJourneyworker }
          }
        }
      }
      pageInfo { hasNextPage }
    }
  }`;

describe('Programs GraphQL', () => {
  let harness: GraphqlTestApp;
  let sponsor: string;
  let electrician: string;
  let plumber: string;

  function occupationInput(occupationId: string, overrides: Record<string, unknown> = {}) {
    return {
      occupationId,
      approach: 'TIME_BASED',
      ojtTermHours: 8000,
      termMonths: 48,
      rtiHoursPerYear: 144,
      rtiPaid: true,
      probationMonths: 6,
      ratio: { apprentices: 1, journeyworkers: 1 },
      journeyworkerRate: '38.50',
      workProcesses: [
        { title: 'Residential wiring', minHours: 4000, maxHours: 4000, competencies: ['Installs branch circuits'] },
        { title: 'Commercial wiring', minHours: 4000, maxHours: 4000 },
      ],
      wageSchedule: [
        { step: 1, thresholdKind: 'HOURS', thresholdValue: 0, percentOfJourneyworker: '55' },
        { step: 2, thresholdKind: 'HOURS', thresholdValue: 2000, percentOfJourneyworker: '65' },
        { step: 3, thresholdKind: 'HOURS', thresholdValue: 4000, rate: '30' },
      ],
      ...overrides,
    };
  }

  const createInput = (name: string, occupations: unknown[]) => ({
    sponsorId: sponsor,
    name,
    registrationAgency: 'OA',
    effectiveDate: '2025-01-01',
    occupations,
  });

  /** A program with two occupations and two versions, so every nested list has several parents. */
  async function createRevisedProgram(name: string): Promise<void> {
    const created = await harness.gql(CREATE, { input: createInput(name, [occupationInput(electrician), occupationInput(plumber)]) });
    const programId = created.data?.createProgram.program.id;
    const revised = await harness.gql(REVISE, {
      input: {
        programId,
        effectiveDate: '2025-07-01',
        changeNote: 'New rate',
        occupations: [occupationInput(electrician, { journeyworkerRate: '40.00' }), occupationInput(plumber)],
      },
    });
    expect(revised.errors).toBeUndefined();
  }

  async function queriesFor(query: string, variables: Record<string, unknown>): Promise<{ result: GraphqlResponse; queries: number }> {
    const before = QueryCounter.current();
    const result = await harness.gql(query, variables);
    return { result, queries: QueryCounter.current() - before };
  }

  beforeAll(async () => {
    harness = await startGraphqlServices([ProgramsModule, OrganizationsModule]);
    const dataSource = harness.dataSource;
    sponsor = await insertOrganization(dataSource, 'sponsor', 'IBEW JATC', 'MI');
    electrician = await insertOccupation(dataSource, '0159', 'Electrician', { onetSocCode: '47-2111.00', timeBasedHours: 8000 });
    plumber = await insertOccupation(dataSource, '0419', 'Plumber', { timeBasedHours: 8000 });
    harness.scope = sponsorAdminScope(sponsor);
  });

  afterAll(() => harness.close());

  it('creates a program from GraphQL enums and decimal strings, and reads back computed step rates', async () => {
    const result = await harness.gql(CREATE, {
      input: createInput('Inside Wireman', [
        occupationInput(electrician, { rtiHoursPerYear: 120, va: { facilityCode: '20012345', approvedProgramName: 'Inside Wireman' } }),
      ]),
    });
    expect(result.errors).toBeUndefined();
    const { program, warnings } = result.data?.createProgram;
    expect(warnings).toEqual([{ rule: 'standards.rti_hours_per_year', severity: 'warning', field: 'occupations.0.rtiHoursPerYear' }]);
    expect(program).toMatchObject({ name: 'Inside Wireman', state: 'MI', registrationAgency: 'OA', sponsor: { id: sponsor, name: 'IBEW JATC' } });
    expect(program.currentVersion).toEqual({
      version: 1,
      effectiveDate: '2025-01-01',
      occupations: [
        {
          approach: 'TIME_BASED',
          ojtTermHours: 8000,
          rtiPaid: true,
          journeyworkerRate: '38.50',
          wageStepMode: 'CONFIRM',
          ratio: { apprentices: 1, journeyworkers: 1 },
          va: { facilityCode: '20012345', approvedProgramName: 'Inside Wireman' },
          occupation: { rapidsCode: '0159', onetSocCode: '47-2111.00', title: 'Electrician' },
          workProcesses: [
            { position: 1, title: 'Residential wiring', minHours: 4000, maxHours: 4000, competencies: ['Installs branch circuits'] },
            { position: 2, title: 'Commercial wiring', minHours: 4000, maxHours: 4000, competencies: [] },
          ],
          wageSchedule: [
            // 55% and 65% of $38.50, rounded half up: $21.175 → $21.18, $25.025 → $25.03.
            { step: 1, thresholdKind: 'HOURS', thresholdValue: 0, percentOfJourneyworker: '55.00', rate: '21.18' },
            { step: 2, thresholdKind: 'HOURS', thresholdValue: 2000, percentOfJourneyworker: '65.00', rate: '25.03' },
            { step: 3, thresholdKind: 'HOURS', thresholdValue: 4000, percentOfJourneyworker: null, rate: '30.00' },
          ],
        },
      ],
    });
  });

  it('reports input validation per field, with the path inside input', async () => {
    const result = await harness.gql(CREATE, {
      input: createInput('Bad', [occupationInput(electrician, { probationMonths: 0, journeyworkerRate: '38.505' })]),
    });
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields?.map((problem) => problem.field).sort()).toEqual([
      'occupations.0.journeyworkerRate',
      'occupations.0.probationMonths',
    ]);
  });

  it('reports rule errors with their rule ids', async () => {
    const result = await harness.gql(CREATE, { input: createInput('No RTI', [occupationInput(electrician, { rtiHoursPerYear: 0 })]) });
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'occupations.0.rtiHoursPerYear', rule: 'standards.rti_component_required' }],
    });
  });

  it('answers NOT_FOUND for a program outside the caller’s reach', async () => {
    const created = await harness.gql(CREATE, { input: createInput('Private', [occupationInput(electrician)]) });
    const otherSponsor = await insertOrganization(harness.dataSource, 'sponsor', 'Other', 'MI');
    harness.scope = sponsorAdminScope(otherSponsor);
    try {
      const result = await harness.gql(`query($id: ID!) { program(id: $id) { id } }`, { id: created.data?.createProgram.program.id });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', fields: [{ field: 'id' }] });
    } finally {
      harness.scope = sponsorAdminScope(sponsor);
    }
  });

  it('refuses standards changes to a role without the programs:manage permission', async () => {
    const agency = await insertOrganization(harness.dataSource, 'state_agency', 'Michigan SAA', 'MI');
    harness.scope = stateAnalystScope(agency, 'MI');
    try {
      const result = await harness.gql(CREATE, { input: createInput('By an analyst', [occupationInput(electrician)]) });
      expect(result.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const visible = await harness.gql(`{ programs(first: 100) { nodes { state } } }`);
      expect(visible.data?.programs.nodes.length).toBeGreaterThan(0);
    } finally {
      harness.scope = sponsorAdminScope(sponsor);
    }
  });

  it('lists programs with every nested field in a number of queries that does not grow with the page', async () => {
    await createRevisedProgram('Batch 1');
    await createRevisedProgram('Batch 2');
    const small = await queriesFor(LIST_EVERYTHING, { first: 2 });
    expect(small.result.errors).toBeUndefined();
    expect(small.result.data?.programs.nodes).toHaveLength(2);

    for (const name of ['Batch 3', 'Batch 4', 'Batch 5', 'Batch 6']) await createRevisedProgram(name);
    const large = await queriesFor(LIST_EVERYTHING, { first: 25 });
    expect(large.result.errors).toBeUndefined();
    const nodes = large.result.data?.programs.nodes;
    expect(nodes.length).toBeGreaterThanOrEqual(6);
    const revised = nodes.find((node: { name: string }) => node.name === 'Batch 6');
    expect(revised.versions.map((version: { version: number }) => version.version)).toEqual([1, 2]);
    expect(revised.currentVersion.version).toBe(2);
    expect(revised.versions[1].occupations).toHaveLength(2);
    expect(small.queries).toBeGreaterThan(0);
    expect(large.queries).toBe(small.queries);
  });
});
