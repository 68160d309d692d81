import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganizationKind } from '@journeyline/auth/roles';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Column()
  name: string;

  @Column({ type: 'char', length: 2, nullable: true })
  state: string | null;

  @Column({ type: 'text', nullable: true })
  ein: string | null;

  @Column({ name: 'naics_code', type: 'text', nullable: true })
  naicsCode: string | null;

  @Column({ name: 'county_fips', type: 'text', nullable: true })
  countyFips: string | null;

  /** Run by the United States, a State or a local government (VA's wage-increase rule does not apply). */
  @Column({ name: 'government_body', type: 'boolean', default: false })
  governmentBody: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
