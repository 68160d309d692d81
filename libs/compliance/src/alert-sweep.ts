import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@journeyline/common/clock';
import { JobProducer } from '@journeyline/jobs/job-producer';
import { JobItem, JobName } from '@journeyline/jobs/job-registry';

/** Session-level lock: one sweep at a time across every worker. */
export const SWEEP_LOCK_KEY = 'compliance:sweep-alerts';

const PAGE = 500;
const OPEN_STATUSES = ['pending', 'registered', 'suspended', 'reinstated'];
const PROGRESSING_STATUSES = ['registered', 'reinstated'];

export interface SweepResult {
  outcome: 'done' | 'already_running';
  registrations: number;
}

/**
 * The nightly SweepAlerts job. Time-based wage steps and "no hours for N days" change with the
 * calendar, not with events, so every open registration (and every one with an open alert, so
 * those can clear) gets a RefreshAlerts, and those in training a RecomputeWageStep. Job ids carry
 * the date, so a retried sweep does not queue the day's work twice.
 */
@Injectable()
export class AlertSweep {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
  ) {}

  async sweep(today: string = this.clock.today()): Promise<SweepResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [SWEEP_LOCK_KEY]);
      if (!locked) return { outcome: 'already_running', registrations: 0 };
      try {
        let after = '00000000-0000-0000-0000-000000000000';
        let registrations = 0;
        for (;;) {
          const rows: Array<{ id: string; status: string }> = await runner.query(
            `SELECT r.id, r.status FROM registrations r
              WHERE r.id > $1
                AND (r.status = ANY($2)
                     OR EXISTS (SELECT 1 FROM compliance_alerts a WHERE a.registration_id = r.id AND a.resolved_at IS NULL))
              ORDER BY r.id LIMIT $3`,
            [after, OPEN_STATUSES, PAGE],
          );
          if (!rows.length) break;
          const items: JobItem[] = rows.flatMap((row) => [
            { name: JobName.RefreshAlerts, data: { registrationId: row.id } } as JobItem,
            ...(PROGRESSING_STATUSES.includes(row.status)
              ? [{ name: JobName.RecomputeWageStep, data: { registrationId: row.id } } as JobItem]
              : []),
          ]);
          await this.producer.enqueue(items, `sweep-${today}`);
          registrations += rows.length;
          after = rows[rows.length - 1].id;
        }
        return { outcome: 'done', registrations };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [SWEEP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
