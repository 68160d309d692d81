import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericHours } from './numeric-hours';

/** One attended RTI session. Kept apart from OJT hours (old 29 CFR 30.8). */
@Entity('rti_attendance')
export class RtiAttendanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @Column({ name: 'registration_id', type: 'uuid' })
  registrationId: string;

  @Column({ name: 'session_date', type: 'date' })
  sessionDate: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numericHours })
  hours: number;

  @Column({ type: 'boolean' })
  paid: boolean;

  @Column({ name: 'during_work_hours', type: 'boolean' })
  duringWorkHours: boolean;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
