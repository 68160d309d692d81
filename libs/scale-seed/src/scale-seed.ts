import { Client } from 'pg';
import { todayIso } from '@journeyline/common/dates';
import { ApprenticePlan, planApprentice, PlanContext, planContext, RegistrationPlan } from './apprentice-plan';
import { bool, copyInto, date, noon, quartersToHours, renderRange, text } from './copy-text';
import { addMonthsDay, Day, dayOf, isoOf } from './day-calendar';
import { forEachOjtEntry, forEachRtiSession, HoursGranularity, HoursWindow, monthSlices, RtiEnrollmentPlan, rtiEnrollments } from './hours-plan';
import { Prng } from './prng';
import { OCCUPATIONS } from './reference-data';
import { buildWorld, STREAM_HOURS, STREAM_WORLD, World } from './world';

/**
 * Loads a large, plausible registry for benchmarks: `seedScale(client, { apprentices: 1_000_000 })`.
 * Everything is generated in process from the seed and streamed into the real tables with
 * COPY … FROM STDIN, inside one transaction: Postgres checks every CHECK and unique index as rows
 * arrive and every foreign key before commit, and a failed load leaves nothing behind. Nothing goes
 * to the outbox or the audit log: generated history is not news for the worker.
 */

export interface ScaleSeedOptions {
  /** Apprentices to generate; transfers add a second registration for about 2% of them. */
  apprentices: number;
  /** Same seed and same `today`, same data. Default 42. */
  seed?: number;
  /** 'YYYY-MM-DD' the data is generated as of (start dates run from FY2014 to it). Default: today (UTC). */
  today?: string;
  /** Approved OJT hours (and some RTI attendance) for the last M months. Default 0: none. */
  monthsOfHours?: number;
  /** `day`: one entry per working day; `week`: two 20-hour entries per week (two fifths of the rows). Default `day`. */
  hoursGranularity?: HoursGranularity;
  /**
   * Drop the bulk tables' secondary indexes (not primary keys or unique constraints) during the
   * load and rebuild them after, inside the same transaction. Default false.
   */
  dropIndexes?: boolean;
  /**
   * Check foreign keys row by row as rows arrive. By default the bulk tables' foreign keys are
   * dropped for the load and added back before commit, which makes Postgres validate every row in
   * one join per constraint: the same guarantee, several times faster. Default false.
   */
  perRowForeignKeyChecks?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface TableLoad {
  table: string;
  rows: number;
  seconds: number;
}

export interface ScaleSeedReport {
  seed: number;
  today: string;
  apprentices: number;
  registrations: number;
  tables: TableLoad[];
  /** Dropping and restoring foreign keys and indexes, ANALYZE. */
  maintenanceSeconds: number;
  seconds: number;
}

/**
 * Apprentices per COPY statement. Bounds the memory of rendered rows (two ranges at a time, about
 * 70 MB; hours go in month by month) and, with per-row checks, each statement's queue of
 * foreign-key trigger events.
 */
const RANGE = 20_000;

type BulkTable = [table: string, columns: readonly string[], render: (plan: ApprenticePlan, index: number) => string];

const BULK_TABLES = [
  'apprentices',
  'registrations',
  'registration_status_events',
  'wage_history',
  'wage_step_proposals',
  'ojt_hour_entries',
  'rti_enrollments',
  'rti_attendance',
];

interface ResolvedOptions {
  apprentices: number;
  seed: number;
  today: Day;
  monthsOfHours: number;
  granularity: HoursGranularity;
  dropIndexes: boolean;
  perRowForeignKeyChecks: boolean;
  log: (line: string) => void;
}

export function resolveOptions(options: ScaleSeedOptions): ResolvedOptions {
  const { apprentices, seed = 42, monthsOfHours = 0, hoursGranularity = 'day' } = options;
  if (!Number.isInteger(apprentices) || apprentices < 1) throw new Error('apprentices must be a positive whole number');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error('seed must be a whole number from 0 to 4294967295');
  if (!Number.isInteger(monthsOfHours) || monthsOfHours < 0 || monthsOfHours > 120) {
    throw new Error('monthsOfHours must be a whole number from 0 to 120');
  }
  if (hoursGranularity !== 'day' && hoursGranularity !== 'week') throw new Error('hoursGranularity must be day or week');
  return {
    apprentices,
    seed,
    today: dayOf(options.today ?? todayIso()),
    monthsOfHours,
    granularity: hoursGranularity,
    dropIndexes: options.dropIndexes ?? false,
    perRowForeignKeyChecks: options.perRowForeignKeyChecks ?? false,
    log: options.log ?? (() => undefined),
  };
}

const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;

export async function seedScale(client: Client, options: ScaleSeedOptions): Promise<ScaleSeedReport> {
  const resolved = resolveOptions(options);
  const { log } = resolved;
  const started = process.hrtime.bigint();
  const world = buildWorld(resolved.seed, resolved.apprentices);
  const context = planContext(world, resolved.seed, resolved.today);
  const tables: TableLoad[] = [];
  const record = (load: TableLoad) => {
    tables.push(load);
    log(`${load.table.padEnd(28)} ${String(load.rows).padStart(11)} rows ${load.seconds.toFixed(1).padStart(7)} s`);
  };
  const timed = async (table: string, load: () => Promise<number>): Promise<void> => {
    const since = process.hrtime.bigint();
    const rows = await load();
    record({ table, rows, seconds: seconds(since) });
  };

  let maintenanceSeconds = 0;
  await client.query('BEGIN');
  try {
    const occupationIds = await upsertOccupations(client, resolved.seed);
    await loadWorld(client, world, occupationIds, resolved.seed, timed);

    // What the load takes away and puts back before commit (indexes first, then constraints).
    const since = process.hrtime.bigint();
    const indexes = resolved.dropIndexes ? await dropSecondaryIndexes(client) : [];
    const foreignKeys = resolved.perRowForeignKeyChecks ? [] : await dropForeignKeys(client);
    const restore = [...indexes, ...foreignKeys];
    maintenanceSeconds += seconds(since);
    if (restore.length) log(`deferred ${foreignKeys.length} foreign keys, dropped ${indexes.length} secondary indexes`);

    const loads = new Map<string, TableLoad>();
    const phase = (tables: BulkTable[]) => loadRanges(client, context, resolved.apprentices, tables, loads);
    const base: BulkTable[] = [
      ['apprentices', APPRENTICE_COLUMNS, apprenticeRow],
      ['registrations', REGISTRATION_COLUMNS, registrationRows],
      ['registration_status_events', EVENT_COLUMNS, eventRows],
      ['wage_history', WAGE_COLUMNS, wageRows],
      ['wage_step_proposals', PROPOSAL_COLUMNS, proposalRows],
    ];
    if (resolved.monthsOfHours === 0) await phase(base);
    else {
      const window: HoursWindow = {
        from: addMonthsDay(resolved.today, -resolved.monthsOfHours),
        to: resolved.today,
        granularity: resolved.granularity,
      };
      const prng = (stream: number, index: number) => new Prng(resolved.seed, STREAM_HOURS + stream, index);
      await phase([
        ...base,
        ['rti_enrollments', ENROLLMENT_COLUMNS, (plan, index) => enrollmentRows(plan, prng(0, index), window)],
      ]);
      // Hours go in month by month, as sponsors' timesheets would, so each registration's entries
      // spread over the table the way a year of logging spreads them.
      for (const [month, slice] of monthSlices(window).entries()) {
        await phase([
          ['ojt_hour_entries', OJT_COLUMNS, (plan, index) => ojtRows(plan, prng(1 + 2 * month, index), slice)],
          [
            'rti_attendance',
            ATTENDANCE_COLUMNS,
            (plan, index) => attendanceRows(rtiEnrollments(plan, prng(0, index), window), prng(2 + 2 * month, index), slice),
          ],
        ]);
        log(`  hours through ${isoOf(slice.to)}`);
      }
    }
    for (const load of loads.values()) record(load);

    if (restore.length) {
      const rebuilding = process.hrtime.bigint();
      await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      for (const statement of restore) await client.query(statement);
      maintenanceSeconds += seconds(rebuilding);
      log(`restored ${foreignKeys.length} foreign keys (every row checked), ${indexes.length} indexes in ${seconds(rebuilding).toFixed(1)} s`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }

  const analyzing = process.hrtime.bigint();
  await client.query(`ANALYZE ${[...WORLD_TABLES, ...BULK_TABLES].join(', ')}`);
  maintenanceSeconds += seconds(analyzing);
  log(`ANALYZE in ${seconds(analyzing).toFixed(1)} s`);

  const registrations = tables.find((load) => load.table === 'registrations')?.rows ?? 0;
  return {
    seed: resolved.seed,
    today: isoOf(resolved.today),
    apprentices: resolved.apprentices,
    registrations,
    tables,
    maintenanceSeconds,
    seconds: seconds(started),
  };
}

/**
 * Streams the tables' rows for every apprentice, range by range: each apprentice is generated once
 * per call and rendered for every table; the next range is rendered while the current one streams
 * into Postgres (one COPY per table per range).
 */
async function loadRanges(
  client: Client,
  context: PlanContext,
  apprentices: number,
  tables: BulkTable[],
  loads: Map<string, TableLoad>,
): Promise<void> {
  const render = (from: number) =>
    renderRange(from, Math.min(from + RANGE, apprentices), tables.length, (index, out) => {
      const plan = planApprentice(context, index);
      tables.forEach(([, , rows], output) => out(output, rows(plan, index)));
    });
  let rendering = render(0);
  try {
    for (let from = 0; from < apprentices; from += RANGE) {
      const chunks = await rendering;
      if (from + RANGE < apprentices) rendering = render(from + RANGE);
      for (const [position, [table, columns]] of tables.entries()) {
        const since = process.hrtime.bigint();
        const rows = await copyInto(client, table, columns, chunks[position]);
        const load = loads.get(table) ?? { table, rows: 0, seconds: 0 };
        loads.set(table, { table, rows: load.rows + rows, seconds: load.seconds + seconds(since) });
      }
    }
  } finally {
    // A failed COPY must not leave the next range's rendering to fail unobserved.
    await rendering.catch(() => undefined);
  }
}

/** Adds the generator's occupations that are not there yet (by RAPIDS code); returns every code's id. */
async function upsertOccupations(client: Client, seed: number): Promise<Map<string, string>> {
  const prng = new Prng(seed, STREAM_WORLD, 2);
  const rows = OCCUPATIONS.map((occupation) => ({ ...occupation, id: prng.uuid() }));
  await client.query(
    `INSERT INTO occupations (id, rapids_code, onet_soc_code, title, onet_title, approaches, time_based_hours, hybrid_min_hours, hybrid_max_hours, bulletins)
     SELECT id, rapids_code, onet_soc_code, title, onet_title, ARRAY[approach], time_based_hours, hybrid_min_hours, hybrid_max_hours,
            'illustrative: generated by the scale seed'
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[])
            AS t(id, rapids_code, onet_soc_code, title, onet_title, approach, time_based_hours, hybrid_min_hours, hybrid_max_hours)
     ON CONFLICT (rapids_code) DO NOTHING`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.rapidsCode),
      rows.map((row) => row.onetSocCode),
      rows.map((row) => row.title),
      rows.map((row) => row.onetTitle),
      rows.map((row) => row.approach),
      rows.map((row) => (row.approach === 'time_based' ? row.ojtTermHours : null)),
      rows.map((row) => (row.approach === 'hybrid' ? row.ojtTermHours : null)),
      rows.map((row) => (row.approach === 'hybrid' ? row.ojtTermHours + 2000 : null)),
    ],
  );
  const { rows: existing } = await client.query(`SELECT rapids_code, id FROM occupations WHERE rapids_code = ANY($1)`, [
    rows.map((row) => row.rapidsCode),
  ]);
  return new Map(existing.map((row: { rapids_code: string; id: string }) => [row.rapids_code, row.id]));
}

const WORLD_TABLES = [
  'occupations',
  'organizations',
  'intermediary_clients',
  'sponsor_employers',
  'programs',
  'program_versions',
  'program_occupations',
  'work_processes',
  'wage_schedule_steps',
  'rti_courses',
  'journeyworker_counts',
];

const lines = (rows: string[][]): string[] => rows.map((row) => `${row.join('\t')}\n`);

async function loadWorld(
  client: Client,
  world: World,
  occupationIds: Map<string, string>,
  seed: number,
  timed: (table: string, load: () => Promise<number>) => Promise<void>,
): Promise<void> {
  const { programOccupations } = world;
  const copy = (table: string, columns: string[], rows: string[][]) => timed(table, () => copyInto(client, table, columns, lines(rows)));

  await copy(
    'organizations',
    ['id', 'kind', 'name', 'state', 'ein', 'naics_code', 'county_fips'],
    world.organizations.map((row) => [row.id, row.kind, text(row.name), text(row.state), text(row.ein), text(row.naicsCode), text(row.countyFips)]),
  );
  await copy('intermediary_clients', ['intermediary_id', 'sponsor_id'], world.intermediaryClients);
  await copy('sponsor_employers', ['sponsor_id', 'employer_id'], world.sponsorEmployers);
  await copy(
    'programs',
    ['id', 'sponsor_id', 'name', 'program_number', 'state', 'registration_agency'],
    programOccupations.map((entry) => [
      entry.programId,
      entry.sponsor.id,
      text(entry.programName),
      entry.programNumber,
      entry.sponsor.state.code,
      entry.sponsor.state.agency,
    ]),
  );
  await copy(
    'program_versions',
    ['id', 'program_id', 'version', 'effective_date', 'change_note'],
    programOccupations.map((entry) => [entry.versionId, entry.programId, '1', isoOf(entry.effectiveDate), 'Standards registered']),
  );
  // Programs and versions point at each other: the current version is set once both exist.
  await client.query(
    `UPDATE programs p SET current_version_id = v.id
       FROM program_versions v
      WHERE v.program_id = p.id AND p.id = ANY($1::uuid[])`,
    [programOccupations.map((entry) => entry.programId)],
  );
  await copy(
    'program_occupations',
    [
      'id', 'program_version_id', 'occupation_id', 'approach', 'ojt_term_hours', 'term_months', 'rti_hours_per_year', 'rti_paid',
      'probation_months', 'ratio_apprentices', 'ratio_journeyworkers', 'journeyworker_rate_cents', 'wage_step_mode',
      'va_facility_code', 'va_approved_program_name',
    ],
    programOccupations.map((entry) => [
      entry.id,
      entry.versionId,
      occupationIds.get(entry.occupation.rapidsCode) as string,
      entry.occupation.approach,
      String(entry.ojtTermHours),
      String(entry.termMonths),
      String(entry.rtiHoursPerYear),
      bool(entry.rtiPaid),
      String(entry.probationMonths),
      String(entry.ratioApprentices),
      String(entry.ratioJourneyworkers),
      String(entry.journeyworkerRateCents),
      entry.wageStepMode,
      text(entry.vaFacilityCode),
      entry.vaFacilityCode ? text(entry.occupation.title.toUpperCase()) : text(null),
    ]),
  );
  await copy(
    'work_processes',
    ['id', 'program_occupation_id', 'position', 'title', 'min_hours', 'max_hours'],
    programOccupations.flatMap((entry) =>
      entry.workProcesses.map((process) => [
        process.id,
        entry.id,
        String(process.position),
        text(process.title),
        String(process.minHours),
        String(process.maxHours),
      ]),
    ),
  );
  await copy(
    'wage_schedule_steps',
    ['id', 'program_occupation_id', 'step', 'threshold_kind', 'threshold_value', 'rate_kind', 'percent_basis_points', 'rate_cents'],
    programOccupations.flatMap((entry) =>
      entry.steps.map((step) => [
        step.id,
        entry.id,
        String(step.step),
        step.thresholdKind,
        String(step.thresholdValue),
        step.percentBasisPoints === null ? 'absolute' : 'percent',
        step.percentBasisPoints === null ? text(null) : String(step.percentBasisPoints),
        step.percentBasisPoints === null ? String(step.rateCents) : text(null),
      ]),
    ),
  );
  await copy(
    'rti_courses',
    ['id', 'provider_id', 'code', 'title', 'hours'],
    world.courses.map((course) => [course.id, course.providerId, text(course.code), text(course.title), String(course.hours)]),
  );
  const counts = new Prng(seed, STREAM_WORLD, 1);
  await copy(
    'journeyworker_counts',
    ['id', 'employer_id', 'effective_date', 'journeyworkers'],
    world.journeyworkerCounts.map(([employerId, journeyworkers]) => [counts.uuid(), employerId, '2013-10-01', String(journeyworkers)]),
  );
}

/**
 * Names of the bulk tables' indexes that back no constraint (primary keys and UNIQUE constraints
 * stay), dropped here; returns their definitions for the rebuild.
 */
/** Drops the foreign keys the bulk tables hold; returns the statements that add them back (same names, validated). */
async function dropForeignKeys(client: Client): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace
      ORDER BY 1, 2`,
    [BULK_TABLES],
  );
  for (const row of rows) await client.query(`ALTER TABLE ${row.table_name} DROP CONSTRAINT ${row.name}`);
  return rows.map((row: { table_name: string; name: string; definition: string }) => `ALTER TABLE ${row.table_name} ADD CONSTRAINT ${row.name} ${row.definition}`);
}

async function dropSecondaryIndexes(client: Client): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [BULK_TABLES],
  );
  for (const row of rows) await client.query(`DROP INDEX ${row.name}`);
  return rows.map((row: { definition: string }) => row.definition);
}

const APPRENTICE_COLUMNS = [
  'id', 'owner_organization_id', 'first_name', 'middle_name', 'last_name', 'suffix', 'date_of_birth', 'email', 'state', 'zip_code',
  'sex', 'ethnicity', 'races', 'veteran_status', 'disability', 'education', 'prior_wage_cents', 'prior_wage_unit', 'created_at',
];

function apprenticeRow(plan: ApprenticePlan): string {
  return (
    `${plan.id}\t${plan.ownerOrganizationId}\t${text(plan.firstName)}\t${text(plan.middleName)}\t${text(plan.lastName)}\t` +
    `${text(plan.suffix)}\t${isoOf(plan.dateOfBirth)}\t${text(plan.email)}\t${plan.state}\t${text(plan.zipCode)}\t${plan.sex}\t` +
    `${plan.ethnicity}\t${plan.races}\t${plan.veteranStatus}\t${plan.disability}\t${plan.education}\t` +
    `${plan.priorWageCents === null ? '\\N' : plan.priorWageCents}\t${plan.priorWageUnit}\t${noon(plan.registrations[0].start)}\n`
  );
}

const REGISTRATION_COLUMNS = [
  'id', 'apprentice_id', 'program_occupation_id', 'program_id', 'sponsor_id', 'state', 'employer_id', 'status', 'start_date',
  'registration_date', 'probation_end_date', 'expected_completion_date', 'status_date', 'employment_status', 'career_connection',
  'prior_credit_text', 'prior_credit_ojt_hours', 'prior_credit_rti_hours', 'cancelled_during_probation', 'va_chapter',
  'va_file_number', 'va_enrollment_start', 'va_enrollment_end', 'transferred_from_id', 'created_at', 'updated_at',
];

function registrationRows(plan: ApprenticePlan): string {
  let rows = '';
  for (const registration of plan.registrations) {
    const { programOccupation: entry } = registration;
    rows +=
      `${registration.id}\t${plan.id}\t${entry.id}\t${entry.programId}\t${entry.sponsor.id}\t${entry.sponsor.state.code}\t` +
      `${registration.employerId}\t${registration.status}\t${isoOf(registration.start)}\t${date(registration.registrationDay)}\t` +
      `${isoOf(registration.probationEnd)}\t${isoOf(registration.expectedCompletion)}\t${isoOf(registration.statusDay)}\t` +
      `${registration.employmentStatus}\t${text(registration.careerConnection)}\t${text(registration.priorCreditText)}\t` +
      `${registration.priorCreditOjtHours}\t${registration.priorCreditRtiHours}\t${bool(registration.cancelledDuringProbation)}\t` +
      `${text(registration.vaChapter)}\t${text(registration.vaFileNumber)}\t${date(registration.vaEnrollmentStart)}\t` +
      `${date(registration.vaEnrollmentEnd)}\t${text(registration.transferredFromId)}\t${noon(registration.start)}\t` +
      `${noon(registration.statusDay)}\n`;
  }
  return rows;
}

const EVENT_COLUMNS = ['registration_id', 'from_status', 'to_status', 'effective_date', 'reason', 'during_probation', 'recorded_at'];

function eventRows(plan: ApprenticePlan): string {
  let rows = '';
  for (const registration of plan.registrations) {
    for (const event of registration.events) {
      rows +=
        `${registration.id}\t${text(event.from)}\t${event.to}\t${isoOf(event.day)}\t${text(event.reason)}\t` +
        `${bool(event.duringProbation)}\t${noon(event.day)}\n`;
    }
  }
  return rows;
}

const WAGE_COLUMNS = ['id', 'registration_id', 'step', 'rate_cents', 'effective_date', 'trigger', 'hours_at_trigger', 'created_at'];

function wageRows(plan: ApprenticePlan): string {
  let rows = '';
  for (const registration of plan.registrations) {
    for (const wage of registration.wages) {
      rows +=
        `${wage.id}\t${registration.id}\t${wage.step}\t${wage.rateCents}\t${isoOf(wage.day)}\t${wage.trigger}\t` +
        `${wage.hoursAtTrigger}\t${noon(Math.max(wage.day, registration.registrationDay))}\n`;
    }
  }
  return rows;
}

const PROPOSAL_COLUMNS = ['id', 'registration_id', 'step', 'rate_cents', 'due_date', 'trigger', 'hours_at_trigger', 'status', 'decided_at', 'created_at'];

function proposalRows(plan: ApprenticePlan): string {
  let rows = '';
  for (const registration of plan.registrations) {
    for (const proposal of registration.proposals) {
      rows +=
        `${proposal.id}\t${registration.id}\t${proposal.step}\t${proposal.rateCents}\t${isoOf(proposal.dueDay)}\t` +
        `${proposal.trigger}\t${proposal.hoursAtTrigger}\t${proposal.status}\t` +
        `${proposal.decidedDay < 0 ? '\\N' : noon(proposal.decidedDay)}\t${noon(proposal.dueDay)}\n`;
    }
  }
  return rows;
}

const OJT_COLUMNS = [
  'id', 'registration_id', 'work_process_id', 'employer_id', 'work_date', 'hours', 'status', 'source', 'idempotency_key',
  'submitted_at', 'decided_at', 'created_at', 'updated_at',
];
const SOURCES = ['ui', 'payroll', 'import'] as const;

function ojtRows(plan: ApprenticePlan, prng: Prng, window: HoursWindow): string {
  let rows = '';
  forEachOjtEntry(plan, prng, window, (registration: RegistrationPlan, day, quarters, workProcess, id) => {
    // Each sponsor logs hours one way.
    const source = SOURCES[registration.programOccupation.sponsor.index % SOURCES.length];
    const submitted = noon(Math.min(day + 1, window.to), 17);
    const decided = noon(Math.min(day + 3, window.to), 15);
    const iso = isoOf(day);
    rows +=
      `${id}\t${registration.id}\t${workProcess.id}\t${registration.employerId}\t${iso}\t${quartersToHours(quarters)}\tapproved\t` +
      `${source}\tscale:${iso}\t${submitted}\t${decided}\t${submitted}\t${decided}\n`;
  });
  return rows;
}

const ENROLLMENT_COLUMNS = ['id', 'registration_id', 'course_id', 'enrolled_on', 'status'];

function enrollmentRows(plan: ApprenticePlan, prng: Prng, window: HoursWindow): string {
  let rows = '';
  for (const enrollment of rtiEnrollments(plan, prng, window)) {
    const { registration } = enrollment;
    rows += `${enrollment.id}\t${registration.id}\t${registration.programOccupation.courseId}\t${isoOf(enrollment.enrolledOn)}\tenrolled\n`;
  }
  return rows;
}

const ATTENDANCE_COLUMNS = [
  'id', 'enrollment_id', 'registration_id', 'session_date', 'hours', 'paid', 'during_work_hours', 'idempotency_key', 'created_at',
];

function attendanceRows(enrollments: RtiEnrollmentPlan[], prng: Prng, window: HoursWindow): string {
  let rows = '';
  for (const enrollment of enrollments) {
    const paid = bool(enrollment.registration.programOccupation.rtiPaid);
    const duringWork = bool(enrollment.paidDuringWork);
    forEachRtiSession(enrollment, prng, window, (_, day, quarters, id) => {
      const iso = isoOf(day);
      rows +=
        `${id}\t${enrollment.id}\t${enrollment.registration.id}\t${iso}\t${quartersToHours(quarters)}\t${paid}\t${duringWork}\t` +
        `scale-rti:${iso}\t${noon(day, 21)}\n`;
    });
  }
  return rows;
}
