import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Trim, ValidateIsoDate } from '@journeyline/common/validation';

export enum WageStepTrigger {
  ENTRY = 'entry',
  HOURS_REACHED = 'hours_reached',
  TIME_ELAPSED = 'time_elapsed',
  CREDIT_GRANTED = 'credit_granted',
  CONFIRMED = 'confirmed',
}
registerEnumType(WageStepTrigger, {
  name: 'WageStepTrigger',
  description:
    'Why a wage step applies: the entry wage, OJT hours reached, time elapsed, prior credit, or a sponsor confirming a proposed step.',
});

export enum WageStepProposalStatus {
  PENDING = 'pending',
  CONFIRMED = 'confirmed',
  DECLINED = 'declined',
}
registerEnumType(WageStepProposalStatus, { name: 'WageStepProposalStatus' });

@ObjectType('WageHistoryEntry', { description: 'A wage step applied to a registration. Append-only.' })
export class WageHistoryEntryModel {
  @Field(() => Int)
  step: number;

  @Field({ description: 'Hourly rate, decimal dollars, e.g. "23.10".' })
  rate: string;

  @Field({ description: 'The rate as a percentage of the journeyworker rate, e.g. "55.00".' })
  percentOfJourneyworker: string;

  @Field({ description: 'YYYY-MM-DD.' })
  effectiveDate: string;

  @Field(() => WageStepTrigger)
  trigger: WageStepTrigger;

  @Field(() => Float, { nullable: true, description: 'OJT hours, prior credit included, when the step became due.' })
  hoursAtTrigger?: number;
}

@ObjectType('WageStepProposal', { description: 'A wage step that is due and waits for the sponsor to confirm it.' })
export class WageStepProposalModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  registrationId: string;

  @Field(() => Int)
  step: number;

  @Field({ description: 'Hourly rate, decimal dollars.' })
  rate: string;

  @Field()
  percentOfJourneyworker: string;

  @Field({ description: 'YYYY-MM-DD: the date the threshold was crossed; a confirmed step takes effect from it.' })
  dueDate: string;

  @Field(() => WageStepTrigger)
  trigger: WageStepTrigger;

  @Field(() => Float, { nullable: true })
  hoursAtTrigger?: number;

  @Field(() => WageStepProposalStatus)
  status: WageStepProposalStatus;
}

@InputType()
export class DeclineWageStepInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'proposalId must be an id' })
  proposalId: string;

  @Field({ description: 'Why the step is not granted now; kept in the audit log.' })
  @Trim()
  @IsString()
  @Length(1, 500)
  reason: string;
}

@InputType()
export class RecordJourneyworkersInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'employerId must be an id' })
  employerId: string;

  @Field({ nullable: true, description: 'Leave out for the employer as a whole.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  worksite?: string;

  @Field({ description: 'YYYY-MM-DD; the count holds from this date until a later one.' })
  @ValidateIsoDate()
  effectiveDate: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100000)
  journeyworkers: number;
}

@ObjectType('JourneyworkerCount', { description: 'Journeyworkers an employer had on hand from a date, for ratio checks.' })
export class JourneyworkerCountModel {
  @Field(() => ID)
  employerId: string;

  @Field({ nullable: true, description: 'Null for the employer as a whole.' })
  worksite?: string;

  @Field()
  effectiveDate: string;

  @Field(() => Int)
  journeyworkers: number;
}
