import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An alert about a registration or an employer; open while resolved_at is null. */
@Entity('compliance_alerts')
export class ComplianceAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  severity: string;

  @Column({ name: 'sponsor_id', type: 'uuid' })
  sponsorId: string;

  @Column({ name: 'registration_id', type: 'uuid', nullable: true })
  registrationId: string | null;

  @Column({ name: 'employer_id', type: 'uuid', nullable: true })
  employerId: string | null;

  @Column({ name: 'subject_key', type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
