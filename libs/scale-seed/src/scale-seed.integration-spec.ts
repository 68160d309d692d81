import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { OCCUPATIONS } from './reference-data';
import { ScaleSeedOptions, ScaleSeedReport, seedScale } from './scale-seed';

const FEMALE_SHARE = new Map(OCCUPATIONS.map((occupation) => [occupation.rapidsCode, occupation.femaleShare]));
const OPTIONS: ScaleSeedOptions = { apprentices: 2_000, monthsOfHours: 2, seed: 42, today: '2026-03-15' };

interface Seeded {
  database: TestDatabase;
  client: Client;
  report: ScaleSeedReport;
  before: { foreignKeys: number; indexes: number };
}

/** Foreign keys and indexes of the tables the seed writes, to see the load puts every one back. */
async function schemaCounts(client: Client): Promise<{ foreignKeys: number; indexes: number }> {
  const [row] = (
    await client.query(
      `SELECT (SELECT count(*) FROM pg_constraint WHERE contype = 'f')::int AS "foreignKeys",
              (SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema())::int AS indexes`,
    )
  ).rows;
  return row;
}

async function seeded(options: ScaleSeedOptions): Promise<Seeded> {
  const database = await createTestDatabase();
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const before = await schemaCounts(client);
  return { database, client, before, report: await seedScale(client, options) };
}

/** A digest of key columns, to compare two loads. */
async function checksum(client: Client): Promise<string> {
  const [row] = (
    await client.query(
      `SELECT md5(string_agg(concat_ws('|', r.id, r.apprentice_id, r.status, r.start_date, r.status_date, r.employer_id, a.date_of_birth, a.sex),
                             ',' ORDER BY r.id)) AS registrations,
              (SELECT md5(string_agg(concat_ws('|', id, registration_id, work_date, hours), ',' ORDER BY id)) FROM ojt_hour_entries) AS hours,
              (SELECT md5(string_agg(concat_ws('|', registration_id, step, rate_cents, effective_date), ',' ORDER BY registration_id, step))
                 FROM wage_history) AS wages
         FROM registrations r JOIN apprentices a ON a.id = r.apprentice_id`,
    )
  ).rows;
  return `${row.registrations}/${row.hours}/${row.wages}`;
}

const count = async (client: Client, sql: string): Promise<number> => Number((await client.query(sql)).rows[0].count);

describe('seedScale', () => {
  let first: Seeded;
  let client: Client;

  beforeAll(async () => {
    first = await seeded(OPTIONS);
    client = first.client;
  });

  afterAll(async () => {
    await first.client.end();
    await first.database.drop();
  });

  it('loads every table it reports, the counts matching the database', async () => {
    for (const { table, rows } of first.report.tables) {
      expect({ table, rows: await count(client, `SELECT count(*) FROM ${table}`) }).toEqual({ table, rows });
    }
    expect(first.report.registrations).toBeGreaterThan(OPTIONS.apprentices);
    expect(await count(client, `SELECT count(*) FROM apprentices`)).toBe(OPTIONS.apprentices);
    expect(await count(client, `SELECT count(*) FROM ojt_hour_entries`)).toBeGreaterThan(10_000);
    expect(await count(client, `SELECT count(*) FROM rti_attendance`)).toBeGreaterThan(0);
  });

  it('leaves every foreign key and index in place, and nothing in the outbox or audit log', async () => {
    expect(await schemaCounts(client)).toEqual(first.before);
    expect(await count(client, `SELECT count(*) FROM outbox`)).toBe(0);
    expect(await count(client, `SELECT count(*) FROM audit_log`)).toBe(0);
    expect(await count(client, `SELECT count(*) FROM programs WHERE current_version_id IS NULL`)).toBe(0);
  });

  it('generates the same data from the same seed, and different data from another', async () => {
    const again = await seeded({ ...OPTIONS, perRowForeignKeyChecks: true });
    const other = await seeded({ ...OPTIONS, seed: 43, dropIndexes: true });
    try {
      expect(again.report.tables.map(({ table, rows }) => [table, rows])).toEqual(first.report.tables.map(({ table, rows }) => [table, rows]));
      expect(await checksum(again.client)).toBe(await checksum(client));
      expect(await checksum(other.client)).not.toBe(await checksum(client));
      // Dropped indexes come back.
      expect(await schemaCounts(other.client)).toEqual(other.before);
    } finally {
      for (const { client: connection, database } of [again, other]) {
        await connection.end();
        await database.drop();
      }
    }
  });

  it('rolls a failed load back whole, constraints included', async () => {
    // The same seed again collides with its own ids.
    await expect(seedScale(client, { ...OPTIONS, monthsOfHours: 0 })).rejects.toThrow(/duplicate key/);
    expect(await count(client, `SELECT count(*) FROM apprentices`)).toBe(OPTIONS.apprentices);
    expect(await schemaCounts(client)).toEqual(first.before);
  });

  it('draws statuses and demographics in plausible proportions', async () => {
    const [shares] = (
      await client.query(
        `SELECT avg((sex = 'female')::int) AS female, avg((veteran_status = 'veteran')::int) AS veterans,
                avg((education = 'hs_graduate')::int) AS high_school,
                avg((ethnicity = 'not_self_identified')::int) AS ethnicity_not_identified
           FROM apprentices`,
      )
    ).rows;
    // Women's share follows the occupation (a few sponsors make a lumpy mix at this size): compare
    // with the share this mix should give, within three standard deviations.
    const occupations = (
      await client.query(
        `SELECT o.rapids_code FROM registrations r JOIN program_occupations po ON po.id = r.program_occupation_id
           JOIN occupations o ON o.id = po.occupation_id WHERE r.transferred_from_id IS NULL`,
      )
    ).rows.map((row) => FEMALE_SHARE.get(row.rapids_code) as number);
    const expected = occupations.reduce((sum, share) => sum + 0.98 * share, 0) / occupations.length;
    const deviation = Math.sqrt(occupations.reduce((sum, share) => sum + 0.98 * share * (1 - 0.98 * share), 0)) / occupations.length;
    expect(Math.abs(Number(shares.female) - expected)).toBeLessThan(3 * deviation + 0.005);
    expect(Number(shares.veterans)).toBeGreaterThan(0.03);
    expect(Number(shares.veterans)).toBeLessThan(0.11);
    expect(Number(shares.high_school)).toBeGreaterThan(0.5);
    expect(Number(shares.ethnicity_not_identified)).toBeLessThan(0.1);

    // Cohorts old enough to have finished: completions against cancellations.
    const [old] = (
      await client.query(
        `SELECT count(*) FILTER (WHERE status = 'completed')::float / count(*) FILTER (WHERE status IN ('completed', 'cancelled')) AS completion,
                avg((status IN ('completed', 'cancelled', 'transferred'))::int) AS ended
           FROM registrations WHERE start_date < DATE '2026-03-15' - interval '7 years'`,
      )
    ).rows;
    expect(old.completion).toBeGreaterThan(0.3);
    expect(old.completion).toBeLessThan(0.6);
    expect(Number(old.ended)).toBeGreaterThan(0.85);
    const recent = await count(client, `SELECT count(*) FROM registrations WHERE start_date > DATE '2026-03-15' - 60 AND status IN ('pending', 'registered')`);
    expect(recent).toBeGreaterThan(0.8 * (await count(client, `SELECT count(*) FROM registrations WHERE start_date > DATE '2026-03-15' - 60`)));

    const statuses = (await client.query(`SELECT DISTINCT status FROM registrations`)).rows.map((row) => row.status).sort();
    expect(statuses).toEqual(['cancelled', 'completed', 'pending', 'registered', 'reinstated', 'suspended', 'transferred']);
    const vaShare = await count(client, `SELECT round(1000 * avg((va_chapter IS NOT NULL)::int)) AS count FROM registrations`);
    expect(vaShare).toBeGreaterThan(10);
    expect(vaShare).toBeLessThan(60);
  });

  it('keeps each registration row consistent with its status history', async () => {
    const inconsistent = await count(
      client,
      `WITH events AS (
         SELECT e.*, lag(to_status) OVER w AS previous_status, lag(effective_date) OVER w AS previous_date,
                row_number() OVER w AS position, count(*) OVER (PARTITION BY registration_id) AS total
           FROM registration_status_events e WINDOW w AS (PARTITION BY registration_id ORDER BY id))
       SELECT count(*) FROM registrations r JOIN events e ON e.registration_id = r.id
        WHERE (e.position = 1 AND (e.from_status IS NOT NULL OR e.to_status <> 'pending' OR e.effective_date <> r.start_date))
           OR (e.position > 1 AND (e.from_status IS DISTINCT FROM e.previous_status OR e.effective_date < e.previous_date
                                   OR e.during_probation <> (e.effective_date < r.probation_end_date)))
           OR (e.position = e.total AND (e.to_status <> r.status OR e.effective_date <> r.status_date
                                         OR r.cancelled_during_probation <> (r.status = 'cancelled' AND e.during_probation)))
           OR (e.to_status = 'registered' AND e.effective_date IS DISTINCT FROM r.registration_date)
           OR e.effective_date > DATE '2026-03-15'`,
    );
    expect(inconsistent).toBe(0);
    expect(
      await count(
        client,
        `SELECT count(*) FROM registrations r
          WHERE NOT EXISTS (SELECT 1 FROM registration_status_events e WHERE e.registration_id = r.id)
             OR (r.registration_date IS NULL) <> NOT EXISTS (SELECT 1 FROM registration_status_events e
                                                               WHERE e.registration_id = r.id AND e.to_status = 'registered')
             OR r.probation_end_date <= r.start_date OR r.expected_completion_date <= r.start_date
             OR (r.transferred_from_id IS NULL AND date_part('year', age(r.start_date, (SELECT date_of_birth FROM apprentices a
                                                                                         WHERE a.id = r.apprentice_id))) NOT BETWEEN 16 AND 60)`,
      ),
    ).toBe(0);
    // A transfer opens a new registration on the day the old one ends.
    expect(
      await count(
        client,
        `SELECT count(*) FROM registrations n JOIN registrations o ON o.id = n.transferred_from_id
          WHERE o.status <> 'transferred' OR n.start_date <> o.status_date OR n.apprentice_id <> o.apprentice_id`,
      ),
    ).toBe(0);
    expect(await count(client, `SELECT count(*) FROM registrations WHERE transferred_from_id IS NOT NULL`)).toBeGreaterThan(0);
  });

  it('writes wage steps in order, each paying more than the one before', async () => {
    expect(
      await count(
        client,
        `SELECT count(*) FROM (
           SELECT step, rate_cents, effective_date, lag(rate_cents) OVER w AS previous_rate, lag(effective_date) OVER w AS previous_date,
                  row_number() OVER w AS position
             FROM wage_history WINDOW w AS (PARTITION BY registration_id ORDER BY step)) h
          WHERE h.step <> h.position OR h.rate_cents <= h.previous_rate OR h.effective_date < h.previous_date`,
      ),
    ).toBe(0);
    expect(
      await count(
        client,
        `SELECT count(*) FROM wage_history h JOIN registrations r ON r.id = h.registration_id
          JOIN wage_schedule_steps s ON s.program_occupation_id = r.program_occupation_id AND s.step = h.step
          JOIN program_occupations po ON po.id = r.program_occupation_id
         WHERE h.rate_cents <> coalesce(s.rate_cents, (po.journeyworker_rate_cents * s.percent_basis_points + 5000) / 10000)`,
      ),
    ).toBe(0);
  });

  it('logs hours only on working days of open registrations, never over 24 hours an apprentice-day', async () => {
    const [{ max }] = (
      await client.query(
        `SELECT max(total) FROM (SELECT sum(e.hours) AS total FROM ojt_hour_entries e JOIN registrations r ON r.id = e.registration_id
                                  GROUP BY r.apprentice_id, e.work_date) days`,
      )
    ).rows;
    expect(Number(max)).toBeLessThanOrEqual(24);
    expect(
      await count(
        client,
        `SELECT count(*) FROM ojt_hour_entries e JOIN registrations r ON r.id = e.registration_id
          JOIN work_processes w ON w.id = e.work_process_id
         WHERE w.program_occupation_id <> r.program_occupation_id OR e.employer_id <> r.employer_id
            OR e.work_date < r.start_date OR e.work_date > DATE '2026-03-15' OR e.status <> 'approved'
            OR (r.status IN ('suspended', 'cancelled', 'completed', 'transferred') AND e.work_date >= r.status_date)
            OR extract(isodow FROM e.work_date) > 5`,
      ),
    ).toBe(0);
    // Loaded month by month, the table is laid out roughly in date order, as a year of logging leaves it.
    const [{ correlation }] = (
      await client.query(`SELECT correlation FROM pg_stats WHERE tablename = 'ojt_hour_entries' AND attname = 'work_date'`)
    ).rows;
    expect(correlation).toBeGreaterThan(0.8);
    expect(
      await count(
        client,
        `SELECT count(*) FROM rti_attendance a JOIN rti_enrollments n ON n.id = a.enrollment_id
          WHERE n.registration_id <> a.registration_id OR a.session_date < n.enrolled_on`,
      ),
    ).toBe(0);
  });
});
