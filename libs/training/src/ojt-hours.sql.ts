import { EntityManager } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { ClosedSpan, closedSpans, dayKey, toQuarters } from './hour-rules';
import { OjtHourEntryEntity } from './ojt-hour-entry.entity';

// SQL shared by every writer of OJT hours (this service and the bulk import).

/** Columns of ojt_hour_entries aliased `e`, with dates and numerics as text, for rowToEntry. */
export const ENTRY_COLUMNS = `e.id, e.registration_id, e.work_process_id, e.employer_id, e.worksite, e.work_date::text AS work_date,
  e.hours::text AS hours, e.note, e.status, e.source, e.idempotency_key, e.over_allotment, e.submitted_at, e.decided_by,
  e.decided_at, e.rejection_reason, e.created_by, e.created_at, e.updated_at`;

export function rowToEntry(row: Record<string, any>): OjtHourEntryEntity {
  return Object.assign(new OjtHourEntryEntity(), {
    id: row.id,
    registrationId: row.registration_id,
    workProcessId: row.work_process_id,
    employerId: row.employer_id,
    worksite: row.worksite,
    workDate: row.work_date,
    hours: row.hours,
    note: row.note,
    status: row.status,
    source: row.source,
    idempotencyKey: row.idempotency_key,
    overAllotment: row.over_allotment,
    submittedAt: row.submitted_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    rejectionReason: row.rejection_reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** Runs SQL written with TypeORM's :named parameters (as the AccessScope filters are). */
export async function namedQuery<T = any>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [query, parameters] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query(query, parameters);
}

/** The RETURNING rows of an UPDATE (TypeORM answers UPDATE with [rows, rowCount] on Postgres). */
export async function updateReturning<T = any>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await manager.query(sql, params)) as [T[], number];
  return rows;
}

export interface LockedRegistration {
  id: string;
  apprenticeId: string;
  sponsorId: string;
  employerId: string;
  programOccupationId: string;
  state: string;
  startDate: string;
  /** Stretches of its status history during which it took no hours. */
  closedSpans: ClosedSpan[];
  /** The caller's `permission` reaches this registration. */
  inReach: boolean;
}

/** Which apprentices to lock: those holding these registrations, or those whose hours these entries are. */
export type LockTarget = { registrationIds: readonly string[] } | { entryIds: readonly string[] };

/**
 * Locks every registration of the target apprentices (in id order, so two writers never
 * deadlock) for the rest of the transaction. Every writer of an apprentice's hours takes this lock
 * before touching ojt_hour_entries, so the daily cap across all their registrations holds under
 * concurrency. `inReach` says whether the caller's `permission` reaches each registration.
 */
export async function lockApprenticeRegistrations(
  manager: EntityManager,
  scope: AccessScope,
  target: LockTarget,
  permission: Permission,
): Promise<Map<string, LockedRegistration>> {
  const filter = scope.registrationFilter(permission, 'r');
  const apprentices =
    'registrationIds' in target
      ? `SELECT x.apprentice_id FROM registrations x WHERE x.id = ANY(:lockIds)`
      : `SELECT x.apprentice_id FROM registrations x JOIN ojt_hour_entries xe ON xe.registration_id = x.id WHERE xe.id = ANY(:lockIds)`;
  const rows = await namedQuery(
    manager,
    `SELECT r.id, r.apprentice_id, r.sponsor_id, r.employer_id, r.program_occupation_id, r.state, r.status,
            r.status_date::text AS status_date, r.start_date::text AS start_date, (${filter.sql}) AS in_reach,
            (SELECT json_agg(json_build_object('toStatus', e.to_status, 'effectiveDate', e.effective_date) ORDER BY e.id)
               FROM registration_status_events e WHERE e.registration_id = r.id) AS status_events
       FROM registrations r
      WHERE r.apprentice_id IN (${apprentices})
      ORDER BY r.id
        FOR UPDATE`,
    { ...filter.params, lockIds: [...('registrationIds' in target ? target.registrationIds : target.entryIds)] },
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        apprenticeId: row.apprentice_id,
        sponsorId: row.sponsor_id,
        employerId: row.employer_id,
        programOccupationId: row.program_occupation_id,
        state: row.state,
        startDate: row.start_date,
        closedSpans: closedSpans(row.status_events ?? [], { status: row.status, statusDate: row.status_date }),
        inReach: row.in_reach === true,
      },
    ]),
  );
}

/**
 * Quarter hours already on each apprentice's day (keyed by dayKey), across all their
 * registrations: OJT entries not rejected plus RTI sessions attended, since a day holds both.
 * `exceptEntryId` leaves out an entry being edited.
 */
export async function loggedQuartersByDay(
  manager: EntityManager,
  apprenticeIds: readonly string[],
  workDates: readonly string[],
  exceptEntryId: string | null = null,
): Promise<Map<string, number>> {
  const rows: Array<{ apprentice_id: string; work_date: string; hours: string }> = await manager.query(
    `WITH registration AS MATERIALIZED (SELECT id, apprentice_id FROM registrations WHERE apprentice_id = ANY($1))
     SELECT r.apprentice_id, d.work_date::text AS work_date, sum(d.hours)::text AS hours
       FROM (SELECT e.registration_id, e.work_date, e.hours FROM ojt_hour_entries e
              WHERE e.registration_id IN (SELECT id FROM registration) AND e.work_date = ANY($2::date[])
                AND e.status <> 'rejected' AND ($3::uuid IS NULL OR e.id <> $3)
             UNION ALL
             SELECT a.registration_id, a.session_date, a.hours FROM rti_attendance a
              WHERE a.registration_id IN (SELECT id FROM registration) AND a.session_date = ANY($2::date[])) d
       JOIN registration r ON r.id = d.registration_id
      GROUP BY r.apprentice_id, d.work_date`,
    [[...new Set(apprenticeIds)], [...new Set(workDates)], exceptEntryId],
  );
  return new Map(rows.map((row) => [dayKey(row.apprentice_id, row.work_date), toQuarters(row.hours)]));
}

/** A registration × work process whose entries dated `fromDate` or later may have changed. */
export interface WorkProcessPair {
  registrationId: string;
  workProcessId: string;
  fromDate: string;
}

/**
 * Recomputes over_allotment for the entries of the given registration × work process pairs dated
 * on or after each pair's fromDate (earlier entries' running sums cannot have changed): an entry
 * is over when the non-rejected hours of its pair, summed in the order work date, creation time,
 * id up to and including it, exceed the work process's max_hours. Only flipped flags are written,
 * found by id, so the cost follows the pair's entries rather than the table. Returns the entries
 * whose flag changed.
 */
export async function refreshOverAllotment(
  manager: EntityManager,
  pairs: readonly WorkProcessPair[],
): Promise<Map<string, boolean>> {
  const earliest = new Map<string, WorkProcessPair>();
  for (const pair of pairs) {
    const key = `${pair.registrationId}|${pair.workProcessId}`;
    const known = earliest.get(key);
    if (!known || pair.fromDate < known.fromDate) earliest.set(key, pair);
  }
  const unique = [...earliest.values()];
  if (!unique.length) return new Map();
  const rows = await updateReturning<{ id: string; over_allotment: boolean }>(
    manager,
    `WITH pair AS MATERIALIZED (
       SELECT p.registration_id, p.work_process_id, p.from_date, wp.max_hours,
              coalesce((SELECT sum(h.hours) FROM ojt_hour_entries h
                         WHERE h.registration_id = p.registration_id AND h.work_process_id = p.work_process_id
                           AND h.work_date < p.from_date AND h.status <> 'rejected'), 0) AS hours_before
         FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS p (registration_id, work_process_id, from_date)
         JOIN work_processes wp ON wp.id = p.work_process_id
     ),
     flipped AS (
       SELECT tail.id FROM (
         SELECT h.id, h.over_allotment,
                h.status <> 'rejected' AND p.hours_before + coalesce(sum(h.hours) FILTER (WHERE h.status <> 'rejected') OVER (
                  PARTITION BY h.registration_id, h.work_process_id ORDER BY h.work_date, h.created_at, h.id
                ), 0) > p.max_hours AS over
           FROM pair p
           JOIN ojt_hour_entries h ON h.registration_id = p.registration_id AND h.work_process_id = p.work_process_id
                                  AND h.work_date >= p.from_date
       ) tail
        WHERE tail.over <> tail.over_allotment
     )
     -- By id array, one plan at any size (joined, a small table got a hash join over all its rows).
     UPDATE ojt_hour_entries e SET over_allotment = NOT e.over_allotment
      WHERE e.id = ANY(ARRAY(SELECT id FROM flipped))
  RETURNING e.id, e.over_allotment`,
    [unique.map((pair) => pair.registrationId), unique.map((pair) => pair.workProcessId), unique.map((pair) => pair.fromDate)],
  );
  return new Map(rows.map((row) => [row.id, row.over_allotment]));
}
