import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericHours } from './numeric-hours';

/** A course of related technical instruction offered by an RTI provider organization. */
@Entity('rti_courses')
export class RtiCourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'numeric', precision: 6, scale: 2, transformer: numericHours })
  hours: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
