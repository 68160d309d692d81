import { Client } from 'pg';
import { databaseUrlFor } from '@journeyline/database/migrate';

/** Runs `work` on a client connected to `url`, and disconnects. */
export async function connected<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work` on the server's maintenance database (to create, drop or inspect others). */
export const onServer = <T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> =>
  connected(databaseUrlFor(serverUrl, 'postgres'), work);
