import { Client } from 'pg';
import { databaseUrlFor, ensureDatabase, runMigrations } from '@journeyline/database/migrate';
import { seedScale, ScaleSeedOptions } from '@journeyline/scale-seed/scale-seed';
import { connected } from './postgres-admin';

/**
 * A scale-seeded database kept between benchmark runs: seeding 100,000 apprentices with a year of
 * hours takes minutes, and the data only depends on the seed options. What was seeded is written
 * into the database's COMMENT as the very last step, so a database without it (a load that was
 * interrupted) is dropped and seeded again.
 */
export interface SeededDatabase<Extra> {
  name: string;
  url: string;
  /** True when an earlier run's data was used as it was. */
  reused: boolean;
  meta: SeedMeta<Extra>;
  sizeBytes: number;
}

export interface SeedMeta<Extra> {
  apprentices: number;
  seed: number;
  monthsOfHours: number;
  today: string;
  registrations: number;
  seedSeconds: number;
  seededAt: string;
  /** What `prepare` returned. */
  extra: Extra;
}

export interface SeededDatabaseOptions<Extra> {
  /** Database name prefix; the name is `<prefix>_<apprentices>_<seed>`. */
  prefix: string;
  seedOptions: Required<Pick<ScaleSeedOptions, 'apprentices' | 'seed' | 'monthsOfHours' | 'today'>>;
  /** Drop and seed again even when a complete seed is there. */
  fresh: boolean;
  /** Runs after the seed, before the database is marked complete (e.g. adding a benchmark user). */
  prepare: (client: Client) => Promise<Extra>;
  log: (line: string) => void;
}

export async function seededDatabase<Extra>(serverUrl: string, options: SeededDatabaseOptions<Extra>): Promise<SeededDatabase<Extra>> {
  const { apprentices, seed } = options.seedOptions;
  const name = `${options.prefix}_${apprentices}_${seed}`;
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`"${name}" is not a usable database name`);
  const url = databaseUrlFor(serverUrl, name);
  const adminUrl = databaseUrlFor(serverUrl, 'postgres');

  const comment = await connected(adminUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    return rows.length ? { exists: true, text: rows[0].comment as string | null } : { exists: false, text: null };
  });
  const existing = comment.text ? (JSON.parse(comment.text) as SeedMeta<Extra>) : null;
  const matches =
    existing !== null && existing.monthsOfHours === options.seedOptions.monthsOfHours && existing.apprentices === apprentices && existing.seed === seed;

  let reused = false;
  let meta: SeedMeta<Extra>;
  if (matches && !options.fresh) {
    reused = true;
    meta = existing;
    // Migrations added since the seed apply to it as to any database.
    await runMigrations(url);
    options.log(`reusing the seed in ${name} (seeded ${meta.seededAt} as of ${meta.today}; --fresh seeds it again)`);
  } else {
    if (comment.exists) {
      options.log(`dropping ${name} (${options.fresh ? '--fresh' : 'incomplete or different seed'})`);
      await connected(adminUrl, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`));
    }
    options.log(`creating ${name} and seeding ${apprentices} apprentices with ${options.seedOptions.monthsOfHours} months of hours`);
    await ensureDatabase(url);
    await runMigrations(url);
    meta = await connected(url, async (client) => {
      const report = await seedScale(client, { ...options.seedOptions, log: (line) => options.log(`  ${line}`) });
      const extra = await options.prepare(client);
      return {
        apprentices,
        seed,
        monthsOfHours: options.seedOptions.monthsOfHours,
        today: report.today,
        registrations: report.registrations,
        seedSeconds: Number(report.seconds.toFixed(1)),
        seededAt: new Date().toISOString(),
        extra,
      };
    });
    await connected(adminUrl, (client) => client.query(`COMMENT ON DATABASE ${name} IS '${JSON.stringify(meta).replace(/'/g, "''")}'`));
    options.log(`seeded ${meta.registrations} registrations in ${meta.seedSeconds} s`);
  }
  const sizeBytes = await connected(adminUrl, async (client) => Number((await client.query(`SELECT pg_database_size($1)::text AS size`, [name])).rows[0].size));
  return { name, url, reused, meta, sizeBytes };
}
