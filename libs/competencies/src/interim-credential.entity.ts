import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A credential earned part-way through a competency-based or hybrid program (29.5(b)(16)). */
@Entity('interim_credentials')
export class InterimCredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'registration_id', type: 'uuid' })
  registrationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'earned_on', type: 'date' })
  earnedOn: string;

  @Column({ name: 'issued_by', type: 'text', nullable: true })
  issuedBy: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
