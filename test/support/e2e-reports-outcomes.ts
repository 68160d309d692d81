import { randomUUID } from 'node:crypto';
import { Clock } from '@journeyline/common/clock';
import { addMonths } from '@journeyline/common/dates';
import { OutcomeRollups } from '@journeyline/outcomes/outcome-rollups.service';
import { firstOfMonth, fiscalYearOf, lastOfMonth } from '@journeyline/outcomes/periods';
import { DemoWorld } from './e2e-demo-world';

export type ReportScopeKind = 'sponsor' | 'program' | 'intermediary' | 'facility_code';
export type OutcomeRunKind = 'rebuild' | 'consistency_check';

/**
 * Report runs and program outcomes around the demo world for the e2e suites. The api has no
 * worker here, so the outcome rollups are built once the way the worker's rebuild builds them,
 * and runs the worker would finish (report runs, their problems, outcome runs) are written
 * straight to the tables.
 */
export interface ReportsOutcomes {
  /** Whole months from five years back to the end of this month: every demo agreement is in it. */
  outcomePeriod: { from: string; to: string };
  /** The federal fiscal year and quarter of today. */
  fiscalQuarter: { fiscalYear: number; quarter: number };
  /** Buckeye's Machinist program occupation carries this VA facility code (apps/cli/src/seed-demo.ts). */
  buckeyeFacilityCode: string;
  fresh: {
    /** A run of the scope, as the worker leaves it (succeeded unless told), with a dedupe key of its own. */
    reportRun(scope: { kind: ReportScopeKind; id: string }, status?: 'queued' | 'succeeded' | 'failed'): Promise<string>;
    /** A problem of the run on the registration; returns its field, unique to this problem. */
    reportProblem(runId: string, registrationId: string): Promise<string>;
    /** A finished outcome run of the kind. */
    outcomeRun(kind: OutcomeRunKind): Promise<string>;
  };
  /** Marks queued and running outcome runs of the kind finished, so a new request is not a CONFLICT. */
  settleOutcomeRuns(kind: OutcomeRunKind): Promise<void>;
}

export async function addReportsAndOutcomes(world: DemoWorld): Promise<ReportsOutcomes> {
  const { dataSource, today } = world;
  const rebuilt = await new OutcomeRollups(dataSource, world.api.app.get(Clock)).rebuild();
  if (rebuilt.outcome !== 'done' || rebuilt.registrations === 0) throw new Error(`outcome rollups not built: ${JSON.stringify(rebuilt)}`);

  const month = Number(today.slice(5, 7));
  const [facility] = await dataSource.query(
    `SELECT po.va_facility_code FROM program_occupations po WHERE po.id = $1`,
    [world.sides.buckeye.programOccupationId],
  );
  if (!facility?.va_facility_code) throw new Error('the demo Machinist program has no VA facility code');

  return {
    outcomePeriod: { from: firstOfMonth(addMonths(today, -60)), to: lastOfMonth(today) },
    // October to December is Q1.
    fiscalQuarter: { fiscalYear: fiscalYearOf(today), quarter: ((Math.floor((month - 1) / 3) + 1) % 4) + 1 },
    buckeyeFacilityCode: facility.va_facility_code,
    fresh: {
      async reportRun(scope, status = 'succeeded') {
        const [run] = await dataSource.query(
          `INSERT INTO report_runs (format, scope_kind, scope_id, period_start, period_end, as_of, status, processed, total,
                                    started_at, finished_at, dedupe_key)
           VALUES ('dol.status-changes', $1, $2, $3, $4, $4, $5, 0, 0,
                   CASE WHEN $5 <> 'queued' THEN now() END, CASE WHEN $5 <> 'queued' THEN now() END, $6)
           RETURNING id`,
          [scope.kind, scope.id, addMonths(today, -1), today, status, `e2e-${randomUUID()}`],
        );
        return run.id;
      },
      async reportProblem(runId, registrationId) {
        const field = `program.programNumber.e2e${randomUUID().slice(0, 8)}`;
        await dataSource.query(
          `INSERT INTO report_problems (run_id, registration_id, field, rule, message, source)
           VALUES ($1, $2, $3, 'status_changes.program_number', 'the program has no number from the registration agency', 'dol.md §4.2')`,
          [runId, registrationId, field],
        );
        return field;
      },
      async outcomeRun(kind) {
        const [run] = await dataSource.query(
          `INSERT INTO outcome_runs (kind, status, started_at, finished_at) VALUES ($1, 'succeeded', now(), now()) RETURNING id`,
          [kind],
        );
        return run.id;
      },
    },
    async settleOutcomeRuns(kind) {
      await dataSource.query(
        `UPDATE outcome_runs SET status = 'succeeded', started_at = coalesce(started_at, now()), finished_at = now()
          WHERE kind = $1 AND status IN ('queued', 'running')`,
        [kind],
      );
    },
  };
}
