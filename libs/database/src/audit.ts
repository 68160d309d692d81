import { EntityManager } from 'typeorm';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to audit_log inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (actor_user_id, action, entity, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.actorUserId,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}

/** Appends an event to the transactional outbox (see the outbox table's comment). */
export async function publishInTransaction(manager: EntityManager, topic: string, payload: object): Promise<void> {
  await manager.query(`INSERT INTO outbox (topic, payload) VALUES ($1, $2)`, [topic, JSON.stringify(payload)]);
}
