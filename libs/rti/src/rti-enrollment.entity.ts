import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RtiEnrollmentStatus = 'enrolled' | 'completed' | 'withdrawn';

/** An apprentice (through one registration) taking one RTI course. */
@Entity('rti_enrollments')
export class RtiEnrollmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'registration_id', type: 'uuid' })
  registrationId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'enrolled_on', type: 'date' })
  enrolledOn: string;

  @Column({ type: 'text' })
  status: RtiEnrollmentStatus;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ type: 'text', nullable: true })
  grade: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
