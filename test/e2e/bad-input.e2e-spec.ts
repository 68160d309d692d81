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
import { DatabaseFingerprint, databaseFingerprint, WritableTable } from '../support/e2e-db-fingerprint';
import { bootDemoWorld, DemoEmail, DemoWorld, unique, validOccupationStandards, validPerson } from '../support/e2e-demo-world';
import { addReportsAndOutcomes, ReportsOutcomes } from '../support/e2e-reports-outcomes';
import { addTrainingRecords, TrainingRecords } from '../support/e2e-training-records';
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
  /** What the answer to the valid input must show, beyond having no errors. */
  accepted?: (answer: any) => boolean;
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
const GL_SUPERVISOR: DemoEmail = 'supervisor@greatlakes-jatc.test';
const APPRENTICE: DemoEmail = 'apprentice@greatlakes-jatc.test';
const OH_ANALYST: DemoEmail = 'analyst@ohio-saa.test';
const MI_ANALYST: DemoEmail = 'analyst@michigan-oa.test';

const ORGANIZATION_DETAILS = { ein: '123456789', naicsCode: '332710', countyFips: '39049' };

let world: DemoWorld;
let training: TrainingRecords;
/** Training records every spec may aim at (see beforeAll). */
let trainingRefs: Refs;
let reports: ReportsOutcomes;

/**
 * A day on Maria Lopez's agreement with 20 hours already logged: an entry of a few hours fits
 * under the daily maximum of 24, 5 more do not. Shared per key, or a day of its own without one.
 */
const nearlyFullDays = new Map<string, Promise<string>>();
function nearlyFullDay(key?: string): Promise<string> {
  const make = async () => {
    const workDate = training.nextDay();
    await training.fresh.entry(trainingRefs.maria, 'draft', { workDate, hours: 20 });
    return workDate;
  };
  if (!key) return make();
  if (!nearlyFullDays.has(key)) nearlyFullDays.set(key, make());
  return nearlyFullDays.get(key)!;
}

/** A day with nothing logged on Maria Lopez's agreement yet, shared per key. */
const emptyDays = new Map<string, string>();
async function emptyDay(key: string): Promise<string> {
  if (!emptyDays.has(key)) emptyDays.set(key, training.nextDay());
  return emptyDays.get(key)!;
}

/** One hour on Maria Lopez's agreement on the spec's day. */
const batchEntry = (refs: Refs, idempotencyKey: string) => ({
  registrationId: refs.maria,
  workDate: refs.workDate,
  hours: 1,
  workProcessId: refs.glWorkProcess,
  idempotencyKey,
});

const HOURS_HEADER = 'registration_id,work_date,hours,work_process,employer_id,idempotency_key';
/** An hours file as importOjtHours takes it, one row per array, base64-encoded. */
const hoursCsv = (rows: string[][]): string =>
  Buffer.from([HOURS_HEADER, ...rows.map((row) => row.join(','))].join('\n') + '\n', 'utf8').toString('base64');

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
    malformed: [bad('sponsorId', 'great-lakes'), bad('input.ein', '12345678'), bad('input.state', 'mi'), bad('input.governmentBody', 'yes')],
    outOfRange: [
      bad('input.name', long(201)),
      bad('sponsorId', (refs: Refs) => refs.glEmployer, { label: 'sponsorId = a linked employer' }),
    ],
    crossTenant: [notFound('sponsorId', (refs: Refs) => refs.buckeyeSponsor, 'sponsorId = Buckeye')],
  },
  {
    name: 'updateOrganization',
    actor: GL_ADMIN,
    document: `mutation($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id naicsCode } }`,
    variables: (refs) => ({ id: refs.glEmployer, input: { naicsCode: '238210', governmentBody: false } }),
    accepted: (answer) => answer.naicsCode === '238210',
    malformed: [bad('id', 'great-lakes'), bad('input.naicsCode', '23821x'), bad('input.governmentBody', 'yes')],
    outOfRange: [bad('input.name', long(201)), bad('input.name', null), bad('input.governmentBody', null)],
    crossTenant: [notFound('id', (refs: Refs) => refs.buckeyeSponsor, 'id = Buckeye')],
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
          { ...validOccupationStandards(refs.glOccupation), va: { facilityCode: '30012345', approvedProgramName: 'ELECTRICIAN' } },
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

  // ---------------------------------------------------------------- training records
  // Hours go on Maria Lopez's agreement (Great Lakes); foreign records are Buckeye's (see
  // e2e-training-records.ts and beforeAll).
  {
    name: 'logOjtHours',
    actor: GL_ADMIN,
    document: `mutation($input: LogOjtHoursInput!) { logOjtHours(input: $input) { entry { id } } }`,
    fixtures: async () => ({ workDate: await nearlyFullDay('logOjtHours'), idempotencyKey: `bad-input-${unique()}` }),
    variables: (refs) => ({
      input: {
        registrationId: refs.maria,
        workDate: refs.workDate,
        hours: 1.25,
        workProcessId: refs.glWorkProcess,
        employerId: refs.glEmployer,
        worksite: 'Tri-County yard',
        note: 'Conduit runs',
        idempotencyKey: refs.idempotencyKey,
        submit: true,
      },
    }),
    malformed: [
      bad('input.registrationId', 'maria'),
      bad('input.workDate', '2026-02-30'),
      bad('input.workDate', '07/04/2026'),
      bad('input.hours', 0.3),
      bad('input.hours', 'eight'),
      bad('input.workProcessId', 'core-skills'),
      bad('input.employerId', 'tri-county'),
      bad('input.submit', 'yes'),
    ],
    outOfRange: [
      bad('input.hours', 25),
      bad('input.hours', -1),
      bad('input.hours', 0),
      bad('input.workDate', (refs: Refs) => addDays(refs.today, 1), { label: 'workDate in the future' }),
      bad('input.workDate', (refs: Refs) => addDays(refs.mariaStart, -1), { label: 'workDate before the registration start' }),
      bad('input.hours', 5, { label: 'hours taking the day past 24 h', rule: 'hours.max_per_day' }),
      bad('input.idempotencyKey', long(201)),
      bad('input.idempotencyKey', ''),
      bad('input.note', long(1001)),
      bad('input.worksite', long(201)),
      bad('input.workProcessId', () => randomUUID(), { label: 'an unknown work process' }),
    ],
    crossTenant: [
      notFound('input.registrationId', (refs: Refs) => refs.sarah, "registrationId = Buckeye's (Sarah Bigeagle's)"),
      bad('input.workProcessId', (refs: Refs) => refs.buckeyeWorkProcess, { label: "workProcessId = one of Buckeye's program" }),
      bad('input.employerId', (refs: Refs) => refs.buckeyeEmployer, { label: "employerId = Buckeye's employer" }),
    ],
  },
  {
    name: 'logOjtHoursBatch',
    actor: GL_ADMIN,
    document: `mutation($input: LogOjtHoursBatchInput!) { logOjtHoursBatch(input: $input) { entries { id } } }`,
    fixtures: async () => ({
      workDate: await emptyDay('logOjtHoursBatch'),
      firstKey: `bad-input-${unique()}`,
      secondKey: `bad-input-${unique()}`,
    }),
    variables: (refs) => ({
      input: {
        entries: [batchEntry(refs, refs.firstKey), { ...batchEntry(refs, refs.secondKey), workProcessId: refs.glWorkProcess2 }],
        submit: true,
      },
    }),
    malformed: [
      bad('input.entries.1.workDate', '2026-13-01'),
      bad('input.entries.0.hours', 0.3),
      bad('input.entries.1.registrationId', 'maria'),
      bad('input.entries.0.workProcessId', 'core-skills'),
      bad('input.submit', 'later'),
    ],
    outOfRange: [
      bad('input.entries', [], { label: 'no entries' }),
      bad('input.entries', (refs: Refs) => Array.from({ length: 501 }, (_, index) => batchEntry(refs, `bad-input-501-${index}`)), {
        label: '501 entries (at most 500)',
      }),
      bad('input.entries.1.hours', 25),
      bad('input.entries.1.hours', -1),
      bad('input.entries.0.workDate', (refs: Refs) => addDays(refs.today, 1), { label: 'entries.0.workDate in the future' }),
      bad('input.entries.1.workDate', (refs: Refs) => addDays(refs.mariaStart, -1), {
        label: 'entries.1.workDate before the registration start',
      }),
      {
        label: 'two entries taking the day past 24 h',
        set: { 'input.entries.0.hours': 20, 'input.entries.1.hours': 5 },
        field: 'entries.1.hours',
        code: 'BAD_USER_INPUT',
        rule: 'hours.max_per_day',
      },
      bad('input.entries.1.idempotencyKey', (refs: Refs) => refs.firstKey, { label: 'entries.1 repeats the key of entries.0' }),
    ],
    crossTenant: [notFound('input.entries.1.registrationId', (refs: Refs) => refs.sarah, "entries.1.registrationId = Buckeye's")],
  },
  {
    name: 'submitOjtHours',
    actor: APPRENTICE,
    document: `mutation($entryIds: [ID!]!) { submitOjtHours(entryIds: $entryIds) { id } }`,
    fixtures: async (refs) => ({ entryId: await training.fresh.entry(refs.maria, 'draft', { workDate: refs.hoursDay }) }),
    variables: (refs) => ({ entryIds: [refs.entryId] }),
    malformed: [
      bad('entryIds', ['not-a-uuid'], { field: 'entryIds.0' }),
      bad('entryIds', (refs: Refs) => [refs.entryId, '1234'], { field: 'entryIds.1', label: 'entryIds = [a draft, "1234"]' }),
    ],
    outOfRange: [
      bad('entryIds', [], { label: 'no ids' }),
      bad('entryIds', () => Array.from({ length: 501 }, () => randomUUID()), { label: '501 ids (at most 500)' }),
      bad('entryIds', (refs: Refs) => [refs.glApprovedEntry], { field: 'entryIds.0', label: 'an approved entry' }),
      bad('entryIds', () => [randomUUID()], { field: 'entryIds.0', code: 'NOT_FOUND', label: 'an unknown id' }),
    ],
    crossTenant: [
      bad('entryIds', (refs: Refs) => [refs.buckeyeDraftEntry], {
        field: 'entryIds.0',
        code: 'NOT_FOUND',
        label: "a Buckeye apprentice's draft",
      }),
      bad('entryIds', (refs: Refs) => [refs.emilyDraftEntry], { field: 'entryIds.0', code: 'NOT_FOUND', label: "a co-worker's draft" }),
    ],
  },
  {
    name: 'approveOjtHours',
    actor: GL_SUPERVISOR,
    document: `mutation($entryIds: [ID!]!) { approveOjtHours(entryIds: $entryIds) { id } }`,
    fixtures: async (refs) => ({ entryId: await training.fresh.entry(refs.maria, 'submitted', { workDate: refs.hoursDay }) }),
    variables: (refs) => ({ entryIds: [refs.entryId] }),
    malformed: [bad('entryIds', ['approve-all'], { field: 'entryIds.0' })],
    outOfRange: [
      bad('entryIds', [], { label: 'no ids' }),
      bad('entryIds', () => Array.from({ length: 501 }, () => randomUUID()), { label: '501 ids (at most 500)' }),
      bad('entryIds', (refs: Refs) => [refs.entryId, refs.glDraftEntry], { field: 'entryIds.1', label: 'a draft among them' }),
      bad('entryIds', () => [randomUUID()], { field: 'entryIds.0', code: 'NOT_FOUND', label: 'an unknown id' }),
    ],
    crossTenant: [
      bad('entryIds', (refs: Refs) => [refs.entryId, refs.buckeyeSubmittedEntry], {
        field: 'entryIds.1',
        code: 'NOT_FOUND',
        label: "a Buckeye apprentice's submitted hours among them",
      }),
    ],
  },
  {
    name: 'rejectOjtHours',
    actor: GL_ADMIN,
    document: `mutation($input: RejectOjtHoursInput!) { rejectOjtHours(input: $input) { id } }`,
    fixtures: async (refs) => ({ entryId: await training.fresh.entry(refs.maria, 'submitted', { workDate: refs.hoursDay }) }),
    variables: (refs) => ({ input: { entryIds: [refs.entryId], reason: 'Logged twice' } }),
    malformed: [bad('input.entryIds', ['reject-all'])],
    outOfRange: [
      bad('input.entryIds', [], { label: 'no ids' }),
      bad('input.reason', '   '),
      bad('input.reason', long(501)),
      bad('input.entryIds', (refs: Refs) => [refs.glDraftEntry], { field: 'entryIds.0', label: 'a draft' }),
    ],
    crossTenant: [
      bad('input.entryIds', (refs: Refs) => [refs.buckeyeSubmittedEntry], {
        field: 'entryIds.0',
        code: 'NOT_FOUND',
        label: "a Buckeye apprentice's submitted hours",
      }),
    ],
  },
  {
    name: 'updateOjtHours',
    actor: GL_ADMIN,
    document: `mutation($input: UpdateOjtHoursInput!) { updateOjtHours(input: $input) { entry { id } } }`,
    // A day of its own each time: the entry's hour and 20 more already logged.
    fixtures: async (refs) => {
      const workDate = await nearlyFullDay();
      return { workDate, entryId: await training.fresh.entry(refs.maria, 'draft', { workDate }) };
    },
    variables: (refs) => ({
      input: { entryId: refs.entryId, workDate: refs.workDate, hours: 2, workProcessId: refs.glWorkProcess2, note: 'Corrected' },
    }),
    malformed: [
      bad('input.entryId', 'last-one'),
      bad('input.workDate', '2026-02-30'),
      bad('input.hours', 0.3),
      bad('input.hours', 'two'),
      bad('input.workProcessId', 'advanced'),
    ],
    outOfRange: [
      bad('input.hours', 25),
      bad('input.hours', -1),
      bad('input.hours', 0),
      bad('input.workDate', (refs: Refs) => addDays(refs.today, 1), { label: 'workDate in the future' }),
      bad('input.workDate', (refs: Refs) => addDays(refs.mariaStart, -1), { label: 'workDate before the registration start' }),
      bad('input.hours', 5, { label: 'hours taking the day past 24 h', rule: 'hours.max_per_day' }),
      bad('input.note', long(1001)),
      bad('input.entryId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown entry' }),
    ],
    crossTenant: [
      notFound('input.entryId', (refs: Refs) => refs.buckeyeDraftEntry, "entryId = a Buckeye apprentice's draft"),
      bad('input.workProcessId', (refs: Refs) => refs.buckeyeWorkProcess, { label: "workProcessId = one of Buckeye's program" }),
    ],
  },
  {
    name: 'importOjtHours',
    actor: GL_ADMIN,
    document: `mutation($input: ImportOjtHoursInput!) { importOjtHours(input: $input) { status importedRows } }`,
    // A file whose rows are all refused is answered too, so the valid one must show its row imported.
    accepted: (answer) => answer.status === 'IMPORTED' && answer.importedRows === 1,
    variables: (refs) => ({
      input: {
        fileName: 'timesheet.csv',
        contentBase64: hoursCsv([[refs.maria, refs.importDay, '7.5', refs.glWorkProcess, '', `bad-input-${unique()}`]]),
        mode: 'VALID_ROWS',
      },
    }),
    malformed: [
      bad('input.mode', 'SOME'),
      bad('input.fileName', 'timesheet.pdf'),
      bad('input.contentBase64', '%%% not base64 %%%'),
    ],
    outOfRange: [bad('input.fileName', `${long(252)}.csv`), bad('input.fileName', '   '), bad('input.contentBase64', '')],
    // Rows on agreements out of reach are bad rows of an import, not errors of the call: see the
    // "importOjtHours rows" tests below.
    crossTenant: [],
  },
  {
    name: 'createRtiCourse',
    actor: GL_ADMIN,
    document: `mutation($input: CreateRtiCourseInput!) { createRtiCourse(input: $input) { id } }`,
    variables: (refs) => ({ input: { providerId: refs.glProvider, code: 'ELEC-101', title: 'Electrical theory I', hours: 40.5 } }),
    malformed: [bad('input.providerId', 'lakeshore'), bad('input.hours', 0.3), bad('input.hours', 'forty')],
    outOfRange: [
      bad('input.hours', 0),
      bad('input.hours', -1),
      bad('input.hours', 10000),
      bad('input.title', '   '),
      bad('input.title', long(201)),
      bad('input.code', long(41)),
      bad('input.providerId', (refs: Refs) => refs.glSponsor, { code: 'NOT_FOUND', label: 'providerId = a sponsor, not an RTI provider' }),
      bad('input.providerId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown provider' }),
    ],
    // The course catalogue is shared: any holder of rti:record defines courses at any provider.
    crossTenant: [],
  },
  {
    name: 'enrollInRti',
    actor: GL_ADMIN,
    document: `mutation($input: EnrollInRtiInput!) { enrollInRti(input: $input) { id } }`,
    fixtures: async (refs) => ({ courseId: await training.fresh.course(refs.glProvider) }),
    variables: (refs) => ({ input: { registrationId: refs.maria, courseId: refs.courseId, enrolledOn: refs.today } }),
    malformed: [bad('input.registrationId', 'maria'), bad('input.courseId', 'ELEC-101'), bad('input.enrolledOn', '2026-02-30')],
    outOfRange: [
      bad('input.enrolledOn', (refs: Refs) => addDays(refs.mariaStart, -1), { label: 'enrolledOn before the registration start' }),
      bad('input.courseId', (refs: Refs) => refs.glCourse, { code: 'CONFLICT', label: 'a course she is already enrolled in' }),
      bad('input.courseId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown course' }),
      bad('input.registrationId', (refs: Refs) => refs.kevin, { label: 'a cancelled registration' }),
    ],
    crossTenant: [notFound('input.registrationId', (refs: Refs) => refs.sarah, "registrationId = Buckeye's (Sarah Bigeagle's)")],
  },
  {
    name: 'completeRtiEnrollment',
    actor: GL_ADMIN,
    document: `mutation($input: CompleteRtiEnrollmentInput!) { completeRtiEnrollment(input: $input) { id } }`,
    fixtures: async (refs) => {
      const enrollmentId = await training.fresh.enrollment(refs.maria, refs.glProvider);
      await training.fresh.attendance(enrollmentId, { sessionDate: refs.sessionDay });
      return { enrollmentId };
    },
    variables: (refs) => ({ input: { enrollmentId: refs.enrollmentId, completedOn: refs.today, grade: 'B+' } }),
    malformed: [bad('input.enrollmentId', 'elec-101'), bad('input.completedOn', '2026-02-30')],
    outOfRange: [
      bad('input.completedOn', (refs: Refs) => addDays(refs.today, 1), { label: 'completedOn in the future' }),
      bad('input.completedOn', (refs: Refs) => addDays(refs.mariaStart, -1), { label: 'completedOn before the enrollment' }),
      bad('input.completedOn', (refs: Refs) => addDays(refs.sessionDay, -1), { label: 'completedOn before the last session' }),
      bad('input.grade', long(21)),
      bad('input.enrollmentId', (refs: Refs) => refs.glCompletedEnrollment, { label: 'an enrollment already completed' }),
      bad('input.enrollmentId', (refs: Refs) => refs.glWithdrawnEnrollment, { label: 'a withdrawn enrollment' }),
    ],
    crossTenant: [notFound('input.enrollmentId', (refs: Refs) => refs.buckeyeEnrollment, "enrollmentId = a Buckeye apprentice's")],
  },
  {
    name: 'withdrawRtiEnrollment',
    actor: GL_ADMIN,
    document: `mutation($input: WithdrawRtiEnrollmentInput!) { withdrawRtiEnrollment(input: $input) { id } }`,
    fixtures: async (refs) => ({ enrollmentId: await training.fresh.enrollment(refs.maria, refs.glProvider) }),
    variables: (refs) => ({ input: { enrollmentId: refs.enrollmentId, effectiveDate: refs.today } }),
    malformed: [bad('input.enrollmentId', 'elec-101'), bad('input.effectiveDate', '2026-04-31')],
    outOfRange: [
      bad('input.effectiveDate', (refs: Refs) => addDays(refs.today, 1), { label: 'effectiveDate in the future' }),
      bad('input.effectiveDate', (refs: Refs) => addDays(refs.mariaStart, -1), { label: 'effectiveDate before the enrollment' }),
      bad('input.enrollmentId', (refs: Refs) => refs.glCompletedEnrollment, { label: 'an enrollment already completed' }),
    ],
    crossTenant: [notFound('input.enrollmentId', (refs: Refs) => refs.buckeyeEnrollment, "enrollmentId = a Buckeye apprentice's")],
  },
  {
    name: 'recordRtiAttendance',
    actor: GL_ADMIN,
    document: `mutation($input: RecordRtiAttendanceInput!) { recordRtiAttendance(input: $input) { id } }`,
    fixtures: async (refs) => {
      const enrollmentId = await training.fresh.enrollment(refs.maria, refs.glProvider);
      const usedKey = `bad-input-${unique()}`;
      await training.fresh.attendance(enrollmentId, { sessionDate: refs.sessionDay, idempotencyKey: usedKey });
      return { enrollmentId, usedKey, sessionDate: await nearlyFullDay('recordRtiAttendance') };
    },
    variables: (refs) => ({
      input: {
        enrollmentId: refs.enrollmentId,
        sessionDate: refs.sessionDate,
        hours: 1.5,
        paid: true,
        duringWorkHours: true,
        idempotencyKey: `bad-input-${unique()}`,
      },
    }),
    malformed: [
      bad('input.enrollmentId', 'elec-101'),
      bad('input.sessionDate', '2026-02-30'),
      bad('input.hours', 0.3),
      bad('input.paid', 'yes'),
    ],
    outOfRange: [
      bad('input.hours', 25),
      bad('input.hours', -1),
      bad('input.hours', 0),
      bad('input.sessionDate', (refs: Refs) => addDays(refs.today, 1), { label: 'sessionDate in the future' }),
      bad('input.sessionDate', (refs: Refs) => addDays(refs.mariaStart, -1), { label: 'sessionDate before the enrollment' }),
      bad('input.hours', 5, { label: 'hours taking the day past 24 h with the OJT hours', rule: 'hours.max_per_day' }),
      bad('input.idempotencyKey', long(201)),
      bad('input.idempotencyKey', (refs: Refs) => refs.usedKey, { code: 'CONFLICT', label: 'a key used for another session' }),
      bad('input.enrollmentId', (refs: Refs) => refs.glWithdrawnEnrollment, { label: 'a withdrawn enrollment' }),
    ],
    crossTenant: [notFound('input.enrollmentId', (refs: Refs) => refs.buckeyeEnrollment, "enrollmentId = a Buckeye apprentice's")],
  },
  {
    name: 'signOffCompetency',
    actor: GL_SUPERVISOR,
    document: `mutation($input: SignOffCompetencyInput!) { signOffCompetency(input: $input) { id } }`,
    fixtures: async (refs) => {
      const registrationId = await training.fresh.competencyRegistration(world.sides.greatLakes);
      await training.fresh.signoff(registrationId, refs.glCompetencyWorkProcess, refs.glCompetencySigned, GL_ADMIN);
      return { registrationId };
    },
    variables: (refs) => ({
      input: {
        registrationId: refs.registrationId,
        workProcessId: refs.glCompetencyWorkProcess,
        competency: refs.glCompetency,
        achievedOn: refs.today,
        note: 'Observed on the floor',
      },
    }),
    malformed: [bad('input.registrationId', 'daniel'), bad('input.workProcessId', 'setup'), bad('input.achievedOn', '2026-02-30')],
    outOfRange: [
      bad('input.achievedOn', (refs: Refs) => addDays(refs.today, 1), { label: 'achievedOn in the future' }),
      bad('input.achievedOn', (refs: Refs) => addDays(refs.freshStart, -1), { label: 'achievedOn before the registration start' }),
      bad('input.competency', 'Juggling', { label: 'a competency the work process does not list' }),
      bad('input.competency', '   '),
      bad('input.note', long(1001)),
      bad('input.workProcessId', (refs: Refs) => refs.glWorkProcess, { label: 'a work process of another program occupation' }),
      bad('input.registrationId', (refs: Refs) => refs.maria, { label: 'a time-based registration' }),
      bad('input.competency', (refs: Refs) => refs.glCompetencySigned, { code: 'CONFLICT', label: 'a competency already signed off' }),
    ],
    crossTenant: [notFound('input.registrationId', (refs: Refs) => refs.buckeyeCompetencyRegistration, "registrationId = a Buckeye one")],
  },
  {
    name: 'recordInterimCredential',
    actor: GL_ADMIN,
    document: `mutation($input: RecordInterimCredentialInput!) { recordInterimCredential(input: $input) { id } }`,
    fixtures: async () => {
      const registrationId = await training.fresh.competencyRegistration(world.sides.greatLakes);
      await training.fresh.credential(registrationId, 'OSHA 10');
      return { registrationId };
    },
    variables: (refs) => ({ input: { registrationId: refs.registrationId, name: 'NIMS Level I', earnedOn: refs.today, issuedBy: 'NIMS' } }),
    malformed: [bad('input.registrationId', 'daniel'), bad('input.earnedOn', '2026-13-01')],
    outOfRange: [
      bad('input.earnedOn', (refs: Refs) => addDays(refs.today, 1), { label: 'earnedOn in the future' }),
      bad('input.earnedOn', (refs: Refs) => addDays(refs.freshStart, -1), { label: 'earnedOn before the registration start' }),
      bad('input.name', '   '),
      bad('input.name', long(201)),
      bad('input.issuedBy', long(201)),
      bad('input.registrationId', (refs: Refs) => refs.maria, { label: 'a time-based registration' }),
      bad('input.name', 'osha 10', { code: 'CONFLICT', label: 'a credential already recorded (any case)' }),
    ],
    crossTenant: [notFound('input.registrationId', (refs: Refs) => refs.buckeyeCompetencyRegistration, "registrationId = a Buckeye one")],
  },
  {
    name: 'confirmWageStep',
    actor: GL_ADMIN,
    document: `mutation($proposalId: ID!) { confirmWageStep(proposalId: $proposalId) { step } }`,
    fixtures: async () => ({ proposalId: await training.fresh.proposalOnFreshRegistration(world.sides.greatLakes) }),
    variables: (refs) => ({ proposalId: refs.proposalId }),
    malformed: [bad('proposalId', 'step-two')],
    outOfRange: [
      bad('proposalId', (refs: Refs) => refs.blockedProposal, { label: 'a step whose lower step is still open' }),
      bad('proposalId', (refs: Refs) => refs.confirmedProposal, { label: 'a step already confirmed' }),
      bad('proposalId', (refs: Refs) => refs.declinedProposal, { label: 'a step already declined' }),
      bad('proposalId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown proposal' }),
    ],
    crossTenant: [notFound('proposalId', (refs: Refs) => refs.buckeyeProposal, "proposalId = a Buckeye apprentice's")],
  },
  {
    name: 'declineWageStep',
    actor: GL_ADMIN,
    document: `mutation($input: DeclineWageStepInput!) { declineWageStep(input: $input) { id } }`,
    fixtures: async () => ({ proposalId: await training.fresh.proposalOnFreshRegistration(world.sides.greatLakes) }),
    variables: (refs) => ({ input: { proposalId: refs.proposalId, reason: 'Attendance below expectations' } }),
    malformed: [bad('input.proposalId', 'step-two')],
    outOfRange: [
      bad('input.reason', '   '),
      bad('input.reason', long(501)),
      bad('input.proposalId', (refs: Refs) => refs.confirmedProposal, { label: 'a step already confirmed' }),
      bad('input.proposalId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown proposal' }),
    ],
    crossTenant: [notFound('input.proposalId', (refs: Refs) => refs.buckeyeProposal, "proposalId = a Buckeye apprentice's")],
  },
  {
    name: 'recordJourneyworkers',
    actor: GL_ADMIN,
    document: `mutation($input: RecordJourneyworkersInput!) { recordJourneyworkers(input: $input) { employerId } }`,
    variables: (refs) => ({
      input: { employerId: refs.glEmployer, worksite: `Site ${unique()}`, effectiveDate: addDays(refs.today, -10), journeyworkers: 12 },
    }),
    malformed: [
      bad('input.employerId', 'tri-county'),
      bad('input.effectiveDate', '2026-02-30'),
      bad('input.journeyworkers', 2.5),
      bad('input.journeyworkers', 'ten'),
    ],
    outOfRange: [
      bad('input.journeyworkers', -1),
      bad('input.journeyworkers', 100001),
      bad('input.effectiveDate', (refs: Refs) => addDays(refs.today, 1), { label: 'effectiveDate in the future' }),
      bad('input.worksite', long(201)),
      bad('input.worksite', '   '),
      bad('input.employerId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown employer' }),
    ],
    crossTenant: [
      notFound('input.employerId', (refs: Refs) => refs.buckeyeSponsor, 'employerId = Buckeye'),
      notFound('input.employerId', (refs: Refs) => refs.buckeyeEmployer, "employerId = Buckeye's employer"),
    ],
  },

  // ---------------------------------------------------------------- report runs and outcomes
  // Runs are Great Lakes' (its admin asks); foreign scopes are Buckeye's and Midwest's.
  {
    name: 'requestReportRun',
    actor: GL_ADMIN,
    document: `mutation($input: RequestReportRunInput!) { requestReportRun(input: $input) { id } }`,
    // A period of its own each time: the same request would return the earlier run and write nothing.
    fixtures: async (refs) => ({ periodStart: addDays(refs.today, -30 - ++reportPeriods) }),
    variables: (refs) => ({
      input: {
        format: 'dol.rapids-upload',
        scope: { kind: 'SPONSOR', id: refs.glSponsor },
        period: { start: refs.periodStart, end: refs.today },
        asOf: refs.today,
        options: [{ key: 'ssnFormat', value: 'dashed' }],
        includeSsn: true,
      },
    }),
    malformed: [
      bad('input.scope.kind', 'EMPLOYER'),
      bad('input.scope.id', 'great-lakes'),
      bad('input.scope', { kind: 'FACILITY_CODE', id: '21234567' }, { field: 'scope.id', label: 'a facility code without 0 in second place' }),
      bad('input.period.start', '2026-02-30'),
      bad('input.period.end', '31/12/2025'),
      bad('input.month', '2026-13'),
      bad('input.asOf', '2026-02-30'),
      bad('input.includeSsn', 'yes'),
      bad('input.options.0.value', 'spaced'),
    ],
    outOfRange: [
      bad('input.format', 'dol.unknown', { label: 'an unknown format' }),
      bad('input.format', long(65)),
      bad('input.period.end', (refs: Refs) => addDays(refs.periodStart, -1), { label: 'period.end before period.start' }),
      bad('input.month', '2025-01', { field: 'period', label: 'both period and month' }),
      bad('input.period', undefined, { field: 'period', label: 'neither period nor month' }),
      bad('input.options.0.key', 'color', { label: 'an option the format does not declare' }),
      bad('input.options', [{ key: 'ssnFormat', value: 'digits' }, { key: 'ssnFormat', value: 'dashed' }], {
        field: 'options.1.key',
        label: 'an option given twice',
      }),
      bad('input.options', Array.from({ length: 21 }, () => ({ key: 'ssnFormat', value: 'digits' })), { label: '21 options (at most 20)' }),
      {
        label: 'SSNs for a format without an SSN column',
        set: { 'input.format': 'dol.status-changes', 'input.options': [] },
        field: 'includeSsn',
        code: 'BAD_USER_INPUT',
      },
      bad('input.scope.id', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown sponsor' }),
      bad('input.scope', { kind: 'FACILITY_CODE', id: '20099999' }, { field: 'scope.id', code: 'NOT_FOUND', label: 'an unknown facility code' }),
      bad('input.scope', (refs: Refs) => ({ kind: 'PROGRAM', id: refs.glSponsor }), {
        field: 'scope.id',
        code: 'NOT_FOUND',
        label: 'a program scope naming a sponsor',
      }),
    ],
    crossTenant: [
      notFound('input.scope.id', (refs: Refs) => refs.buckeyeSponsor, 'scope.id = Buckeye'),
      bad('input.scope', (refs: Refs) => ({ kind: 'PROGRAM', id: refs.buckeyeProgram }), {
        field: 'scope.id',
        code: 'NOT_FOUND',
        label: "scope = Buckeye's program",
      }),
      bad('input.scope', (refs: Refs) => ({ kind: 'INTERMEDIARY', id: refs.midwest }), {
        field: 'scope.id',
        code: 'NOT_FOUND',
        label: 'scope = Midwest (an intermediary serving Buckeye)',
      }),
      bad('input.scope', (refs: Refs) => ({ kind: 'FACILITY_CODE', id: refs.buckeyeFacilityCode }), {
        field: 'scope.id',
        code: 'NOT_FOUND',
        // By the time this runs, the createProgram spec has given Great Lakes programs this code too:
        // a code another sponsor's program holds is still out of reach (report-scope.ts).
        label: "scope = Buckeye's facility code",
      }),
    ],
  },
  {
    name: 'setAgencyIds',
    actor: GL_ADMIN,
    document: `mutation($input: SetAgencyIdsInput!) { setAgencyIds(input: $input) { programId } }`,
    variables: (refs) => ({
      input: { programId: refs.glProgram, employer: `EMP-${unique()}`, occupation: 'OCC-0296', rtiProvider: 'RTI 12', wageSchedule: null },
    }),
    malformed: [
      bad('input.programId', 'wireman'),
      bad('input.employer', 'EMP\t7', { label: 'employer with a tab' }),
      bad('input.occupation', 'OCC  0296', { label: 'occupation with two spaces in a row' }),
      bad('input.rtiProvider', 12),
      bad('input.wageSchedule', 'WAGE-\u00e9', { label: 'wageSchedule with a non-ASCII character' }),
    ],
    outOfRange: [
      bad('input.employer', long(65)),
      bad('input.wageSchedule', '   '),
      bad('input.programId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown program' }),
    ],
    crossTenant: [notFound('input.programId', (refs: Refs) => refs.buckeyeProgram, "programId = Buckeye's program")],
  },
  {
    name: 'setPopulationBaseline',
    actor: MI_ANALYST,
    document: `mutation($input: PopulationBaselineInput!) { setPopulationBaseline(input: $input) { state } }`,
    variables: () => ({
      input: {
        state: 'MI',
        dimension: 'SEX',
        year: 2024,
        shares: [
          { value: 'female', share: '0.4921' },
          { value: 'male', share: '0.5079' },
        ],
        source: 'ACS 2023 5-year, table B01001',
      },
    }),
    malformed: [
      bad('input.state', 'Michigan'),
      bad('input.dimension', 'GENDER'),
      bad('input.year', 'twenty'),
      bad('input.shares.0.share', '49%'),
      bad('input.shares.1.share', '0.5079123', { label: 'shares.1.share with 7 decimals' }),
      bad('input.shares.1.share', 0.5),
    ],
    outOfRange: [
      bad('input.year', 1899),
      bad('input.year', 2201),
      bad('input.shares', [], { label: 'no shares' }),
      bad('input.shares.0.share', '1.5'),
      bad('input.shares.0.value', 'woman', { label: 'a value the dimension does not have' }),
      bad('input.shares.1.value', 'female', { label: 'a value given twice' }),
      { label: 'shares adding up past 1', set: { 'input.shares.0.share': '0.6' }, field: 'shares', code: 'BAD_USER_INPUT' },
      bad('input.dimension', 'PROGRAM', { label: 'a dimension that is not demographic' }),
      bad('input.source', '   '),
      bad('input.source', long(501)),
    ],
    // The input names no record: another state's baseline is FORBIDDEN (authorization-matrix.e2e-spec.ts).
    crossTenant: [],
  },
  {
    name: 'rebuildOutcomes',
    actor: PLATFORM_ADMIN,
    document: `mutation { rebuildOutcomes { kind status } }`,
    fixtures: async () => {
      await reports.settleOutcomeRuns('rebuild');
      return {};
    },
    variables: () => ({}),
    accepted: (answer) => answer.kind === 'REBUILD' && answer.status === 'QUEUED',
    // No arguments; a second request while one is queued: see "outcome runs" below.
    malformed: [],
    outOfRange: [],
    crossTenant: [],
  },
  {
    name: 'checkOutcomeConsistency',
    actor: PLATFORM_ADMIN,
    document: `mutation { checkOutcomeConsistency { kind status } }`,
    fixtures: async () => {
      await reports.settleOutcomeRuns('consistency_check');
      return {};
    },
    variables: () => ({}),
    accepted: (answer) => answer.kind === 'CONSISTENCY_CHECK' && answer.status === 'QUEUED',
    malformed: [],
    outOfRange: [],
    crossTenant: [],
  },
];

/** Report run requests take a period of their own, counted back from 30 days ago. */
let reportPeriods = 0;

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
    return [
      [`${spec.name} · (a) missing ${path} → BAD_USER_INPUT naming ${field}`, spec, path, 'missing'],
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

// ------------------------------------------------------------------ importOjtHours rows

/**
 * One bad value in an otherwise good row of an hours file. A bad row is not an error of the call:
 * the import answers REJECTED (ALL_OR_NOTHING) naming the line and column, and writes nothing but
 * its own record, its errors and an audit row.
 */
interface BadRow {
  label: string;
  column: 'registration_id' | 'work_date' | 'hours' | 'work_process' | 'employer_id';
  value: (refs: Refs) => string;
  /** The row's day already holds 20 hours. */
  nearlyFull?: boolean;
}

const BAD_ROWS: Array<[string, BadRow]> = (
  [
    ['malformed', { label: 'registration_id = "maria"', column: 'registration_id', value: () => 'maria' }],
    ['malformed', { label: 'work_date = 2026-02-30', column: 'work_date', value: () => '2026-02-30' }],
    ['malformed', { label: 'hours = 0.3', column: 'hours', value: () => '0.3' }],
    ['malformed', { label: 'hours = "eight"', column: 'hours', value: () => 'eight' }],
    ['malformed', { label: 'employer_id = "tri-county"', column: 'employer_id', value: () => 'tri-county' }],
    ['out of range', { label: 'hours = 25', column: 'hours', value: () => '25' }],
    ['out of range', { label: 'hours = -1', column: 'hours', value: () => '-1' }],
    ['out of range', { label: 'hours = 0', column: 'hours', value: () => '0' }],
    ['out of range', { label: 'work_date in the future', column: 'work_date', value: (refs) => addDays(refs.today, 1) }],
    [
      'out of range',
      { label: 'work_date before the registration start', column: 'work_date', value: (refs) => addDays(refs.mariaStart, -1) },
    ],
    ['out of range', { label: 'hours taking the day past 24 h', column: 'hours', value: () => '5', nearlyFull: true }],
    ['out of range', { label: 'an unknown work process title', column: 'work_process', value: () => 'Underwater welding' }],
    ['out of range', { label: 'an unknown registration', column: 'registration_id', value: () => randomUUID() }],
    ['cross-tenant', { label: "registration_id = Buckeye's (Sarah Bigeagle's)", column: 'registration_id', value: (refs) => refs.sarah }],
    [
      'cross-tenant',
      { label: "work_process = one of Buckeye's program", column: 'work_process', value: (refs) => refs.buckeyeWorkProcess },
    ],
    ['cross-tenant', { label: "employer_id = Buckeye's employer", column: 'employer_id', value: (refs) => refs.buckeyeEmployer }],
  ] as Array<[string, BadRow]>
).map(([category, row]) => [`importOjtHours rows · (${category}) ${row.label} → REJECTED naming line 2, ${row.column}`, row]);

/** What a rejected import may write. */
const IMPORT_RECORD_TABLES: readonly WritableTable[] = ['ojt_imports', 'ojt_import_errors', 'audit_log'];

// ------------------------------------------------------------------ queries

/**
 * Queries of reports and outcomes whose arguments can be malformed: the valid call is answered,
 * and each call with one thing wrong is refused naming the argument (paths relative to the
 * arguments, like `input`'s for mutations).
 */
interface QuerySpec {
  name: string;
  actor: DemoEmail;
  document: string;
  fixtures?: (refs: Refs) => Promise<Refs>;
  variables: (refs: Refs) => Variables;
  cases: BadCase[];
}

const OUTCOME_ARGS = `$filter: OutcomeFilterInput, $groupBy: [OutcomeDimension!]!, $period: OutcomePeriodInput!`;
const outcomeVariables = (refs: Refs) => ({
  filter: { sponsorIds: [refs.glSponsor] },
  groupBy: ['SEX'],
  period: { from: refs.outcomeFrom, to: refs.outcomeTo },
});

const QUERY_SPECS: QuerySpec[] = [
  {
    name: 'outcomes',
    actor: GL_ADMIN,
    document: `query(${OUTCOME_ARGS}) { outcomes(filter: $filter, groupBy: $groupBy, period: $period) { rows { kind } } }`,
    variables: outcomeVariables,
    cases: [
      bad('period.from', '2025-02-30'),
      bad('period.from', '2025-06-15', { label: 'period.from not the first of a month' }),
      bad('period.to', '2025-06-15', { label: 'period.to not the last of a month' }),
      bad('period', { from: '2025-06-01', to: '2025-03-31' }, { field: 'period.to', label: 'period out of order' }),
      // graphql-js refuses an unknown enum value before any resolver runs; the api names the variable.
      bad('groupBy', ['GENDER'], { label: 'an unknown dimension' }),
      bad('groupBy', ['SEX', 'RACE', 'COHORT'], { label: 'three dimensions' }),
      bad('groupBy', ['SEX', 'SEX'], { label: 'a dimension twice' }),
      bad('filter.states', ['Ohio'], { label: 'filter.states = a state name' }),
      bad('filter.sponsorIds', ['great-lakes'], { label: 'filter.sponsorIds = not an id' }),
      bad('filter.occupationCodes', ['electrician'], { label: 'filter.occupationCodes = not a RAPIDS code' }),
      bad('filter.sponsorIds', (refs: Refs) => [refs.glSponsor, refs.buckeyeSponsor], {
        field: 'filter.sponsorIds.1',
        code: 'NOT_FOUND',
        label: 'filter.sponsorIds = [Great Lakes, Buckeye]',
      }),
      bad('filter', (refs: Refs) => ({ programIds: [refs.buckeyeProgram] }), {
        field: 'filter.programIds.0',
        code: 'NOT_FOUND',
        label: "filter.programIds = [Buckeye's program]",
      }),
    ],
  },
  {
    name: 'outcomes',
    actor: OH_ANALYST,
    document: `query(${OUTCOME_ARGS}) { outcomes(filter: $filter, groupBy: $groupBy, period: $period) { rows { kind } } }`,
    variables: (refs) => ({ ...outcomeVariables(refs), filter: { states: ['OH'] } }),
    cases: [
      bad('filter.states', ['OH', 'MI'], { field: 'filter.states.1', code: 'NOT_FOUND', label: 'Ohio analyst · filter.states = [OH, MI]' }),
      bad('filter.states', ['OHIO'], { label: 'Ohio analyst · filter.states = a 4-letter code' }),
    ],
  },
  {
    name: 'exportOutcomes',
    actor: GL_ADMIN,
    document: `query(${OUTCOME_ARGS}, $format: OutcomeExportFormat!) {
      exportOutcomes(filter: $filter, groupBy: $groupBy, period: $period, format: $format) { rows }
    }`,
    variables: (refs) => ({ ...outcomeVariables(refs), format: 'XLSX' }),
    cases: [
      bad('format', 'PDF'),
      bad('period', { from: '2025-06-01', to: '2025-03-31' }, { field: 'period.to', label: 'period out of order' }),
      bad('filter.cohortYears', [1800], { label: 'filter.cohortYears = [1800]' }),
      bad('filter.sponsorIds', (refs: Refs) => [refs.buckeyeSponsor], {
        field: 'filter.sponsorIds.0',
        code: 'NOT_FOUND',
        label: 'filter.sponsorIds = [Buckeye]',
      }),
    ],
  },
  {
    name: 'representation',
    actor: OH_ANALYST,
    document: `query($state: String!, $dimension: OutcomeDimension!, $period: OutcomePeriodInput!, $filter: OutcomeFilterInput,
      $population: RepresentationPopulation!, $baselineYear: Int) {
      representation(state: $state, dimension: $dimension, period: $period, filter: $filter, population: $population, baselineYear: $baselineYear) { state }
    }`,
    variables: (refs) => ({
      state: 'OH',
      dimension: 'SEX',
      period: { from: refs.outcomeFrom, to: refs.outcomeTo },
      filter: { states: ['OH'] },
      population: 'NEW_REGISTRATIONS',
      baselineYear: null,
    }),
    cases: [
      bad('state', 'Ohio', { label: 'state = a state name' }),
      bad('state', 'XX', { label: 'state = XX (not a state)' }),
      bad('dimension', 'GENDER', { label: 'an unknown dimension' }),
      bad('dimension', 'PROGRAM', { label: 'a dimension that is not demographic' }),
      bad('population', 'EVERYONE'),
      bad('baselineYear', 1800),
      bad('period', { from: '2025-06-01', to: '2025-03-31' }, { field: 'period.to', label: 'period out of order' }),
      bad('baselineYear', 1999, { code: 'NOT_FOUND', label: 'a baseline year without shares' }),
      notFound('state', 'MI', "state = MI (another state's)"),
      bad('filter.states', ['OH', 'MI'], { field: 'filter.states.1', code: 'NOT_FOUND', label: 'filter.states = [OH, MI]' }),
    ],
  },
  {
    name: 'representation',
    actor: PLATFORM_ADMIN,
    document: `query($state: String!, $period: OutcomePeriodInput!, $filter: OutcomeFilterInput) {
      representation(state: $state, dimension: RACE, period: $period, filter: $filter) { state }
    }`,
    variables: (refs) => ({ state: 'OH', period: { from: refs.outcomeFrom, to: refs.outcomeTo }, filter: { states: ['OH', 'MI'] } }),
    cases: [bad('filter.states', ['MI'], { label: 'filter.states without the state asked for' }), bad('state', 'USA')],
  },
  {
    name: 'quarterlyStateReport',
    actor: OH_ANALYST,
    document: `query($state: String!, $fiscalYear: Int!, $quarter: Int!) {
      quarterlyStateReport(state: $state, fiscalYear: $fiscalYear, quarter: $quarter) { state }
    }`,
    variables: (refs) => ({ state: 'OH', fiscalYear: Number(refs.fiscalYear), quarter: Number(refs.quarter) }),
    cases: [
      bad('state', 'Ohio', { label: 'state = a state name' }),
      bad('state', 'oh', { label: 'state = lower case' }),
      bad('quarter', 5),
      bad('quarter', 0),
      bad('fiscalYear', 1999),
      bad('fiscalYear', 'FY2025'),
      notFound('state', 'MI', "state = MI (another state's)"),
    ],
  },
  {
    name: 'reportRuns',
    actor: GL_ADMIN,
    document: `query($first: Int!, $after: String, $status: ReportRunStatus) { reportRuns(first: $first, after: $after, status: $status) { nodes { id } } }`,
    variables: () => ({ first: 100, after: null, status: 'SUCCEEDED' }),
    cases: [bad('first', 101), bad('first', 0), bad('after', 'not-a-cursor'), bad('status', 'DONE')],
  },
  {
    name: 'reportRun',
    actor: GL_ADMIN,
    document: `query($id: ID!) { reportRun(id: $id) { id } }`,
    variables: (refs) => ({ id: refs.glRun }),
    cases: [
      bad('id', 'run-1'),
      bad('id', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown run' }),
      notFound('id', (refs: Refs) => refs.buckeyeRun, "id = a run of Buckeye's"),
    ],
  },
  {
    name: 'reportProblems',
    actor: GL_ADMIN,
    document: `query($runId: ID!, $first: Int!, $after: String) { reportProblems(runId: $runId, first: $first, after: $after) { nodes { field } } }`,
    variables: (refs) => ({ runId: refs.glRun, first: 100, after: null }),
    cases: [
      bad('runId', 'run-1'),
      bad('first', 101),
      bad('after', 'not-a-cursor'),
      bad('runId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown run' }),
      notFound('runId', (refs: Refs) => refs.buckeyeRun, "runId = a run of Buckeye's"),
    ],
  },
  {
    name: 'programAgencyIds',
    actor: GL_ADMIN,
    document: `query($programId: ID!) { programAgencyIds(programId: $programId) { programId } }`,
    variables: (refs) => ({ programId: refs.glProgram }),
    cases: [
      bad('programId', 'wireman'),
      bad('programId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown program' }),
      notFound('programId', (refs: Refs) => refs.buckeyeProgram, "programId = Buckeye's program"),
    ],
  },
  {
    name: 'outcomeRebuildStatus',
    actor: PLATFORM_ADMIN,
    document: `query($runId: ID) { outcomeRebuildStatus(runId: $runId) { id } }`,
    variables: (refs) => ({ runId: refs.rebuildRun }),
    cases: [
      bad('runId', 'latest'),
      bad('runId', () => randomUUID(), { code: 'NOT_FOUND', label: 'an unknown run' }),
      bad('runId', (refs: Refs) => refs.checkRun, { code: 'NOT_FOUND', label: 'runId = a consistency check' }),
    ],
  },
  {
    name: 'outcomeConsistencyStatus',
    actor: PLATFORM_ADMIN,
    document: `query($runId: ID) { outcomeConsistencyStatus(runId: $runId) { id } }`,
    variables: (refs) => ({ runId: refs.checkRun }),
    cases: [
      bad('runId', '1234'),
      bad('runId', (refs: Refs) => refs.rebuildRun, { code: 'NOT_FOUND', label: 'runId = a rebuild' }),
    ],
  },
];

const QUERY_CASES: Array<[string, QuerySpec, BadCase]> = QUERY_SPECS.flatMap((spec) =>
  spec.cases.map((badCase): [string, QuerySpec, BadCase] => [`${spec.name} · ${badCase.label} → ${badCase.code} naming ${badCase.field}`, spec, badCase]),
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

/** What prepare, send and expectRefused need of a mutation or query spec. */
type Operation = Pick<MutationSpec, 'name' | 'actor' | 'document' | 'fixtures' | 'variables'>;

async function prepare(spec: Operation): Promise<{ refs: Refs; variables: Variables }> {
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
    glProgram: world.sides.greatLakes.programId,
    ...trainingRefs,
  };
  const refs = { ...base, ...(spec.fixtures ? await spec.fixtures(base) : {}) };
  return { refs, variables: spec.variables(refs) };
}

const send = (spec: Operation, variables: Variables): Promise<GraphqlResponse> =>
  world.api.gql(spec.document, variables, spec.actor && world.token(spec.actor));

/** The answer is one error with this code, naming `field` and nothing else, and no data. */
function expectRefused(result: GraphqlResponse, spec: Operation, code: string, field: string, rule?: string) {
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
    training = await addTrainingRecords(world);
    const gl = world.sides.greatLakes;
    const buckeye = world.sides.buckeye;
    const registrationOf = async (firstName: string, lastName: string) =>
      (
        await world.dataSource.query(
          `SELECT r.id, r.start_date::text AS start_date FROM registrations r JOIN apprentices a ON a.id = r.apprentice_id
            WHERE a.first_name = $1 AND a.last_name = $2`,
          [firstName, lastName],
        )
      )[0] as { id: string; start_date: string };
    const workProcesses = async (programOccupationId: string): Promise<string[]> =>
      (
        await world.dataSource.query(`SELECT id FROM work_processes WHERE program_occupation_id = $1 ORDER BY position`, [
          programOccupationId,
        ])
      ).map((row: { id: string }) => row.id);
    const maria = gl.registrationId;
    const [glWorkProcess, glWorkProcess2] = await workProcesses(gl.programOccupationId);
    trainingRefs = {
      maria,
      mariaStart: (await registrationOf('Maria', 'Lopez')).start_date,
      sarah: buckeye.registrationId,
      kevin: (await registrationOf('Kevin', "O'Brien")).id,
      // Fresh agreements start 60 days ago.
      freshStart: addDays(world.today, -60),
      glWorkProcess,
      glWorkProcess2,
      buckeyeWorkProcess: training.sides.buckeye.workProcessId,
      glProvider: training.sides.greatLakes.providerId,
      glCourse: training.sides.greatLakes.courseId,
      hoursDay: training.nextDay(),
      sessionDay: training.nextDay(),
      importDay: training.nextDay(),
      glCompetencyWorkProcess: training.sides.greatLakes.competencyWorkProcessId,
      glCompetency: training.sides.greatLakes.competencies[0],
      glCompetencySigned: training.sides.greatLakes.competencies[1],
      buckeyeCompetencyRegistration: await training.fresh.competencyRegistration(buckeye),
    };
    const day = trainingRefs.hoursDay;
    Object.assign(trainingRefs, {
      glApprovedEntry: await training.fresh.entry(maria, 'approved', { workDate: day }),
      glDraftEntry: await training.fresh.entry(maria, 'draft', { workDate: day }),
      emilyDraftEntry: await training.fresh.entry(world.ids.emilyRegistration, 'draft', {
        workDate: addDays(world.today, -400),
      }),
      buckeyeDraftEntry: await training.fresh.entry(buckeye.registrationId, 'draft'),
      buckeyeSubmittedEntry: training.sides.buckeye.submittedEntryId,
      buckeyeEnrollment: training.sides.buckeye.enrollmentId,
      glCompletedEnrollment: await training.fresh.enrollment(maria, training.sides.greatLakes.providerId, 'completed'),
      glWithdrawnEnrollment: await training.fresh.enrollment(maria, training.sides.greatLakes.providerId, 'withdrawn'),
      // Maria has step 1 applied and step 2 pending (e2e-training-records.ts): step 3 waits on step 2.
      blockedProposal: await training.fresh.proposal(maria, 3),
      confirmedProposal: await training.fresh.proposal(maria, 4, 'confirmed'),
      declinedProposal: await training.fresh.proposal(maria, 5, 'declined'),
      buckeyeProposal: training.sides.buckeye.proposalId,
    });
    reports = await addReportsAndOutcomes(world);
    const glRun = await reports.fresh.reportRun({ kind: 'sponsor', id: gl.sponsorId });
    await reports.fresh.reportProblem(glRun, maria);
    Object.assign(trainingRefs, {
      glRun,
      buckeyeRun: await reports.fresh.reportRun({ kind: 'sponsor', id: buckeye.sponsorId }),
      buckeyeFacilityCode: reports.buckeyeFacilityCode,
      outcomeFrom: reports.outcomePeriod.from,
      outcomeTo: reports.outcomePeriod.to,
      fiscalYear: String(reports.fiscalQuarter.fiscalYear),
      quarter: String(reports.fiscalQuarter.quarter),
      rebuildRun: await reports.fresh.outcomeRun('rebuild'),
      checkRun: await reports.fresh.outcomeRun('consistency_check'),
    });
  }, 120_000);

  afterAll(() => world?.api.close());

  it('has a spec for every mutation the api serves', () => {
    const served = Object.keys(world.api.app.get(GraphQLSchemaHost).schema.getMutationType()?.getFields() ?? {});
    const specified = new Set(SPECS.map((spec) => spec.name));
    expect(served.filter((mutation) => !specified.has(mutation))).toEqual([]);
    expect([...specified].filter((mutation) => !served.includes(mutation))).toEqual([]);
  });

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
    if (spec.accepted) expect(spec.accepted(result.data?.[spec.name])).toBe(true);
    // Proves the write check below would notice this mutation's writes.
    if (spec.writes !== false) expect(await databaseFingerprint(world.dataSource)).not.toEqual(before);
  });

  it.each(REQUIRED_CASES)('%s', async (_name, spec, path, kind) => {
    const { variables } = await prepare(spec);
    const changed = clone(variables);
    setPath(changed, path, kind === 'missing' ? undefined : null);
    const before = await databaseFingerprint(world.dataSource);
    const result = await send(spec, changed);

    expectRefused(result, spec, 'BAD_USER_INPUT', fieldOf(path));
    if (kind === 'missing' && fieldOf(path).includes('.')) {
      // graphql-js refuses these before any resolver runs; the api takes the location from its message.
      const parent = path.split('.').slice(0, -1).join('.');
      expect(result.errors![0].extensions.fields![0].reason).toContain(`at "${graphqlPath(parent)}"`);
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

  it.each(BAD_ROWS)('%s', async (_name, row) => {
    const { refs } = await prepare(SPECS.find((spec) => spec.name === 'importOjtHours')!);
    const workDate = row.nearlyFull ? await nearlyFullDay('importRows') : await emptyDay('importRows');
    const cells: Record<BadRow['column'], string> = {
      registration_id: refs.maria,
      work_date: workDate,
      hours: '2',
      work_process: refs.glWorkProcess,
      employer_id: refs.glEmployer,
    };
    cells[row.column] = row.value(refs);
    const file = hoursCsv([
      [cells.registration_id, cells.work_date, cells.hours, cells.work_process, cells.employer_id, `bad-row-${unique()}`],
    ]);
    const before = await databaseFingerprint(world.dataSource);
    const result = await world.api.gql(
      `mutation($input: ImportOjtHoursInput!) {
        importOjtHours(input: $input) { status importedRows errorRows errors { line field } }
      }`,
      { input: { fileName: 'timesheet.csv', contentBase64: file, mode: 'ALL_OR_NOTHING' } },
      world.token(GL_ADMIN),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.importOjtHours).toEqual({
      status: 'REJECTED',
      importedRows: 0,
      errorRows: 1,
      errors: [{ line: 2, field: row.column }],
    });
    const after = await databaseFingerprint(world.dataSource);
    for (const table of IMPORT_RECORD_TABLES) {
      delete (after as Partial<DatabaseFingerprint>)[table];
      delete (before as Partial<DatabaseFingerprint>)[table];
    }
    expect(after).toEqual(before);
  });

  it.each(['rebuildOutcomes', 'checkOutcomeConsistency'] as const)(
    '%s · a second request while one is queued → CONFLICT, nothing written',
    async (name) => {
      const spec = SPECS.find((candidate) => candidate.name === name)!;
      const { variables } = await prepare(spec);
      const first = await send(spec, variables);
      expect(first.errors).toBeUndefined();
      const before = await databaseFingerprint(world.dataSource);
      const second = await send(spec, variables);
      expect(second.errors?.map((error) => error.extensions.code)).toEqual(['CONFLICT']);
      expect(second.data?.[name] ?? null).toBeNull();
      expect(await databaseFingerprint(world.dataSource)).toEqual(before);
    },
  );

  describe('queries', () => {
    it.each(QUERY_SPECS.map((spec) => [`${spec.name} (${spec.actor})`, spec] as const))('%s · the valid arguments are answered', async (_name, spec) => {
      const { variables } = await prepare(spec);
      const result = await send(spec, variables);
      expect(result.errors).toBeUndefined();
      expect(result.data?.[spec.name]).toBeTruthy();
    });

    it.each(QUERY_CASES)('%s', async (_name, spec, badCase) => {
      const { refs, variables } = await prepare(spec);
      const changed = clone(variables);
      for (const [path, value] of Object.entries(badCase.set)) {
        setPath(changed, path, typeof value === 'function' ? value(refs) : clone(value));
      }
      const before = await databaseFingerprint(world.dataSource);
      expectRefused(await send(spec, changed), spec, badCase.code, badCase.field, badCase.rule);
      expect(await databaseFingerprint(world.dataSource)).toEqual(before);
    });
  });
});
