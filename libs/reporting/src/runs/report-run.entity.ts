import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A requested report: what it covers, its progress and outcome (see migrations/1732390000000-report-runs.ts). */
@Entity('report_runs')
export class ReportRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  format: string;

  @Column({ name: 'scope_kind', type: 'text' })
  scopeKind: string;

  @Column({ name: 'scope_id', type: 'text' })
  scopeId: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ type: 'jsonb' })
  options: Record<string, string>;

  @Column({ name: 'include_ssn', type: 'boolean' })
  includeSsn: boolean;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'integer' })
  processed: number;

  @Column({ type: 'integer', nullable: true })
  total: number | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;
}
