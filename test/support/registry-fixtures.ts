import { DataSource } from 'typeorm';
import type { OrganizationKind } from '@journeyline/auth/roles';

/** Inserts an organization row directly (tests only). */
export async function insertOrganization(
  dataSource: DataSource,
  kind: OrganizationKind,
  name: string,
  state: string | null = null,
): Promise<string> {
  const [row] = await dataSource.query(`INSERT INTO organizations (kind, name, state) VALUES ($1, $2, $3) RETURNING id`, [
    kind,
    name,
    state,
  ]);
  return row.id;
}

/** Inserts an occupation row directly (tests only). */
export async function insertOccupation(
  dataSource: DataSource,
  rapidsCode: string,
  title: string,
  options: { onetSocCode?: string; timeBasedHours?: number | null; approaches?: string[] } = {},
): Promise<string> {
  const [row] = await dataSource.query(
    `INSERT INTO occupations (rapids_code, onet_soc_code, title, approaches, time_based_hours)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      rapidsCode,
      options.onetSocCode ?? null,
      title,
      options.approaches ?? ['time_based', 'hybrid', 'competency_based'],
      options.timeBasedHours === undefined ? 8000 : options.timeBasedHours,
    ],
  );
  return row.id;
}

/** Inserts a user with a membership directly (tests only); the password hash is unusable. */
export async function insertUser(
  dataSource: DataSource,
  email: string,
  memberships: Array<[organizationId: string, role: string]>,
): Promise<string> {
  const [row] = await dataSource.query(
    `INSERT INTO users (email, display_name, password_hash) VALUES ($1, $1, 'none') RETURNING id`,
    [email],
  );
  for (const [organizationId, role] of memberships) {
    await dataSource.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)`, [
      row.id,
      organizationId,
      role,
    ]);
  }
  return row.id;
}
