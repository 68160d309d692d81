import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  buildSchema,
  getNullableType,
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  OperationDefinitionNode,
  parse,
  typeFromAST,
} from 'graphql';
import { addDays, addMonths, todayIso } from '@journeyline/common/dates';
import { databaseFingerprint } from '../support/e2e-db-fingerprint';
import { bootDemoWorld, DemoEmail, DemoWorld, unique, validOccupationStandards, validPerson } from '../support/e2e-demo-world';
import { demoOccupationCsvBase64 } from '../support/e2e-occupation-csv';
import { GraphqlResponse } from '../support/test-api';

/**
 * Every mutation, sent by a role allowed to run it, with one thing wrong in an otherwise valid
 * input: (a) a required field left out or null, (b) a malformed value, (c) a value out of range or
 * against a rule, (d) an id of another tenant. Each must be refused with the field named, and
 * must write nothing at all (see e2e-db-fingerprint.ts).
 *
 * The (a) cases are generated: every non-null input field without a default that the valid input
 * sets, found by walking the variables against the committed schema (apps/api/schema.gql).
 */

type Refs = Record<string, string>;
type Variables = Record<string, any>;

/** A value, or a function of the refs (ids of fresh or seeded records) and "today". */
type CaseValue = unknown;

interface BadCase {
  label: string;
  /** Variable paths to change, e.g. "input.person.dateOfBirth" or "sponsorId"; undefined deletes. */
  set: Record<string, CaseValue>;
  /** The field the answer must name, relative to `input` (or an argument name). */
  field: string;
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';
  rule?: string;
}

interface MutationSpec {
  name: string;
  /** Who sends it; none for login. */
  actor?: DemoEmail;
  document: string;
  /** Fresh records the valid input points at, plus the seeded ids every spec may use. */
  fixtures?: (refs: Refs) => Promise<Refs>;
  variables: (refs: Refs) => Variables;
  /** Whether the valid input writes (login does not). */
  writes?: boolean;
  malformed: BadCase[];
  outOfRange: BadCase[];
  crossTenant: BadCase[];
}

const fieldOf = (path: string) => path.replace(/^input\./, '');

/** One field set to a bad value; the answer must name that field. */
function bad(path: string, value: CaseValue, options: Partial<Omit<BadCase, 'set'>> = {}): BadCase {
  return {
    label: options.label ?? `${path} = ${typeof value === 'function' ? 'computed' : JSON.stringify(value)}`.slice(0, 90),
    set: { [path]: value },
    field: options.field ?? fieldOf(path),
    code: options.code ?? 'BAD_USER_INPUT',
    rule: options.rule,
  };
}

const notFound = (path: string, value: CaseValue, label: string): BadCase => bad(path, value, { code: 'NOT_FOUND', label });

const long = (length: number) => 'x'.repeat(length);

const GL_ADMIN: DemoEmail = 'admin@greatlakes-jatc.test';
const PLATFORM_ADMIN: DemoEmail = 'admin@journeyline.test';
const INTERMEDIARY: DemoEmail = 'staff@midwest-intermediary.test';

const ORGANIZATION_DETAILS = { ein: '123456789', naicsCode: '332710', countyFips: '39049' };

let world: DemoWorld;

const SPECS: MutationSpec[] = [
  {
    name: 'login',
    document: `mutation($input: LoginInput!) { login(input: $input) { token } }`,
    variables: () => ({ input: { email: PLATFORM_ADMIN, password: 'journeyline-demo' } }),
    writes: false,
    malformed: [bad('input.email', 'not-an-email')],
    outOfRange: [bad('input.password', long(201)), bad('input.password', '')],
    crossTenant: [],
  },
  {
    name: 'createOrganization',
    actor: PLATFORM_ADMIN,
    document: `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    variables: () => ({ input: { kind: 'sponsor', name: `Bad-input sponsor ${unique()}`, state: 'OH', ...ORGANIZATION_DETAILS } }),
    malformed: [
      bad('input.kind', 'castle'),
      bad('input.state', 'Ohio'),
      bad('input.ein', '12-3456789'),
      bad('input.naicsCode', 'abc'),
      bad('input.countyFips', '3904'),
    ],
    outOfRange: [
      bad('input.name', long(201)),
      bad('input.name', '   '),
      { label: 'a state agency without a state', set: { 'input.kind': 'state_agency', 'input.state': null }, field: 'state', code: 'BAD_USER_INPUT' },
    ],
    // The platform admin reaches every tenant; the mutation takes no ids.
    crossTenant: [],
  },
  {
    name: 'linkIntermediaryClient',
    actor: PLATFORM_ADMIN,
    document: `mutation($intermediaryId: ID!, $sponsorId: ID!) {
      linkIntermediaryClient(intermediaryId: $intermediaryId, sponsorId: $sponsorId)
    }`,
    fixtures: async () => ({
      intermediaryId: await world.fresh.organization('intermediary', 'OH'),
      sponsorId: await world.fresh.organization('sponsor', 'OH'),
    }),
    variables: (refs) => ({ intermediaryId: refs.intermediaryId, sponsorId: refs.sponsorId }),
    malformed: [bad('intermediaryId', 'not-a-uuid'), bad('sponsorId', '1234')],
    outOfRange: [
      bad('sponsorId', (refs: Refs) => refs.intermediaryId, { label: 'sponsorId = an intermediary' }),
      bad('intermediaryId', (refs: Refs) => refs.sponsorId, { label: 'intermediaryId = a sponsor' }),
    ],
    crossTenant: [],
  },
  {
    name: 'importOccupations',
    actor: PLATFORM_ADMIN,
    document: `mutation($input: ImportOccupationsInput!) { importOccupations(input: $input) { updated } }`,
    variables: () => ({ input: { fileName: 'occupations.csv', contentBase64: demoOccupationCsvBase64('0419'), mode: 'ALL_OR_NOTHING' } }),
    malformed: [
      bad('input.mode', 'SOME'),
      bad('input.contentBase64', '%%% not base64 %%%'),
      bad('input.fileName', 'occupations.pdf'),
      bad('input.contentBase64', Buffer.from('RAPIDS CODE,RAPIDS TITLE\n"0159,Electrician\n').toString('base64'), {
        label: 'contentBase64 = a CSV with an unclosed quote',
      }),
    ],
    outOfRange: [bad('input.fileName', `${long(252)}.csv`), bad('input.contentBase64', '')],
    crossTenant: [],
  },
  {
    name: 'createClientSponsor',
    actor: INTERMEDIARY,
    document: `mutation($intermediaryId: ID!, $input: OrganizationDetailsInput!) {
      createClientSponsor(intermediaryId: $intermediaryId, input: $input) { id }
    }`,
    variables: (refs) => ({ intermediaryId: refs.midwest, input: { name: `Client ${unique()}`, state: 'OH', ...ORGANIZATION_DETAILS } }),
    malformed: [
      bad('intermediaryId', 'midwest'),
      bad('input.state', 'Ohio'),
      bad('input.ein', 'abc'),
      bad('input.naicsCode', '1234567'),
      bad('input.countyFips', 'ABCDE'),
    ],
    outOfRange: [
      bad('input.name', long(201)),
      bad('intermediaryId', (refs: Refs) => refs.buckeyeSponsor, { label: 'intermediaryId = a served sponsor' }),
    ],
    crossTenant: [notFound('intermediaryId', (refs: Refs) => refs.lakeshore, 'intermediaryId = another intermediary')],
  },
  {
    name: 'createEmployer',
    actor: GL_ADMIN,
    document: `mutation($sponsorId: ID!, $input: OrganizationDetailsInput!) { createEmployer(sponsorId: $sponsorId, input: $input) { id } }`,
    variables: (refs) => ({ sponsorId: refs.glSponsor, input: { name: `Employer ${unique()}`, state: 'MI', ...ORGANIZATION_DETAILS } }),
    malformed: [bad('sponsorId', 'great-lakes'), bad('input.ein', '12345678'), bad('input.state', 'mi')],
    outOfRange: [
      bad('input.name', long(201)),
      bad('sponsorId', (refs: Refs) => refs.glEmployer, { label: 'sponsorId = a linked employer' }),
    ],
    crossTenant: [notFound('sponsorId', (refs: Refs) => refs.buckeyeSponsor, 'sponsorId = Buckeye')],
  },
  {
    name: 'addMember',
    actor: GL_ADMIN,
    document: `mutation($input: AddMemberInput!) { addMember(input: $input) }`,
    variables: (refs) => ({
      input: {
        organizationId: refs.glSponsor,
        email: `member-${unique()}@example.org`,
        displayName: 'New Supervisor',
        password: 'correct horse battery staple',
        role: 'SUPERVISOR',
      },
    }),
    malformed: [
      bad('input.organizationId', 'great-lakes'),
      bad('input.email', 'not-an-email'),
      bad('input.role', 'KING'),
      bad('input.apprenticeId', 'maria'),
    ],
    outOfRange: [
      bad('input.displayName', long(121)),
      bad('input.password', 'too short'),
      bad('input.role', 'STATE_ANALYST', { label: 'role = STATE_ANALYST at a sponsor' }),
      bad('input.role', 'APPRENTICE', { label: 'role = APPRENTICE without apprenticeId', field: 'apprenticeId' }),
      bad('input.email', 'supervisor@greatlakes-jatc.test', {
        label: 'a password for an e-mail that already has an account',
        field: 'password',
      }),
    ],
    crossTenant: [
      notFound('input.organizationId', (refs: Refs) => refs.buckeyeSponsor, 'organizationId = Buckeye'),
      {
        label: "apprenticeId = Buckeye's apprentice",
        set: { 'input.role': 'APPRENTICE', 'input.apprenticeId': (refs: Refs) => refs.buckeyeApprentice },
        field: 'apprenticeId',
        code: 'NOT_FOUND',
      },
    ],
  },
  {
    name: 'createProgram',
    actor: GL_ADMIN,
    document: `mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id } } }`,
    variables: (refs) => ({
      input: {
        sponsorId: refs.glSponsor,
        name: `Bad-input program ${unique()}`,
        programNumber: `MI-${unique()}`,
        registrationAgency: 'OA',
        state: 'MI',
        effectiveDate: addDays(refs.today, -30),
        occupations: [
          { ...validOccupationStandards(refs.glOccupation), va: { facilityCode: '20012345', approvedProgramName: 'ELECTRICIAN' } },
        ],
      },
    }),
    malformed: [
      bad('input.sponsorId', 'great-lakes'),
      bad('input.effectiveDate', '2026-02-30'),
      bad('input.registrationAgency', 'STATE'),
      bad('input.state', 'Michigan'),
      bad('input.occupations.0.occupationId', 'electrician'),
      bad('input.occupations.0.approach', 'SOMETIMES'),
      bad('input.occupations.0.ojtTermHours', '2000'),
      bad('input.occupations.0.journeyworkerRate', '12.345'),
      bad('input.occupations.0.wageSchedule.0.thresholdKind', 'YEARS'),
      bad('input.occupations.0.wageSchedule.1.percentOfJourneyworker', '55.555'),
    ],
    outOfRange: [
      bad('input.name', long(201)),
      bad('input.programNumber', long(33)),
      bad('input.occupations', [], { label: 'no occupations' }),
      bad('input.occupations.0.probationMonths', 0),
      bad('input.occupations.0.termMonths', 121),
      bad('input.occupations.0.ratio.apprentices', 0),
      bad('input.occupations.0.workProcesses.0.minHours', -1),
      bad('input.occupations.0.workProcesses.0.maxHours', 10, { label: 'maxHours below minHours' }),
      bad('input.occupations.0.wageSchedule.1.percentOfJourneyworker', '100.5'),
      bad('input.occupations.0.wageSchedule.1.step', 3, { label: 'wage steps out of order' }),
      bad('input.occupations.0.wageSchedule.0.thresholdValue', 5, { label: 'step 1 not at 0' }),
      bad('input.occupations.0.va.facilityCode', '21234567', { label: 'facilityCode without 0 as 2nd character' }),
      bad('input.occupations.0.approach', 'COMPETENCY_BASED', { label: 'an approach the occupation is not registered for' }),
      bad('input.occupations.0.occupationId', () => randomUUID(), { label: 'an unknown occupation' }),
      bad('input.occupations.0.ojtTermHours', 1000, { rule: 'standards.time_based_min_ojt_hours' }),
      bad('input.occupations.0.rtiHoursPerYear', 0, { rule: 'standards.rti_component_required' }),
      bad('input.occupations.0.wageSchedule.1.percentOfJourneyworker', '45', { rule: 'standards.wage_schedule_increasing' }),
      bad('input.occupations.0.wageSchedule.0.percentOfJourneyworker', '20', { rule: 'standards.entry_wage_minimum' }),
      bad('input.programNumber', '2019-OH-77310', { label: "programNumber = Buckeye's", code: 'CONFLICT' }),
      bad('input.sponsorId', (refs: Refs) => refs.glEmployer, { label: 'sponsorId = a linked employer' }),
    ],
    crossTenant: [notFound('input.sponsorId', (refs: Refs) => refs.buckeyeSponsor, 'sponsorId = Buckeye')],
  },
  {
    name: 'reviseProgram',
    actor: GL_ADMIN,
    document: `mutation($input: ReviseProgramInput!) { reviseProgram(input: $input) { program { id } } }`,
    fixtures: async (refs) => ({
      programId: (await world.fresh.program({ sponsorId: refs.glSponsor, occupationId: refs.glOccupation })).programId,
    }),
    variables: (refs) => ({
      input: {
        programId: refs.programId,
        changeNote: 'More related instruction',
        effectiveDate: refs.today,
        occupations: [{ ...validOccupationStandards(refs.glOccupation), rtiHoursPerYear: 160 }],
      },
    }),
    malformed: [
      bad('input.programId', 'wireman'),
      bad('input.effectiveDate', '2026-13-01'),
      bad('input.occupations.0.journeyworkerRate', 'thirty'),
    ],
    outOfRange: [
      bad('input.effectiveDate', (refs: Refs) => addDays(refs.today, -400), { label: "effectiveDate before the current version's" }),
      bad('input.changeNote', long(501)),
      bad('input.occupations.0.probationMonths', 0),
      bad('input.occupations.0.workProcesses.1.minHours', -5),
      bad('input.occupations.0.ojtTermHours', 1500, { rule: 'standards.time_based_min_ojt_hours' }),
    ],
    crossTenant: [notFound('input.programId', (refs: Refs) => refs.buckeyeProgram, "programId = Buckeye's program")],
  },
  {
    name: 'updateProgramDetails',
    actor: GL_ADMIN,
    document: `mutation($input: UpdateProgramDetailsInput!) { updateProgramDetails(input: $input) { id } }`,
    fixtures: async (refs) => ({
      programId: (await world.fresh.program({ sponsorId: refs.glSponsor, occupationId: refs.glOccupation })).programId,
    }),
    variables: (refs) => ({ input: { programId: refs.programId, name: `Renamed ${unique()}`, programNumber: `MI-${unique()}` } }),
    malformed: [bad('input.programId', 'wireman'), bad('input.name', 42)],
    outOfRange: [
      bad('input.name', long(201)),
      bad('input.name', '   '),
      bad('input.programNumber', long(33)),
      bad('input.programNumber', '2019-OH-77310', { label: "programNumber = Buckeye's", code: 'CONFLICT' }),
    ],
    crossTenant: [notFound('input.programId', (refs: Refs) => refs.buckeyeProgram, "programId = Buckeye's program")],
  },
  {
    name: 'registerApprentice',
    actor: GL_ADMIN,
    document: `mutation($input: RegisterApprenticeInput!) { registerApprentice(input: $input) { registration { id } } }`,
    variables: (refs) => ({
      input: {
        person: {
          ...validPerson(),
          middleName: 'Lucia',
          suffix: 'Jr.',
          ssn: '123-45-6789',
          phone: '+1 (313) 555-0142',
          streetAddress: '1 Main St',
          city: 'Detroit',
          state: 'MI',
          zipCode: '48201',
        },
        registration: {
          programOccupationId: refs.glProgramOccupation,
          employerId: refs.glSponsor,
          startDate: addDays(refs.today, -30),
          employmentStatus: 'NEW_EMPLOYEE',
          careerConnection: 'PRE_APPRENTICESHIP',
          priorCredit: { description: 'Pre-apprenticeship', ojtHours: 200, rtiHours: 40 },
          va: {
            chapter: 'CH33',
            vaFileNumber: '12345678',
            enrollmentStart: addDays(refs.today, -30),
            enrollmentEnd: addDays(refs.today, 335),
          },
        },
      },
    }),
    malformed: [
      bad('input.person.dateOfBirth', '1999-02-30'),
      bad('input.person.email', 'maria@'),
      bad('input.person.priorWage', '12.345'),
      bad('input.person.ssn', '123-45-678'),
      bad('input.person.phone', 'call me'),
      bad('input.person.zipCode', '4820'),
      bad('input.person.state', 'Michigan'),
      bad('input.person.suffix', 'IV'),
      bad('input.person.demographics.sex', 'UNKNOWN'),
      bad('input.person.demographics.races', ['PURPLE'], { field: 'person.demographics.races.0' }),
      bad('input.registration.programOccupationId', 'wireman'),
      bad('input.registration.employerId', 'great-lakes'),
      bad('input.registration.startDate', '2026-00-10'),
      bad('input.registration.employmentStatus', 'RETIRED'),
      bad('input.registration.va.vaFileNumber', '1234'),
      bad('input.registration.va.enrollmentStart', '2026-02-30'),
    ],
    outOfRange: [
      bad('input.person.dateOfBirth', (refs: Refs) => addMonths(addDays(refs.today, -30), -15 * 12), {
        label: 'dateOfBirth making the apprentice 15 on the start date',
        rule: 'registration.minimum_age',
      }),
      bad('input.person.dateOfBirth', (refs: Refs) => addDays(refs.today, 1), { label: 'dateOfBirth in the future' }),
      bad('input.person.firstName', long(56)),
      bad('input.person.ssn', '666-12-3456', { label: 'an SSN that is never issued' }),
      bad('input.person.demographics.races', [], { label: 'no race' }),
      bad('input.person.demographics.races', ['WHITE', 'NOT_SELF_IDENTIFIED'], { label: 'NOT_SELF_IDENTIFIED with a race' }),
      bad('input.registration.priorCredit.ojtHours', -1),
      bad('input.registration.priorCredit.ojtHours', 8000, { label: 'prior credit covering the whole term' }),
      bad('input.registration.va.enrollmentEnd', (refs: Refs) => addDays(refs.today, -31), { label: 'enrollmentEnd before enrollmentStart' }),
    ],
    crossTenant: [
      notFound('input.registration.programOccupationId', (refs: Refs) => refs.buckeyeProgramOccupation, "programOccupationId = Buckeye's"),
      notFound('input.registration.employerId', (refs: Refs) => refs.buckeyeSponsor, 'employerId = Buckeye'),
      notFound('input.registration.employerId', (refs: Refs) => refs.buckeyeEmployer, "employerId = Buckeye's employer"),
    ],
  },
  {
    name: 'updateApprentice',
    actor: GL_ADMIN,
    document: `mutation($input: UpdateApprenticeInput!) { updateApprentice(input: $input) { id } }`,
    fixtures: async (refs) => ({
      apprenticeId: (
        await world.fresh.registration({ sponsorId: refs.glSponsor, programOccupationId: refs.glProgramOccupation }, 'pending')
      ).apprenticeId,
    }),
    variables: (refs) => ({
      input: {
        apprenticeId: refs.apprenticeId,
        firstName: 'Updated',
        dateOfBirth: '1994-03-03',
        city: 'Lansing',
        email: `updated-${unique()}@example.org`,
        priorWage: '16.25',
        priorWageUnit: 'WEEKLY',
        ssn: '234-56-7890',
        demographics: validPerson().demographics,
      },
    }),
    malformed: [
      bad('input.apprenticeId', 'maria'),
      bad('input.dateOfBirth', '1999-02-29'),
      bad('input.email', 'nope'),
      bad('input.priorWage', '1.234'),
      bad('input.priorWageUnit', 'DAILY'),
      bad('input.zipCode', 'ABCDE'),
      bad('input.ssn', '12-345-6789'),
    ],
    outOfRange: [
      // Fresh agreements start 60 days ago.
      bad('input.dateOfBirth', (refs: Refs) => addMonths(addDays(refs.today, -60), -15 * 12), {
        label: 'dateOfBirth making the apprentice 15 on the start date',
        rule: 'registration.minimum_age',
      }),
      bad('input.dateOfBirth', (refs: Refs) => addDays(refs.today, 1), { label: 'dateOfBirth in the future' }),
      bad('input.lastName', long(56)),
      bad('input.firstName', null, { label: 'firstName = null (it cannot be cleared)' }),
      bad('input.demographics.races', [], { label: 'no race' }),
    ],
    crossTenant: [notFound('input.apprenticeId', (refs: Refs) => refs.buckeyeApprentice, "apprenticeId = Buckeye's apprentice")],
  },
  {
    name: 'transitionRegistration',
    actor: GL_ADMIN,
    document: `mutation($input: TransitionRegistrationInput!) { transitionRegistration(input: $input) { id } }`,
    fixtures: async (refs) => ({
      registrationId: (
        await world.fresh.registration({ sponsorId: refs.glSponsor, programOccupationId: refs.glProgramOccupation }, 'pending')
      ).registrationId,
    }),
    variables: (refs) => ({
      input: { registrationId: refs.registrationId, toStatus: 'REGISTERED', effectiveDate: refs.today, reason: 'Registered by OA' },
    }),
    malformed: [bad('input.registrationId', 'pending-one'), bad('input.toStatus', 'DONE'), bad('input.effectiveDate', '2026-02-30')],
    outOfRange: [
      bad('input.effectiveDate', (refs: Refs) => addDays(refs.today, 1), { label: 'effectiveDate in the future' }),
      bad('input.effectiveDate', (refs: Refs) => addDays(refs.today, -90), { label: 'effectiveDate before the start date' }),
      bad('input.reason', long(501)),
      bad('input.reason', '   '),
      bad('input.toStatus', 'COMPLETED', { label: 'toStatus = COMPLETED from pending' }),
      bad('input.toStatus', 'TRANSFERRED', { label: 'toStatus = TRANSFERRED (needs transferRegistration)' }),
    ],
    crossTenant: [notFound('input.registrationId', (refs: Refs) => refs.buckeyeRegistration, "registrationId = Buckeye's")],
  },
  {
    name: 'transferRegistration',
    actor: GL_ADMIN,
    document: `mutation($input: TransferRegistrationInput!) { transferRegistration(input: $input) { registration { id } } }`,
    fixtures: async (refs) => ({
      registrationId: (
        await world.fresh.registration({ sponsorId: refs.glSponsor, programOccupationId: refs.glProgramOccupation }, 'registered')
      ).registrationId,
    }),
    variables: (refs) => ({
      input: {
        registrationId: refs.registrationId,
        effectiveDate: refs.today,
        reason: 'Moved to Tri-County',
        newProgramOccupationId: refs.glProgramOccupation,
        newEmployerId: refs.glEmployer,
      },
    }),
    malformed: [
      bad('input.registrationId', 'registered-one'),
      bad('input.newProgramOccupationId', 'wireman'),
      bad('input.newEmployerId', 'tri-county'),
      bad('input.effectiveDate', '31/12/2025'),
    ],
    outOfRange: [
      bad('input.effectiveDate', (refs: Refs) => addDays(refs.today, 1), { label: 'effectiveDate in the future' }),
      // Fresh agreements are registered 30 days ago.
      bad('input.effectiveDate', (refs: Refs) => addDays(refs.today, -45), { label: 'effectiveDate before the last status change' }),
      bad('input.reason', long(501)),
      bad('input.newEmployerId', (refs: Refs) => refs.glSponsor, {
        label: 'the same program occupation and employer',
        field: 'newProgramOccupationId',
      }),
    ],
    crossTenant: [
      notFound('input.registrationId', (refs: Refs) => refs.buckeyeRegistration, "registrationId = Buckeye's"),
      notFound('input.newProgramOccupationId', (refs: Refs) => refs.buckeyeProgramOccupation, "newProgramOccupationId = Buckeye's"),
      notFound('input.newEmployerId', (refs: Refs) => refs.buckeyeEmployer, "newEmployerId = Buckeye's employer"),
    ],
  },
];

// ------------------------------------------------------------------ generated (a) cases

/** Refs at module load, before the world exists: only the shape of the variables matters. */
const PLACEHOLDER_REFS: Refs = new Proxy({} as Refs, {
  get: (_target, key) => (key === 'today' ? todayIso() : `ref:${String(key)}`),
});

/**
 * Paths of the non-null fields without a default that the variables set: the variables
 * themselves, then input-object fields at any depth (the first element of each list).
 */
function requiredPaths(schema: GraphQLSchema, document: string, variables: Variables): string[] {
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  const paths: string[] = [];
  const walk = (type: GraphQLInputType, value: unknown, path: string) => {
    if (value === null || value === undefined) return;
    if (isListType(type)) {
      if (Array.isArray(value) && value.length) walk(getNullableType(type.ofType) as GraphQLInputType, value[0], `${path}.0`);
      return;
    }
    if (!isInputObjectType(type)) return;
    for (const field of Object.values(type.getFields())) {
      if (!(field.name in (value as object))) continue;
      const fieldPath = `${path}.${field.name}`;
      if (isNonNullType(field.type) && field.defaultValue === undefined) paths.push(fieldPath);
      walk(getNullableType(field.type) as GraphQLInputType, (value as Record<string, unknown>)[field.name], fieldPath);
    }
  };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType;
    if (isNonNullType(type) && !definition.defaultValue) paths.push(name);
    walk(getNullableType(type) as GraphQLInputType, variables[name], name);
  }
  return paths;
}

const COMMITTED_SCHEMA = buildSchema(readFileSync('apps/api/schema.gql', 'utf8'));

const missingPathsOf = (spec: MutationSpec, schema: GraphQLSchema) =>
  requiredPaths(schema, spec.document, spec.variables(PLACEHOLDER_REFS));

type Kind = 'missing' | 'null';

const REQUIRED_CASES: Array<[string, MutationSpec, string, Kind]> = SPECS.flatMap((spec) =>
  missingPathsOf(spec, COMMITTED_SCHEMA).flatMap((path): Array<[string, MutationSpec, string, Kind]> => {
    const field = fieldOf(path);
    const leaf = field.split('.').pop();
    return [
      [`${spec.name} · (a) missing ${path} → BAD_USER_INPUT naming ${leaf === field ? field : `${leaf} (the leaf only)`}`, spec, path, 'missing'],
      [`${spec.name} · (a) null ${path} → BAD_USER_INPUT naming ${field}`, spec, path, 'null'],
    ];
  }),
);

const CATEGORY_LABELS = { malformed: '(b) malformed', outOfRange: '(c) out of range', crossTenant: '(d) cross-tenant' } as const;

const BAD_CASES: Array<[string, MutationSpec, BadCase]> = SPECS.flatMap((spec) =>
  (Object.keys(CATEGORY_LABELS) as Array<keyof typeof CATEGORY_LABELS>).flatMap((category) =>
    spec[category].map((badCase): [string, MutationSpec, BadCase] => [
      `${spec.name} · ${CATEGORY_LABELS[category]} ${badCase.label} → ${badCase.code} naming ${badCase.field}`,
      spec,
      badCase,
    ]),
  ),
);

// ------------------------------------------------------------------ helpers

const clone = <T>(value: T): T => structuredClone(value);

function setPath(target: Variables, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node: any = target;
  for (const key of keys) node = node[key];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

async function prepare(spec: MutationSpec): Promise<{ refs: Refs; variables: Variables }> {
  const base: Refs = {
    today: world.today,
    glSponsor: world.sides.greatLakes.sponsorId,
    glOccupation: world.sides.greatLakes.occupationId,
    glProgramOccupation: world.sides.greatLakes.programOccupationId,
    glEmployer: world.sides.greatLakes.employerId,
    buckeyeSponsor: world.sides.buckeye.sponsorId,
    buckeyeProgram: world.sides.buckeye.programId,
    buckeyeProgramOccupation: world.sides.buckeye.programOccupationId,
    buckeyeEmployer: world.sides.buckeye.employerId,
    buckeyeApprentice: world.sides.buckeye.apprenticeId,
    buckeyeRegistration: world.sides.buckeye.registrationId,
    midwest: world.ids.midwest,
    lakeshore: world.ids.lakeshore,
  };
  const refs = { ...base, ...(spec.fixtures ? await spec.fixtures(base) : {}) };
  return { refs, variables: spec.variables(refs) };
}

const send = (spec: MutationSpec, variables: Variables): Promise<GraphqlResponse> =>
  world.api.gql(spec.document, variables, spec.actor && world.token(spec.actor));

/** The answer is one error with this code, naming `field` and nothing else, and no data. */
function expectRefused(result: GraphqlResponse, spec: MutationSpec, code: string, field: string, rule?: string) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  expect({ code: error.extensions.code, fields: [...new Set(error.extensions.fields?.map((problem) => problem.field))] }).toEqual({
    code,
    fields: [field],
  });
  if (rule) expect(error.extensions.fields).toContainEqual(expect.objectContaining({ field, rule }));
  expect(result.data?.[spec.name] ?? null).toBeNull();
}

/** "input.occupations.0.ratio" as graphql-js writes it: "input.occupations[0].ratio". */
const graphqlPath = (path: string) => path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

// ------------------------------------------------------------------ tests

describe('bad input (e2e)', () => {
  beforeAll(async () => {
    world = await bootDemoWorld();
  }, 120_000);

  afterAll(() => world?.api.close());

  it('generates the required-field cases from the schema the api serves', () => {
    const live = world.api.app.get(GraphQLSchemaHost).schema;
    for (const spec of SPECS) expect(missingPathsOf(spec, live)).toEqual(missingPathsOf(spec, COMMITTED_SCHEMA));
  });

  it.each(SPECS.map((spec) => [spec.name, spec] as const))('%s · the valid input is accepted', async (_name, spec) => {
    const { variables } = await prepare(spec);
    const before = await databaseFingerprint(world.dataSource);
    const result = await send(spec, variables);
    expect(result.errors).toBeUndefined();
    expect(result.data?.[spec.name]).toBeTruthy();
    // Proves the write check below would notice this mutation's writes.
    if (spec.writes !== false) expect(await databaseFingerprint(world.dataSource)).not.toEqual(before);
  });

  it.each(REQUIRED_CASES)('%s', async (_name, spec, path, kind) => {
    const { variables } = await prepare(spec);
    const changed = clone(variables);
    setPath(changed, path, kind === 'missing' ? undefined : null);
    const before = await databaseFingerprint(world.dataSource);
    const result = await send(spec, changed);

    const segments = fieldOf(path).split('.');
    if (kind === 'missing' && segments.length > 1) {
      // graphql-js refuses these before any resolver runs and the api names only the leaf field; the
      // full location is in the reason (see the report on apps/api/src/graphql-errors.ts).
      expectRefused(result, spec, 'BAD_USER_INPUT', segments[segments.length - 1]);
      const parent = path.split('.').slice(0, -1).join('.');
      expect(result.errors![0].extensions.fields![0].reason).toContain(`at "${graphqlPath(parent)}"`);
    } else {
      expectRefused(result, spec, 'BAD_USER_INPUT', fieldOf(path));
    }
    expect(await databaseFingerprint(world.dataSource)).toEqual(before);
  });

  it.each(BAD_CASES)('%s', async (_name, spec, badCase) => {
    const { refs, variables } = await prepare(spec);
    const changed = clone(variables);
    for (const [path, value] of Object.entries(badCase.set)) {
      setPath(changed, path, typeof value === 'function' ? value(refs) : clone(value));
    }
    const before = await databaseFingerprint(world.dataSource);
    const result = await send(spec, changed);
    expectRefused(result, spec, badCase.code, badCase.field, badCase.rule);
    expect(await databaseFingerprint(world.dataSource)).toEqual(before);
  });
});

