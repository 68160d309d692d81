import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessScope, Grant } from './access-scope';
import { OrganizationKind, Role } from './roles';

/** Builds a user's AccessScope from their memberships (two queries). */
@Injectable()
export class AccessScopeLoader {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns null for unknown or deactivated users. */
  async load(userId: string): Promise<AccessScope | null> {
    const rows: Array<{
      apprentice_id: string | null;
      organization_id: string | null;
      kind: OrganizationKind | null;
      state: string | null;
      role: Role | null;
    }> = await this.dataSource.query(
      `SELECT u.apprentice_id, m.organization_id, o.kind, o.state, m.role
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE u.id = $1 AND u.is_active`,
      [userId],
    );
    if (!rows.length) return null;
    const grants: Grant[] = rows
      .filter((row) => row.role !== null)
      .map((row) => ({
        organizationId: row.organization_id!,
        organizationKind: row.kind!,
        organizationState: row.state,
        role: row.role!,
      }));
    const intermediaryIds = grants
      .filter((grant) => grant.organizationKind === 'intermediary')
      .map((grant) => grant.organizationId);
    const served = new Map<string, string[]>();
    if (intermediaryIds.length) {
      const clients: Array<{ intermediary_id: string; sponsor_id: string }> = await this.dataSource.query(
        `SELECT intermediary_id, sponsor_id FROM intermediary_clients WHERE intermediary_id = ANY($1)`,
        [intermediaryIds],
      );
      for (const client of clients) {
        served.set(client.intermediary_id, [...(served.get(client.intermediary_id) ?? []), client.sponsor_id]);
      }
    }
    return new AccessScope(userId, grants, served, rows[0].apprentice_id);
  }
}
