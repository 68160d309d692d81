import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RegistrationAgencyCode = 'OA' | 'SAA';

/** The program's stable identity; its standards live in program_versions. */
@Entity('programs')
export class ProgramEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'sponsor_id', type: 'uuid' })
  sponsorId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'program_number', type: 'text', nullable: true })
  programNumber: string | null;

  @Column({ type: 'char', length: 2 })
  state: string;

  @Column({ name: 'registration_agency', type: 'text' })
  registrationAgency: RegistrationAgencyCode;

  /** Null only inside the transaction that creates the program and its first version. */
  @Column({ name: 'current_version_id', type: 'uuid', nullable: true })
  currentVersionId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
