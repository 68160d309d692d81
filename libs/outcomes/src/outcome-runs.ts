import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { publishInTransaction, recordAudit } from '@journeyline/database/audit';
import { OutcomeRollups, Progress } from './outcome-rollups.service';

export type OutcomeRunKind = 'rebuild' | 'consistency_check';

export const REBUILD_REQUESTED_TOPIC = 'outcomes.rebuild_requested';
export const CONSISTENCY_CHECK_REQUESTED_TOPIC = 'outcomes.consistency_check_requested';

export interface OutcomeRun {
  id: string;
  kind: OutcomeRunKind;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  phase: string | null;
  progressDone: number;
  progressTotal: number;
  differences: number | null;
  sample: unknown;
  error: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const RUN_COLUMNS = `id, kind, status, phase, progress_done AS "progressDone", progress_total AS "progressTotal", differences, sample,
  error, requested_at AS "requestedAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

function requireAdmin(scope: AccessScope): void {
  if (!scope.isPlatformAdmin) throw DomainError.forbidden('Only platform administrators can rebuild or check outcome rollups');
}

/** Requests and status of the rebuild and consistency-check runs (API side). */
@Injectable()
export class OutcomeRunsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes the run and the event that queues its job in one transaction; one active run per kind. */
  async request(scope: AccessScope, kind: OutcomeRunKind): Promise<OutcomeRun> {
    requireAdmin(scope);
    return this.dataSource.transaction(async (manager) => {
      const [active] = await manager.query(`SELECT id FROM outcome_runs WHERE kind = $1 AND status IN ('queued', 'running')`, [kind]);
      if (active) {
        throw new DomainError(ErrorCode.Conflict, `An outcome ${kind.replace('_', ' ')} is already queued or running (run ${active.id})`);
      }
      const [run] = await manager.query(`INSERT INTO outcome_runs (kind, requested_by) VALUES ($1, $2) RETURNING ${RUN_COLUMNS}`, [
        kind,
        scope.userId,
      ]);
      await publishInTransaction(manager, kind === 'rebuild' ? REBUILD_REQUESTED_TOPIC : CONSISTENCY_CHECK_REQUESTED_TOPIC, { runId: run.id });
      await recordAudit(manager, { actorUserId: scope.userId, action: `outcomes.${kind}_requested`, entity: 'outcome_run', entityId: run.id });
      return run;
    });
  }

  /** The run with this id, or the latest of the kind when no id is given. */
  async status(scope: AccessScope, kind: OutcomeRunKind, runId?: string): Promise<OutcomeRun | null> {
    requireAdmin(scope);
    const [run] = runId
      ? await this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM outcome_runs WHERE id = $1 AND kind = $2`, [runId, kind])
      : await this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM outcome_runs WHERE kind = $1 ORDER BY requested_at DESC LIMIT 1`, [kind]);
    if (runId && !run) throw DomainError.notFound('outcome run', 'runId');
    return run ?? null;
  }
}

export interface JobAttempt {
  attempt: number;
  attempts: number;
}

/** The worker's side of the runs: the jobs that refresh, rebuild and check. */
@Injectable()
export class OutcomeJobs {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rollups: OutcomeRollups,
  ) {}

  refresh(registrationId: string): Promise<unknown> {
    return this.rollups.refreshRegistration(registrationId);
  }

  rebuild(runId: string, attempt: JobAttempt): Promise<unknown> {
    return this.run(runId, 'rebuild', attempt, async (progress) => {
      const result = await this.rollups.rebuild(progress);
      if (result.outcome === 'already_running') throw new Error('Another outcome rebuild holds the rebuild lock');
      return { differences: null, sample: { registrations: result.registrations, states: result.states } };
    });
  }

  check(runId: string, attempt: JobAttempt): Promise<unknown> {
    return this.run(runId, 'consistency_check', attempt, async (progress) => {
      const result = await this.rollups.checkConsistency(progress);
      return {
        differences: result.differences,
        sample: { factDifferences: result.factDifferences, cubeDifferences: result.cubeDifferences, differences: result.sample },
      };
    });
  }

  /**
   * Marks the run running, does the work with progress written to the run, and records the
   * result. A failure is recorded on the last attempt only; earlier ones are retried by the queue.
   * A run that is gone or already finished (a duplicate job) is left alone.
   */
  private async run(
    runId: string,
    kind: OutcomeRunKind,
    attempt: JobAttempt,
    work: (progress: Progress) => Promise<{ differences: number | null; sample: unknown }>,
  ): Promise<unknown> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown[], number] = await this.dataSource.query(
      `UPDATE outcome_runs SET status = 'running', started_at = coalesce(started_at, now()), error = NULL
        WHERE id = $1 AND kind = $2 AND status IN ('queued', 'running')`,
      [runId, kind],
    );
    if (!affected) return { skipped: true };
    const progress: Progress = async (phase, done, total) => {
      await this.dataSource.query(`UPDATE outcome_runs SET phase = $2, progress_done = $3, progress_total = $4 WHERE id = $1`, [
        runId,
        phase,
        done,
        total,
      ]);
    };
    try {
      const result = await work(progress);
      await this.dataSource.query(
        `UPDATE outcome_runs SET status = 'succeeded', finished_at = now(), differences = $2, sample = $3 WHERE id = $1`,
        [runId, result.differences, JSON.stringify(result.sample)],
      );
      return result;
    } catch (error) {
      if (attempt.attempt >= attempt.attempts) {
        await this.dataSource.query(`UPDATE outcome_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [
          runId,
          String(error instanceof Error ? error.message : error).slice(0, 1000),
        ]);
      }
      throw error;
    }
  }
}
