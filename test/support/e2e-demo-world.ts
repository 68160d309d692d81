import { DataSource } from 'typeorm';
import { seedDemo, DEMO_USERS } from '../../apps/cli/src/seed-demo';
import { TokenService } from '@journeyline/auth/token.service';
import { Clock } from '@journeyline/common/clock';
import { addDays } from '@journeyline/common/dates';
import { GraphqlResponse, startTestApi, TestApi } from './test-api';

export type SponsorKey = 'greatLakes' | 'buckeye';
export type DemoEmail = (typeof DEMO_USERS)[number]['email'];

/**
 * One sponsor of the demo and the records around it that the e2e suites aim at. Great Lakes is the
 * Michigan side, Buckeye the Ohio side; neither reaches the other.
 */
export interface SponsorSide {
  key: SponsorKey;
  sponsorId: string;
  state: 'MI' | 'OH';
  /** The seeded program (Electrician / Machinist) and the occupation of its current version. */
  programId: string;
  programOccupationId: string;
  occupationId: string;
  rapidsCode: string;
  /** An employer linked to the sponsor (Tri-County Electric / Ohio Tool & Die). */
  employerId: string;
  /** The intermediary on this side: Lakeshore (created here, serves nobody) / Midwest (serves Buckeye). */
  intermediaryId: string;
  /** A seeded apprentice with a registered agreement: Maria Lopez / Sarah Bigeagle. */
  apprenticeId: string;
  registrationId: string;
}

export interface DemoWorld {
  api: TestApi;
  dataSource: DataSource;
  today: string;
  sides: Record<SponsorKey, SponsorSide>;
  ids: {
    platform: string;
    ohioAgency: string;
    michiganAgency: string;
    riverside: string;
    midwest: string;
    lakeshore: string;
    triCounty: string;
    ohioToolDie: string;
    /** Emily Nguyen: Maria Lopez's co-worker at Great Lakes. */
    emilyNguyen: string;
    emilyRegistration: string;
  };
  token(email: DemoEmail): string;
  /** Runs an operation as the platform administrator and returns its data; throws on any error. */
  asAdmin<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  fresh: FreshRecords;
}

export interface FreshRecords {
  /** A new program (version 1) of the sponsor, in the sponsor's state. */
  program(side: Pick<SponsorSide, 'sponsorId' | 'occupationId'>): Promise<{ programId: string; programOccupationId: string }>;
  /** A new apprentice with one agreement under the side's seeded program, started 60 days ago, employed by the sponsor. */
  registration(
    side: Pick<SponsorSide, 'sponsorId' | 'programOccupationId'>,
    status: 'pending' | 'registered',
  ): Promise<{ registrationId: string; apprenticeId: string }>;
  organization(kind: 'sponsor' | 'intermediary', state: string): Promise<string>;
}

export const ADMIN_EMAIL: DemoEmail = 'admin@journeyline.test';

let uniqueCounter = 0;
/** A suffix unique within the test run, for names and e-mails. */
export const unique = (): string => `${Date.now().toString(36)}${(uniqueCounter++).toString(36)}`;

/** Standards that pass every blocking rule: time-based, 2,000 hours, 50% → 60% of a $30.00 journeyworker rate. */
export function validOccupationStandards(occupationId: string) {
  return {
    occupationId,
    approach: 'TIME_BASED',
    ojtTermHours: 2000,
    termMonths: 12,
    rtiHoursPerYear: 144,
    rtiPaid: true,
    probationMonths: 3,
    ratio: { apprentices: 1, journeyworkers: 1 },
    journeyworkerRate: '30.00',
    wageStepMode: 'CONFIRM',
    workProcesses: [
      { title: 'Core skills', minHours: 1000, maxHours: 1200, competencies: ['Safety'] },
      { title: 'Advanced work', minHours: 800, maxHours: 1000, competencies: [] },
    ],
    wageSchedule: [
      { step: 1, thresholdKind: 'HOURS', thresholdValue: 0, percentOfJourneyworker: '50' },
      { step: 2, thresholdKind: 'HOURS', thresholdValue: 1000, percentOfJourneyworker: '60' },
    ],
  };
}

/** A person who is an adult on any start date the suites use. */
export function validPerson() {
  return {
    firstName: 'Test',
    lastName: `Person ${unique()}`,
    dateOfBirth: '1995-06-15',
    email: `person-${unique()}@example.org`,
    priorWage: '15.00',
    priorWageUnit: 'HOURLY',
    demographics: {
      sex: 'NOT_SELF_IDENTIFIED',
      ethnicity: 'NOT_SELF_IDENTIFIED',
      races: ['NOT_SELF_IDENTIFIED'],
      veteranStatus: 'NOT_SELF_IDENTIFIED',
      disability: 'NOT_SELF_IDENTIFIED',
      education: 'HS_GRADUATE',
    },
  };
}

const CREATE_PROGRAM = `mutation($input: CreateProgramInput!) {
  createProgram(input: $input) { program { id currentVersion { occupations { id } } } }
}`;
const REGISTER_APPRENTICE = `mutation($input: RegisterApprenticeInput!) {
  registerApprentice(input: $input) { registration { id apprenticeId } }
}`;
const TRANSITION = `mutation($input: TransitionRegistrationInput!) { transitionRegistration(input: $input) { id status } }`;
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const CREATE_EMPLOYER = `mutation($sponsorId: ID!, $input: OrganizationDetailsInput!) { createEmployer(sponsorId: $sponsorId, input: $input) { id } }`;

/**
 * Boots the api on a private database, loads the demo world (apps/cli/src/seed-demo.ts) and adds
 * what the suites aim at beyond it: an employer of Buckeye and a Michigan intermediary with no
 * clients.
 */
export async function bootDemoWorld(): Promise<DemoWorld> {
  const api = await startTestApi();
  await seedDemo(api.app);
  const dataSource = api.app.get(DataSource);
  const today = api.app.get(Clock).today();

  // Tokens are signed directly: logging in costs a scrypt hash (~0.5 s) per user, and login itself
  // is covered by platform.e2e-spec.ts.
  const signer = api.app.get(TokenService);
  const users: Array<{ id: string; email: string }> = await dataSource.query(`SELECT id, email FROM users WHERE email = ANY($1)`, [
    DEMO_USERS.map((user) => user.email),
  ]);
  const tokens = new Map(users.map((user) => [user.email, signer.sign(user.id).token]));
  const token = (email: DemoEmail): string => {
    const found = tokens.get(email);
    if (!found) throw new Error(`no demo login ${email}`);
    return found;
  };
  const asAdmin = async <T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const result: GraphqlResponse<T> = await api.gql<T>(query, variables, token(ADMIN_EMAIL));
    if (result.errors?.length || !result.data) throw new Error(`admin setup failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  };

  const orgId = async (name: string): Promise<string> => {
    const [row] = await dataSource.query(`SELECT id FROM organizations WHERE name = $1`, [name]);
    if (!row) throw new Error(`no organization named ${name}`);
    return row.id;
  };
  const greatLakes = await orgId('Great Lakes Electrical JATC');
  const buckeye = await orgId('Buckeye Precision Manufacturing');

  const { createEmployer } = await asAdmin<{ createEmployer: { id: string } }>(CREATE_EMPLOYER, {
    sponsorId: buckeye,
    input: { name: 'Ohio Tool & Die', state: 'OH' },
  });
  const { createOrganization } = await asAdmin<{ createOrganization: { id: string } }>(CREATE_ORGANIZATION, {
    input: { kind: 'intermediary', name: 'Lakeshore Apprenticeship Partners', state: 'MI' },
  });

  const programOf = async (programName: string) => {
    const [row] = await dataSource.query(
      `SELECT p.id AS program_id, po.id AS program_occupation_id, po.occupation_id, o.rapids_code
         FROM programs p
         JOIN program_occupations po ON po.program_version_id = p.current_version_id
         JOIN occupations o ON o.id = po.occupation_id
        WHERE p.name = $1`,
      [programName],
    );
    return row as { program_id: string; program_occupation_id: string; occupation_id: string; rapids_code: string };
  };
  const registrationOf = async (firstName: string, lastName: string) => {
    const [row] = await dataSource.query(
      `SELECT a.id AS apprentice_id, r.id AS registration_id
         FROM apprentices a JOIN registrations r ON r.apprentice_id = a.id
        WHERE a.first_name = $1 AND a.last_name = $2`,
      [firstName, lastName],
    );
    return row as { apprentice_id: string; registration_id: string };
  };

  const electrician = await programOf('Inside Wireman Apprenticeship');
  const machinist = await programOf('Machinist Apprenticeship');
  const maria = await registrationOf('Maria', 'Lopez');
  const sarah = await registrationOf('Sarah', 'Bigeagle');
  const emily = await registrationOf('Emily', 'Nguyen');
  const midwest = await orgId('Midwest Apprenticeship Partners');

  const sides: Record<SponsorKey, SponsorSide> = {
    greatLakes: {
      key: 'greatLakes',
      sponsorId: greatLakes,
      state: 'MI',
      programId: electrician.program_id,
      programOccupationId: electrician.program_occupation_id,
      occupationId: electrician.occupation_id,
      rapidsCode: electrician.rapids_code,
      employerId: await orgId('Tri-County Electric Co.'),
      intermediaryId: createOrganization.id,
      apprenticeId: maria.apprentice_id,
      registrationId: maria.registration_id,
    },
    buckeye: {
      key: 'buckeye',
      sponsorId: buckeye,
      state: 'OH',
      programId: machinist.program_id,
      programOccupationId: machinist.program_occupation_id,
      occupationId: machinist.occupation_id,
      rapidsCode: machinist.rapids_code,
      employerId: createEmployer.id,
      intermediaryId: midwest,
      apprenticeId: sarah.apprentice_id,
      registrationId: sarah.registration_id,
    },
  };

  const fresh: FreshRecords = {
    async program(side) {
      const { createProgram } = await asAdmin(CREATE_PROGRAM, {
        input: {
          sponsorId: side.sponsorId,
          name: `Fresh program ${unique()}`,
          registrationAgency: 'SAA',
          effectiveDate: addDays(today, -365),
          occupations: [validOccupationStandards(side.occupationId)],
        },
      });
      return {
        programId: createProgram.program.id,
        programOccupationId: createProgram.program.currentVersion.occupations[0].id,
      };
    },
    async registration(side, status) {
      const startDate = addDays(today, -60);
      const { registerApprentice } = await asAdmin(REGISTER_APPRENTICE, {
        input: {
          person: validPerson(),
          registration: {
            programOccupationId: side.programOccupationId,
            employerId: side.sponsorId,
            startDate,
            employmentStatus: 'NEW_EMPLOYEE',
          },
        },
      });
      const { id, apprenticeId } = registerApprentice.registration;
      if (status === 'registered') {
        await asAdmin(TRANSITION, {
          input: { registrationId: id, toStatus: 'REGISTERED', effectiveDate: addDays(today, -30), reason: 'Registered by the agency' },
        });
      }
      return { registrationId: id, apprenticeId };
    },
    async organization(kind, state) {
      const { createOrganization: created } = await asAdmin(CREATE_ORGANIZATION, {
        input: { kind, name: `Fresh ${kind} ${unique()}`, state },
      });
      return created.id;
    },
  };

  return {
    api,
    dataSource,
    today,
    sides,
    ids: {
      platform: await orgId('Journeyline'),
      ohioAgency: await orgId('Ohio State Apprenticeship Agency'),
      michiganAgency: await orgId('Michigan Office of Apprenticeship'),
      riverside: await orgId('Riverside Health Partners'),
      midwest,
      lakeshore: createOrganization.id,
      triCounty: sides.greatLakes.employerId,
      ohioToolDie: createEmployer.id,
      emilyNguyen: emily.apprentice_id,
      emilyRegistration: emily.registration_id,
    },
    token,
    asAdmin,
    fresh,
  };
}
