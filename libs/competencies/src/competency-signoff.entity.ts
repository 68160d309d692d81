import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An evaluator's statement that the apprentice demonstrated one competency of a work process. */
@Entity('competency_signoffs')
export class CompetencySignoffEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'registration_id', type: 'uuid' })
  registrationId: string;

  @Column({ name: 'work_process_id', type: 'uuid' })
  workProcessId: string;

  @Column({ type: 'text' })
  competency: string;

  @Column({ name: 'achieved_on', type: 'date' })
  achievedOn: string;

  @Column({ name: 'evaluator_user_id', type: 'uuid' })
  evaluatorUserId: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
