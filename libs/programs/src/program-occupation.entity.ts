import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintCents } from './bigint-cents';

export type Approach = 'time_based' | 'competency_based' | 'hybrid';
export type WageStepModeCode = 'automatic' | 'confirm';

/** One occupation's standards within one program version. Registrations point here. */
@Entity('program_occupations')
export class ProgramOccupationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'program_version_id', type: 'uuid' })
  programVersionId: string;

  @Column({ name: 'occupation_id', type: 'uuid' })
  occupationId: string;

  @Column({ type: 'text' })
  approach: Approach;

  @Column({ name: 'ojt_term_hours', type: 'integer' })
  ojtTermHours: number;

  @Column({ name: 'term_months', type: 'integer' })
  termMonths: number;

  @Column({ name: 'rti_hours_per_year', type: 'integer' })
  rtiHoursPerYear: number;

  @Column({ name: 'rti_paid', type: 'boolean' })
  rtiPaid: boolean;

  @Column({ name: 'probation_months', type: 'integer' })
  probationMonths: number;

  @Column({ name: 'ratio_apprentices', type: 'integer' })
  ratioApprentices: number;

  @Column({ name: 'ratio_journeyworkers', type: 'integer' })
  ratioJourneyworkers: number;

  @Column({ name: 'journeyworker_rate_cents', type: 'bigint', transformer: bigintCents })
  journeyworkerRateCents: number;

  @Column({ name: 'wage_step_mode', type: 'text' })
  wageStepMode: WageStepModeCode;

  @Column({ name: 'va_facility_code', type: 'text', nullable: true })
  vaFacilityCode: string | null;

  @Column({ name: 'va_approved_program_name', type: 'text', nullable: true })
  vaApprovedProgramName: string | null;
}
