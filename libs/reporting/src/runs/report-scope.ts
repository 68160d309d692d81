import { AccessScope, SqlFilter } from '@journeyline/auth/access-scope';
import { Permission, ROLE_PERMISSIONS } from '@journeyline/auth/roles';

/**
 * What a report run covers, and who may request and read it. One rule for both: a caller reads the
 * runs they could request now.
 *
 * - sponsor: the sponsor is in the caller's RunReports reach (its own staff and certifying
 *   officials, the intermediaries serving it).
 * - program: the program's sponsor is in reach.
 * - intermediary: the caller works for that intermediary with RunReports (all its clients at once).
 * - facility_code: some program occupation with that VA facility code belongs to a sponsor in reach,
 *   and none belongs to a sponsor out of reach: the run covers every registration holding the code,
 *   so a code another sponsor's program also holds (typed in by mistake, or on purpose) would hand
 *   over that sponsor's trainees. Such a code is the platform administrator's alone.
 *   Reach through an employer is not enough: a facility code covers every trainee of the approved
 *   program, across employers, so a certifying official held at an employer would see other
 *   employers' trainees. Such officials are answered NOT_FOUND, like any scope out of reach.
 *
 * The platform administrator reaches every scope.
 */
export const REPORT_SCOPE_KINDS = ['sponsor', 'program', 'intermediary', 'facility_code'] as const;
export type ReportScopeKind = (typeof REPORT_SCOPE_KINDS)[number];

/** VA facility codes for OJT and apprenticeship: 8 characters with '0' second (va.md §1.1). */
export const FACILITY_CODE_PATTERN = /^[0-9A-Z]0[0-9A-Z]{6}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Why a scope id is malformed for its kind, or null when it is well formed. */
export function scopeIdProblem(kind: ReportScopeKind, id: string): string | null {
  if (kind === 'facility_code') {
    return FACILITY_CODE_PATTERN.test(id) ? null : 'must be an 8-character VA facility code with 0 in second place';
  }
  return UUID_PATTERN.test(id) ? null : `must be the ${kind}'s id (UUID)`;
}

/** Intermediaries the caller works for with RunReports. */
export function intermediaryIdsWith(scope: AccessScope): string[] {
  return scope.grants
    .filter((grant) => grant.organizationKind === 'intermediary' && ROLE_PERMISSIONS[grant.role].includes(Permission.RunReports))
    .map((grant) => grant.organizationId);
}

/** Rows with `scope_kind` and `scope_id` columns (report_runs, or a candidate scope) that the caller reaches. */
export function runScopeFilter(scope: AccessScope, alias: string): SqlFilter {
  const reach = scope.reach(Permission.RunReports);
  if (reach.all) return { sql: 'TRUE', params: {} };
  return {
    sql: `((${alias}.scope_kind = 'sponsor' AND ${alias}.scope_id = ANY(:runSponsorIds))
      OR (${alias}.scope_kind = 'program' AND EXISTS (SELECT 1 FROM programs run_p
            WHERE run_p.sponsor_id = ANY(CAST(:runSponsorIds AS uuid[])) AND run_p.id::text = ${alias}.scope_id))
      OR (${alias}.scope_kind = 'intermediary' AND ${alias}.scope_id = ANY(:runIntermediaryIds))
      OR (${alias}.scope_kind = 'facility_code' AND EXISTS (SELECT 1 FROM program_occupations run_po
            JOIN program_versions run_pv ON run_pv.id = run_po.program_version_id
            JOIN programs run_p ON run_p.id = run_pv.program_id
            WHERE run_po.va_facility_code = ${alias}.scope_id AND run_p.sponsor_id = ANY(CAST(:runSponsorIds AS uuid[])))
          AND NOT EXISTS (SELECT 1 FROM program_occupations run_po
            JOIN program_versions run_pv ON run_pv.id = run_po.program_version_id
            JOIN programs run_p ON run_p.id = run_pv.program_id
            WHERE run_po.va_facility_code = ${alias}.scope_id AND NOT (run_p.sponsor_id = ANY(CAST(:runSponsorIds AS uuid[]))))))`,
    params: { runSponsorIds: reach.sponsorIds, runIntermediaryIds: intermediaryIdsWith(scope) },
  };
}

/** Whether the scope names something that exists ($1 is the scope id, already checked by scopeIdProblem). */
export const SCOPE_EXISTS_SQL: Record<ReportScopeKind, string> = {
  sponsor: `SELECT 1 FROM organizations WHERE id = $1::uuid AND kind = 'sponsor'`,
  program: `SELECT 1 FROM programs WHERE id = $1::uuid`,
  intermediary: `SELECT 1 FROM organizations WHERE id = $1::uuid AND kind = 'intermediary'`,
  facility_code: `SELECT 1 FROM program_occupations WHERE va_facility_code = $1 LIMIT 1`,
};

/**
 * The registrations a scope covers, as a condition on `registrations r` joined with
 * `program_occupations po` ($1 is the scope id).
 */
const SCOPE_CONDITION: Record<ReportScopeKind, string> = {
  sponsor: `r.sponsor_id = $1::uuid`,
  program: `r.program_id = $1::uuid`,
  intermediary: `r.sponsor_id IN (SELECT sponsor_id FROM intermediary_clients WHERE intermediary_id = $1::uuid)`,
  facility_code: `po.va_facility_code = $1`,
};

const SCOPE_FROM = `FROM registrations r
  JOIN apprentices a ON a.id = r.apprentice_id
  JOIN programs p ON p.id = r.program_id
  JOIN program_occupations po ON po.id = r.program_occupation_id`;

const VA_BENEFITS = `r.va_chapter IS NOT NULL`;

/**
 * The registrations each format can apply to, as a condition on `r` ($2 the period's start, $3 its
 * end; a condition names both or neither): a superset of the format's `appliesTo`, so a run assembles only records that may give
 * rows. A VA run over 100,000 registrations reads the few thousand with VA benefits; records a
 * format skips are not checked against the record schema either. Formats not listed read every
 * registration of the scope. report-runs.integration-spec.ts checks that each is a superset.
 */
export const FORMAT_CANDIDATES: Readonly<Record<string, string>> = {
  'dol.rapids-upload': `r.start_date BETWEEN $2::date AND $3::date`,
  'dol.status-changes': `EXISTS (SELECT 1 FROM registration_status_events e
    WHERE e.registration_id = r.id AND e.to_status <> 'pending' AND e.effective_date BETWEEN $2::date AND $3::date)`,
  // Started by the period's end and not ended (ended statuses are final) before its start.
  'dol.pirl': `r.start_date <= $3::date AND NOT (r.status IN ('completed', 'cancelled', 'transferred') AND r.status_date < $2::date)`,
  'va.enrollment': VA_BENEFITS,
  'va.monthly-certification': VA_BENEFITS,
  'va.change-of-status': VA_BENEFITS,
  'va.vre-1905c': VA_BENEFITS,
};

export interface ScopeSelection {
  kind: ReportScopeKind;
  scopeId: string;
  /** Without a format: every registration of the scope. */
  format?: string;
  period: { start: string; end: string };
}

/** The WHERE clause and parameters that pick a run's registrations. */
function selectionOf(selection: ScopeSelection): { where: string; params: unknown[] } {
  const candidates = selection.format ? FORMAT_CANDIDATES[selection.format] : undefined;
  if (!candidates) return { where: SCOPE_CONDITION[selection.kind], params: [selection.scopeId] };
  // Postgres refuses parameters a statement does not use, so the period goes only to conditions on it.
  const params = candidates.includes('$2') ? [selection.scopeId, selection.period.start, selection.period.end] : [selection.scopeId];
  return { where: `${SCOPE_CONDITION[selection.kind]} AND ${candidates}`, params };
}

export function scopeCountQuery(selection: ScopeSelection): [sql: string, params: unknown[]] {
  const { where, params } = selectionOf(selection);
  return [`SELECT count(*)::int AS total ${SCOPE_FROM} WHERE ${where}`, params];
}

/**
 * The run's registration ids in the writers' order: program number, last name, first name,
 * registration id, compared by code point (COLLATE "C", like runFormat's comparison), so batches
 * streamed in this order concatenate to the order runFormat gives the whole set. (UTF-8 byte
 * order and JavaScript's UTF-16 order differ only between characters above U+FFFF and those in
 * U+E000–U+FFFF, which names do not mix in practice.)
 */
export function scopeRegistrationsQuery(selection: ScopeSelection): [sql: string, params: unknown[]] {
  const { where, params } = selectionOf(selection);
  return [
    `SELECT r.id ${SCOPE_FROM} WHERE ${where}
    ORDER BY coalesce(p.program_number, '') COLLATE "C", a.last_name COLLATE "C", a.first_name COLLATE "C", r.id::text COLLATE "C"`,
    params,
  ];
}
