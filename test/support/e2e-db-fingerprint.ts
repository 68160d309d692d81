import { DataSource } from 'typeorm';

/**
 * Every table an api mutation can write to, and the report runs' outputs (artifacts, problems),
 * which only the worker writes. The outcome rollups (outcome_registration_facts, the cube) are left
 * out: only the worker writes them, and the cube is large enough to slow every fingerprint.
 */
export const WRITABLE_TABLES = [
  'organizations',
  'intermediary_clients',
  'sponsor_employers',
  'users',
  'memberships',
  'occupations',
  'programs',
  'program_versions',
  'program_occupations',
  'work_processes',
  'wage_schedule_steps',
  'apprentices',
  'registrations',
  'registration_status_events',
  'audit_log',
  'outbox',
  'ojt_hour_entries',
  'ojt_imports',
  'ojt_import_rows',
  'ojt_import_errors',
  'rti_courses',
  'rti_enrollments',
  'rti_attendance',
  'competency_signoffs',
  'interim_credentials',
  'wage_history',
  'wage_step_proposals',
  'journeyworker_counts',
  'compliance_alerts',
  'agency_crosswalk',
  'report_runs',
  'report_artifact_chunks',
  'report_artifacts',
  'report_problems',
  'outcome_runs',
  'outcome_population_baselines',
] as const;

export type WritableTable = (typeof WRITABLE_TABLES)[number];

export type DatabaseFingerprint = Record<WritableTable, { rows: number; hash: string }>;

/**
 * Row count and a hash of every row's content for each writable table, in one statement. Two equal
 * fingerprints mean nothing was inserted, updated or deleted in between; a diff names the table.
 */
export async function databaseFingerprint(dataSource: DataSource): Promise<DatabaseFingerprint> {
  const rows: Array<{ name: keyof DatabaseFingerprint; rows: number; hash: string }> = await dataSource.query(
    WRITABLE_TABLES.map(
      (table) =>
        `SELECT '${table}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM ${table} t`,
    ).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((row) => [row.name, { rows: row.rows, hash: row.hash }])) as DatabaseFingerprint;
}
