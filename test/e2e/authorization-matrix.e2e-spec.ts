import { GraphQLSchemaHost } from '@nestjs/graphql';
import { addDays } from '@journeyline/common/dates';
import { databaseFingerprint } from '../support/e2e-db-fingerprint';
import {
  bootDemoWorld,
  DemoEmail,
  DemoWorld,
  SponsorKey,
  SponsorSide,
  unique,
  validOccupationStandards,
  validPerson,
} from '../support/e2e-demo-world';
import { demoOccupationCsvBase64 } from '../support/e2e-occupation-csv';
import { GraphqlResponse } from '../support/test-api';

/**
 * Every operation of the registry API × every demo role × a target inside the role's reach (own)
 * and one outside it (foreign), over HTTP against the demo world (apps/cli/src/seed-demo.ts).
 *
 * Expectations follow libs/auth/src/roles.ts (which role holds which permission: the AuthGuard
 * answers FORBIDDEN when @RequirePermission is not met) and access-scope.ts plus the services
 * (which records a permission reaches: ids out of reach read as missing, NOT_FOUND).
 */

type RoleKey =
  | 'platformAdmin'
  | 'sponsorAdmin'
  | 'supervisor'
  | 'apprentice'
  | 'intermediaryStaff'
  | 'certifyingOfficial'
  | 'stateAnalyst';

interface Actor {
  key: RoleKey;
  label: string;
  email: DemoEmail;
  own: SponsorKey;
  foreign: SponsorKey;
}

/**
 * One demo login per role. "Own" is the sponsor whose records the role reaches; for the platform
 * admin, who reaches everything, both sides are nominal. The apprentice's own records are Maria
 * Lopez's (Great Lakes).
 */
const ACTORS: Actor[] = [
  { key: 'platformAdmin', label: 'platform admin', email: 'admin@journeyline.test', own: 'buckeye', foreign: 'greatLakes' },
  { key: 'sponsorAdmin', label: 'sponsor admin', email: 'admin@greatlakes-jatc.test', own: 'greatLakes', foreign: 'buckeye' },
  { key: 'supervisor', label: 'supervisor', email: 'supervisor@greatlakes-jatc.test', own: 'greatLakes', foreign: 'buckeye' },
  { key: 'apprentice', label: 'apprentice', email: 'apprentice@greatlakes-jatc.test', own: 'greatLakes', foreign: 'buckeye' },
  {
    key: 'intermediaryStaff',
    label: 'intermediary staff',
    email: 'staff@midwest-intermediary.test',
    own: 'buckeye',
    foreign: 'greatLakes',
  },
  {
    key: 'certifyingOfficial',
    label: 'certifying official',
    email: 'certifying@buckeye-precision.test',
    own: 'buckeye',
    foreign: 'greatLakes',
  },
  { key: 'stateAnalyst', label: 'state analyst', email: 'analyst@ohio-saa.test', own: 'buckeye', foreign: 'greatLakes' },
];

type Outcome = 'A' | 'H' | 'F' | 'N';
type Cell = `${Outcome}/${Outcome}`;
type Row = [Cell, Cell, Cell, Cell, Cell, Cell, Cell];

const QUERIES = [
  'me',
  'occupation',
  'occupations',
  'ruleSettings',
  'organization',
  'organizations',
  'program',
  'programs',
  'registration',
  'registrations',
  'apprentice',
  'apprentices',
  'ojtHourEntries',
  'pendingApprovals',
  'ojtHoursImport',
  'registrationProgress',
  'competencyProgress',
  'rtiCourses',
  'rtiEnrollments',
  'rtiSummary',
  'wageHistory',
  'pendingWageSteps',
  'journeyworkerCounts',
  'complianceAlerts',
] as const;

const MUTATION_OPERATIONS = [
  'createOrganization',
  'linkIntermediaryClient',
  'importOccupations',
  'createClientSponsor',
  'createEmployer',
  'addMember',
  'createProgram',
  'reviseProgram',
  'updateProgramDetails',
  'registerApprentice',
  'updateApprentice',
  'transitionRegistration',
  'transferRegistration',
  'logOjtHours',
  'logOjtHoursBatch',
  'submitOjtHours',
  'approveOjtHours',
  'rejectOjtHours',
  'updateOjtHours',
  'importOjtHours',
  'createRtiCourse',
  'enrollInRti',
  'completeRtiEnrollment',
  'withdrawRtiEnrollment',
  'recordRtiAttendance',
  'signOffCompetency',
  'recordInterimCredential',
  'confirmWageStep',
  'declineWageStep',
  'recordJourneyworkers',
] as const;

const OPERATIONS = [...QUERIES, ...MUTATION_OPERATIONS] as const;
/** Served but not in the matrix: login is public (platform.e2e-spec.ts covers it). */
const PUBLIC_OPERATIONS = ['login'];
type OperationName = (typeof OPERATIONS)[number];

/*
 * The matrix. Each cell is own/foreign:
 *   A  allowed: no error, and the answer shows the target
 *   H  hidden: no error, but the target is not in the answer (the denied form of lists and `me`)
 *   F  denied with FORBIDDEN, nothing written
 *   N  denied with NOT_FOUND, nothing written
 *
 * Targets — own / foreign:
 *   me                       the caller's user / a membership in the foreign sponsor
 *   occupation(s)            the occupation of the own / foreign side's program (public reference data)
 *   ruleSettings             a rule setting of the own / foreign side's state (public reference data)
 *   organization(s)          the sponsor
 *   program(s)               the seeded program (Inside Wireman / Machinist)
 *   registration(s), apprentice(s)   Maria Lopez / Sarah Bigeagle and their agreements
 *   createOrganization       a sponsor in the own / foreign side's state
 *   linkIntermediaryClient   the caller's side's intermediary (a fresh one for the platform admin) with a
 *                            fresh sponsor / with the foreign sponsor
 *   importOccupations        re-import of the own / foreign side's occupation
 *   createClientSponsor      for the side's intermediary (Midwest for Ohio, Lakeshore for Michigan)
 *   createEmployer, addMember, createProgram, registerApprentice   under the sponsor
 *   reviseProgram, updateProgramDetails   a fresh program of the sponsor
 *   updateApprentice, transitionRegistration, transferRegistration   a fresh agreement of the sponsor
 *                            (pending, or registered for a transfer); for the apprentice's own cell, her own
 *
 * Why: every role holds registry:read, and reads are filtered to reach (sponsor memberships reach
 * their sponsor, the intermediary its clients Buckeye and Riverside, the Ohio analyst programs and
 * agreements in OH, the apprentice her own agreements and what they point at). Writes need
 * programs:manage / apprentices:manage / organization:manage, which only the platform admin, the
 * sponsor admin and the intermediary staff hold; createOrganization, linkIntermediaryClient and
 * importOccupations are the platform admin's alone.
 */
const EXPECTED: Record<OperationName, Row> = {
  //                        platform  sponsor   super-  appren-  interm.  certif.   state
  //                        admin     admin     visor   tice     staff    official  analyst
  me:                      ['A/H',    'A/H',    'A/H',  'A/H',   'A/H',   'A/H',    'A/H'],
  occupation:              ['A/A',    'A/A',    'A/A',  'A/A',   'A/A',   'A/A',    'A/A'],
  occupations:             ['A/A',    'A/A',    'A/A',  'A/A',   'A/A',   'A/A',    'A/A'],
  ruleSettings:            ['A/A',    'A/A',    'A/A',  'A/A',   'A/A',   'A/A',    'A/A'],
  organization:            ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  organizations:           ['A/A',    'A/H',    'A/H',  'A/H',   'A/H',   'A/H',    'A/H'],
  program:                 ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  programs:                ['A/A',    'A/H',    'A/H',  'A/H',   'A/H',   'A/H',    'A/H'],
  registration:            ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  registrations:           ['A/A',    'A/H',    'A/H',  'A/H',   'A/H',   'A/H',    'A/H'],
  apprentice:              ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  apprentices:             ['A/A',    'A/H',    'A/H',  'A/H',   'A/H',   'A/H',    'A/H'],
  createOrganization:      ['A/A',    'F/F',    'F/F',  'F/F',   'F/F',   'F/F',    'F/F'],
  linkIntermediaryClient:  ['A/A',    'F/F',    'F/F',  'F/F',   'F/F',   'F/F',    'F/F'],
  importOccupations:       ['A/A',    'F/F',    'F/F',  'F/F',   'F/F',   'F/F',    'F/F'],
  createClientSponsor:     ['A/A',    'N/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  createEmployer:          ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  addMember:               ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  createProgram:           ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  reviseProgram:           ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  updateProgramDetails:    ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  registerApprentice:      ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  updateApprentice:        ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  transitionRegistration:  ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  transferRegistration:    ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
};

const MUTATIONS: ReadonlySet<OperationName> = new Set(MUTATION_OPERATIONS);

type Which = 'own' | 'foreign';

interface CellContext {
  actor: Actor;
  which: Which;
  /** The side the target belongs to. */
  side: SponsorSide;
  /** The actor's own side, whichever cell this is. */
  ownSide: SponsorSide;
}

interface Attempt {
  errors?: GraphqlResponse['errors'];
  data?: Record<string, any> | null;
  /** Whether the answer shows the target (false whenever there are errors). */
  shows: boolean;
}

/** A prepared request: fresh records are made before the write check starts. */
interface Target {
  send(token: string | undefined): Promise<Attempt>;
}

let world: DemoWorld;

function request(document: string, variables: Record<string, unknown>, shows: (data: Record<string, any>) => boolean): Target {
  return {
    async send(token) {
      const result = await world.api.gql(document, variables, token);
      return { errors: result.errors, data: result.data, shows: !result.errors && !!result.data && shows(result.data) };
    },
  };
}

/** Walks every page of a connection and looks for the id. */
function listing(field: string, selection: string, id: string): Target {
  return {
    async send(token) {
      const ids: string[] = [];
      let after: string | undefined;
      do {
        const result = await world.api.gql(
          `query($after: String) { ${field}(first: 100, after: $after) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
          { after },
          token,
        );
        if (result.errors || !result.data) return { errors: result.errors, data: result.data, shows: false };
        const page = result.data[field];
        ids.push(...page.nodes.map((node: { id: string }) => node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      } while (after);
      return { data: {}, shows: ids.includes(id) };
    },
  };
}

/** The apprentice's own cell aims at her own record; everyone else's at a fresh agreement. */
async function agreementFor(ctx: CellContext, status: 'pending' | 'registered') {
  if (ctx.actor.key === 'apprentice' && ctx.which === 'own') {
    return { registrationId: ctx.side.registrationId, apprenticeId: ctx.side.apprenticeId, status: 'REGISTERED' };
  }
  const fresh = await world.fresh.registration(ctx.side, status);
  return { ...fresh, status: status.toUpperCase() };
}

const PREPARE: Record<OperationName, (ctx: CellContext) => Promise<Target>> = {
  async me({ actor, which, side }) {
    return request(`{ me { email memberships { organizationId } } }`, {}, ({ me }) =>
      which === 'own'
        ? me.email === actor.email
        : me.memberships.some((membership: { organizationId: string }) => membership.organizationId === side.sponsorId),
    );
  },
  async occupation({ side }) {
    return request(`query($id: ID!) { occupation(id: $id) { id } }`, { id: side.occupationId }, (data) => data.occupation.id === side.occupationId);
  },
  async occupations({ side }) {
    return listing('occupations', 'id', side.occupationId);
  },
  async ruleSettings({ side }) {
    return request(`{ ruleSettings { rule jurisdiction } }`, {}, ({ ruleSettings }) =>
      ruleSettings.some((setting: { jurisdiction: string }) => setting.jurisdiction === side.state),
    );
  },
  async organization({ side }) {
    return request(`query($id: ID!) { organization(id: $id) { id } }`, { id: side.sponsorId }, (data) => data.organization.id === side.sponsorId);
  },
  async organizations({ side }) {
    return listing('organizations', 'id', side.sponsorId);
  },
  async program({ side }) {
    return request(`query($id: ID!) { program(id: $id) { id } }`, { id: side.programId }, (data) => data.program.id === side.programId);
  },
  async programs({ side }) {
    return listing('programs', 'id', side.programId);
  },
  async registration({ side }) {
    return request(
      `query($id: ID!) { registration(id: $id) { id } }`,
      { id: side.registrationId },
      (data) => data.registration.id === side.registrationId,
    );
  },
  async registrations({ side }) {
    return listing('registrations', 'id', side.registrationId);
  },
  async apprentice({ side }) {
    return request(
      `query($id: ID!) { apprentice(id: $id) { id } }`,
      { id: side.apprenticeId },
      (data) => data.apprentice.id === side.apprenticeId,
    );
  },
  async apprentices({ side }) {
    return listing('apprentices', 'id', side.apprenticeId);
  },

  async createOrganization({ side }) {
    const name = `Matrix sponsor ${unique()}`;
    return request(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`,
      { input: { kind: 'sponsor', name, state: side.state } },
      (data) => data.createOrganization.name === name,
    );
  },
  async linkIntermediaryClient({ actor, which, side, ownSide }) {
    // The admin's link succeeds, so it gets an intermediary of its own: linking Midwest would widen the
    // intermediary staff's reach for every later cell.
    const intermediaryId =
      actor.key === 'platformAdmin' ? await world.fresh.organization('intermediary', ownSide.state) : ownSide.intermediaryId;
    const sponsorId = which === 'own' ? await world.fresh.organization('sponsor', ownSide.state) : side.sponsorId;
    return request(
      `mutation($intermediaryId: ID!, $sponsorId: ID!) { linkIntermediaryClient(intermediaryId: $intermediaryId, sponsorId: $sponsorId) }`,
      { intermediaryId, sponsorId },
      (data) => data.linkIntermediaryClient === true,
    );
  },
  async importOccupations({ side }) {
    return request(
      `mutation($input: ImportOccupationsInput!) { importOccupations(input: $input) { inserted updated problems { line } } }`,
      { input: { fileName: 'occupations.csv', contentBase64: demoOccupationCsvBase64(side.rapidsCode), mode: 'ALL_OR_NOTHING' } },
      ({ importOccupations }) => importOccupations.updated === 1 && importOccupations.problems.length === 0,
    );
  },
  async createClientSponsor({ side }) {
    const name = `Matrix client ${unique()}`;
    return request(
      `mutation($intermediaryId: ID!, $input: OrganizationDetailsInput!) {
        createClientSponsor(intermediaryId: $intermediaryId, input: $input) { name kind }
      }`,
      { intermediaryId: side.intermediaryId, input: { name, state: side.state } },
      (data) => data.createClientSponsor.name === name && data.createClientSponsor.kind === 'sponsor',
    );
  },
  async createEmployer({ side }) {
    const name = `Matrix employer ${unique()}`;
    return request(
      `mutation($sponsorId: ID!, $input: OrganizationDetailsInput!) { createEmployer(sponsorId: $sponsorId, input: $input) { name kind } }`,
      { sponsorId: side.sponsorId, input: { name, state: side.state } },
      (data) => data.createEmployer.name === name && data.createEmployer.kind === 'employer',
    );
  },
  async addMember({ side }) {
    return request(
      `mutation($input: AddMemberInput!) { addMember(input: $input) }`,
      {
        input: {
          organizationId: side.sponsorId,
          email: `matrix-${unique()}@example.org`,
          displayName: 'Matrix Supervisor',
          password: 'correct horse battery staple',
          role: 'SUPERVISOR',
        },
      },
      (data) => typeof data.addMember === 'string',
    );
  },
  async createProgram({ side }) {
    return request(
      `mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { sponsor { id } } } }`,
      {
        input: {
          sponsorId: side.sponsorId,
          name: `Matrix program ${unique()}`,
          registrationAgency: 'SAA',
          effectiveDate: addDays(world.today, -30),
          occupations: [validOccupationStandards(side.occupationId)],
        },
      },
      (data) => data.createProgram.program.sponsor.id === side.sponsorId,
    );
  },
  async reviseProgram({ side }) {
    const { programId } = await world.fresh.program(side);
    return request(
      `mutation($input: ReviseProgramInput!) { reviseProgram(input: $input) { program { id currentVersion { version } } } }`,
      {
        input: {
          programId,
          changeNote: 'More RTI',
          effectiveDate: world.today,
          occupations: [{ ...validOccupationStandards(side.occupationId), rtiHoursPerYear: 160 }],
        },
      },
      (data) => data.reviseProgram.program.id === programId && data.reviseProgram.program.currentVersion.version === 2,
    );
  },
  async updateProgramDetails({ side }) {
    const { programId } = await world.fresh.program(side);
    const name = `Renamed ${unique()}`;
    return request(
      `mutation($input: UpdateProgramDetailsInput!) { updateProgramDetails(input: $input) { id name } }`,
      { input: { programId, name } },
      (data) => data.updateProgramDetails.name === name,
    );
  },
  async registerApprentice({ side }) {
    return request(
      `mutation($input: RegisterApprenticeInput!) { registerApprentice(input: $input) { registration { sponsorId status } } }`,
      {
        input: {
          person: validPerson(),
          registration: {
            programOccupationId: side.programOccupationId,
            employerId: side.sponsorId,
            startDate: addDays(world.today, -30),
            employmentStatus: 'NEW_EMPLOYEE',
          },
        },
      },
      ({ registerApprentice }) =>
        registerApprentice.registration.sponsorId === side.sponsorId && registerApprentice.registration.status === 'PENDING',
    );
  },
  async updateApprentice(ctx) {
    const { apprenticeId } = await agreementFor(ctx, 'pending');
    const city = `Matrixville ${unique()}`;
    return request(
      `mutation($input: UpdateApprenticeInput!) { updateApprentice(input: $input) { id city } }`,
      { input: { apprenticeId, city } },
      (data) => data.updateApprentice.id === apprenticeId && data.updateApprentice.city === city,
    );
  },
  async transitionRegistration(ctx) {
    const { registrationId, status } = await agreementFor(ctx, 'pending');
    const toStatus = status === 'PENDING' ? 'REGISTERED' : 'SUSPENDED';
    return request(
      `mutation($input: TransitionRegistrationInput!) { transitionRegistration(input: $input) { id status } }`,
      { input: { registrationId, toStatus, effectiveDate: world.today, reason: 'Matrix transition' } },
      (data) => data.transitionRegistration.id === registrationId && data.transitionRegistration.status === toStatus,
    );
  },
  async transferRegistration(ctx) {
    const { registrationId } = await agreementFor(ctx, 'registered');
    return request(
      `mutation($input: TransferRegistrationInput!) {
        transferRegistration(input: $input) { registration { status transferredFromId employerId } }
      }`,
      {
        input: {
          registrationId,
          effectiveDate: world.today,
          reason: 'Moved to the partner employer',
          newProgramOccupationId: ctx.side.programOccupationId,
          newEmployerId: ctx.side.employerId,
        },
      },
      ({ transferRegistration: { registration } }) =>
        registration.transferredFromId === registrationId &&
        registration.status === 'PENDING' &&
        registration.employerId === ctx.side.employerId,
    );
  },
};

const OUTCOME_WORD: Record<Outcome, string> = { A: 'allowed', H: 'denied', F: 'denied', N: 'denied' };

interface MatrixCell {
  actor: Actor;
  operation: OperationName;
  which: Which;
  outcome: Outcome;
}

const CELLS: Array<[string, MatrixCell]> = OPERATIONS.flatMap((operation) =>
  ACTORS.flatMap((actor, column) => {
    const [own, foreign] = EXPECTED[operation][column].split('/') as [Outcome, Outcome];
    return (
      [
        ['own', own],
        ['foreign', foreign],
      ] as Array<[Which, Outcome]>
    ).map(([which, outcome]): [string, MatrixCell] => [
      `${actor.label} · ${operation} · ${which} → ${OUTCOME_WORD[outcome]}`,
      { actor, operation, which, outcome },
    ]);
  }),
);

const contextFor = (actor: Actor, which: Which): CellContext => ({
  actor,
  which,
  side: world.sides[which === 'own' ? actor.own : actor.foreign],
  ownSide: world.sides[actor.own],
});

const errorCodes = (attempt: Attempt) => attempt.errors?.map((error) => error.extensions.code);

describe('authorization matrix (e2e)', () => {
  beforeAll(async () => {
    world = await bootDemoWorld();
    // State rule settings for the ruleSettings cells; dated far ahead so no check sees them.
    for (const state of ['OH', 'MI']) {
      await world.dataSource.query(
        `INSERT INTO rule_settings (rule, jurisdiction, effective_from, severity, params, source, confidence)
         VALUES ('registration.deadline_days', $1, '2099-01-01', 'warning', '{"days": 30}', 'e2e matrix', 'unverified')`,
        [state],
      );
    }
  }, 120_000);

  afterAll(() => world?.api.close());

  it('lists only operations the api serves', () => {
    const schema = world.api.app.get(GraphQLSchemaHost).schema;
    const served = new Set([
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}),
    ]);
    expect(OPERATIONS.filter((operation) => !served.has(operation))).toEqual([]);
    for (const operation of OPERATIONS) {
      expect(schema.getMutationType()?.getFields()[operation] !== undefined).toBe(MUTATIONS.has(operation));
    }
  });

  it.each(CELLS)('%s', async (_name, { actor, operation, which, outcome }) => {
    const target = await PREPARE[operation](contextFor(actor, which));
    const before = MUTATIONS.has(operation) ? await databaseFingerprint(world.dataSource) : null;
    const attempt = await target.send(world.token(actor.email));

    if (outcome === 'A' || outcome === 'H') {
      expect(attempt.errors).toBeUndefined();
      expect(attempt.shows).toBe(outcome === 'A');
      return;
    }
    expect(errorCodes(attempt)).toEqual([outcome === 'F' ? 'FORBIDDEN' : 'NOT_FOUND']);
    expect(attempt.data?.[operation] ?? null).toBeNull();
    if (before) expect(await databaseFingerprint(world.dataSource)).toEqual(before);
  });

  it.each(OPERATIONS.map((operation) => [operation]))('%s without a token → UNAUTHENTICATED', async (operation) => {
    const target = await PREPARE[operation](contextFor(ACTORS[0], 'own'));
    const before = await databaseFingerprint(world.dataSource);
    const attempt = await target.send(undefined);
    expect(errorCodes(attempt)).toEqual(['UNAUTHENTICATED']);
    expect(attempt.data?.[operation] ?? null).toBeNull();
    expect(await databaseFingerprint(world.dataSource)).toEqual(before);
  });

  describe('reach beyond the sponsor line', () => {
    const gql = (email: DemoEmail, query: string, variables: Record<string, unknown>) =>
      world.api.gql(query, variables, world.token(email));

    it("apprentice · a co-worker's agreement and record at her own sponsor → denied", async () => {
      const registration = await gql('apprentice@greatlakes-jatc.test', `query($id: ID!) { registration(id: $id) { id } }`, {
        id: world.ids.emilyRegistration,
      });
      const apprentice = await gql('apprentice@greatlakes-jatc.test', `query($id: ID!) { apprentice(id: $id) { id } }`, {
        id: world.ids.emilyNguyen,
      });
      expect(registration.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(apprentice.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('apprentice · lists hold only her own agreements and record', async () => {
      const result = await gql(
        'apprentice@greatlakes-jatc.test',
        `{ registrations(first: 100) { nodes { apprenticeId } } apprentices(first: 100) { nodes { id registrations { apprenticeId } } } }`,
        {},
      );
      const maria = world.sides.greatLakes.apprenticeId;
      expect(result.errors).toBeUndefined();
      expect(result.data?.registrations.nodes).toEqual([{ apprenticeId: maria }]);
      expect(result.data?.apprentices.nodes).toEqual([{ id: maria, registrations: [{ apprenticeId: maria }] }]);
    });

    it('Michigan analyst · reaches Great Lakes records but not Buckeye ones', async () => {
      const read = (id: string) =>
        gql('analyst@michigan-oa.test', `query($id: ID!) { program(id: $id) { id } }`, { id }).then((result) =>
          result.errors ? result.errors[0].extensions.code : result.data?.program.id,
        );
      expect(await read(world.sides.greatLakes.programId)).toBe(world.sides.greatLakes.programId);
      expect(await read(world.sides.buckeye.programId)).toBe('NOT_FOUND');
    });

    it("intermediary staff · reaches a second client's (Riverside) records", async () => {
      const result = await gql(
        'staff@midwest-intermediary.test',
        `query($id: ID!) { organization(id: $id) { id } registrations(sponsorId: $id, first: 100) { nodes { sponsorId } } }`,
        { id: world.ids.riverside },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.organization.id).toBe(world.ids.riverside);
      expect(result.data?.registrations.nodes.length).toBeGreaterThan(0);
    });
  });
});
