import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('work_processes')
export class WorkProcessEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'program_occupation_id', type: 'uuid' })
  programOccupationId: string;

  /** Order in the work process schedule, from 1. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'min_hours', type: 'integer' })
  minHours: number;

  @Column({ name: 'max_hours', type: 'integer' })
  maxHours: number;

  @Column({ type: 'text', array: true })
  competencies: string[];
}
