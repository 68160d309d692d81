import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry: organizations and their people, occupations, versioned program standards,
 * apprentices and their registrations (apprenticeship agreements), plus the shared plumbing every
 * later capability writes to (audit log, outbox, dated rule settings).
 *
 * Codes are text with CHECK constraints rather than Postgres enums, so adding a value is a plain
 * constraint swap in a later migration.
 */
export class Registry1732190000000 implements MigrationInterface {
  name = 'Registry1732190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('sponsor', 'employer', 'intermediary', 'rti_provider', 'state_agency', 'platform')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        state char(2) CHECK (state ~ '^[A-Z]{2}$'),
        ein text CHECK (ein ~ '^[0-9]{9}$'),
        naics_code text CHECK (naics_code ~ '^[0-9]{2,6}$'),
        county_fips text CHECK (county_fips ~ '^[0-9]{5}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT state_agency_has_state CHECK (kind <> 'state_agency' OR state IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX organizations_state_idx ON organizations (state)`);

    // An intermediary runs programs and files reports for the sponsors it serves.
    await queryRunner.query(`
      CREATE TABLE intermediary_clients (
        intermediary_id uuid NOT NULL REFERENCES organizations (id),
        sponsor_id uuid NOT NULL REFERENCES organizations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (intermediary_id, sponsor_id)
      )`);
    await queryRunner.query(`CREATE INDEX intermediary_clients_sponsor_idx ON intermediary_clients (sponsor_id)`);

    // Employers taking part in a sponsor's programs (group or joint programs have many).
    await queryRunner.query(`
      CREATE TABLE sponsor_employers (
        sponsor_id uuid NOT NULL REFERENCES organizations (id),
        employer_id uuid NOT NULL REFERENCES organizations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sponsor_id, employer_id)
      )`);
    await queryRunner.query(`CREATE INDEX sponsor_employers_employer_idx ON sponsor_employers (employer_id)`);

    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await queryRunner.query(`
      CREATE TABLE memberships (
        user_id uuid NOT NULL REFERENCES users (id),
        organization_id uuid NOT NULL REFERENCES organizations (id),
        role text NOT NULL CHECK (role IN ('platform_admin', 'sponsor_admin', 'supervisor', 'apprentice',
          'intermediary_staff', 'certifying_official', 'state_analyst')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, organization_id, role)
      )`);
    await queryRunner.query(`CREATE INDEX memberships_organization_idx ON memberships (organization_id)`);

    await queryRunner.query(`
      CREATE TABLE occupations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rapids_code text NOT NULL CHECK (rapids_code ~ '^[0-9]{4}[A-Z]?((CB|HY)(V[0-9]+)?)?$'),
        onet_soc_code text CHECK (onet_soc_code ~ '^[0-9]{2}-[0-9]{4}\\.[0-9]{2}$'),
        title text NOT NULL,
        onet_title text,
        approaches text[] NOT NULL CHECK (approaches <@ ARRAY['time_based', 'competency_based', 'hybrid'] AND cardinality(approaches) > 0),
        time_based_hours integer CHECK (time_based_hours > 0),
        hybrid_min_hours integer CHECK (hybrid_min_hours > 0),
        hybrid_max_hours integer CHECK (hybrid_max_hours >= hybrid_min_hours),
        bulletins text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX occupations_rapids_code_key ON occupations (rapids_code)`);
    await queryRunner.query(`CREATE INDEX occupations_onet_idx ON occupations (onet_soc_code)`);

    // Standards of apprenticeship. The program row is the stable identity; every edit of the
    // standards writes a new program_versions row with its own occupations, work processes and
    // wage schedule, so registrations and hours made under an older version keep their meaning.
    await queryRunner.query(`
      CREATE TABLE programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sponsor_id uuid NOT NULL REFERENCES organizations (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        program_number text CHECK (length(program_number) BETWEEN 1 AND 32),
        state char(2) NOT NULL CHECK (state ~ '^[A-Z]{2}$'),
        registration_agency text NOT NULL CHECK (registration_agency IN ('OA', 'SAA')),
        current_version_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX programs_sponsor_idx ON programs (sponsor_id)`);
    await queryRunner.query(`CREATE INDEX programs_state_idx ON programs (state)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX programs_program_number_key ON programs (program_number) WHERE program_number IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE program_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        version integer NOT NULL CHECK (version > 0),
        effective_date date NOT NULL,
        change_note text,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (program_id, version)
      )`);
    await queryRunner.query(
      `ALTER TABLE programs ADD CONSTRAINT programs_current_version_fk FOREIGN KEY (current_version_id) REFERENCES program_versions (id)`,
    );

    await queryRunner.query(`
      CREATE TABLE program_occupations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_version_id uuid NOT NULL REFERENCES program_versions (id),
        occupation_id uuid NOT NULL REFERENCES occupations (id),
        approach text NOT NULL CHECK (approach IN ('time_based', 'competency_based', 'hybrid')),
        ojt_term_hours integer NOT NULL CHECK (ojt_term_hours > 0),
        term_months integer NOT NULL CHECK (term_months > 0),
        rti_hours_per_year integer NOT NULL CHECK (rti_hours_per_year >= 0),
        rti_paid boolean NOT NULL,
        probation_months integer NOT NULL CHECK (probation_months > 0),
        ratio_apprentices integer NOT NULL CHECK (ratio_apprentices > 0),
        ratio_journeyworkers integer NOT NULL CHECK (ratio_journeyworkers > 0),
        journeyworker_rate_cents bigint NOT NULL CHECK (journeyworker_rate_cents > 0),
        wage_step_mode text NOT NULL DEFAULT 'confirm' CHECK (wage_step_mode IN ('automatic', 'confirm')),
        va_facility_code text CHECK (va_facility_code ~ '^[0-9A-Z]0[0-9A-Z]{6}$'),
        va_approved_program_name text,
        UNIQUE (program_version_id, occupation_id),
        CONSTRAINT va_name_with_code CHECK (va_facility_code IS NULL OR va_approved_program_name IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX program_occupations_occupation_idx ON program_occupations (occupation_id)`);

    await queryRunner.query(`
      CREATE TABLE work_processes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_occupation_id uuid NOT NULL REFERENCES program_occupations (id),
        position integer NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        min_hours integer NOT NULL CHECK (min_hours >= 0),
        max_hours integer NOT NULL CHECK (max_hours >= min_hours),
        competencies text[] NOT NULL DEFAULT '{}',
        UNIQUE (program_occupation_id, position)
      )`);

    await queryRunner.query(`
      CREATE TABLE wage_schedule_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_occupation_id uuid NOT NULL REFERENCES program_occupations (id),
        step integer NOT NULL CHECK (step > 0),
        threshold_kind text NOT NULL CHECK (threshold_kind IN ('hours', 'months')),
        threshold_value integer NOT NULL CHECK (threshold_value >= 0),
        rate_kind text NOT NULL CHECK (rate_kind IN ('percent', 'absolute')),
        percent_basis_points integer CHECK (percent_basis_points BETWEEN 1 AND 10000),
        rate_cents bigint CHECK (rate_cents > 0),
        UNIQUE (program_occupation_id, step),
        CONSTRAINT rate_matches_kind CHECK (
          (rate_kind = 'percent' AND percent_basis_points IS NOT NULL AND rate_cents IS NULL)
          OR (rate_kind = 'absolute' AND rate_cents IS NOT NULL AND percent_basis_points IS NULL))
      )`);

    // The person. Demographics use Journeyline's own vocabularies; each agency format maps them.
    await queryRunner.query(`
      CREATE TABLE apprentices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_organization_id uuid NOT NULL REFERENCES organizations (id),
        first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 55),
        middle_name text CHECK (length(middle_name) <= 55),
        last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 55),
        suffix text CHECK (suffix IN ('I', 'II', 'III', 'Jr.', 'Sr.')),
        date_of_birth date NOT NULL,
        ssn_ciphertext bytea,
        ssn_key_id text,
        ssn_last4 char(4),
        email text,
        phone text,
        street_address text,
        city text,
        state char(2) CHECK (state ~ '^[A-Z]{2}$'),
        zip_code text CHECK (zip_code ~ '^[0-9]{5}$'),
        sex text NOT NULL DEFAULT 'not_self_identified' CHECK (sex IN ('female', 'male', 'not_self_identified')),
        ethnicity text NOT NULL DEFAULT 'not_self_identified'
          CHECK (ethnicity IN ('hispanic_latino', 'not_hispanic_latino', 'not_self_identified')),
        races text[] NOT NULL DEFAULT '{not_self_identified}' CHECK (
          cardinality(races) > 0 AND (
            races = '{not_self_identified}'
            OR races <@ ARRAY['american_indian_alaska_native', 'asian', 'black_african_american',
                              'native_hawaiian_pacific_islander', 'white'])),
        veteran_status text NOT NULL DEFAULT 'not_self_identified' CHECK (veteran_status IN
          ('veteran', 'non_veteran', 'non_veteran_other_eligible', 'veteran_eligible', 'not_self_identified')),
        disability text NOT NULL DEFAULT 'not_self_identified' CHECK (disability IN ('yes', 'no', 'not_self_identified')),
        education text NOT NULL DEFAULT 'not_self_identified' CHECK (education IN ('not_hs_graduate', 'hs_graduate',
          'some_college_or_associate', 'bachelor', 'master', 'doctorate_or_professional', 'not_self_identified')),
        prior_wage_cents bigint CHECK (prior_wage_cents >= 0),
        prior_wage_unit text NOT NULL DEFAULT 'hourly'
          CHECK (prior_wage_unit IN ('hourly', 'weekly', 'monthly', 'quarterly', 'semi_annually', 'annually')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ssn_parts_together CHECK ((ssn_ciphertext IS NULL) = (ssn_key_id IS NULL) AND (ssn_key_id IS NULL) = (ssn_last4 IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX apprentices_owner_idx ON apprentices (owner_organization_id)`);

    // An apprentice's login, when they have one.
    await queryRunner.query(`ALTER TABLE users ADD COLUMN apprentice_id uuid REFERENCES apprentices (id)`);

    // The apprenticeship agreement: one apprentice, one program occupation (of one standards
    // version), one employer. program_id, sponsor_id and state are copied from the program so
    // tenancy filters and outcome rollups need no join.
    await queryRunner.query(`
      CREATE TABLE registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        apprentice_id uuid NOT NULL REFERENCES apprentices (id),
        program_occupation_id uuid NOT NULL REFERENCES program_occupations (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        sponsor_id uuid NOT NULL REFERENCES organizations (id),
        state char(2) NOT NULL,
        employer_id uuid NOT NULL REFERENCES organizations (id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN
          ('pending', 'registered', 'suspended', 'reinstated', 'completed', 'cancelled', 'transferred')),
        start_date date NOT NULL,
        registration_date date,
        probation_end_date date NOT NULL,
        expected_completion_date date NOT NULL,
        status_date date NOT NULL,
        employment_status text NOT NULL CHECK (employment_status IN ('new_employee', 'existing_employee')),
        career_connection text CHECK (career_connection IN ('pre_apprenticeship', 'technical_training_school',
          'military_veterans', 'job_corps', 'youthbuild', 'hud_step_up', 'career_center_referral',
          'school_to_registered_apprenticeship', 'none')),
        prior_credit_text text CHECK (length(prior_credit_text) <= 255),
        prior_credit_ojt_hours integer NOT NULL DEFAULT 0 CHECK (prior_credit_ojt_hours >= 0),
        prior_credit_rti_hours integer NOT NULL DEFAULT 0 CHECK (prior_credit_rti_hours >= 0),
        cancelled_during_probation boolean NOT NULL DEFAULT false,
        va_chapter text CHECK (va_chapter IN ('30', '31', '32', '33', '35', '1606')),
        va_file_number text CHECK (va_file_number ~ '^[0-9]{8,9}$'),
        va_enrollment_start date,
        va_enrollment_end date CHECK (va_enrollment_end >= va_enrollment_start),
        transferred_from_id uuid REFERENCES registrations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT va_details_with_chapter CHECK (va_chapter IS NOT NULL OR
          (va_file_number IS NULL AND va_enrollment_start IS NULL AND va_enrollment_end IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX registrations_apprentice_idx ON registrations (apprentice_id)`);
    await queryRunner.query(`CREATE INDEX registrations_sponsor_idx ON registrations (sponsor_id)`);
    await queryRunner.query(`CREATE INDEX registrations_state_idx ON registrations (state)`);
    await queryRunner.query(`CREATE INDEX registrations_program_idx ON registrations (program_id)`);
    await queryRunner.query(`CREATE INDEX registrations_employer_idx ON registrations (employer_id)`);
    await queryRunner.query(`CREATE INDEX registrations_program_occupation_idx ON registrations (program_occupation_id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX registrations_transferred_from_key ON registrations (transferred_from_id)`);

    await queryRunner.query(`
      CREATE TABLE registration_status_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        registration_id uuid NOT NULL REFERENCES registrations (id),
        from_status text,
        to_status text NOT NULL,
        effective_date date NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        during_probation boolean NOT NULL DEFAULT false,
        recorded_by uuid REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX registration_status_events_registration_idx ON registration_status_events (registration_id, id)`,
    );

    // Who changed what, and when. Written in the same transaction as the change.
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_user_id uuid REFERENCES users (id),
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`);

    // History tables are append-only: the database itself refuses edits and deletions.
    await queryRunner.query(`
      CREATE FUNCTION reject_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    for (const table of ['registration_status_events', 'audit_log']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION reject_history_change()`,
      );
    }

    // Transactional outbox: a change and the event announcing it commit together; the worker's
    // relay moves events to BullMQ, so a Redis outage delays jobs but never loses them.
    await queryRunner.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);

    // Rules whose thresholds or severity are not settled law are data, dated and per jurisdiction.
    await queryRunner.query(`
      CREATE TABLE rule_settings (
        rule text NOT NULL,
        jurisdiction text NOT NULL DEFAULT 'US' CHECK (jurisdiction ~ '^(US|[A-Z]{2})$'),
        effective_from date NOT NULL,
        severity text NOT NULL CHECK (severity IN ('error', 'warning', 'off')),
        params jsonb NOT NULL DEFAULT '{}',
        source text NOT NULL,
        confidence text NOT NULL CHECK (confidence IN ('verified', 'unverified')),
        PRIMARY KEY (rule, jurisdiction, effective_from)
      )`);

    await queryRunner.query(`
      CREATE TABLE minimum_wages (
        jurisdiction text NOT NULL CHECK (jurisdiction ~ '^(US|[A-Z]{2})$'),
        effective_from date NOT NULL,
        rate_cents integer NOT NULL CHECK (rate_cents > 0),
        source text NOT NULL,
        PRIMARY KEY (jurisdiction, effective_from)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'minimum_wages',
      'rule_settings',
      'outbox',
      'audit_log',
      'registration_status_events',
      'registrations',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`ALTER TABLE users DROP COLUMN apprentice_id`);
    for (const table of [
      'apprentices',
      'wage_schedule_steps',
      'work_processes',
      'program_occupations',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`ALTER TABLE programs DROP CONSTRAINT programs_current_version_fk`);
    for (const table of ['program_versions', 'programs', 'occupations', 'memberships', 'users', 'sponsor_employers', 'intermediary_clients', 'organizations']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION reject_history_change()`);
  }
}
