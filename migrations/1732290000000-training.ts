import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training records: OJT hours with approval, bulk-import staging, RTI, competency sign-offs and
 * interim credentials, wage progression, journeyworker counts for ratio checks, compliance alerts
 * and VA monthly certifications (which the alerts watch).
 */
export class Training1732290000000 implements MigrationInterface {
  name = 'Training1732290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // OJT hours are kept apart from RTI hours (old 29 CFR 30.8: "hours of work and hours of
    // training recorded separately"). Quarter-hour granularity; the per-day cap across entries is
    // enforced by the service under a registration row lock.
    await queryRunner.query(`
      CREATE TABLE ojt_hour_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registration_id uuid NOT NULL REFERENCES registrations (id),
        work_process_id uuid NOT NULL REFERENCES work_processes (id),
        employer_id uuid NOT NULL REFERENCES organizations (id),
        worksite text CHECK (length(worksite) <= 200),
        work_date date NOT NULL,
        hours numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24 AND hours * 4 = trunc(hours * 4)),
        note text CHECK (length(note) <= 1000),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
        source text NOT NULL DEFAULT 'ui' CHECK (source IN ('ui', 'import', 'payroll')),
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        -- Hours past the work process's allotted maximum still count for DOL progress, but VA stops counting them.
        over_allotment boolean NOT NULL DEFAULT false,
        submitted_at timestamptz,
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        rejection_reason text CHECK (length(rejection_reason) <= 500),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ojt_idempotency_key UNIQUE (registration_id, idempotency_key),
        CONSTRAINT rejected_has_reason CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX ojt_hour_entries_registration_date_idx ON ojt_hour_entries (registration_id, work_date)`);
    await queryRunner.query(
      `CREATE INDEX ojt_hour_entries_approved_idx ON ojt_hour_entries (registration_id, work_process_id) WHERE status = 'approved'`,
    );
    await queryRunner.query(
      `CREATE INDEX ojt_hour_entries_employer_submitted_idx ON ojt_hour_entries (employer_id) WHERE status = 'submitted'`,
    );

    // A bulk import of hours: the file's rows land in ojt_import_rows with COPY, are checked and
    // merged in SQL, and every bad row keeps its line number and reason.
    await queryRunner.query(`
      CREATE TABLE ojt_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('all_or_nothing', 'valid_rows')),
        status text NOT NULL CHECK (status IN ('staged', 'imported', 'rejected')),
        total_rows integer NOT NULL DEFAULT 0,
        imported_rows integer NOT NULL DEFAULT 0,
        error_rows integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE UNLOGGED TABLE ojt_import_rows (
        import_id uuid NOT NULL,
        line integer NOT NULL,
        registration_ref text,
        work_date text,
        hours text,
        work_process_ref text,
        employer_ref text,
        worksite text,
        note text,
        idempotency_key text
      )`);
    await queryRunner.query(`CREATE INDEX ojt_import_rows_import_idx ON ojt_import_rows (import_id, line)`);
    await queryRunner.query(`
      CREATE TABLE ojt_import_errors (
        import_id uuid NOT NULL REFERENCES ojt_imports (id),
        line integer NOT NULL,
        field text NOT NULL,
        reason text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ojt_import_errors_import_idx ON ojt_import_errors (import_id, line)`);

    // RTI: providers are organizations of kind rti_provider.
    await queryRunner.query(`
      CREATE TABLE rti_courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES organizations (id),
        code text CHECK (length(code) <= 40),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        hours numeric(6, 2) NOT NULL CHECK (hours > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE rti_enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registration_id uuid NOT NULL REFERENCES registrations (id),
        course_id uuid NOT NULL REFERENCES rti_courses (id),
        enrolled_on date NOT NULL,
        status text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'completed', 'withdrawn')),
        completed_on date,
        grade text CHECK (length(grade) <= 20),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (registration_id, course_id),
        CONSTRAINT completion_dated CHECK ((status = 'completed') = (completed_on IS NOT NULL))
      )`);
    // VA counts RTI only when it is paid and inside working hours (SAA guidance, va.md §3.3).
    await queryRunner.query(`
      CREATE TABLE rti_attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL REFERENCES rti_enrollments (id),
        registration_id uuid NOT NULL REFERENCES registrations (id),
        session_date date NOT NULL,
        hours numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24 AND hours * 4 = trunc(hours * 4)),
        paid boolean NOT NULL,
        during_work_hours boolean NOT NULL,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        recorded_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rti_idempotency_key UNIQUE (registration_id, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX rti_attendance_registration_date_idx ON rti_attendance (registration_id, session_date)`);

    await queryRunner.query(`
      CREATE TABLE competency_signoffs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registration_id uuid NOT NULL REFERENCES registrations (id),
        work_process_id uuid NOT NULL REFERENCES work_processes (id),
        competency text NOT NULL,
        achieved_on date NOT NULL,
        evaluator_user_id uuid NOT NULL REFERENCES users (id),
        note text CHECK (length(note) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (registration_id, work_process_id, competency)
      )`);
    await queryRunner.query(`
      CREATE TABLE interim_credentials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registration_id uuid NOT NULL REFERENCES registrations (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        earned_on date NOT NULL,
        issued_by text CHECK (length(issued_by) <= 200),
        recorded_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Wage history is append-only; a step is applied at most once per registration.
    await queryRunner.query(`
      CREATE TABLE wage_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registration_id uuid NOT NULL REFERENCES registrations (id),
        step integer NOT NULL CHECK (step > 0),
        rate_cents bigint NOT NULL CHECK (rate_cents > 0),
        effective_date date NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('entry', 'hours_reached', 'time_elapsed', 'credit_granted', 'confirmed')),
        hours_at_trigger numeric(8, 2),
        recorded_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (registration_id, step)
      )`);
    await queryRunner.query(
      `CREATE TRIGGER wage_history_append_only BEFORE UPDATE OR DELETE ON wage_history
       FOR EACH ROW EXECUTE FUNCTION reject_history_change()`,
    );
    // Steps that are due where the program wants the sponsor to confirm them first.
    await queryRunner.query(`
      CREATE TABLE wage_step_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registration_id uuid NOT NULL REFERENCES registrations (id),
        step integer NOT NULL CHECK (step > 0),
        rate_cents bigint NOT NULL CHECK (rate_cents > 0),
        due_date date NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('hours_reached', 'time_elapsed', 'credit_granted')),
        hours_at_trigger numeric(8, 2),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'declined')),
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (registration_id, step)
      )`);

    // Journeyworkers on hand, dated, per employer and optionally per worksite, for ratio checks.
    await queryRunner.query(`
      CREATE TABLE journeyworker_counts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_id uuid NOT NULL REFERENCES organizations (id),
        worksite text NOT NULL DEFAULT '' CHECK (length(worksite) <= 200),
        effective_date date NOT NULL,
        journeyworkers integer NOT NULL CHECK (journeyworkers >= 0),
        recorded_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (employer_id, worksite, effective_date)
      )`);

    // The calendar months a certifying official has certified to VA for a trainee.
    await queryRunner.query(`
      CREATE TABLE va_month_certifications (
        registration_id uuid NOT NULL REFERENCES registrations (id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        certified_hours numeric(6, 2) NOT NULL,
        certified_by uuid REFERENCES users (id),
        certified_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (registration_id, month)
      )`);

    // Open alerts are unique per kind and subject; the worker refreshes last_seen_at while the
    // condition holds and sets resolved_at when it clears.
    await queryRunner.query(`
      CREATE TABLE compliance_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('wage_step_due', 'wage_step_overdue', 'ratio_exceeded', 'rti_behind_pace',
          'no_hours_logged', 'registration_pending_too_long', 'va_month_not_certified', 'va_wage_rule_at_risk',
          'work_process_over_allotment')),
        severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        sponsor_id uuid NOT NULL REFERENCES organizations (id),
        registration_id uuid REFERENCES registrations (id),
        employer_id uuid REFERENCES organizations (id),
        subject_key text NOT NULL,
        message text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX compliance_alerts_open_key ON compliance_alerts (kind, subject_key) WHERE resolved_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX compliance_alerts_sponsor_idx ON compliance_alerts (sponsor_id) WHERE resolved_at IS NULL`);
    await queryRunner.query(`CREATE INDEX compliance_alerts_registration_idx ON compliance_alerts (registration_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'compliance_alerts',
      'va_month_certifications',
      'journeyworker_counts',
      'wage_step_proposals',
      'wage_history',
      'interim_credentials',
      'competency_signoffs',
      'rti_attendance',
      'rti_enrollments',
      'rti_courses',
      'ojt_import_errors',
      'ojt_import_rows',
      'ojt_imports',
      'ojt_hour_entries',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
