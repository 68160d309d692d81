import { GraphQLSchemaHost } from '@nestjs/graphql';
import { addDays } from '@journeyline/common/dates';
import { DatabaseFingerprint, databaseFingerprint, WritableTable } from '../support/e2e-db-fingerprint';
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
import { addReportsAndOutcomes, OutcomeRunKind, ReportsOutcomes } from '../support/e2e-reports-outcomes';
import { addTrainingRecords, TrainingRecords } from '../support/e2e-training-records';
import { DEMO_PASSWORD, GraphqlResponse } from '../support/test-api';

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
  'reportRun',
  'reportRuns',
  'reportProblems',
  'programAgencyIds',
  'outcomes',
  'exportOutcomes',
  'representation',
  'quarterlyStateReport',
  'outcomeRebuildStatus',
  'outcomeConsistencyStatus',
] as const;

const MUTATION_OPERATIONS = [
  'createOrganization',
  'linkIntermediaryClient',
  'importOccupations',
  'createClientSponsor',
  'createEmployer',
  'updateOrganization',
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
  'requestReportRun',
  'setAgencyIds',
  'setPopulationBaseline',
  'rebuildOutcomes',
  'checkOutcomeConsistency',
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
 * Training records (e2e-training-records.ts) aim at the side's seeded agreement, Maria Lopez's /
 * Sarah Bigeagle's, so the apprentice's own cells are always her own records:
 *   ojtHourEntries, pendingApprovals   a submitted entry of the agreement
 *   ojtHoursImport           an import the caller ran / one the foreign sponsor's admin ran
 *   registrationProgress, competencyProgress, rtiSummary, wageHistory, rtiEnrollments   the agreement
 *                            (its applied wage step 1, its enrollment)
 *   rtiCourses               a course of the side's RTI provider (public catalogue)
 *   pendingWageSteps         a pending wage step 2 of the agreement
 *   journeyworkerCounts, recordJourneyworkers   the sponsor, which employs the agreement's apprentice
 *   complianceAlerts         an open alert on the agreement
 *   logOjtHours(Batch), importOjtHours   hours on the agreement
 *   submitOjtHours, updateOjtHours / approveOjtHours, rejectOjtHours   a fresh draft / submitted entry of it
 *   createRtiCourse          a course of the side's RTI provider
 *   enrollInRti              the agreement in a fresh course
 *   completeRtiEnrollment, withdrawRtiEnrollment, recordRtiAttendance   a fresh enrollment of the agreement
 *   signOffCompetency, recordInterimCredential   a fresh agreement under the sponsor's competency-based
 *                            program (the apprentice's own cell: her own, time-based agreement)
 *   confirmWageStep, declineWageStep   a pending step 2 of a fresh agreement of the sponsor
 *
 * Why: every role holds registry:read, and reads are filtered to reach (sponsor memberships reach
 * their sponsor, the intermediary its clients Buckeye and Riverside, the Ohio analyst programs and
 * agreements in OH, the apprentice her own agreements and what they point at). Writes need
 * programs:manage / apprentices:manage / organization:manage, which only the platform admin, the
 * sponsor admin and the intermediary staff hold; createOrganization, linkIntermediaryClient and
 * importOccupations are the platform admin's alone.
 *
 * Training records: hours:log (admin, sponsor admin, supervisor, apprentice) reaches the sponsor's
 * agreements, or the apprentice's own; hours:approve (admin, sponsor admin, supervisor) decides
 * submitted hours and signs off competencies. An hours import is visible to whoever ran it and to
 * platform admins only, and an import's rows on agreements out of reach are reported as bad rows
 * (H: the import answers, but imports nothing). rti:record (admin, sponsor admin, intermediary)
 * defines courses at any provider and keeps the sponsor's RTI records; completing, withdrawing and
 * attendance carry no permission check at the guard (a provider's supervisor may keep them, see
 * below), so roles that see the agreement without rti:record get FORBIDDEN and the rest NOT_FOUND.
 * recordInterimCredential takes hours:approve or apprentices:manage, and recordJourneyworkers the
 * sponsor's apprentices:manage (or organization:manage at the employer), with the same
 * FORBIDDEN/NOT_FOUND split. Wage steps are decided with apprentices:manage over the sponsor.
 *
 * Report runs and outcomes (e2e-reports-outcomes.ts; the api runs no worker, so runs are written
 * as the worker leaves them and the outcome rollups are built once, as a rebuild builds them):
 *   requestReportRun         a run of the sponsor (dol.status-changes, a period of its own); the
 *                            intermediary staff's of the side's intermediary (Midwest / Lakeshore)
 *   reportRun                a run of the side's program
 *   reportRuns               a run of the sponsor
 *   reportProblems           a problem on the agreement in a run of the sponsor
 *   programAgencyIds, setAgencyIds   the seeded program (a new RAPIDS employer id)
 *   outcomes                 the program's row, filtered to the program and grouped by program
 *   exportOutcomes           the sponsor's row in the file, grouped by sponsor and filtered to it
 *                            (the state analyst's filtered to the side's state)
 *   representation           the side's state by sex, filtered to the sponsor (the state analyst's not filtered)
 *   quarterlyStateReport, setPopulationBaseline   the side's state (this fiscal quarter / education shares)
 *   rebuildOutcomes, checkOutcomeConsistency   a new run, earlier ones marked finished (one active run per kind)
 *   outcomeRebuildStatus, outcomeConsistencyStatus   a finished run of the kind (both sides nominal)
 *
 * reports:run (admin, sponsor admin, intermediary staff, certifying official) reaches runs whose
 * scope it could request now (report-scope.ts): its sponsor's, its program's, the intermediary it
 * works for; a scope out of reach is NOT_FOUND on scope.id. programAgencyIds reads like program
 * (registry:read), setAgencyIds needs programs:manage over the sponsor. outcomes:read (admin,
 * sponsor admin, intermediary staff, state analyst) reads the caller's reach only, and a program,
 * sponsor or (for analysts) state named outside it is NOT_FOUND (docs/outcomes.md); the quarterly
 * report answers only for a state in reach, so sponsors and intermediaries reach none. Baselines
 * are set by the state's analysts and platform admins: anyone else, or another state, FORBIDDEN.
 * Rebuilds, checks and their status carry no guard permission: the service answers FORBIDDEN to
 * all but platform admins.
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
  updateOrganization:      ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  addMember:               ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  createProgram:           ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  reviseProgram:           ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  updateProgramDetails:    ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  registerApprentice:      ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  updateApprentice:        ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  transitionRegistration:  ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  transferRegistration:    ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  ojtHourEntries:          ['A/A',    'A/H',    'A/H',  'A/H',   'A/H',   'A/H',    'A/H'],
  pendingApprovals:        ['A/A',    'A/H',    'A/H',  'F/F',   'F/F',   'F/F',    'F/F'],
  ojtHoursImport:          ['A/A',    'A/N',    'A/N',  'A/N',   'F/F',   'F/F',    'F/F'],
  registrationProgress:    ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  competencyProgress:      ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  rtiCourses:              ['A/A',    'A/A',    'A/A',  'A/A',   'A/A',   'A/A',    'A/A'],
  rtiEnrollments:          ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  rtiSummary:              ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  wageHistory:             ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  pendingWageSteps:        ['A/A',    'A/H',    'A/H',  'A/H',   'A/H',   'A/H',    'A/H'],
  journeyworkerCounts:     ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  complianceAlerts:        ['A/A',    'A/H',    'A/H',  'A/H',   'A/H',   'A/H',    'A/H'],
  logOjtHours:             ['A/A',    'A/N',    'A/N',  'A/N',   'F/F',   'F/F',    'F/F'],
  logOjtHoursBatch:        ['A/A',    'A/N',    'A/N',  'A/N',   'F/F',   'F/F',    'F/F'],
  submitOjtHours:          ['A/A',    'A/N',    'A/N',  'A/N',   'F/F',   'F/F',    'F/F'],
  approveOjtHours:         ['A/A',    'A/N',    'A/N',  'F/F',   'F/F',   'F/F',    'F/F'],
  rejectOjtHours:          ['A/A',    'A/N',    'A/N',  'F/F',   'F/F',   'F/F',    'F/F'],
  updateOjtHours:          ['A/A',    'A/N',    'A/N',  'A/N',   'F/F',   'F/F',    'F/F'],
  importOjtHours:          ['A/A',    'A/H',    'A/H',  'A/H',   'F/F',   'F/F',    'F/F'],
  createRtiCourse:         ['A/A',    'A/A',    'F/F',  'F/F',   'A/A',   'F/F',    'F/F'],
  enrollInRti:             ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  completeRtiEnrollment:   ['A/A',    'A/N',    'F/N',  'F/N',   'A/N',   'F/N',    'F/N'],
  withdrawRtiEnrollment:   ['A/A',    'A/N',    'F/N',  'F/N',   'A/N',   'F/N',    'F/N'],
  recordRtiAttendance:     ['A/A',    'A/N',    'F/N',  'F/N',   'A/N',   'F/N',    'F/N'],
  signOffCompetency:       ['A/A',    'A/N',    'A/N',  'F/F',   'F/F',   'F/F',    'F/F'],
  recordInterimCredential: ['A/A',    'A/N',    'A/N',  'F/N',   'A/N',   'F/N',    'F/N'],
  confirmWageStep:         ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  declineWageStep:         ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  recordJourneyworkers:    ['A/A',    'A/N',    'F/N',  'F/N',   'A/N',   'F/N',    'F/N'],
  requestReportRun:        ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'A/N',    'F/F'],
  reportRun:               ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'A/N',    'F/F'],
  reportRuns:              ['A/A',    'A/H',    'F/F',  'F/F',   'A/H',   'A/H',    'F/F'],
  reportProblems:          ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'A/N',    'F/F'],
  programAgencyIds:        ['A/A',    'A/N',    'A/N',  'A/N',   'A/N',   'A/N',    'A/N'],
  setAgencyIds:            ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'F/F'],
  outcomes:                ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'A/N'],
  exportOutcomes:          ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'A/N'],
  representation:          ['A/A',    'A/N',    'F/F',  'F/F',   'A/N',   'F/F',    'A/N'],
  quarterlyStateReport:    ['A/A',    'N/N',    'F/F',  'F/F',   'N/N',   'F/F',    'A/N'],
  setPopulationBaseline:   ['A/A',    'F/F',    'F/F',  'F/F',   'F/F',   'F/F',    'A/F'],
  rebuildOutcomes:         ['A/A',    'F/F',    'F/F',  'F/F',   'F/F',   'F/F',    'F/F'],
  outcomeRebuildStatus:    ['A/A',    'F/F',    'F/F',  'F/F',   'F/F',   'F/F',    'F/F'],
  checkOutcomeConsistency: ['A/A',    'F/F',    'F/F',  'F/F',   'F/F',   'F/F',    'F/F'],
  outcomeConsistencyStatus:['A/A',    'F/F',    'F/F',  'F/F',   'F/F',   'F/F',    'F/F'],
};

/**
 * Tables a mutation may still write when its answer hides the target (H): an hours import records
 * itself, its bad rows and an audit row even when it imports nothing.
 */
const HIDDEN_WRITES: Partial<Record<OperationName, readonly WritableTable[]>> = {
  importOjtHours: ['ojt_imports', 'ojt_import_errors', 'audit_log'],
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
let training: TrainingRecords;
let reports: ReportsOutcomes;

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

/** The sponsor admin on each side, whose hours imports the foreign cells of ojtHoursImport aim at. */
const SIDE_ADMINS: Record<SponsorKey, DemoEmail> = {
  greatLakes: 'admin@greatlakes-jatc.test',
  buckeye: 'admin@buckeye-precision.test',
};

/** A query about the side's seeded agreement, `field(registrationId: …) { selection }`. */
function registrationRead(field: string, side: SponsorSide, selection: string, shows: (answer: any) => boolean): Target {
  return request(`query($id: ID!) { ${field}(registrationId: $id) { ${selection} } }`, { id: side.registrationId }, (data) =>
    shows(data[field]),
  );
}

/** One hour on the side's seeded agreement, on a day of its own. */
function hoursInput(side: SponsorSide, workDate = training.nextDay()) {
  return {
    registrationId: side.registrationId,
    workDate,
    hours: 1,
    workProcessId: training.sides[side.key].workProcessId,
    idempotencyKey: `matrix-${unique()}`,
  };
}

function entryDecision(field: 'submitOjtHours' | 'approveOjtHours', entryId: string, status: string): Target {
  return request(`mutation($ids: [ID!]!) { ${field}(entryIds: $ids) { id status } }`, { ids: [entryId] }, (data) =>
    data[field][0].id === entryId && data[field][0].status === status,
  );
}

/** Report run requests take a period of their own, counted back from today. */
let reportPeriods = 0;

/** A rebuild or check request, after marking earlier runs of the kind finished: one may be active at a time. */
async function outcomeRunRequest(field: 'rebuildOutcomes' | 'checkOutcomeConsistency', kind: OutcomeRunKind): Promise<Target> {
  await reports.settleOutcomeRuns(kind);
  return request(`mutation { ${field} { kind status } }`, {}, (data) => data[field].kind === kind.toUpperCase() && data[field].status === 'QUEUED');
}

async function outcomeRunStatus(field: 'outcomeRebuildStatus' | 'outcomeConsistencyStatus', kind: OutcomeRunKind): Promise<Target> {
  const runId = await reports.fresh.outcomeRun(kind);
  return request(`query($runId: ID) { ${field}(runId: $runId) { id kind } }`, { runId }, (data) => data[field]?.id === runId);
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
  async updateOrganization({ side }) {
    const naicsCode = String(100000 + Math.floor(Math.random() * 900000));
    return request(
      `mutation($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id naicsCode } }`,
      { id: side.sponsorId, input: { naicsCode } },
      (data) => data.updateOrganization.id === side.sponsorId && data.updateOrganization.naicsCode === naicsCode,
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

  async ojtHourEntries({ side }) {
    return listing('ojtHourEntries', 'id', training.sides[side.key].submittedEntryId);
  },
  async pendingApprovals({ side }) {
    return listing('pendingApprovals', 'id', training.sides[side.key].submittedEntryId);
  },
  async ojtHoursImport({ actor, which, side }) {
    const importId = await training.fresh.hoursImport(which === 'own' ? actor.email : SIDE_ADMINS[side.key]);
    return request(`query($id: ID!) { ojtHoursImport(id: $id) { importId } }`, { id: importId }, (data) =>
      data.ojtHoursImport.importId === importId,
    );
  },
  async registrationProgress({ side }) {
    return registrationRead('registrationProgress', side, 'registrationId', (data) => data.registrationId === side.registrationId);
  },
  async competencyProgress({ side }) {
    return registrationRead('competencyProgress', side, 'registrationId', (data) => data.registrationId === side.registrationId);
  },
  async rtiCourses({ side }) {
    return listing('rtiCourses', 'id', training.sides[side.key].courseId);
  },
  async rtiEnrollments({ side }) {
    const { enrollmentId } = training.sides[side.key];
    return registrationRead('rtiEnrollments', side, 'id', (data) =>
      data.some((enrollment: { id: string }) => enrollment.id === enrollmentId),
    );
  },
  async rtiSummary({ side }) {
    return registrationRead('rtiSummary', side, 'registrationId', (data) => data.registrationId === side.registrationId);
  },
  async wageHistory({ side }) {
    return registrationRead('wageHistory', side, 'step', (data) => data.some((entry: { step: number }) => entry.step === 1));
  },
  async pendingWageSteps({ side }) {
    return listing('pendingWageSteps', 'id', training.sides[side.key].proposalId);
  },
  async journeyworkerCounts({ side }) {
    return request(
      `query($id: ID!) { journeyworkerCounts(employerId: $id) { employerId } }`,
      { id: side.sponsorId },
      (data) => data.journeyworkerCounts.some((count: { employerId: string }) => count.employerId === side.sponsorId),
    );
  },
  async complianceAlerts({ side }) {
    return listing('complianceAlerts', 'id', training.sides[side.key].alertId);
  },

  async logOjtHours({ side }) {
    return request(
      `mutation($input: LogOjtHoursInput!) { logOjtHours(input: $input) { duplicate entry { registrationId status } } }`,
      { input: hoursInput(side) },
      ({ logOjtHours }) => !logOjtHours.duplicate && logOjtHours.entry.registrationId === side.registrationId,
    );
  },
  async logOjtHoursBatch({ side }) {
    const workDate = training.nextDay();
    return request(
      `mutation($input: LogOjtHoursBatchInput!) { logOjtHoursBatch(input: $input) { entries { registrationId status } } }`,
      { input: { entries: [hoursInput(side, workDate), hoursInput(side, workDate)], submit: true } },
      ({ logOjtHoursBatch }) =>
        logOjtHoursBatch.entries.length === 2 &&
        logOjtHoursBatch.entries.every(
          (entry: { registrationId: string; status: string }) =>
            entry.registrationId === side.registrationId && entry.status === 'SUBMITTED',
        ),
    );
  },
  async submitOjtHours({ side }) {
    return entryDecision('submitOjtHours', await training.fresh.entry(side.registrationId, 'draft'), 'SUBMITTED');
  },
  async approveOjtHours({ side }) {
    return entryDecision('approveOjtHours', await training.fresh.entry(side.registrationId, 'submitted'), 'APPROVED');
  },
  async rejectOjtHours({ side }) {
    const entryId = await training.fresh.entry(side.registrationId, 'submitted');
    return request(
      `mutation($input: RejectOjtHoursInput!) { rejectOjtHours(input: $input) { id status } }`,
      { input: { entryIds: [entryId], reason: 'Wrong work process' } },
      ({ rejectOjtHours }) => rejectOjtHours[0].id === entryId && rejectOjtHours[0].status === 'REJECTED',
    );
  },
  async updateOjtHours({ side }) {
    const entryId = await training.fresh.entry(side.registrationId, 'draft');
    return request(
      `mutation($input: UpdateOjtHoursInput!) { updateOjtHours(input: $input) { entry { id hours } } }`,
      { input: { entryId, hours: 2.5 } },
      ({ updateOjtHours }) => updateOjtHours.entry.id === entryId && updateOjtHours.entry.hours === 2.5,
    );
  },
  async importOjtHours({ side }) {
    const csv =
      'registration_id,work_date,hours,work_process,idempotency_key\n' +
      `${side.registrationId},${training.nextDay()},3,${training.sides[side.key].workProcessId},matrix-${unique()}\n`;
    return request(
      `mutation($input: ImportOjtHoursInput!) { importOjtHours(input: $input) { status importedRows } }`,
      { input: { fileName: 'hours.csv', contentBase64: Buffer.from(csv).toString('base64'), mode: 'ALL_OR_NOTHING' } },
      ({ importOjtHours }) => importOjtHours.status === 'IMPORTED' && importOjtHours.importedRows === 1,
    );
  },
  async createRtiCourse({ side }) {
    const { providerId } = training.sides[side.key];
    const title = `Matrix course ${unique()}`;
    return request(
      `mutation($input: CreateRtiCourseInput!) { createRtiCourse(input: $input) { providerId title } }`,
      { input: { providerId, title, hours: 40 } },
      ({ createRtiCourse }) => createRtiCourse.providerId === providerId && createRtiCourse.title === title,
    );
  },
  async enrollInRti({ side }) {
    const courseId = await training.fresh.course(training.sides[side.key].providerId);
    return request(
      `mutation($input: EnrollInRtiInput!) { enrollInRti(input: $input) { registrationId courseId status } }`,
      { input: { registrationId: side.registrationId, courseId, enrolledOn: world.today } },
      ({ enrollInRti }) => enrollInRti.registrationId === side.registrationId && enrollInRti.courseId === courseId,
    );
  },
  async completeRtiEnrollment({ side }) {
    const enrollmentId = await training.fresh.enrollment(side.registrationId, training.sides[side.key].providerId);
    return request(
      `mutation($input: CompleteRtiEnrollmentInput!) { completeRtiEnrollment(input: $input) { id status } }`,
      { input: { enrollmentId, completedOn: world.today, grade: 'A' } },
      ({ completeRtiEnrollment }) => completeRtiEnrollment.id === enrollmentId && completeRtiEnrollment.status === 'COMPLETED',
    );
  },
  async withdrawRtiEnrollment({ side }) {
    const enrollmentId = await training.fresh.enrollment(side.registrationId, training.sides[side.key].providerId);
    return request(
      `mutation($input: WithdrawRtiEnrollmentInput!) { withdrawRtiEnrollment(input: $input) { id status } }`,
      { input: { enrollmentId, effectiveDate: world.today } },
      ({ withdrawRtiEnrollment }) => withdrawRtiEnrollment.id === enrollmentId && withdrawRtiEnrollment.status === 'WITHDRAWN',
    );
  },
  async recordRtiAttendance({ side }) {
    const enrollmentId = await training.fresh.enrollment(side.registrationId, training.sides[side.key].providerId);
    return request(
      `mutation($input: RecordRtiAttendanceInput!) { recordRtiAttendance(input: $input) { enrollmentId hours } }`,
      {
        input: {
          enrollmentId,
          sessionDate: training.nextDay(),
          hours: 3,
          paid: true,
          duringWorkHours: false,
          idempotencyKey: `matrix-${unique()}`,
        },
      },
      ({ recordRtiAttendance }) => recordRtiAttendance.enrollmentId === enrollmentId && recordRtiAttendance.hours === 3,
    );
  },
  async signOffCompetency({ side }) {
    const registrationId = await training.fresh.competencyRegistration(side);
    const { competencyWorkProcessId, competencies } = training.sides[side.key];
    return request(
      `mutation($input: SignOffCompetencyInput!) { signOffCompetency(input: $input) { registrationId competency } }`,
      { input: { registrationId, workProcessId: competencyWorkProcessId, competency: competencies[0], achievedOn: world.today } },
      ({ signOffCompetency }) => signOffCompetency.registrationId === registrationId && signOffCompetency.competency === competencies[0],
    );
  },
  async recordInterimCredential(ctx) {
    const registrationId =
      ctx.actor.key === 'apprentice' && ctx.which === 'own'
        ? ctx.side.registrationId
        : await training.fresh.competencyRegistration(ctx.side);
    const name = `Matrix credential ${unique()}`;
    return request(
      `mutation($input: RecordInterimCredentialInput!) { recordInterimCredential(input: $input) { registrationId name } }`,
      { input: { registrationId, name, earnedOn: world.today, issuedBy: 'NIMS' } },
      ({ recordInterimCredential }) => recordInterimCredential.registrationId === registrationId && recordInterimCredential.name === name,
    );
  },
  async confirmWageStep({ side }) {
    const proposalId = await training.fresh.proposalOnFreshRegistration(side);
    return request(
      `mutation($id: ID!) { confirmWageStep(proposalId: $id) { step trigger } }`,
      { id: proposalId },
      ({ confirmWageStep }) => confirmWageStep.step === 2 && confirmWageStep.trigger === 'CONFIRMED',
    );
  },
  async declineWageStep({ side }) {
    const proposalId = await training.fresh.proposalOnFreshRegistration(side);
    return request(
      `mutation($input: DeclineWageStepInput!) { declineWageStep(input: $input) { id status } }`,
      { input: { proposalId, reason: 'Attendance below expectations' } },
      ({ declineWageStep }) => declineWageStep.id === proposalId && declineWageStep.status === 'DECLINED',
    );
  },
  async recordJourneyworkers({ side }) {
    const worksite = `Matrix site ${unique()}`;
    return request(
      `mutation($input: RecordJourneyworkersInput!) { recordJourneyworkers(input: $input) { employerId worksite journeyworkers } }`,
      { input: { employerId: side.sponsorId, worksite, effectiveDate: world.today, journeyworkers: 40 } },
      ({ recordJourneyworkers }) => recordJourneyworkers.employerId === side.sponsorId && recordJourneyworkers.worksite === worksite,
    );
  },

  async requestReportRun({ actor, side }) {
    const scope =
      actor.key === 'intermediaryStaff' ? { kind: 'INTERMEDIARY', id: side.intermediaryId } : { kind: 'SPONSOR', id: side.sponsorId };
    // A period of its own: the same request would return the earlier run and write nothing.
    const period = { start: addDays(world.today, -++reportPeriods), end: world.today };
    return request(
      `mutation($input: RequestReportRunInput!) { requestReportRun(input: $input) { scope { kind id } period { start } status } }`,
      { input: { format: 'dol.status-changes', scope, period } },
      ({ requestReportRun }) =>
        requestReportRun.scope.id === scope.id && requestReportRun.period.start === period.start && requestReportRun.status === 'QUEUED',
    );
  },
  async reportRun({ side }) {
    const runId = await reports.fresh.reportRun({ kind: 'program', id: side.programId });
    return request(`query($id: ID!) { reportRun(id: $id) { id } }`, { id: runId }, (data) => data.reportRun.id === runId);
  },
  async reportRuns({ side }) {
    return listing('reportRuns', 'id', await reports.fresh.reportRun({ kind: 'sponsor', id: side.sponsorId }));
  },
  async reportProblems({ side }) {
    const runId = await reports.fresh.reportRun({ kind: 'sponsor', id: side.sponsorId });
    const field = await reports.fresh.reportProblem(runId, side.registrationId);
    return request(
      `query($runId: ID!) { reportProblems(runId: $runId, first: 100) { nodes { registrationId field } } }`,
      { runId },
      ({ reportProblems }) =>
        reportProblems.nodes.some(
          (problem: { registrationId: string; field: string }) => problem.field === field && problem.registrationId === side.registrationId,
        ),
    );
  },
  async programAgencyIds({ side }) {
    return request(
      `query($id: ID!) { programAgencyIds(programId: $id) { programId } }`,
      { id: side.programId },
      (data) => data.programAgencyIds.programId === side.programId,
    );
  },
  async setAgencyIds({ side }) {
    const employer = `EMP-${unique()}`;
    return request(
      `mutation($input: SetAgencyIdsInput!) { setAgencyIds(input: $input) { programId employer } }`,
      { input: { programId: side.programId, employer } },
      ({ setAgencyIds }) => setAgencyIds.programId === side.programId && setAgencyIds.employer === employer,
    );
  },
  async outcomes({ side }) {
    return request(
      `query($filter: OutcomeFilterInput, $period: OutcomePeriodInput!) {
        outcomes(filter: $filter, groupBy: [PROGRAM], period: $period) { rows { kind groups { value } } }
      }`,
      { filter: { programIds: [side.programId] }, period: reports.outcomePeriod },
      ({ outcomes }) =>
        outcomes.rows.some(
          (row: { kind: string; groups: Array<{ value: string }> }) => row.kind === 'CELL' && row.groups[0].value === side.programId,
        ),
    );
  },
  async exportOutcomes({ actor, side }) {
    const filter = actor.key === 'stateAnalyst' ? { states: [side.state] } : { sponsorIds: [side.sponsorId] };
    return request(
      `query($filter: OutcomeFilterInput, $period: OutcomePeriodInput!) {
        exportOutcomes(filter: $filter, groupBy: [SPONSOR], period: $period, format: CSV) { contentBase64 }
      }`,
      { filter, period: reports.outcomePeriod },
      ({ exportOutcomes }) => Buffer.from(exportOutcomes.contentBase64, 'base64').toString('utf8').includes(`\n${side.sponsorId},`),
    );
  },
  async representation({ actor, side }) {
    return request(
      `query($state: String!, $filter: OutcomeFilterInput, $period: OutcomePeriodInput!) {
        representation(state: $state, dimension: SEX, period: $period, filter: $filter) { state rows { value } }
      }`,
      { state: side.state, filter: actor.key === 'stateAnalyst' ? null : { sponsorIds: [side.sponsorId] }, period: reports.outcomePeriod },
      ({ representation }) => representation.state === side.state && representation.rows.length > 0,
    );
  },
  async quarterlyStateReport({ side }) {
    return request(
      `query($state: String!, $fiscalYear: Int!, $quarter: Int!) {
        quarterlyStateReport(state: $state, fiscalYear: $fiscalYear, quarter: $quarter) { state quarterCounts { periodFrom } }
      }`,
      { state: side.state, ...reports.fiscalQuarter },
      ({ quarterlyStateReport }) => quarterlyStateReport.state === side.state,
    );
  },
  async setPopulationBaseline({ side }) {
    const source = `ACS 5-year ${unique()}`;
    return request(
      `mutation($input: PopulationBaselineInput!) { setPopulationBaseline(input: $input) { state source } }`,
      {
        input: {
          state: side.state,
          dimension: 'EDUCATION',
          year: 2023,
          shares: [
            { value: 'hs_graduate', share: '0.27' },
            { value: 'bachelor', share: '0.22' },
          ],
          source,
        },
      },
      ({ setPopulationBaseline }) => setPopulationBaseline.state === side.state && setPopulationBaseline.source === source,
    );
  },
  async rebuildOutcomes() {
    return outcomeRunRequest('rebuildOutcomes', 'rebuild');
  },
  async checkOutcomeConsistency() {
    return outcomeRunRequest('checkOutcomeConsistency', 'consistency_check');
  },
  async outcomeRebuildStatus() {
    return outcomeRunStatus('outcomeRebuildStatus', 'rebuild');
  },
  async outcomeConsistencyStatus() {
    return outcomeRunStatus('outcomeConsistencyStatus', 'consistency_check');
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

const without = (fingerprint: DatabaseFingerprint, tables: readonly WritableTable[]) =>
  Object.fromEntries(Object.entries(fingerprint).filter(([table]) => !tables.includes(table as WritableTable)));

const errorCodes = (attempt: Attempt) => attempt.errors?.map((error) => error.extensions.code);

/** A new login with one role in one organization; returns its bearer token. */
async function member(organizationId: string, role: string, apprenticeId?: string): Promise<string> {
  const email = `beyond-${unique()}@example.org`;
  const { addMember: userId } = await world.asAdmin(`mutation($input: AddMemberInput!) { addMember(input: $input) }`, {
    input: { organizationId, email, displayName: 'Beyond Member', password: DEMO_PASSWORD, role },
  });
  // A supervisor who is also an apprentice: the apprentice link is not a membership of its own.
  if (apprenticeId) await world.dataSource.query(`UPDATE users SET apprentice_id = $2 WHERE id = $1`, [userId, apprenticeId]);
  return world.api.login(email);
}

/** The answer is one error with this code, and the database is as it was. */
async function refused(token: string, query: string, variables: Record<string, unknown>, code: string) {
  const before = await databaseFingerprint(world.dataSource);
  const result = await world.api.gql(query, variables, token);
  expect(errorCodes({ errors: result.errors, shows: false })).toEqual([code]);
  expect(await databaseFingerprint(world.dataSource)).toEqual(before);
}

describe('authorization matrix (e2e)', () => {
  beforeAll(async () => {
    world = await bootDemoWorld();
    training = await addTrainingRecords(world);
    reports = await addReportsAndOutcomes(world);
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

  it('covers exactly the operations the api serves', () => {
    const schema = world.api.app.get(GraphQLSchemaHost).schema;
    const served = new Set([
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}),
    ]);
    const listed = new Set<string>([...OPERATIONS, ...PUBLIC_OPERATIONS]);
    expect({
      notServed: [...listed].filter((operation) => !served.has(operation)),
      notInMatrix: [...served].filter((operation) => !listed.has(operation)),
    }).toEqual({ notServed: [], notInMatrix: [] });
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
      if (before && outcome === 'H') {
        const allowed = HIDDEN_WRITES[operation] ?? [];
        expect(without(await databaseFingerprint(world.dataSource), allowed)).toEqual(without(before, allowed));
      }
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

  describe('training records beyond the sponsor line', () => {
    const APPROVE = `mutation($ids: [ID!]!) { approveOjtHours(entryIds: $ids) { id status } }`;
    const PENDING = `{ pendingApprovals(first: 100) { nodes { id } } }`;

    const pendingIds = async (token: string): Promise<string[]> =>
      ((await world.api.gql(PENDING, {}, token)).data?.pendingApprovals.nodes ?? []).map((node: { id: string }) => node.id);

    it("apprentice · logs hours on her own agreement only: a co-worker's → NOT_FOUND, nothing written", async () => {
      const apprentice = world.token('apprentice@greatlakes-jatc.test');
      await refused(
        apprentice,
        `mutation($input: LogOjtHoursInput!) { logOjtHours(input: $input) { entry { id } } }`,
        {
          input: {
            registrationId: world.ids.emilyRegistration,
            workDate: training.nextDay(),
            hours: 4,
            workProcessId: training.sides.greatLakes.workProcessId,
            idempotencyKey: `beyond-${unique()}`,
          },
        },
        'NOT_FOUND',
      );
    });

    it('apprentice · cannot correct her own approved hours → FORBIDDEN, nothing written', async () => {
      const entryId = await training.fresh.entry(world.sides.greatLakes.registrationId, 'approved');
      await refused(
        world.token('apprentice@greatlakes-jatc.test'),
        `mutation($input: UpdateOjtHoursInput!) { updateOjtHours(input: $input) { entry { id } } }`,
        { input: { entryId, hours: 8 } },
        'FORBIDDEN',
      );
    });

    it("supervisor who is also an apprentice · never decides own hours, a co-worker's yes", async () => {
      const { registrationId, apprenticeId } = await world.fresh.registration(world.sides.greatLakes, 'registered');
      const supervisor = await member(world.sides.greatLakes.sponsorId, 'SUPERVISOR', apprenticeId);
      const own = await training.fresh.entry(registrationId, 'submitted');
      const coworker = await training.fresh.entry(world.sides.greatLakes.registrationId, 'submitted');

      const pending = await pendingIds(supervisor);
      expect(pending).not.toContain(own);
      expect(pending).toContain(coworker);
      await refused(supervisor, APPROVE, { ids: [own] }, 'FORBIDDEN');
      await refused(
        supervisor,
        `mutation($input: RejectOjtHoursInput!) { rejectOjtHours(input: $input) { id } }`,
        { input: { entryIds: [own], reason: 'Not mine to judge' } },
        'FORBIDDEN',
      );
      const approved = await world.api.gql(APPROVE, { ids: [coworker] }, supervisor);
      expect(approved.errors).toBeUndefined();
      expect(approved.data?.approveOjtHours).toEqual([{ id: coworker, status: 'APPROVED' }]);
    });

    it("employer supervisor (Tri-County) · decides hours worked at Tri-County, not the sponsor's own", async () => {
      const supervisor = await member(world.ids.triCounty, 'SUPERVISOR');
      const [jamal] = await world.dataSource.query(
        `SELECT r.id FROM registrations r JOIN apprentices a ON a.id = r.apprentice_id
          WHERE a.first_name = 'Jamal' AND a.last_name = 'Carter'`,
      );
      const atTriCounty = await training.fresh.entry(jamal.id, 'submitted');
      const atSponsor = await training.fresh.entry(world.sides.greatLakes.registrationId, 'submitted');

      const pending = await pendingIds(supervisor);
      expect(pending).toContain(atTriCounty);
      expect(pending).not.toContain(atSponsor);
      await refused(supervisor, APPROVE, { ids: [atSponsor] }, 'NOT_FOUND');
      await refused(supervisor, APPROVE, { ids: [atTriCounty, atSponsor] }, 'NOT_FOUND');
      const approved = await world.api.gql(APPROVE, { ids: [atTriCounty] }, supervisor);
      expect(approved.errors).toBeUndefined();
      expect(approved.data?.approveOjtHours).toEqual([{ id: atTriCounty, status: 'APPROVED' }]);
    });

    it("RTI provider supervisor · keeps the records of the provider's own courses only", async () => {
      const ownProvider = training.sides.greatLakes.providerId;
      const supervisor = await member(ownProvider, 'SUPERVISOR');
      const maria = world.sides.greatLakes.registrationId;
      const ownCourse = await training.fresh.enrollment(maria, ownProvider);
      const otherCourse = await training.fresh.enrollment(maria, training.sides.buckeye.providerId);
      const ATTEND = `mutation($input: RecordRtiAttendanceInput!) { recordRtiAttendance(input: $input) { enrollmentId } }`;
      const attendance = (enrollmentId: string) => ({
        input: {
          enrollmentId,
          sessionDate: training.nextDay(),
          hours: 4,
          paid: true,
          duringWorkHours: true,
          idempotencyKey: `beyond-${unique()}`,
        },
      });

      const recorded = await world.api.gql(ATTEND, attendance(ownCourse), supervisor);
      expect(recorded.errors).toBeUndefined();
      expect(recorded.data?.recordRtiAttendance.enrollmentId).toBe(ownCourse);
      const completed = await world.api.gql(
        `mutation($input: CompleteRtiEnrollmentInput!) { completeRtiEnrollment(input: $input) { status } }`,
        { input: { enrollmentId: ownCourse, completedOn: world.today, grade: 'B' } },
        supervisor,
      );
      expect(completed.data?.completeRtiEnrollment.status).toBe('COMPLETED');

      await refused(supervisor, ATTEND, attendance(otherCourse), 'NOT_FOUND');
      await refused(
        supervisor,
        `mutation($input: WithdrawRtiEnrollmentInput!) { withdrawRtiEnrollment(input: $input) { id } }`,
        { input: { enrollmentId: otherCourse, effectiveDate: world.today } },
        'NOT_FOUND',
      );
      await refused(
        supervisor,
        `mutation($input: EnrollInRtiInput!) { enrollInRti(input: $input) { id } }`,
        { input: { registrationId: maria, courseId: await training.fresh.course(ownProvider), enrolledOn: world.today } },
        'FORBIDDEN',
      );
      const enrollments = await world.api.gql(
        `query($id: ID!) { rtiEnrollments(registrationId: $id) { id course { providerId } } }`,
        { id: maria },
        supervisor,
      );
      expect(enrollments.errors).toBeUndefined();
      const listed = enrollments.data?.rtiEnrollments ?? [];
      expect(listed.map((enrollment: { id: string }) => enrollment.id)).toContain(ownCourse);
      expect(listed.filter((enrollment: { course: { providerId: string } }) => enrollment.course.providerId !== ownProvider)).toEqual([]);
      const summary = await world.api.gql(
        `query($id: ID!) { rtiSummary(registrationId: $id) { totalHours } }`,
        { id: maria },
        supervisor,
      );
      expect(errorCodes({ errors: summary.errors, shows: false })).toEqual(['NOT_FOUND']);
    });

    it("hours imports · a colleague's import at the same sponsor → NOT_FOUND", async () => {
      const importId = await training.fresh.hoursImport('supervisor@greatlakes-jatc.test');
      const result = await world.api.gql(
        `query($id: ID!) { ojtHoursImport(id: $id) { importId } }`,
        { id: importId },
        world.token('admin@greatlakes-jatc.test'),
      );
      expect(errorCodes({ errors: result.errors, shows: false })).toEqual(['NOT_FOUND']);
    });

    it("state analysts · an employer's ratio alert under a sponsor with programs in their state, not another state's", async () => {
      const alertId = await training.fresh.alert({
        kind: 'ratio_exceeded',
        sponsorId: world.sides.buckeye.sponsorId,
        employerId: world.ids.ohioToolDie,
      });
      const listed = async (email: DemoEmail) => {
        const result = await world.api.gql(
          `{ complianceAlerts(first: 100, kind: RATIO_EXCEEDED) { nodes { id } } }`,
          {},
          world.token(email),
        );
        expect(result.errors).toBeUndefined();
        return result.data?.complianceAlerts.nodes.map((node: { id: string }) => node.id);
      };
      expect(await listed('analyst@ohio-saa.test')).toContain(alertId);
      expect(await listed('staff@midwest-intermediary.test')).toContain(alertId);
      expect(await listed('analyst@michigan-oa.test')).not.toContain(alertId);
      expect(await listed('admin@greatlakes-jatc.test')).not.toContain(alertId);
    });
  });

  describe('report runs and outcomes beyond the sponsor line', () => {
    const REQUEST = `mutation($input: RequestReportRunInput!) { requestReportRun(input: $input) { id scope { kind id } } }`;
    const RUNS = `{ reportRuns(first: 100) { nodes { id } } }`;
    const facilityRequest = (start: string) => ({
      input: {
        format: 'dol.status-changes',
        scope: { kind: 'FACILITY_CODE', id: reports.buckeyeFacilityCode },
        period: { start, end: world.today },
      },
    });

    it("facility code scope · Buckeye's certifying official requests it; other sponsors and an employer's official → NOT_FOUND", async () => {
      const official = world.token('certifying@buckeye-precision.test');
      const requested = await world.api.gql(REQUEST, facilityRequest(addDays(world.today, -200)), official);
      expect(requested.errors).toBeUndefined();
      expect(requested.data?.requestReportRun.scope).toEqual({ kind: 'FACILITY_CODE', id: reports.buckeyeFacilityCode });

      // Ohio Tool & Die works for Buckeye: reach through an employer covers no facility code (report-scope.ts).
      const employerOfficial = await member(world.ids.ohioToolDie, 'CERTIFYING_OFFICIAL');
      await refused(world.token('admin@greatlakes-jatc.test'), REQUEST, facilityRequest(addDays(world.today, -201)), 'NOT_FOUND');
      await refused(employerOfficial, REQUEST, facilityRequest(addDays(world.today, -202)), 'NOT_FOUND');
      const sponsorScope = facilityRequest(addDays(world.today, -203));
      sponsorScope.input.scope = { kind: 'SPONSOR', id: world.sides.buckeye.sponsorId };
      await refused(employerOfficial, REQUEST, sponsorScope, 'NOT_FOUND');
    });

    it('facility code held by programs of two sponsors · neither sponsor reaches it, a platform admin does', async () => {
      // A sponsor who types another sponsor's code into its own program must not get that sponsor's trainees.
      const code = '20054321';
      for (const side of [world.sides.greatLakes, world.sides.buckeye]) {
        const { programOccupationId } = await world.fresh.program(side);
        await world.dataSource.query(
          `UPDATE program_occupations SET va_facility_code = $2, va_approved_program_name = 'APPRENTICESHIP' WHERE id = $1`,
          [programOccupationId, code],
        );
      }
      const shared = facilityRequest(addDays(world.today, -210));
      shared.input.scope = { kind: 'FACILITY_CODE', id: code };
      await refused(world.token('admin@greatlakes-jatc.test'), REQUEST, shared, 'NOT_FOUND');
      await refused(world.token('certifying@buckeye-precision.test'), REQUEST, shared, 'NOT_FOUND');
      const runId = await reports.fresh.reportRun({ kind: 'facility_code', id: code });
      const read = await world.api.gql(
        `query($id: ID!) { reportRun(id: $id) { id } }`,
        { id: runId },
        world.token('certifying@buckeye-precision.test'),
      );
      expect(errorCodes({ errors: read.errors, shows: false })).toEqual(['NOT_FOUND']);
      const byAdmin = await world.api.gql(REQUEST, shared, world.token('admin@journeyline.test'));
      expect(byAdmin.errors).toBeUndefined();
      expect(byAdmin.data?.requestReportRun.scope).toEqual({ kind: 'FACILITY_CODE', id: code });
    });

    it('facility code scope · its runs are listed for whoever reaches the sponsor, not for others', async () => {
      const runId = await reports.fresh.reportRun({ kind: 'facility_code', id: reports.buckeyeFacilityCode });
      const listed = async (token: string) => {
        const result = await world.api.gql(RUNS, {}, token);
        expect(result.errors).toBeUndefined();
        return result.data?.reportRuns.nodes.map((node: { id: string }) => node.id);
      };
      expect(await listed(world.token('certifying@buckeye-precision.test'))).toContain(runId);
      expect(await listed(world.token('staff@midwest-intermediary.test'))).toContain(runId);
      expect(await listed(world.token('admin@greatlakes-jatc.test'))).not.toContain(runId);
      expect(await listed(await member(world.ids.ohioToolDie, 'CERTIFYING_OFFICIAL'))).not.toContain(runId);
    });

    it("intermediary staff · reads a run of a client's program, not one of the intermediary next door", async () => {
      const staff = world.token('staff@midwest-intermediary.test');
      const read = (id: string) =>
        world.api
          .gql(`query($id: ID!) { reportRun(id: $id) { id } }`, { id }, staff)
          .then((result) => (result.errors ? result.errors[0].extensions.code : result.data?.reportRun.id));
      const ownClient = await reports.fresh.reportRun({ kind: 'program', id: world.sides.buckeye.programId });
      const lakeshore = await reports.fresh.reportRun({ kind: 'intermediary', id: world.ids.lakeshore });
      expect(await read(ownClient)).toBe(ownClient);
      expect(await read(lakeshore)).toBe('NOT_FOUND');
    });

    it('Michigan analyst · outcomes and the quarterly report of Michigan, not of Ohio', async () => {
      const analyst = world.token('analyst@michigan-oa.test');
      const outcomes = (states: string[]) =>
        world.api.gql(
          `query($filter: OutcomeFilterInput, $period: OutcomePeriodInput!) { outcomes(filter: $filter, period: $period) { rows { kind } } }`,
          { filter: { states }, period: reports.outcomePeriod },
          analyst,
        );
      const quarterly = (state: string) =>
        world.api.gql(
          `query($state: String!, $fiscalYear: Int!, $quarter: Int!) {
            quarterlyStateReport(state: $state, fiscalYear: $fiscalYear, quarter: $quarter) { state }
          }`,
          { state, ...reports.fiscalQuarter },
          analyst,
        );
      expect((await outcomes(['MI'])).errors).toBeUndefined();
      expect((await quarterly('MI')).data?.quarterlyStateReport.state).toBe('MI');
      const foreign = await outcomes(['MI', 'OH']);
      expect(foreign.errors?.map((error) => [error.extensions.code, error.extensions.fields?.map((problem) => problem.field)])).toEqual([
        ['NOT_FOUND', ['filter.states.1']],
      ]);
      expect(errorCodes({ errors: (await quarterly('OH')).errors, shows: false })).toEqual(['NOT_FOUND']);
    });

    it("sponsor admin · outcomes of the sponsor's own registrations only, whatever the state filter", async () => {
      const admin = world.token('admin@greatlakes-jatc.test');
      const result = await world.api.gql(
        `query($filter: OutcomeFilterInput, $period: OutcomePeriodInput!) {
          outcomes(filter: $filter, groupBy: [SPONSOR], period: $period) { rows { kind groups { value } } }
        }`,
        { filter: { states: ['MI', 'OH'] }, period: reports.outcomePeriod },
        admin,
      );
      expect(result.errors).toBeUndefined();
      const sponsors = result.data?.outcomes.rows
        .filter((row: { kind: string }) => row.kind === 'CELL')
        .map((row: { groups: Array<{ value: string }> }) => row.groups[0].value);
      expect(sponsors).toEqual([world.sides.greatLakes.sponsorId]);
    });
  });
});
