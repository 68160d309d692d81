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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
