import { randomBytes } from 'node:crypto';
import { databaseUrlFor, runMigrations } from '@journeyline/database/migrate';
import { onServer } from './postgres-admin';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated database next to the one DATABASE_URL names, dropped by `drop()`. */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = databaseUrlFor(serverUrl, name);
  const drop = () => onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  try {
    await runMigrations(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}
