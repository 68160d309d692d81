import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ProposalStatus = 'pending' | 'confirmed' | 'declined';
export type ProposalTrigger = 'hours_reached' | 'time_elapsed' | 'credit_granted';

/** A wage step that is due where the program wants the sponsor to confirm it first. */
@Entity('wage_step_proposals')
export class WageStepProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'registration_id', type: 'uuid' })
  registrationId: string;

  @Column({ type: 'integer' })
  step: number;

  @Column({ name: 'rate_cents', type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  rateCents: number;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'text' })
  trigger: ProposalTrigger;

  @Column({ name: 'hours_at_trigger', type: 'numeric', nullable: true })
  hoursAtTrigger: string | null;

  @Column({ type: 'text' })
  status: ProposalStatus;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
