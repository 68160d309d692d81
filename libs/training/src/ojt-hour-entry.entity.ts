import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type OjtHourStatus = 'draft' | 'submitted' | 'approved' | 'rejected';
export type OjtHourSource = 'ui' | 'import' | 'payroll';

/** Hours of on-the-job learning an apprentice worked on one day on one work process. */
@Entity('ojt_hour_entries')
export class OjtHourEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'registration_id', type: 'uuid' })
  registrationId: string;

  @Column({ name: 'work_process_id', type: 'uuid' })
  workProcessId: string;

  @Column({ name: 'employer_id', type: 'uuid' })
  employerId: string;

  @Column({ type: 'text', nullable: true })
  worksite: string | null;

  @Column({ name: 'work_date', type: 'date' })
  workDate: string;

  /** numeric(5,2): pg returns it as a string such as "7.75". */
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  hours: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text' })
  status: OjtHourStatus;

  @Column({ type: 'text' })
  source: OjtHourSource;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ name: 'over_allotment', type: 'boolean' })
  overAllotment: boolean;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
