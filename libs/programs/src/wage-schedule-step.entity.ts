import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintCents } from './bigint-cents';

export type ThresholdKindCode = 'hours' | 'months';

/** A step is paid either as a share of the journeyworker rate or as an absolute rate, never both. */
@Entity('wage_schedule_steps')
export class WageScheduleStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'program_occupation_id', type: 'uuid' })
  programOccupationId: string;

  @Column({ type: 'integer' })
  step: number;

  @Column({ name: 'threshold_kind', type: 'text' })
  thresholdKind: ThresholdKindCode;

  @Column({ name: 'threshold_value', type: 'integer' })
  thresholdValue: number;

  @Column({ name: 'rate_kind', type: 'text' })
  rateKind: 'percent' | 'absolute';

  @Column({ name: 'percent_basis_points', type: 'integer', nullable: true })
  percentBasisPoints: number | null;

  @Column({ name: 'rate_cents', type: 'bigint', nullable: true, transformer: bigintCents })
  rateCents: number | null;
}
