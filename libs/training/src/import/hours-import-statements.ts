/**
 * The SQL of an hours import. Every statement works on all of an import's rows at once; named
 * parameters (:importId, :today, …) are bound by the service. Field names in reasons are the
 * file's column names.
 */

/**
 * The import's registrations in the caller's reach, and with them every registration of the same
 * apprentices, locked in id order. This is the lock every writer of an apprentice's hours takes
 * (see ojt-hours.sql.ts), so the daily cap across all their registrations holds under concurrency
 * and two writers never deadlock. `reach` is the AccessScope's registration filter on alias `x`;
 * `usable` marks the rows' own registrations.
 */
export const lockRegistrations = (reach: string) => `
  WITH refs AS (SELECT DISTINCT registration_ref FROM ojt_import_rows WHERE import_id = :importId),
  usable AS (
    SELECT x.id, x.apprentice_id FROM registrations x
      JOIN refs ON x.id = CASE WHEN pg_input_is_valid(refs.registration_ref, 'uuid') THEN refs.registration_ref::uuid END
     WHERE ${reach}
  )
  SELECT r.id, r.state, r.id IN (SELECT id FROM usable) AS usable
    FROM registrations r
   WHERE r.apprentice_id IN (SELECT apprentice_id FROM usable)
   ORDER BY r.id
     FOR UPDATE OF r`;

/**
 * Types and resolves every staged row once: references become ids (NULL when they do not resolve
 * within the registration's program occupation and sponsor), dates and hours become values, and
 * rows without their own key get the default one, a hash of the normalized row, so re-importing
 * a file finds its rows again. Registrations outside :registrationIds (the locked, reachable
 * ones) do not resolve.
 */
export const CHECK_ROWS = `
  CREATE TEMP TABLE ojt_import_checked ON COMMIT DROP AS
  WITH registration AS MATERIALIZED (
    SELECT r.id, r.apprentice_id, r.program_occupation_id, r.sponsor_id, r.employer_id, r.state, r.start_date,
           r.status, r.status_date
      FROM registrations r WHERE r.id = ANY(:registrationIds)
  ),
  -- As closedSpans (hour-rules.ts): closed stretches of the history that were reopened (each lasts
  -- until the next event), and the current status when it is closed.
  closed_span AS MATERIALIZED (
    SELECT registration_id, to_status AS status, effective_date AS from_date, to_date
      FROM (SELECT e.registration_id, e.to_status, e.effective_date,
                   lead(e.effective_date) OVER (PARTITION BY e.registration_id ORDER BY e.id) AS to_date
              FROM registration_status_events e WHERE e.registration_id = ANY(:registrationIds)) history
     WHERE to_status = ANY(:closedStatuses) AND to_date > effective_date
    UNION ALL
    SELECT id, status, status_date, NULL FROM registration WHERE status = ANY(:closedStatuses)
  ),
  process AS (
    SELECT w.id, w.program_occupation_id, w.title FROM work_processes w
     WHERE w.program_occupation_id IN (SELECT program_occupation_id FROM registration)
  ),
  title AS (
    SELECT program_occupation_id, title, min(id::text)::uuid AS id, count(*) AS matches FROM process GROUP BY 1, 2
  ),
  participant AS (
    SELECT se.sponsor_id, se.employer_id FROM sponsor_employers se
     WHERE se.sponsor_id IN (SELECT sponsor_id FROM registration)
  ),
  staged AS (
    SELECT s.line, s.registration_ref, s.work_date AS work_date_ref, s.hours AS hours_ref, s.work_process_ref,
           s.employer_ref, s.worksite, s.note, s.idempotency_key AS key_ref,
           CASE WHEN pg_input_is_valid(s.registration_ref, 'uuid') THEN s.registration_ref::uuid END AS registration_uuid,
           -- Exactly YYYY-MM-DD (the reader has rewritten MM/DD/YYYY), and a real calendar date.
           CASE WHEN length(s.work_date) = 10 AND substr(s.work_date, 5, 1) = '-'
                 AND translate(s.work_date, '0123456789', '') = '--' AND pg_input_is_valid(s.work_date, 'date')
                THEN s.work_date::date END AS work_date,
           -- Plain decimals only: no signs, exponents, NaN or Infinity.
           CASE WHEN length(s.hours) <= 12 AND translate(s.hours, '0123456789.', '') = ''
                 AND pg_input_is_valid(s.hours, 'numeric')
                THEN s.hours::numeric END AS hours,
           CASE WHEN pg_input_is_valid(s.work_process_ref, 'uuid') THEN s.work_process_ref::uuid END AS work_process_uuid,
           CASE WHEN pg_input_is_valid(s.employer_ref, 'uuid') THEN s.employer_ref::uuid END AS employer_uuid
      FROM ojt_import_rows s WHERE s.import_id = :importId
  ),
  resolved AS (
    SELECT st.line,
           st.registration_ref IS NOT NULL AS registration_given, st.registration_uuid IS NOT NULL AS registration_parsed,
           reg.id AS registration_id, reg.apprentice_id, reg.state, reg.start_date,
           closed.status AS closed_status, closed.from_date AS closed_from, closed.to_date AS closed_to,
           st.work_date_ref IS NOT NULL AS work_date_given, st.work_date,
           st.hours_ref IS NOT NULL AS hours_given, st.hours,
           st.work_process_ref IS NOT NULL AS work_process_given,
           coalesce(by_id.id, CASE WHEN by_title.matches = 1 THEN by_title.id END) AS work_process_id,
           coalesce(by_title.matches, 0) AS title_matches,
           st.employer_ref IS NOT NULL AS employer_given, st.employer_uuid IS NOT NULL AS employer_parsed,
           CASE WHEN st.employer_ref IS NULL THEN reg.employer_id
                WHEN st.employer_uuid = reg.employer_id OR participant.employer_id IS NOT NULL THEN st.employer_uuid
           END AS employer_id,
           st.worksite, st.note, st.key_ref
      FROM staged st
      LEFT JOIN registration reg ON reg.id = st.registration_uuid
      LEFT JOIN process by_id ON by_id.id = st.work_process_uuid AND by_id.program_occupation_id = reg.program_occupation_id
      LEFT JOIN title by_title ON by_title.program_occupation_id = reg.program_occupation_id AND by_title.title = st.work_process_ref
      LEFT JOIN participant ON participant.sponsor_id = reg.sponsor_id AND participant.employer_id = st.employer_uuid
      -- Spans of one registration never overlap, so a row meets at most one.
      LEFT JOIN closed_span closed ON closed.registration_id = reg.id AND st.work_date >= closed.from_date
                                  AND (closed.to_date IS NULL OR st.work_date < closed.to_date)
  )
  -- Flags instead of the raw references keep the table narrow; the rules only ask whether a value was given.
  SELECT line, registration_given, registration_parsed, registration_id, apprentice_id, state, start_date, closed_status,
         closed_from, closed_to, work_date_given, work_date, hours_given, hours, work_process_given, work_process_id, title_matches,
         employer_given, employer_parsed, employer_id, worksite, note, key_ref IS NOT NULL AS key_given,
         coalesce(key_ref, CASE
           WHEN registration_id IS NOT NULL AND work_date IS NOT NULL AND hours IS NOT NULL
            AND work_process_id IS NOT NULL AND employer_id IS NOT NULL
           THEN 'import:' || encode(sha256(convert_to(concat_ws(chr(31), registration_id, work_date, trim_scale(hours),
                  work_process_id, employer_id, coalesce(worksite, ''), coalesce(note, '')), 'UTF8')), 'hex')
         END) AS idempotency_key
    FROM resolved`;

interface RowRule {
  field: string;
  /** A SQL expression over ojt_import_checked `c`: the reason the row is bad, or NULL. */
  reason: string;
}

/**
 * The per-row rules, one per column. Each names at most one reason per row, the first that
 * applies, and stays silent when it cannot judge because the registration did not resolve.
 */
export const ROW_RULES: readonly RowRule[] = [
  {
    field: 'registration_id',
    reason: `CASE WHEN NOT c.registration_given THEN 'is required'
                  WHEN NOT c.registration_parsed THEN 'must be a registration id (UUID)'
                  WHEN c.registration_id IS NULL THEN 'registration not found: no registration with this id is visible to you'
             END`,
  },
  {
    field: 'work_date',
    reason: `CASE WHEN NOT c.work_date_given THEN 'is required'
                  WHEN c.work_date IS NULL THEN 'must be a date as YYYY-MM-DD or MM/DD/YYYY'
                  WHEN c.work_date > :today::date THEN 'must not be in the future'
                  WHEN c.registration_id IS NULL THEN NULL
                  WHEN c.work_date < c.start_date THEN format('must not be before the registration''s start date (%s)', c.start_date)
                  WHEN c.closed_status IS NOT NULL AND c.closed_to IS NULL
                  THEN format('the registration is %s from %s: no hours on or after that date', c.closed_status, c.closed_from)
                  WHEN c.closed_status IS NOT NULL
                  THEN format('the registration was %s from %s until %s: no hours dated then', c.closed_status, c.closed_from, c.closed_to)
             END`,
  },
  {
    field: 'hours',
    reason: `CASE WHEN NOT c.hours_given THEN 'is required'
                  WHEN c.hours IS NULL THEN 'must be a number of hours, e.g. 7.5'
                  WHEN c.hours <= 0 OR c.hours > 24 THEN 'must be more than 0 and at most 24'
                  WHEN c.hours * 4 <> trunc(c.hours * 4) THEN 'must be in quarter hours (0.25 steps)'
             END`,
  },
  {
    field: 'work_process',
    reason: `CASE WHEN NOT c.work_process_given THEN 'is required'
                  WHEN c.registration_id IS NULL OR c.work_process_id IS NOT NULL THEN NULL
                  WHEN c.title_matches > 1 THEN 'more than one work process of the registration''s occupation has this title; use the id'
                  ELSE 'is neither the id nor the exact title of a work process of the registration''s occupation'
             END`,
  },
  {
    field: 'employer_id',
    reason: `CASE WHEN NOT c.employer_given THEN NULL
                  WHEN NOT c.employer_parsed THEN 'must be an organization id (UUID)'
                  WHEN c.registration_id IS NULL OR c.employer_id IS NOT NULL THEN NULL
                  ELSE 'is neither the registration''s employer nor an employer taking part in its sponsor''s programs'
             END`,
  },
  { field: 'worksite', reason: `CASE WHEN length(c.worksite) > 200 THEN 'must be at most 200 characters' END` },
  { field: 'note', reason: `CASE WHEN length(c.note) > 1000 THEN 'must be at most 1000 characters' END` },
  { field: 'idempotency_key', reason: `CASE WHEN c.key_given AND length(c.idempotency_key) > 200 THEN 'must be at most 200 characters' END` },
];

/**
 * All per-row rules in one pass over the checked rows. The reasons are computed once per row into
 * an array and zipped with the field names in the select list (a LATERAL VALUES list would set up
 * its expressions again for every row).
 */
export const RECORD_ROW_ERRORS = `
  INSERT INTO ojt_import_errors (import_id, line, field, reason)
  SELECT :importId, found.line, found.field, found.reason
    FROM (SELECT c.line,
                 unnest(ARRAY[${ROW_RULES.map((rule) => `'${rule.field}'`).join(', ')}]) AS field,
                 unnest(ARRAY[${ROW_RULES.map((rule) => rule.reason).join(',\n')}]) AS reason
            FROM ojt_import_checked c) found
   WHERE found.reason IS NOT NULL`;

const ROW_IS_CLEAN = `NOT EXISTS (SELECT 1 FROM ojt_import_errors e WHERE e.import_id = :importId AND e.line = c.line)`;

/**
 * A key of the file's own that the registration already holds for a different entry. (The same
 * entry again is fine: the merge skips it, which makes re-importing harmless. Default keys hash
 * the row, so they only ever match the same entry.)
 */
export const RECORD_STORED_KEY_CONFLICTS = `
  INSERT INTO ojt_import_errors (import_id, line, field, reason)
  SELECT :importId, c.line, 'idempotency_key',
         format('is already used for this registration by a different entry (%s hours on %s)', trim_scale(h.hours), h.work_date)
    FROM ojt_import_checked c
    JOIN ojt_hour_entries h ON h.registration_id = c.registration_id AND h.idempotency_key = c.idempotency_key
   WHERE c.key_given AND ${ROW_IS_CLEAN}
     AND (h.work_date, h.hours, h.work_process_id, h.employer_id, coalesce(h.worksite, ''), coalesce(h.note, ''))
         IS DISTINCT FROM (c.work_date, c.hours, c.work_process_id, c.employer_id, coalesce(c.worksite, ''), coalesce(c.note, ''))`;

/**
 * A key used twice for one registration: the first clean row keeps it, the later ones are errors
 * (ojt_hour_entries holds a key once per registration).
 */
export const RECORD_DUPLICATE_KEYS = `
  INSERT INTO ojt_import_errors (import_id, line, field, reason)
  SELECT :importId, d.line, 'idempotency_key',
         CASE WHEN NOT d.key_given
              THEN format('repeats line %s (same registration, date, hours, work process, employer, worksite and note)', d.first_line)
              ELSE format('repeats the idempotency_key of line %s for the same registration', d.first_line)
         END
    FROM (SELECT c.line, c.key_given, min(c.line) OVER (PARTITION BY c.registration_id, c.idempotency_key) AS first_line
            FROM ojt_import_checked c WHERE ${ROW_IS_CLEAN}) d
   WHERE d.line > d.first_line`;

/**
 * Rule hours.max_per_day: an apprentice's hours on a day, across all their registrations, stay
 * within the daily maximum in force for the row's registration (:capStates and :capHours, one
 * per state where the rule blocks). The day counts the file's clean rows that are new (a row
 * whose key is already stored is skipped, so it adds nothing), the OJT hours already logged and
 * not rejected, and the RTI sessions attended. Every contributing line is reported.
 */
export const RECORD_DAY_CAP = `
  INSERT INTO ojt_import_errors (import_id, line, field, reason)
  WITH candidate AS MATERIALIZED (
    SELECT c.line, c.apprentice_id, c.work_date, c.hours, c.state FROM ojt_import_checked c
     WHERE ${ROW_IS_CLEAN}
       AND NOT EXISTS (SELECT 1 FROM ojt_hour_entries h
                        WHERE h.registration_id = c.registration_id AND h.idempotency_key = c.idempotency_key)
  ),
  file_day AS (
    SELECT apprentice_id, work_date, sum(hours) AS hours FROM candidate GROUP BY 1, 2
  ),
  registration AS MATERIALIZED (
    SELECT r.id, r.apprentice_id FROM registrations r WHERE r.apprentice_id IN (SELECT DISTINCT apprentice_id FROM candidate)
  ),
  logged_day AS (
    SELECT r.apprentice_id, d.work_date, sum(d.hours) AS hours
      FROM (SELECT h.registration_id, h.work_date, h.hours FROM ojt_hour_entries h
             WHERE h.registration_id IN (SELECT id FROM registration) AND h.status <> 'rejected'
            UNION ALL
            SELECT a.registration_id, a.session_date, a.hours FROM rti_attendance a
             WHERE a.registration_id IN (SELECT id FROM registration)) d
      JOIN registration r ON r.id = d.registration_id
     GROUP BY 1, 2
  ),
  day_total AS (
    SELECT f.apprentice_id, f.work_date, f.hours + coalesce(l.hours, 0) AS hours
      FROM file_day f LEFT JOIN logged_day l USING (apprentice_id, work_date)
  )
  SELECT :importId, c.line, 'hours',
         format('would bring the apprentice''s OJT and RTI hours on %s to %s across all registrations, above the daily maximum of %s',
                c.work_date, trim_scale(d.hours), trim_scale(cap.max_hours))
    FROM candidate c
    JOIN day_total d USING (apprentice_id, work_date)
    JOIN unnest(:capStates::text[], :capHours::numeric[]) AS cap (state, max_hours) ON cap.state = c.state
   WHERE d.hours > cap.max_hours`;

/**
 * After the merge: the registration × work process pairs where a new entry is dated before an
 * older one. Only there can the new hours push older entries over the allotment (MERGE_ROWS flags
 * the new entries themselves); the others need no refresh. Entries of this import are created now().
 */
export const BACKDATED_WORK_PROCESS_PAIRS = `
  WITH pair AS (
    SELECT c.registration_id, c.work_process_id, min(c.work_date) AS first_date
      FROM ojt_import_checked c WHERE ${ROW_IS_CLEAN} GROUP BY 1, 2
  )
  SELECT p.registration_id AS "registrationId", p.work_process_id AS "workProcessId", p.first_date::text AS "fromDate"
    FROM pair p
   WHERE EXISTS (SELECT 1 FROM ojt_hour_entries e
                  WHERE e.registration_id = p.registration_id AND e.work_process_id = p.work_process_id
                    AND e.work_date > p.first_date AND e.status <> 'rejected' AND e.created_at < now())`;

export const COUNT_ERROR_LINES = `SELECT count(DISTINCT line)::int AS lines FROM ojt_import_errors WHERE import_id = :importId`;

/**
 * Writes the clean rows as submitted entries (a key already stored is skipped, so re-importing
 * adds nothing) and one `hours.imported` event per registration that gained entries. Each new
 * entry carries its over-allotment flag from the start: the running hours of its registration ×
 * work process, in the order refreshOverAllotment (ojt-hours.sql.ts) uses — work date, creation
 * time, id — with the new entries created now() under ids drawn here. Setting the flag afterwards
 * would rewrite every flagged row (a minute for a million rows); the refresh that follows the
 * merge then only touches older entries that a backdated row pushed over.
 */
export const MERGE_ROWS = `
  WITH fresh AS MATERIALIZED (
    SELECT gen_random_uuid() AS id, c.registration_id, c.work_process_id, c.employer_id, c.worksite, c.work_date, c.hours,
           c.note, c.idempotency_key
      FROM ojt_import_checked c
     WHERE ${ROW_IS_CLEAN}
       AND NOT EXISTS (SELECT 1 FROM ojt_hour_entries h
                        WHERE h.registration_id = c.registration_id AND h.idempotency_key = c.idempotency_key)
  ),
  running AS (
    SELECT u.id, u.is_new, sum(u.hours) OVER (
             PARTITION BY u.registration_id, u.work_process_id ORDER BY u.work_date, u.created_at, u.id
           ) > wp.max_hours AS over
      FROM (SELECT id, registration_id, work_process_id, work_date, hours, now() AS created_at, true AS is_new FROM fresh
            UNION ALL
            SELECT e.id, e.registration_id, e.work_process_id, e.work_date, e.hours, e.created_at, false
              FROM ojt_hour_entries e
             WHERE e.status <> 'rejected'
               AND (e.registration_id, e.work_process_id) IN (SELECT DISTINCT registration_id, work_process_id FROM fresh)) u
      JOIN work_processes wp ON wp.id = u.work_process_id
  ),
  inserted AS (
    INSERT INTO ojt_hour_entries (id, registration_id, work_process_id, employer_id, worksite, work_date, hours, note,
                                  status, source, idempotency_key, over_allotment, submitted_at, created_by)
    SELECT f.id, f.registration_id, f.work_process_id, f.employer_id, f.worksite, f.work_date, f.hours, f.note,
           'submitted', 'import', f.idempotency_key, r.over, now(), :actorId
      FROM fresh f JOIN running r ON r.id = f.id AND r.is_new
     -- In index order, so the unique and per-registration indexes grow at a few places instead of everywhere.
     ORDER BY f.registration_id, f.idempotency_key
    ON CONFLICT (registration_id, idempotency_key) DO NOTHING
    RETURNING registration_id, hours
  ),
  announced AS (
    INSERT INTO outbox (topic, payload)
    SELECT 'hours.imported', jsonb_build_object('registrationId', registration_id, 'importId', :importId,
                                                'entries', count(*), 'hours', trim_scale(sum(hours)))
      FROM inserted GROUP BY registration_id
    RETURNING payload
  )
  SELECT coalesce(sum((payload->>'entries')::int), 0)::int AS imported FROM announced`;
