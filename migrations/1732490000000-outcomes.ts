import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcome rollups for state agencies (docs/outcomes.md): one fact row per registration, a monthly
 * cube of counts by state and grouping, fiscal-year stocks of active registrations, runs of the
 * rebuild and consistency jobs, agency population baselines, and the small-cell threshold.
 * The worker keeps the rollups current from outbox events; nothing here is edited by hand.
 */
export class Outcomes1732490000000 implements MigrationInterface {
  name = 'Outcomes1732490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Everything an outcome measure needs about one registration, so no request reads raw rows.
    await queryRunner.query(`
      CREATE TABLE outcome_registration_facts (
        registration_id uuid PRIMARY KEY REFERENCES registrations (id),
        apprentice_id uuid NOT NULL,
        -- Ever registered (not only pending): RAPIDS counts pending and denied records as non-participants.
        participant boolean NOT NULL,
        state char(2) NOT NULL,
        sponsor_id uuid NOT NULL,
        program_id uuid NOT NULL,
        employer_id uuid NOT NULL,
        occupation_id uuid NOT NULL,
        rapids_code text NOT NULL,
        rapids_base_code text NOT NULL,
        onet_soc_code text,
        naics_code text,
        naics_sector text NOT NULL,
        county_fips text NOT NULL,
        start_date date NOT NULL,
        start_year smallint NOT NULL,
        start_fiscal_year smallint NOT NULL,
        start_fiscal_quarter smallint NOT NULL CHECK (start_fiscal_quarter BETWEEN 1 AND 4),
        registration_date date,
        status text NOT NULL,
        status_date date NOT NULL,
        end_date date,
        exit_kind text CHECK (exit_kind IN ('completed', 'cancelled', 'probationary_cancellation', 'transferred')),
        cancelled_during_probation boolean NOT NULL,
        completed boolean NOT NULL,
        transferred_in boolean NOT NULL,
        months_to_completion numeric(6, 2),
        sex text NOT NULL,
        ethnicity text NOT NULL,
        races text[] NOT NULL,
        race_american_indian_alaska_native boolean NOT NULL,
        race_asian boolean NOT NULL,
        race_black_african_american boolean NOT NULL,
        race_native_hawaiian_pacific_islander boolean NOT NULL,
        race_white boolean NOT NULL,
        race_not_self_identified boolean NOT NULL,
        race_combination text NOT NULL,
        veteran_status text NOT NULL,
        disability text NOT NULL,
        education text NOT NULL,
        age_at_start smallint NOT NULL,
        age_band text NOT NULL,
        age_band_detailed text NOT NULL,
        entry_wage_cents bigint,
        exit_wage_cents bigint,
        prior_wage_cents bigint,
        ojt_hours numeric(10, 2) NOT NULL,
        rti_hours numeric(10, 2) NOT NULL,
        rti_hours_by_year numeric(8, 2)[] NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT exit_has_date CHECK ((exit_kind IS NULL) = (end_date IS NULL))
      )`);
    // The period's starts and completers of a state (the nation: a skip scan over state), with
    // every grouping dimension and every median input included, so counts and medians are
    // index-only reads of contiguous ranges instead of one random heap page per registration.
    const dimensions = `sponsor_id, program_id, rapids_base_code, naics_sector, county_fips, start_year, sex, ethnicity, races,
      race_combination, veteran_status, disability, education, age_band, age_band_detailed`;
    await queryRunner.query(
      `CREATE INDEX outcome_facts_starts_idx ON outcome_registration_facts (state, start_date)
         INCLUDE (entry_wage_cents, end_date, exit_kind, ${dimensions}) WHERE participant`,
    );
    await queryRunner.query(
      `CREATE INDEX outcome_facts_completions_idx ON outcome_registration_facts (state, end_date)
         INCLUDE (start_date, months_to_completion, exit_wage_cents, prior_wage_cents, rti_hours, ${dimensions})
         WHERE participant AND exit_kind = 'completed'`,
    );
    // Intermediaries and sponsors read by sponsor: everything the counts and medians need, included.
    await queryRunner.query(
      `CREATE INDEX outcome_facts_sponsor_idx ON outcome_registration_facts (sponsor_id, start_date)
         INCLUDE (state, end_date, exit_kind, entry_wage_cents, months_to_completion, exit_wage_cents, prior_wage_cents, rti_hours,
                  employer_id, ${dimensions.replace('sponsor_id, ', '')}) WHERE participant`,
    );
    // Narrow filters.
    await queryRunner.query(`CREATE INDEX outcome_facts_program_idx ON outcome_registration_facts (program_id)`);
    await queryRunner.query(`CREATE INDEX outcome_facts_occupation_idx ON outcome_registration_facts (rapids_base_code, state)`);
    await queryRunner.query(`CREATE INDEX outcome_facts_onet_idx ON outcome_registration_facts (onet_soc_code)`);
    await queryRunner.query(`CREATE INDEX outcome_facts_county_idx ON outcome_registration_facts (county_fips)`);

    // Counts per state, grouping (docs/outcomes.md: the total, each dimension, each pair of
    // low-cardinality dimensions) and month. Starts and cohort counts sit in the start month,
    // exits in the exit month; a period's measures are sums over its months.
    await queryRunner.query(`
      CREATE TABLE outcome_cube_events (
        state char(2) NOT NULL,
        grouping text NOT NULL,
        v1 text NOT NULL,
        v2 text NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        starts integer NOT NULL DEFAULT 0,
        completions integer NOT NULL DEFAULT 0,
        cancellations integer NOT NULL DEFAULT 0,
        probationary_cancellations integer NOT NULL DEFAULT 0,
        transfers integer NOT NULL DEFAULT 0,
        cohort_completed integer NOT NULL DEFAULT 0,
        cohort_cancelled integer NOT NULL DEFAULT 0,
        cohort_probationary_cancelled integer NOT NULL DEFAULT 0,
        cohort_transferred integer NOT NULL DEFAULT 0,
        retained_6 integer NOT NULL DEFAULT 0,
        retained_12 integer NOT NULL DEFAULT 0,
        retained_24 integer NOT NULL DEFAULT 0,
        PRIMARY KEY (state, grouping, month, v1, v2)
      ) WITH (fillfactor = 90)`);
    // Registrations active on each materialized 1 October, so "active at" never sums all history.
    await queryRunner.query(`
      CREATE TABLE outcome_cube_stock (
        state char(2) NOT NULL,
        grouping text NOT NULL,
        anchor date NOT NULL,
        v1 text NOT NULL,
        v2 text NOT NULL,
        active integer NOT NULL,
        PRIMARY KEY (state, grouping, anchor, v1, v2)
      ) WITH (fillfactor = 90)`);
    // The quarterly report counts programs and employers with an active apprentice: every program
    // and employer row of a state's fiscal year. Their flows and stock, included, make that an
    // index-only scan; the rows themselves lie scattered, one heap page each. (Counter updates that
    // change starts or exits are no longer HOT, a small cost to the incremental refresh.)
    await queryRunner.query(
      `CREATE INDEX outcome_cube_events_organizations_idx ON outcome_cube_events (state, grouping, month, v1)
         INCLUDE (starts, completions, cancellations, probationary_cancellations, transfers) WHERE grouping IN ('program', 'employer')`,
    );
    await queryRunner.query(
      `CREATE INDEX outcome_cube_stock_organizations_idx ON outcome_cube_stock (state, grouping, anchor, v1)
         INCLUDE (active) WHERE grouping IN ('program', 'employer')`,
    );
    await queryRunner.query(`
      CREATE TABLE outcome_cube_anchors (
        anchor date PRIMARY KEY CHECK (extract(month FROM anchor) = 10 AND extract(day FROM anchor) = 1)
      )`);

    await queryRunner.query(`
      CREATE TABLE outcome_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('rebuild', 'consistency_check')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        phase text,
        progress_done integer NOT NULL DEFAULT 0,
        progress_total integer NOT NULL DEFAULT 0,
        differences integer,
        sample jsonb,
        error text,
        requested_by uuid REFERENCES users (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    // One rebuild and one check at a time: a second request while one waits or runs is refused.
    await queryRunner.query(
      `CREATE UNIQUE INDEX outcome_runs_one_active_key ON outcome_runs (kind) WHERE status IN ('queued', 'running')`,
    );
    await queryRunner.query(`CREATE INDEX outcome_runs_requested_idx ON outcome_runs (kind, requested_at DESC)`);

    // Population shares an agency compares apprentices against (representation index), as data.
    await queryRunner.query(`
      CREATE TABLE outcome_population_baselines (
        state text NOT NULL CHECK (state ~ '^(US|[A-Z]{2})$'),
        dimension text NOT NULL CHECK (dimension IN ('sex', 'ethnicity', 'race', 'race_combination', 'veteran',
          'disability', 'education', 'age_band', 'age_band_detailed')),
        year smallint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        value text NOT NULL,
        share_ppm integer NOT NULL CHECK (share_ppm BETWEEN 0 AND 1000000),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
        recorded_by uuid REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (state, dimension, year, value)
      )`);

    await queryRunner.query(
      `INSERT INTO rule_settings (rule, jurisdiction, effective_from, severity, params, source, confidence)
       VALUES ('outcomes.min_cell_size', 'US', '2000-01-01', 'error', '{"minCellSize": 10}',
               'Journeyline default for small-cell suppression; agencies set their own disclosure threshold', 'unverified')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM rule_settings WHERE rule = 'outcomes.min_cell_size'`);
    for (const table of [
      'outcome_population_baselines',
      'outcome_runs',
      'outcome_cube_anchors',
      'outcome_cube_stock',
      'outcome_cube_events',
      'outcome_registration_facts',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
