import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager, QueryRunner } from 'typeorm';
import { Clock } from '@journeyline/common/clock';
import {
  applyEventsSql,
  applyStockSql,
  EVENT_COUNTERS,
  eventContributionsSql,
  factsSource,
  insertEventsSql,
  stockContributionsSql,
  stockFromEventsSql,
} from './cube-sql';
import { cubeInputFromJsonSql, cubeInputJsonSql, FACT_COLUMNS, factSelectSql, upsertFactsSql } from './fact-sql';
import { fiscalYearStartsBetween } from './periods';

/** Held exclusively by a rebuild (session lock) and shared by every refresh (transaction lock). */
export const OUTCOME_REBUILD_LOCK = 'outcomes:rebuild';
const REGISTRATION_LOCK_PREFIX = 'outcomes:registration:';
/** One cube writer per state at a time: refreshes of one state queue instead of contending for hot rows. */
const STATE_LOCK_PREFIX = 'outcomes:state:';
const FACT_BATCH = 5000;
const SAMPLE_SIZE = 20;

export type RefreshResult = 'unchanged' | 'fact' | 'cube' | 'missing';

export type Progress = (phase: string, done: number, total: number) => Promise<void>;

export interface RebuildResult {
  outcome: 'done' | 'already_running';
  registrations: number;
  states: number;
}

export interface ConsistencyDifference {
  kind: 'fact' | 'cube_events' | 'cube_stock';
  /** The registration, or the cube key (state, grouping, values, month or anchor). */
  subject: string;
  /** For facts: the columns that differ ('row' when one side is missing). */
  columns: string[];
}

export interface ConsistencyResult {
  differences: number;
  factDifferences: number;
  cubeDifferences: number;
  sample: ConsistencyDifference[];
}

const lock = (manager: EntityManager | QueryRunner, key: string, shared = false) =>
  manager.query(`SELECT ${shared ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtextextended($1, 0))`, [key]);

/**
 * Keeps the outcome rollups current: the fact row of one registration after an event, the whole
 * rollup on demand, and a check that recomputes everything from the raw tables and compares.
 */
@Injectable()
export class OutcomeRollups {
  private readonly logger = new Logger(OutcomeRollups.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Recomputes the fact rows of a registration and of the person's other registrations (a
   * correction to the person shows in every one of them); where anything the cube counts changed
   * (status, dates, demographics, grouping codes), moves the row's contributions from the old
   * version to the new one. Idempotent: a repeated refresh finds nothing to move.
   */
  async refreshRegistration(registrationId: string): Promise<RefreshResult> {
    return this.dataSource.transaction(async (manager) => {
      await lock(manager, OUTCOME_REBUILD_LOCK, true);
      const siblings: Array<{ id: string }> = await manager.query(
        `SELECT id FROM registrations WHERE apprentice_id = (SELECT apprentice_id FROM registrations WHERE id = $1) ORDER BY id`,
        [registrationId],
      );
      if (!siblings.length) return 'missing';
      let result: RefreshResult = 'fact';
      // In id order, so two refreshes of the same person queue rather than deadlock.
      for (const { id } of siblings) {
        if ((await this.refreshOne(manager, id)) === 'cube') result = 'cube';
      }
      return result;
    });
  }

  private async refreshOne(manager: EntityManager, registrationId: string): Promise<'fact' | 'cube'> {
    await lock(manager, `${REGISTRATION_LOCK_PREFIX}${registrationId}`);
    const [row] = await manager.query(
      `WITH old AS (SELECT ${cubeInputJsonSql('f')} AS input FROM outcome_registration_facts f WHERE registration_id = $1),
            fresh AS (${upsertFactsSql('r.id = $1', `RETURNING ${cubeInputJsonSql('outcome_registration_facts')} AS input`)})
       SELECT (SELECT input FROM old) AS old, (SELECT input FROM fresh) AS fresh,
              (SELECT input FROM old) IS DISTINCT FROM (SELECT input FROM fresh) AS changed`,
      [registrationId],
    );
    if (!row.changed) return 'fact';
    const states = [...new Set([row.old?.state, row.fresh.state].filter(Boolean) as string[])].sort();
    for (const state of states) await lock(manager, `${STATE_LOCK_PREFIX}${state}`);
    const parts: string[] = [];
    const params: string[] = [];
    if (row.old) parts.push(cubeInputFromJsonSql(`$${params.push(JSON.stringify(row.old))}`, -1));
    parts.push(cubeInputFromJsonSql(`$${params.push(JSON.stringify(row.fresh))}`, 1));
    const source = parts.join(' UNION ALL ');
    await manager.query(applyEventsSql(source), params);
    await manager.query(applyStockSql(source), params);
    return 'cube';
  }

  /**
   * Recomputes every fact row (in batches), the fiscal-year anchors, and each state's cube (one
   * transaction per state, so readers see a state either before or after). Refreshes wait while
   * it runs and then apply their changes on top.
   */
  async rebuild(progress: Progress = async () => undefined): Promise<RebuildResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [OUTCOME_REBUILD_LOCK]);
      if (!locked) return { outcome: 'already_running', registrations: 0, states: 0 };
      try {
        const registrations = await this.rebuildFacts(runner, progress);
        await this.materializeAnchors(runner);
        const states = await this.rebuildCube(runner, progress);
        // VACUUM sets the visibility map, which index-only scans of the facts need.
        await runner.query(`VACUUM (ANALYZE) outcome_registration_facts, outcome_cube_events, outcome_cube_stock`);
        return { outcome: 'done', registrations, states };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [OUTCOME_REBUILD_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Every fact row, in batches, written in (state, sponsor, start date) order: a fresh table then
   * keeps each sponsor's registrations together on disk, which the fact-table path reads for
   * intermediaries and sponsors (states read the covering indexes instead).
   */
  private async rebuildFacts(runner: QueryRunner, progress: Progress): Promise<number> {
    const ids: string[] = (await runner.query(`SELECT id FROM registrations ORDER BY state, sponsor_id, start_date, id`)).map(
      (row: { id: string }) => row.id,
    );
    await progress('facts', 0, ids.length);
    for (let done = 0; done < ids.length; done += FACT_BATCH) {
      await runner.query(upsertFactsSql('r.id = ANY($1::uuid[])'), [ids.slice(done, done + FACT_BATCH)]);
      await progress('facts', Math.min(done + FACT_BATCH, ids.length), ids.length);
    }
    return ids.length;
  }

  /** One anchor per 1 October after the earliest start, up to the one on or before today. */
  private async materializeAnchors(runner: QueryRunner): Promise<void> {
    const [{ first }] = await runner.query(`SELECT min(start_date)::text AS first FROM outcome_registration_facts`);
    const anchors = first ? fiscalYearStartsBetween(first, this.clock.today()) : [];
    await runner.query(`DELETE FROM outcome_cube_anchors WHERE NOT (anchor = ANY($1::date[]))`, [anchors]);
    await runner.query(`INSERT INTO outcome_cube_anchors (anchor) SELECT unnest($1::date[]) ON CONFLICT DO NOTHING`, [anchors]);
  }

  private async rebuildCube(runner: QueryRunner, progress: Progress): Promise<number> {
    const states: string[] = (await runner.query(`SELECT DISTINCT state::text AS state FROM outcome_registration_facts ORDER BY 1`)).map(
      (row: { state: string }) => row.state,
    );
    await runner.query(`DELETE FROM outcome_cube_events WHERE NOT (state = ANY($1::bpchar[]))`, [states]);
    await runner.query(`DELETE FROM outcome_cube_stock WHERE NOT (state = ANY($1::bpchar[]))`, [states]);
    await progress('cube', 0, states.length);
    for (const [index, state] of states.entries()) {
      await runner.startTransaction();
      try {
        // Large aggregations: let them hash in memory rather than spill.
        await runner.query(`SET LOCAL work_mem = '256MB'`);
        await runner.query(`DELETE FROM outcome_cube_events WHERE state = $1`, [state]);
        await runner.query(`DELETE FROM outcome_cube_stock WHERE state = $1`, [state]);
        await runner.query(insertEventsSql(factsSource('outcome_registration_facts', '$1')), [state]);
        await runner.query(stockFromEventsSql('$1'), [state]);
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      await progress('cube', index + 1, states.length);
    }
    return states.length;
  }

  /**
   * Recomputes every fact row from the raw tables into a temporary table and compares it with
   * outcome_registration_facts; recomputes the cube from the stored facts and compares it with
   * the stored cube. Reads one snapshot, so concurrent writes cannot produce false differences
   * (events still waiting in the outbox or queue do show up, as they should).
   */
  async checkConsistency(progress: Progress = async () => undefined): Promise<ConsistencyResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction('REPEATABLE READ');
    try {
      await runner.query(`SET LOCAL work_mem = '256MB'`);
      await progress('facts', 0, 3);
      await runner.query(`CREATE TEMP TABLE outcome_expected_facts ON COMMIT DROP AS ${factSelectSql('true')}`);
      const compared = [...FACT_COLUMNS].filter((column) => column !== 'registration_id');
      const factRows: Array<{ subject: string; columns: string[] }> = await runner.query(
        `SELECT coalesce(e.registration_id, a.registration_id)::text AS subject,
                CASE WHEN e.registration_id IS NULL OR a.registration_id IS NULL THEN ARRAY['row']
                     ELSE ARRAY(SELECT c FROM unnest($1::text[]) c WHERE to_jsonb(e) -> c IS DISTINCT FROM to_jsonb(a) -> c) END AS columns
           FROM outcome_expected_facts e
           FULL JOIN outcome_registration_facts a ON a.registration_id = e.registration_id
          WHERE e.registration_id IS NULL OR a.registration_id IS NULL
             OR EXISTS (SELECT 1 FROM unnest($1::text[]) c WHERE to_jsonb(e) -> c IS DISTINCT FROM to_jsonb(a) -> c)
          ORDER BY 1`,
        [compared],
      );
      await progress('cube_events', 1, 3);
      const counters = EVENT_COUNTERS.map((counter) => `coalesce(e.${counter}, 0) <> coalesce(a.${counter}, 0)`).join(' OR ');
      const eventRows: Array<{ subject: string }> = await runner.query(
        `SELECT concat_ws('/', coalesce(e.state, a.state), coalesce(e.grouping, a.grouping), coalesce(e.v1, a.v1),
                          coalesce(e.v2, a.v2), coalesce(e.month, a.month)) AS subject
           FROM (${eventContributionsSql('SELECT 1 AS sign, * FROM outcome_registration_facts')}) e
           FULL JOIN outcome_cube_events a
             ON a.state = e.state AND a.grouping = e.grouping AND a.v1 = e.v1 AND a.v2 = e.v2 AND a.month = e.month
          WHERE ${counters}
          ORDER BY 1`,
      );
      await progress('cube_stock', 2, 3);
      const stockRows: Array<{ subject: string }> = await runner.query(
        `SELECT concat_ws('/', coalesce(e.state, a.state), coalesce(e.grouping, a.grouping), coalesce(e.v1, a.v1),
                          coalesce(e.v2, a.v2), coalesce(e.anchor, a.anchor)) AS subject
           FROM (${stockContributionsSql('SELECT 1 AS sign, * FROM outcome_registration_facts')}) e
           FULL JOIN outcome_cube_stock a
             ON a.state = e.state AND a.grouping = e.grouping AND a.v1 = e.v1 AND a.v2 = e.v2 AND a.anchor = e.anchor
          WHERE coalesce(e.active, 0) <> coalesce(a.active, 0)
          ORDER BY 1`,
      );
      await progress('done', 3, 3);
      await runner.commitTransaction();
      const sample: ConsistencyDifference[] = [
        ...factRows.map((row) => ({ kind: 'fact' as const, subject: row.subject, columns: row.columns })),
        ...eventRows.map((row) => ({ kind: 'cube_events' as const, subject: row.subject, columns: [] })),
        ...stockRows.map((row) => ({ kind: 'cube_stock' as const, subject: row.subject, columns: [] })),
      ].slice(0, SAMPLE_SIZE);
      const cubeDifferences = eventRows.length + stockRows.length;
      if (factRows.length || cubeDifferences) {
        this.logger.warn(`outcome rollups differ from the raw tables: ${factRows.length} fact rows, ${cubeDifferences} cube rows`);
      }
      return { differences: factRows.length + cubeDifferences, factDifferences: factRows.length, cubeDifferences, sample };
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
