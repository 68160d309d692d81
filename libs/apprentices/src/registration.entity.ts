import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RegistrationStatus } from './registration-status';

/** An apprenticeship agreement: one apprentice, one program occupation, one employer. */
@Entity('registrations')
export class RegistrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'apprentice_id', type: 'uuid' })
  apprenticeId: string;

  @Column({ name: 'program_occupation_id', type: 'uuid' })
  programOccupationId: string;

  /** Copied from the program, with sponsor and state, so tenancy filters need no join. */
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Column({ name: 'sponsor_id', type: 'uuid' })
  sponsorId: string;

  @Column({ type: 'char', length: 2 })
  state: string;

  @Column({ name: 'employer_id', type: 'uuid' })
  employerId: string;

  @Column({ type: 'text' })
  status: RegistrationStatus;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'registration_date', type: 'date', nullable: true })
  registrationDate: string | null;

  @Column({ name: 'probation_end_date', type: 'date' })
  probationEndDate: string;

  @Column({ name: 'expected_completion_date', type: 'date' })
  expectedCompletionDate: string;

  @Column({ name: 'status_date', type: 'date' })
  statusDate: string;

  @Column({ name: 'employment_status', type: 'text' })
  employmentStatus: string;

  @Column({ name: 'career_connection', type: 'text', nullable: true })
  careerConnection: string | null;

  @Column({ name: 'prior_credit_text', type: 'text', nullable: true })
  priorCreditText: string | null;

  @Column({ name: 'prior_credit_ojt_hours', type: 'integer' })
  priorCreditOjtHours: number;

  @Column({ name: 'prior_credit_rti_hours', type: 'integer' })
  priorCreditRtiHours: number;

  @Column({ name: 'cancelled_during_probation', type: 'boolean' })
  cancelledDuringProbation: boolean;

  @Column({ name: 'va_chapter', type: 'text', nullable: true })
  vaChapter: string | null;

  @Column({ name: 'va_file_number', type: 'text', nullable: true })
  vaFileNumber: string | null;

  @Column({ name: 'va_enrollment_start', type: 'date', nullable: true })
  vaEnrollmentStart: string | null;

  @Column({ name: 'va_enrollment_end', type: 'date', nullable: true })
  vaEnrollmentEnd: string | null;

  @Column({ name: 'transferred_from_id', type: 'uuid', nullable: true })
  transferredFromId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
