import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApprenticesModule } from '@journeyline/apprentices/apprentices.module';
import { ApprenticesService } from '@journeyline/apprentices/apprentices.service';
import { RegistrationsService } from '@journeyline/apprentices/registrations.service';
import {
  CareerConnection,
  Disability,
  Education,
  EmploymentStatus,
  Ethnicity,
  Race,
  RegistrationStatusEnum,
  Sex,
  VaChapter,
  VeteranStatus,
  WageUnit,
} from '@journeyline/apprentices/vocabulary.models';
import { AccessScope } from '@journeyline/auth/access-scope';
import { AccessScopeLoader } from '@journeyline/auth/access-scope.loader';
import { AuthModule } from '@journeyline/auth/auth.module';
import { hashPassword } from '@journeyline/auth/password-hasher';
import { Role } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { addDays, addMonths, isWeekday } from '@journeyline/common/dates';
import { JsonLogger } from '@journeyline/common/json-logger';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { RedisModule } from '@journeyline/jobs/redis.module';
import { DEMO_OCCUPATIONS } from '@journeyline/occupations/demo-occupations';
import { OccupationsModule } from '@journeyline/occupations/occupations.module';
import { OccupationsService } from '@journeyline/occupations/occupations.service';
import { OrganizationKindEnum } from '@journeyline/organizations/organization.models';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { OrganizationsService } from '@journeyline/organizations/organizations.service';
import {
  CreateProgramInput,
  ProgramApproach,
  RegistrationAgency,
  WageScheduleStepInput,
  WageStepMode,
  WageThresholdKind,
  WorkProcessInput,
} from '@journeyline/programs/program.models';
import { ProgramsModule } from '@journeyline/programs/programs.module';
import { ProgramsService } from '@journeyline/programs/programs.service';
import { RulesModule } from '@journeyline/rules/rules.module';
import { OjtHoursService } from '@journeyline/training/ojt-hours.service';
import { TrainingModule } from '@journeyline/training/training.module';

export const DEMO_PASSWORD = 'journeyline-demo';
const PLATFORM_NAME = 'Journeyline';

/** The demo's logins, as listed in the README. */
export const DEMO_USERS = [
  { email: 'admin@journeyline.test', role: 'platform admin' },
  { email: 'admin@greatlakes-jatc.test', role: 'sponsor admin, Great Lakes Electrical JATC (MI)' },
  { email: 'supervisor@greatlakes-jatc.test', role: 'supervisor, Great Lakes Electrical JATC' },
  { email: 'apprentice@greatlakes-jatc.test', role: 'apprentice (Maria Lopez), Great Lakes Electrical JATC' },
  { email: 'admin@buckeye-precision.test', role: 'sponsor admin, Buckeye Precision Manufacturing (OH)' },
  { email: 'certifying@buckeye-precision.test', role: 'VA certifying official, Buckeye Precision Manufacturing' },
  { email: 'staff@midwest-intermediary.test', role: 'intermediary staff, Midwest Apprenticeship Partners' },
  { email: 'analyst@ohio-saa.test', role: 'state analyst, Ohio' },
  { email: 'analyst@michigan-oa.test', role: 'state analyst, Michigan' },
] as const;

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    RedisModule,
    RulesModule,
    AuthModule,
    OrganizationsModule,
    OccupationsModule,
    ProgramsModule,
    ApprenticesModule,
    TrainingModule,
  ],
})
export class SeedModule {}

/** `journeyline seed-demo`. */
export async function seedDemoFromCli(): Promise<string> {
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: new JsonLogger('cli', 'warn') });
  try {
    return await seedDemo(app);
  } finally {
    await app.close();
  }
}

interface DemoIds {
  platform: string;
  greatLakes: string;
  buckeye: string;
  riverside: string;
  intermediary: string;
}

/**
 * Loads a small, plausible world through the same services the API uses, so the demo also proves
 * the write paths: two state agencies, three sponsors (two served by an intermediary), four
 * programs, and apprentices in every status. Dates are relative to today. Safe to run twice.
 */
export async function seedDemo(app: INestApplicationContext): Promise<string> {
  const dataSource = app.get(DataSource);
  const [existing] = await dataSource.query(`SELECT 1 FROM organizations WHERE kind = 'platform' AND name = $1`, [
    PLATFORM_NAME,
  ]);
  if (existing) return 'demo data already present\n';

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [platform] = await dataSource.query(
    `INSERT INTO organizations (kind, name) VALUES ('platform', $1) RETURNING id`,
    [PLATFORM_NAME],
  );
  const [admin] = await dataSource.query(
    `INSERT INTO users (email, display_name, password_hash) VALUES ('admin@journeyline.test', 'Platform Admin', $1) RETURNING id`,
    [passwordHash],
  );
  await dataSource.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'platform_admin')`, [
    admin.id,
    platform.id,
  ]);
  const scope = (await app.get(AccessScopeLoader).load(admin.id)) as AccessScope;

  const organizations = app.get(OrganizationsService);
  const org = (kind: OrganizationKindEnum, name: string, state: string, naicsCode?: string, countyFips?: string) =>
    organizations.create(scope, { kind, name, state, naicsCode, countyFips }).then((created) => created.id);
  const ohio = await org(OrganizationKindEnum.state_agency, 'Ohio State Apprenticeship Agency', 'OH');
  const michigan = await org(OrganizationKindEnum.state_agency, 'Michigan Office of Apprenticeship', 'MI');
  const ids: DemoIds = {
    platform: platform.id,
    greatLakes: await org(OrganizationKindEnum.sponsor, 'Great Lakes Electrical JATC', 'MI', '238210', '26163'),
    buckeye: await org(OrganizationKindEnum.sponsor, 'Buckeye Precision Manufacturing', 'OH', '332710', '39049'),
    riverside: await org(OrganizationKindEnum.sponsor, 'Riverside Health Partners', 'OH', '621111', '39035'),
    intermediary: await org(OrganizationKindEnum.intermediary, 'Midwest Apprenticeship Partners', 'OH'),
  };
  await organizations.linkIntermediaryClient(scope, ids.intermediary, ids.buckeye);
  await organizations.linkIntermediaryClient(scope, ids.intermediary, ids.riverside);
  const triCounty = await organizations.createEmployer(scope, ids.greatLakes, {
    name: 'Tri-County Electric Co.',
    state: 'MI',
    naicsCode: '238210',
  });

  const member = (organizationId: string, email: string, displayName: string, role: Role, apprenticeId?: string) =>
    organizations.addMember(scope, { organizationId, email, displayName, password: DEMO_PASSWORD, role, apprenticeId });
  await member(ids.greatLakes, 'admin@greatlakes-jatc.test', 'Dana Whitfield', Role.SPONSOR_ADMIN);
  await member(ids.greatLakes, 'supervisor@greatlakes-jatc.test', 'Ray Kowalski', Role.SUPERVISOR);
  await member(ids.buckeye, 'admin@buckeye-precision.test', 'Priya Natarajan', Role.SPONSOR_ADMIN);
  await member(ids.buckeye, 'certifying@buckeye-precision.test', 'Tom Brennan', Role.CERTIFYING_OFFICIAL);
  await member(ids.intermediary, 'staff@midwest-intermediary.test', 'Lena Ortiz', Role.INTERMEDIARY_STAFF);
  await member(ohio, 'analyst@ohio-saa.test', 'Grace Park', Role.STATE_ANALYST);
  await member(michigan, 'analyst@michigan-oa.test', 'Omar Haddad', Role.STATE_ANALYST);

  await app.get(OccupationsService).importRows(DEMO_OCCUPATIONS, { actorUserId: admin.id, source: 'demo seed' });
  const occupationIds = new Map<string, string>(
    (await dataSource.query(`SELECT rapids_code, id FROM occupations`)).map(
      (row: { rapids_code: string; id: string }) => [row.rapids_code, row.id],
    ),
  );

  const today = app.get(Clock).today();
  const programs = await createDemoPrograms(app, scope, ids, occupationIds, addMonths(today, -60));
  const apprentices = await registerDemoApprentices(app, scope, ids, triCounty.id, programs, today);
  await member(ids.greatLakes, 'apprentice@greatlakes-jatc.test', 'Maria Lopez', Role.APPRENTICE, apprentices.mariaLopez);
  await logMariasFirstMonths(app, scope, apprentices.mariaLopez);

  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*) FROM organizations) AS organizations, (SELECT count(*) FROM programs) AS programs,
            (SELECT count(*) FROM registrations) AS registrations, (SELECT count(*) FROM users) AS users`,
  );
  return `demo data loaded: ${counts.organizations} organizations, ${counts.users} users, ${counts.programs} programs, ${counts.registrations} registrations\n`;
}

const workProcesses = (...processes: Array<[title: string, minHours: number, maxHours: number, competencies?: string[]]>) =>
  processes.map(([title, minHours, maxHours, competencies]): WorkProcessInput => ({ title, minHours, maxHours, competencies }));

const percentSteps = (kind: WageThresholdKind, every: number, ...percents: string[]) =>
  percents.map(
    (percentOfJourneyworker, index): WageScheduleStepInput => ({
      step: index + 1,
      thresholdKind: kind,
      thresholdValue: index * every,
      percentOfJourneyworker,
    }),
  );

const rateSteps = (kind: WageThresholdKind, every: number, ...rates: string[]) =>
  rates.map(
    (rate, index): WageScheduleStepInput => ({ step: index + 1, thresholdKind: kind, thresholdValue: index * every, rate }),
  );

interface DemoPrograms {
  electrician: string;
  machinist: string;
  cncOperator: string;
  medicalAssistant: string;
}

async function createDemoPrograms(
  app: INestApplicationContext,
  scope: AccessScope,
  ids: DemoIds,
  occupationIds: Map<string, string>,
  effectiveDate: string,
): Promise<DemoPrograms> {
  const programs = app.get(ProgramsService);
  const create = async (input: CreateProgramInput): Promise<string> => {
    const { program } = await programs.create(scope, input);
    const [programOccupation] = await programs.occupationsByVersionIds([program.currentVersionId as string]);
    return programOccupation.id;
  };
  const occupation = (code: string) => occupationIds.get(code) as string;

  return {
    electrician: await create({
      sponsorId: ids.greatLakes,
      name: 'Inside Wireman Apprenticeship',
      programNumber: '2021-MI-104233',
      registrationAgency: RegistrationAgency.OA,
      effectiveDate,
      occupations: [
        {
          occupationId: occupation('0159'),
          approach: ProgramApproach.TIME_BASED,
          ojtTermHours: 8000,
          termMonths: 48,
          rtiHoursPerYear: 180,
          rtiPaid: false,
          probationMonths: 6,
          ratio: { apprentices: 1, journeyworkers: 1 },
          journeyworkerRate: '42.00',
          wageStepMode: WageStepMode.AUTOMATIC,
          workProcesses: workProcesses(
            ['Orientation, safety and tools', 500, 700, ['OSHA 10', 'Hand and power tool use']],
            ['Residential wiring', 1500, 2000, ['Service entrance', 'Branch circuits']],
            ['Commercial wiring', 2500, 3000, ['Conduit bending', 'Three-phase panels']],
            ['Industrial wiring', 1500, 2000],
            ['Motors and controls', 800, 1000, ['Motor starters', 'PLC basics']],
            ['Fire alarm and low voltage', 300, 500],
          ),
          wageSchedule: percentSteps(WageThresholdKind.HOURS, 1000, '50', '55', '60', '65', '70', '75', '80', '90'),
        },
      ],
    }),
    machinist: await create({
      sponsorId: ids.buckeye,
      name: 'Machinist Apprenticeship',
      programNumber: '2019-OH-77310',
      registrationAgency: RegistrationAgency.SAA,
      effectiveDate,
      occupations: [
        {
          occupationId: occupation('0296'),
          approach: ProgramApproach.TIME_BASED,
          ojtTermHours: 8000,
          termMonths: 48,
          rtiHoursPerYear: 144,
          rtiPaid: true,
          probationMonths: 6,
          ratio: { apprentices: 1, journeyworkers: 2 },
          journeyworkerRate: '34.00',
          workProcesses: workProcesses(
            ['Bench work and layout', 800, 1000],
            ['Lathe operations', 2000, 2400],
            ['Milling operations', 2000, 2400],
            ['Grinding', 800, 1000],
            ['CNC programming and operation', 1500, 1800],
            ['Inspection and quality', 400, 600],
          ),
          wageSchedule: rateSteps(
            WageThresholdKind.HOURS,
            1000,
            '18.50',
            '20.00',
            '21.75',
            '23.50',
            '25.25',
            '27.00',
            '29.00',
            '31.00',
          ),
          va: { facilityCode: '20012345', approvedProgramName: 'MACHINIST' },
        },
      ],
    }),
    cncOperator: await create({
      sponsorId: ids.buckeye,
      name: 'CNC Operator (competency-based)',
      registrationAgency: RegistrationAgency.SAA,
      effectiveDate,
      occupations: [
        {
          occupationId: occupation('1078CBV1'),
          approach: ProgramApproach.COMPETENCY_BASED,
          ojtTermHours: 2000,
          termMonths: 12,
          rtiHoursPerYear: 144,
          rtiPaid: true,
          probationMonths: 3,
          ratio: { apprentices: 2, journeyworkers: 1 },
          journeyworkerRate: '28.00',
          workProcesses: workProcesses(
            ['Machine setup', 400, 600, ['Load programs', 'Set work offsets']],
            ['Machine operation', 800, 1000, ['Run production', 'Adjust feeds and speeds']],
            ['Inspection', 300, 400, ['Micrometers', 'First-article inspection']],
            ['Preventive maintenance', 200, 300],
          ),
          wageSchedule: percentSteps(WageThresholdKind.MONTHS, 6, '60', '70', '80'),
        },
      ],
    }),
    medicalAssistant: await create({
      sponsorId: ids.riverside,
      name: 'Medical Assistant Apprenticeship',
      registrationAgency: RegistrationAgency.SAA,
      effectiveDate,
      occupations: [
        {
          occupationId: occupation('1080'),
          approach: ProgramApproach.HYBRID,
          ojtTermHours: 2000,
          termMonths: 12,
          rtiHoursPerYear: 160,
          rtiPaid: true,
          probationMonths: 3,
          ratio: { apprentices: 1, journeyworkers: 1 },
          journeyworkerRate: '22.00',
          workProcesses: workProcesses(
            ['Clinical procedures', 800, 1000, ['Vital signs', 'Injections']],
            ['Administrative duties', 400, 600],
            ['Patient care and communication', 400, 600],
            ['Laboratory procedures', 200, 300, ['Phlebotomy']],
          ),
          wageSchedule: rateSteps(WageThresholdKind.MONTHS, 6, '17.00', '18.50', '20.00'),
        },
      ],
    }),
  };
}

type Person = [first: string, last: string, dateOfBirth: string, sex: Sex, ethnicity: Ethnicity, races: Race[], veteran: VeteranStatus];

const DEMO_PEOPLE: Record<string, Person> = {
  mariaLopez: ['Maria', 'Lopez', '1999-04-12', Sex.FEMALE, Ethnicity.HISPANIC_LATINO, [Race.WHITE], VeteranStatus.NON_VETERAN],
  jamalCarter: ['Jamal', 'Carter', '1997-09-30', Sex.MALE, Ethnicity.NOT_HISPANIC_LATINO, [Race.BLACK_AFRICAN_AMERICAN], VeteranStatus.NON_VETERAN],
  emilyNguyen: ['Emily', 'Nguyen', '2001-01-22', Sex.FEMALE, Ethnicity.NOT_HISPANIC_LATINO, [Race.ASIAN], VeteranStatus.NON_VETERAN],
  kevinOBrien: ['Kevin', "O'Brien", '1994-06-03', Sex.MALE, Ethnicity.NOT_HISPANIC_LATINO, [Race.WHITE], VeteranStatus.NON_VETERAN],
  marcusReed: ['Marcus', 'Reed', '1990-11-15', Sex.MALE, Ethnicity.NOT_HISPANIC_LATINO, [Race.BLACK_AFRICAN_AMERICAN, Race.WHITE], VeteranStatus.VETERAN],
  sarahBigeagle: ['Sarah', 'Bigeagle', '2000-08-08', Sex.FEMALE, Ethnicity.NOT_SELF_IDENTIFIED, [Race.AMERICAN_INDIAN_ALASKA_NATIVE], VeteranStatus.NON_VETERAN],
  danielKim: ['Daniel', 'Kim', '2003-02-14', Sex.NOT_SELF_IDENTIFIED, Ethnicity.NOT_SELF_IDENTIFIED, [Race.NOT_SELF_IDENTIFIED], VeteranStatus.NOT_SELF_IDENTIFIED],
  aishaMohamed: ['Aisha', 'Mohamed', '1998-12-01', Sex.FEMALE, Ethnicity.NOT_HISPANIC_LATINO, [Race.BLACK_AFRICAN_AMERICAN], VeteranStatus.NON_VETERAN],
  lukeJansen: ['Luke', 'Jansen', '2002-05-19', Sex.MALE, Ethnicity.NOT_HISPANIC_LATINO, [Race.WHITE], VeteranStatus.NON_VETERAN],
  rosaDelgado: ['Rosa', 'Delgado', '1996-07-27', Sex.FEMALE, Ethnicity.HISPANIC_LATINO, [Race.NOT_SELF_IDENTIFIED], VeteranStatus.VETERAN_ELIGIBLE],
};

/** Made-up SSNs for the two GI Bill trainees (VA certifications identify trainees by SSN or file number). */
const DEMO_SSNS: Record<string, string> = { marcusReed: '521-41-7788', sarahBigeagle: '533-22-9041' };

/**
 * Maria Lopez's first 110 working days, 8 hours each, approved: 480 hours of orientation and 400
 * of residential wiring, 880 of the 1,000 that reach her second wage step. Logging and approving
 * a month more crosses it. Her other months are left empty (the e2e fixtures use the last 200 days).
 */
async function logMariasFirstMonths(app: INestApplicationContext, scope: AccessScope, apprenticeId: string): Promise<void> {
  const dataSource = app.get(DataSource);
  const [registration] = await dataSource.query(
    `SELECT r.id, coalesce(r.registration_date, r.start_date)::text AS registered,
            (SELECT array_agg(w.id ORDER BY w.position) FROM work_processes w WHERE w.program_occupation_id = r.program_occupation_id) AS processes
       FROM registrations r WHERE r.apprentice_id = $1`,
    [apprenticeId],
  );
  const [orientation, residentialWiring] = registration.processes as string[];
  const workdays: string[] = [];
  for (let day = addDays(registration.registered, 1); workdays.length < 110; day = addDays(day, 1)) {
    if (isWeekday(day)) workdays.push(day);
  }
  const hours = app.get(OjtHoursService);
  const logged = await hours.logBatch(scope, {
    submit: true,
    entries: workdays.map((workDate, index) => ({
      registrationId: registration.id,
      workDate,
      hours: 8,
      workProcessId: index < 60 ? orientation : residentialWiring,
      worksite: 'Great Lakes training center',
      idempotencyKey: `demo-${workDate}`,
    })),
  });
  await hours.approve(scope, logged.entries.map(({ entry }) => entry.id));
}

async function registerDemoApprentices(
  app: INestApplicationContext,
  scope: AccessScope,
  ids: DemoIds,
  triCountyId: string,
  programs: DemoPrograms,
  today: string,
): Promise<Record<keyof typeof DEMO_PEOPLE, string>> {
  const apprentices = app.get(ApprenticesService);
  const registrations = app.get(RegistrationsService);
  const apprenticeIds = {} as Record<string, string>;

  // [person, program occupation, employer, months ago it started, statuses after pending (with days after start)]
  const plan: Array<[string, string, string, number, Array<[RegistrationStatusEnum, number, string]>, VaChapter?]> = [
    ['mariaLopez', programs.electrician, ids.greatLakes, 14, [[RegistrationStatusEnum.REGISTERED, 20, 'Registered by OA']]],
    ['jamalCarter', programs.electrician, triCountyId, 30, [[RegistrationStatusEnum.REGISTERED, 15, 'Registered by OA']]],
    [
      'emilyNguyen',
      programs.electrician,
      ids.greatLakes,
      20,
      [
        [RegistrationStatusEnum.REGISTERED, 10, 'Registered by OA'],
        [RegistrationStatusEnum.SUSPENDED, 300, 'Extended medical leave'],
      ],
    ],
    [
      'kevinOBrien',
      programs.electrician,
      ids.greatLakes,
      5,
      [
        [RegistrationStatusEnum.REGISTERED, 14, 'Registered by OA'],
        [RegistrationStatusEnum.CANCELLED, 60, 'Left during probation for another job'],
      ],
    ],
    [
      'marcusReed',
      programs.machinist,
      ids.buckeye,
      50,
      [
        [RegistrationStatusEnum.REGISTERED, 21, 'Registered by the Ohio SAA'],
        [RegistrationStatusEnum.COMPLETED, 1470, 'Completed all work processes and RTI'],
      ],
      VaChapter.CH33,
    ],
    ['sarahBigeagle', programs.machinist, ids.buckeye, 8, [[RegistrationStatusEnum.REGISTERED, 30, 'Registered by the Ohio SAA']], VaChapter.CH33],
    ['danielKim', programs.cncOperator, ids.buckeye, 1, []],
    ['aishaMohamed', programs.medicalAssistant, ids.riverside, 10, [[RegistrationStatusEnum.REGISTERED, 12, 'Registered by the Ohio SAA']]],
    [
      'lukeJansen',
      programs.medicalAssistant,
      ids.riverside,
      9,
      [
        [RegistrationStatusEnum.REGISTERED, 12, 'Registered by the Ohio SAA'],
        [RegistrationStatusEnum.SUSPENDED, 120, 'Failed to report for shifts'],
        [RegistrationStatusEnum.REINSTATED, 150, 'Returned after counselling'],
      ],
    ],
    ['rosaDelgado', programs.medicalAssistant, ids.riverside, 2, [[RegistrationStatusEnum.REGISTERED, 25, 'Registered by the Ohio SAA']]],
  ];

  for (const [key, programOccupationId, employerId, monthsAgo, statuses, vaChapter] of plan) {
    const [firstName, lastName, dateOfBirth, sex, ethnicity, races, veteranStatus] = DEMO_PEOPLE[key];
    const startDate = addMonths(today, -monthsAgo);
    const { registration } = await apprentices.registerApprentice(scope, {
      person: {
        firstName,
        lastName,
        dateOfBirth,
        ssn: DEMO_SSNS[key],
        email: `${firstName.toLowerCase()}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}@example.org`,
        city: 'Columbus',
        state: 'OH',
        zipCode: '43215',
        demographics: {
          sex,
          ethnicity,
          races,
          veteranStatus,
          disability: Disability.NOT_SELF_IDENTIFIED,
          education: key === 'danielKim' ? Education.NOT_SELF_IDENTIFIED : Education.HS_GRADUATE,
        },
        priorWage: '16.50',
        priorWageUnit: WageUnit.HOURLY,
      },
      registration: {
        programOccupationId,
        employerId,
        startDate,
        employmentStatus: monthsAgo > 24 ? EmploymentStatus.EXISTING_EMPLOYEE : EmploymentStatus.NEW_EMPLOYEE,
        careerConnection: vaChapter ? CareerConnection.MILITARY_VETERANS : CareerConnection.NONE,
        va: vaChapter ? { chapter: vaChapter, enrollmentStart: startDate } : undefined,
      },
    });
    apprenticeIds[key] = registration.apprenticeId;
    for (const [toStatus, daysAfterStart, reason] of statuses) {
      await registrations.transition(scope, {
        registrationId: registration.id,
        toStatus,
        effectiveDate: addDays(startDate, daysAfterStart),
        reason,
      });
    }
  }
  return apprenticeIds as Record<keyof typeof DEMO_PEOPLE, string>;
}
