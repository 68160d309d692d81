import { databaseUrlFor } from '@journeyline/database/migrate';
import { onServer } from './postgres-admin';

/**
 * A database next to the one DATABASE_URL names that a benchmark keeps between runs (building it
 * takes minutes), named after the parameters it was built with.
 */
export interface NamedDatabase {
  name: string;
  url: string;
  exists(): Promise<boolean>;
  drop(): Promise<void>;
  /** Size on disk, e.g. "5.1 GB". */
  size(): Promise<string>;
}

export function namedDatabase(serverUrl: string, name: string): NamedDatabase {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`database name ${name} must be lower-case letters, digits and underscores`);
  return {
    name,
    url: databaseUrlFor(serverUrl, name),
    exists: () => onServer(serverUrl, (client) => client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).then((r) => r.rowCount === 1),
    drop: () => onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    size: () =>
      onServer(serverUrl, (client) => client.query(`SELECT pg_size_pretty(pg_database_size($1)) AS size`, [name])).then((r) => r.rows[0].size as string),
  };
}
