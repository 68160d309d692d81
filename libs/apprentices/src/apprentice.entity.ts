import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The person. The SSN is only ever stored sealed (see PiiCipher) and is not loaded unless asked for. */
@Entity('apprentices')
export class ApprenticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The sponsor that first registered the person; they keep reach even without a live agreement. */
  @Column({ name: 'owner_organization_id', type: 'uuid' })
  ownerOrganizationId: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName: string;

  @Column({ name: 'middle_name', type: 'text', nullable: true })
  middleName: string | null;

  @Column({ name: 'last_name', type: 'text' })
  lastName: string;

  @Column({ type: 'text', nullable: true })
  suffix: string | null;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Column({ name: 'ssn_ciphertext', type: 'bytea', nullable: true, select: false })
  ssnCiphertext: Buffer | null;

  @Column({ name: 'ssn_key_id', type: 'text', nullable: true, select: false })
  ssnKeyId: string | null;

  @Column({ name: 'ssn_last4', type: 'char', length: 4, nullable: true })
  ssnLast4: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'street_address', type: 'text', nullable: true })
  streetAddress: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  state: string | null;

  @Column({ name: 'zip_code', type: 'text', nullable: true })
  zipCode: string | null;

  @Column({ type: 'text' })
  sex: string;

  @Column({ type: 'text' })
  ethnicity: string;

  @Column({ type: 'text', array: true })
  races: string[];

  @Column({ name: 'veteran_status', type: 'text' })
  veteranStatus: string;

  @Column({ type: 'text' })
  disability: string;

  @Column({ type: 'text' })
  education: string;

  /** bigint: pg returns it as a string. */
  @Column({ name: 'prior_wage_cents', type: 'bigint', nullable: true })
  priorWageCents: string | null;

  @Column({ name: 'prior_wage_unit', type: 'text' })
  priorWageUnit: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
