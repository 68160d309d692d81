import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { databaseUrlFor, runMigrations } from '@journeyline/database/migrate';

const TEMPLATE = 'journeyline_template';

export function serviceUrls(): { databaseUrl: string; redisUrl: string } {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!databaseUrl || !redisUrl) {
    throw new Error('DATABASE_URL and REDIS_URL must be set: run `npm test`, or `source scripts/services.sh && ensure_services`');
  }
  return { databaseUrl, redisUrl };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrlFor(serviceUrls().databaseUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Builds the migrated template once per migration set. Test files then clone it, which takes
 * milliseconds, so every file gets a private database and no test depends on another's rows.
 */
async function ensureTemplate(): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.query(`SELECT pg_advisory_lock(hashtext('journeyline:test-template'))`);
    try {
      // The migrations' source, not only their names: an unreleased migration edited in place rebuilds the template too.
      const source = createHash('sha256').update(MIGRATIONS.map((migration) => `${migration.name}\n${migration.prototype.up.toString()}`).join('\n'));
      const marker = `migrations:${MIGRATIONS.length}:${source.digest('hex')}`;
      const { rows } = await admin.query(
        `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1`,
        [TEMPLATE],
      );
      if (rows[0]?.marker === marker) return;
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${TEMPLATE}`);
      await runMigrations(databaseUrlFor(serviceUrls().databaseUrl, TEMPLATE));
      await admin.query(`COMMENT ON DATABASE ${TEMPLATE} IS '${marker.replace(/'/g, "''")}'`);
    } finally {
      await admin.query(`SELECT pg_advisory_unlock(hashtext('journeyline:test-template'))`);
    }
  });
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  await ensureTemplate();
  const name = `jl_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  return {
    url: databaseUrlFor(serviceUrls().databaseUrl, name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
