import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Approach } from './occupation-list-parser';

/** An apprenticeable occupation from the DOL list: public reference data, not owned by any tenant. */
@Entity('occupations')
export class OccupationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Normalized, e.g. `0159` or `0870CBV1`. */
  @Column({ name: 'rapids_code', type: 'text' })
  rapidsCode: string;

  @Column({ name: 'onet_soc_code', type: 'text', nullable: true })
  onetSocCode: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'onet_title', type: 'text', nullable: true })
  onetTitle: string | null;

  @Column({ type: 'text', array: true })
  approaches: Approach[];

  @Column({ name: 'time_based_hours', type: 'integer', nullable: true })
  timeBasedHours: number | null;

  @Column({ name: 'hybrid_min_hours', type: 'integer', nullable: true })
  hybridMinHours: number | null;

  @Column({ name: 'hybrid_max_hours', type: 'integer', nullable: true })
  hybridMaxHours: number | null;

  @Column({ type: 'text', nullable: true })
  bulletins: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
