import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agency reporting: the crosswalk from a program to the registration agency's own ids, report runs
 * (a request, its progress and outcome), the artifacts they write (stored as ordered chunks, so
 * neither the worker nor a download ever holds a whole file) and the per-record problems.
 */
export class ReportRuns1732390000000 implements MigrationInterface {
  name = 'ReportRuns1732390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // RAPIDS keys apprentices to rows of its own workbook tabs (Employer, Occupation, RTI Providers,
    // Wage Schedules; dol.md §5.1). One id per program and kind; a missing one keeps the program's
    // records out of the RAPIDS upload with a problem.
    await queryRunner.query(`
      CREATE TABLE agency_crosswalk (
        program_id uuid NOT NULL REFERENCES programs (id),
        kind text NOT NULL CHECK (kind IN ('employer', 'occupation', 'rti_provider', 'wage_schedule')),
        external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 64),
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (program_id, kind)
      )`);

    // scope_id is text: a uuid for sponsor, program and intermediary scopes, the 8-character code
    // for a facility-code scope. requested_by is null for scheduled runs. dedupe_key is a hash of
    // everything that decides the output; while a run that has not failed holds it, the same
    // request gets that run back instead of a new one.
    await queryRunner.query(`
      CREATE TABLE report_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        format text NOT NULL,
        scope_kind text NOT NULL CHECK (scope_kind IN ('sponsor', 'program', 'intermediary', 'facility_code')),
        scope_id text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        as_of date NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        include_ssn boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        processed integer NOT NULL DEFAULT 0 CHECK (processed >= 0),
        total integer CHECK (total >= 0),
        requested_by uuid REFERENCES users (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        error text,
        dedupe_key text NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX report_runs_dedupe_key ON report_runs (dedupe_key) WHERE status <> 'failed'`);
    await queryRunner.query(`CREATE INDEX report_runs_scope_idx ON report_runs (scope_kind, scope_id)`);
    // Facility-code scopes resolve and authorize through the program occupations holding the code.
    await queryRunner.query(
      `CREATE INDEX program_occupations_va_facility_code_idx ON program_occupations (va_facility_code) WHERE va_facility_code IS NOT NULL`,
    );

    // Artifact bytes in order. Chunks of runs that carry SSNs are sealed with AES-256-GCM under a
    // PII key (key_id names it); the others are stored as written (key_id null).
    await queryRunner.query(`
      CREATE TABLE report_artifact_chunks (
        run_id uuid NOT NULL REFERENCES report_runs (id),
        kind text NOT NULL CHECK (kind IN ('csv', 'json', 'xlsx', 'pdf')),
        seq integer NOT NULL CHECK (seq >= 0),
        bytes bytea NOT NULL,
        key_id text,
        PRIMARY KEY (run_id, kind, seq)
      )`);
    // One row per finished artifact; size and sha256 are of the plain bytes a download delivers.
    await queryRunner.query(`
      CREATE TABLE report_artifacts (
        run_id uuid NOT NULL REFERENCES report_runs (id),
        kind text NOT NULL CHECK (kind IN ('csv', 'json', 'xlsx', 'pdf')),
        size bigint NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL,
        file_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, kind)
      )`);
    await queryRunner.query(`
      CREATE TABLE report_problems (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES report_runs (id),
        registration_id uuid REFERENCES registrations (id),
        field text NOT NULL,
        rule text NOT NULL,
        message text NOT NULL,
        source text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX report_problems_run_idx ON report_problems (run_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX program_occupations_va_facility_code_idx`);
    for (const table of ['report_problems', 'report_artifacts', 'report_artifact_chunks', 'report_runs', 'agency_crosswalk']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
