import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, daysBetween } from '@journeyline/common/dates';
import { insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';

/**
 * A small registry for outcome tests, written straight to the raw tables (tests only): two states,
 * three sponsors, four programs and a few hundred registrations with every exit kind, varied
 * demographics (a few rare groups, so some cells are small), wages, RTI and OJT hours.
 * Deterministic for a given seed.
 */
export interface OutcomeWorld {
  asOf: string;
  platform: string;
  agencies: { MI: string; OH: string };
  sponsors: { construction: string; manufacturing: string; health: string };
  intermediary: string;
  employers: { constructionNorth: string; constructionSouth: string; manufacturing: string; health: string };
  programs: { electricalMI: string; nursingMI: string; nursingOH: string; electricalOH: string };
  programOccupations: { electricalMI: string; nursingMI: string; nursingOH: string; electricalOH: string };
  registrations: string[];
}

class Random {
  constructor(private seed: number) {}

  next(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2 ** 31;
    return this.seed / 2 ** 31;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(weighted: Array<[T, number]>): T {
    const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.next() * total;
    for (const [value, weight] of weighted) {
      if ((draw -= weight) < 0) return value;
    }
    return weighted[weighted.length - 1][0];
  }
}

async function organization(dataSource: DataSource, kind: string, name: string, state: string | null, naics: string | null, county: string | null) {
  const [row] = await dataSource.query(
    `INSERT INTO organizations (kind, name, state, naics_code, county_fips) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [kind, name, state, naics, county],
  );
  return row.id as string;
}

async function occupation(dataSource: DataSource, code: string, title: string, onet: string) {
  const [row] = await dataSource.query(
    `INSERT INTO occupations (rapids_code, onet_soc_code, title, approaches, time_based_hours)
     VALUES ($1, $2, $3, '{time_based,competency_based,hybrid}', 4000) RETURNING id`,
    [code, onet, title],
  );
  return row.id as string;
}

export async function seedOutcomeWorld(dataSource: DataSource, options: { asOf: string; registrations: number; seed?: number }): Promise<OutcomeWorld> {
  const random = new Random(options.seed ?? 20240917);
  const platform = await organization(dataSource, 'platform', 'Journeyline', null, null, null);
  const agencies = {
    MI: await organization(dataSource, 'state_agency', 'Michigan SAA', 'MI', null, null),
    OH: await organization(dataSource, 'state_agency', 'Ohio SAA', 'OH', null, null),
  };
  const sponsors = {
    construction: await organization(dataSource, 'sponsor', 'Great Lakes Electrical JATC', 'MI', '238210', '26163'),
    manufacturing: await organization(dataSource, 'sponsor', 'Motor City Manufacturing', 'MI', '336111', '26125'),
    health: await organization(dataSource, 'sponsor', 'Buckeye Health', 'OH', '622110', '39049'),
  };
  const intermediary = await organization(dataSource, 'intermediary', 'Midwest Intermediary', null, null, null);
  await dataSource.query(`INSERT INTO intermediary_clients (intermediary_id, sponsor_id) VALUES ($1, $2)`, [intermediary, sponsors.manufacturing]);
  const employers = {
    constructionNorth: await organization(dataSource, 'employer', 'North Electric', 'MI', null, '26099'),
    constructionSouth: await organization(dataSource, 'employer', 'South Electric', 'MI', null, null),
    manufacturing: await organization(dataSource, 'employer', 'Motor City Plant', 'MI', null, '26125'),
    health: await organization(dataSource, 'employer', 'Buckeye Hospital', 'OH', null, '39049'),
  };
  await linkEmployer(dataSource, sponsors.construction, employers.constructionNorth);
  await linkEmployer(dataSource, sponsors.construction, employers.constructionSouth);
  await linkEmployer(dataSource, sponsors.manufacturing, employers.manufacturing);
  await linkEmployer(dataSource, sponsors.health, employers.health);
  const electrician = await occupation(dataSource, '0159', 'Electrician', '47-2111.00');
  const nurseAideCb = await occupation(dataSource, '0870CBV1', 'Nurse Aide (competency-based)', '31-1131.00');
  const nurseAide = await occupation(dataSource, '0870', 'Nurse Aide', '31-1131.00');
  const program = (sponsorId: string, state: string, occupationId: string, name: string) =>
    insertProgramWithOccupation(dataSource, { sponsorId, state, occupationId, name, termMonths: 48, probationMonths: 6 });
  const created = {
    electricalMI: await program(sponsors.construction, 'MI', electrician, 'Inside Wireman'),
    nursingMI: await program(sponsors.manufacturing, 'MI', nurseAideCb, 'Plant Nurse Aide'),
    nursingOH: await program(sponsors.health, 'OH', nurseAide, 'Nurse Aide'),
    electricalOH: await program(sponsors.health, 'OH', electrician, 'Facilities Electrician'),
  };
  const workProcesses: Record<string, string> = {};
  for (const [key, value] of Object.entries(created)) {
    const [row] = await dataSource.query(
      `INSERT INTO work_processes (program_occupation_id, position, title, min_hours, max_hours) VALUES ($1, 1, 'General', 0, 8000) RETURNING id`,
      [value.programOccupationId],
    );
    workProcesses[key] = row.id;
  }
  const provider = await organization(dataSource, 'rti_provider', 'Community College', 'MI', null, null);
  const [course] = await dataSource.query(
    `INSERT INTO rti_courses (provider_id, title, hours) VALUES ($1, 'Related instruction', 144) RETURNING id`,
    [provider],
  );

  const placements: Array<[keyof typeof created, string, number]> = [
    ['electricalMI', employers.constructionNorth, 4],
    ['electricalMI', employers.constructionSouth, 3],
    ['nursingMI', employers.manufacturing, 3],
    ['nursingOH', employers.health, 3],
    ['electricalOH', employers.health, 1],
  ];
  const apprentices: unknown[][] = [];
  const registrations: unknown[][] = [];
  const events: unknown[][] = [];
  const wages: unknown[][] = [];
  const enrollments: unknown[][] = [];
  const attendance: unknown[][] = [];
  const hours: unknown[][] = [];
  const ids: string[] = [];

  for (let index = 0; index < options.registrations; index++) {
    const [programKey, employerId] = random.pick(placements.map(([key, employer, weight]) => [[key, employer] as const, weight]));
    const terms = created[programKey];
    const sponsorId = programKey === 'electricalMI' ? sponsors.construction : programKey === 'nursingMI' ? sponsors.manufacturing : sponsors.health;
    const state = programKey.endsWith('MI') ? 'MI' : 'OH';
    const start = addDays('2019-01-01', random.int(0, daysBetween('2019-01-01', '2024-12-31')));
    let outcome = random.pick<string>([
      ['pending', 4],
      ['registered', 25],
      ['suspended', 4],
      ['completed', 30],
      ['cancelled', 20],
      ['probationary', 10],
      ['transferred', 7],
    ]);
    const exitAfter: Record<string, [number, number]> = {
      completed: [400, 1500],
      cancelled: [200, 1200],
      probationary: [10, 170],
      transferred: [100, 900],
      suspended: [60, 400],
    };
    let statusDate = start;
    if (exitAfter[outcome]) {
      statusDate = addDays(start, random.int(...exitAfter[outcome]));
      if (statusDate > options.asOf) {
        outcome = 'registered';
        statusDate = start;
      }
    }
    const status = outcome === 'probationary' ? 'cancelled' : outcome;
    const apprenticeId = randomUUID();
    const registrationId = randomUUID();
    ids.push(registrationId);
    const races = random.pick<string[]>([
      [['white'], 50],
      [['black_african_american'], 20],
      [['asian'], 8],
      [['american_indian_alaska_native'], 3],
      [['native_hawaiian_pacific_islander'], 2],
      [['white', 'black_african_american'], 5],
      [['asian', 'white'], 2],
      [['not_self_identified'], 10],
    ]);
    const age = random.int(17, 62);
    const priorUnit = random.pick<string | null>([['hourly', 7], ['weekly', 2], [null, 1]]);
    apprentices.push([
      apprenticeId,
      sponsorId,
      addDays(start, -(age * 365 + random.int(20, 300))),
      random.pick([['female', 45], ['male', 47], ['not_self_identified', 8]]),
      random.pick([['hispanic_latino', 15], ['not_hispanic_latino', 75], ['not_self_identified', 10]]),
      `{${races.join(',')}}`,
      random.pick([['veteran', 8], ['non_veteran', 80], ['veteran_eligible', 2], ['not_self_identified', 10]]),
      random.pick([['yes', 6], ['no', 84], ['not_self_identified', 10]]),
      random.pick([['hs_graduate', 50], ['some_college_or_associate', 25], ['bachelor', 10], ['not_hs_graduate', 5], ['not_self_identified', 10]]),
      priorUnit === null ? null : priorUnit === 'hourly' ? random.int(1200, 2400) : random.int(48000, 96000),
      priorUnit ?? 'hourly',
    ]);
    registrations.push([
      registrationId,
      apprenticeId,
      terms.programOccupationId,
      terms.programId,
      sponsorId,
      state,
      employerId,
      status,
      start,
      status === 'pending' ? null : start,
      addDays(start, 182),
      addDays(start, 1461),
      statusDate,
      outcome === 'probationary',
    ]);
    events.push([registrationId, null, 'pending', start, false]);
    if (status !== 'pending') events.push([registrationId, 'pending', 'registered', start, false]);
    if (!['pending', 'registered'].includes(status)) events.push([registrationId, 'registered', status, statusDate, outcome === 'probationary']);
    if (status === 'pending') continue;

    const end = ['completed', 'cancelled', 'transferred'].includes(status) ? statusDate : options.asOf;
    const entry = random.int(1800, 2600);
    for (let step = 1; step <= 3; step++) {
      const effective = addDays(start, 365 * (step - 1));
      if (effective > end) break;
      wages.push([registrationId, step, entry + 300 * (step - 1), effective, step === 1 ? 'entry' : 'time_elapsed']);
    }
    const enrollmentId = randomUUID();
    enrollments.push([enrollmentId, registrationId, course.id, start]);
    for (let session = addDays(start, 7); session <= end && session <= addDays(start, 900); session = addDays(session, random.int(20, 45))) {
      attendance.push([enrollmentId, registrationId, session, random.pick([[4, 1], [6, 1], [8, 1], [7.5, 1]]), true, true, randomUUID()]);
    }
    for (let entryIndex = 0; entryIndex < 3; entryIndex++) {
      const day = addDays(start, 3 + entryIndex);
      if (day > end) break;
      hours.push([registrationId, workProcesses[programKey], employerId, day, 8, entryIndex === 2 ? 'submitted' : 'approved', randomUUID()]);
    }
  }

  const bulk = async (sql: string, rows: unknown[][]) => {
    if (!rows.length) return;
    await dataSource.query(
      sql,
      rows[0].map((_, column) => rows.map((row) => row[column])),
    );
  };
  await bulk(
    `INSERT INTO apprentices (id, owner_organization_id, first_name, last_name, date_of_birth, sex, ethnicity, races, veteran_status,
       disability, education, prior_wage_cents, prior_wage_unit)
     SELECT id, owner, 'Test', 'Apprentice', dob, sex, ethnicity, races::text[], veteran, disability, education, prior, unit
       FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::bigint[], $11::text[]) AS t(id, owner, dob, sex, ethnicity, races, veteran, disability, education, prior, unit)`,
    apprentices,
  );
  await bulk(
    `INSERT INTO registrations (id, apprentice_id, program_occupation_id, program_id, sponsor_id, state, employer_id, status, start_date,
       registration_date, probation_end_date, expected_completion_date, status_date, cancelled_during_probation, employment_status)
     SELECT *, 'new_employee' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::uuid[], $8::text[],
       $9::date[], $10::date[], $11::date[], $12::date[], $13::date[], $14::boolean[])`,
    registrations,
  );
  await bulk(
    `INSERT INTO registration_status_events (registration_id, from_status, to_status, effective_date, reason, during_probation)
     SELECT registration_id, from_status, to_status, effective_date, 'fixture', during_probation
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::boolean[])
         AS t(registration_id, from_status, to_status, effective_date, during_probation)`,
    events,
  );
  await bulk(
    `INSERT INTO wage_history (registration_id, step, rate_cents, effective_date, trigger)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::bigint[], $4::date[], $5::text[])`,
    wages,
  );
  await bulk(
    `INSERT INTO rti_enrollments (id, registration_id, course_id, enrolled_on) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[])`,
    enrollments,
  );
  await bulk(
    `INSERT INTO rti_attendance (enrollment_id, registration_id, session_date, hours, paid, during_work_hours, idempotency_key)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::numeric[], $5::boolean[], $6::boolean[], $7::text[])`,
    attendance,
  );
  await bulk(
    `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::numeric[], $6::text[], $7::text[])`,
    hours,
  );

  const programIds = Object.fromEntries(Object.entries(created).map(([key, value]) => [key, value.programId])) as OutcomeWorld['programs'];
  const programOccupations = Object.fromEntries(
    Object.entries(created).map(([key, value]) => [key, value.programOccupationId]),
  ) as OutcomeWorld['programOccupations'];
  return {
    asOf: options.asOf,
    platform,
    agencies,
    sponsors,
    intermediary,
    employers,
    programs: programIds,
    programOccupations,
    registrations: ids,
  };
}
