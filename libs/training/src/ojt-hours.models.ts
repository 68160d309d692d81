import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '@journeyline/common/pagination';
import { Trim, ValidateHours, ValidateIsoDate } from '@journeyline/common/validation';
import { WorkProcessModel } from '@journeyline/programs/program.models';
import { RuleFindingModel } from '@journeyline/rules/rule.models';

/** Entries one bulk call may touch. */
export const MAX_ENTRIES_PER_CALL = 500;
export const MAX_REJECTION_REASON = 500;

export enum OjtHourStatusEnum {
  DRAFT = 'draft',
  SUBMITTED = 'submitted',
  APPROVED = 'approved',
  REJECTED = 'rejected',
}
registerEnumType(OjtHourStatusEnum, {
  name: 'OjtHourStatus',
  description: 'draft → submitted → approved | rejected. Only approved hours count toward progress, wage steps and reports.',
});

export enum OjtHourSourceEnum {
  UI = 'ui',
  IMPORT = 'import',
  PAYROLL = 'payroll',
}
registerEnumType(OjtHourSourceEnum, { name: 'OjtHourSource' });

@ObjectType('OjtHourEntry', { description: 'On-the-job learning hours worked on one day on one work process.' })
export class OjtHourEntryModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  registrationId: string;

  @Field({ description: 'YYYY-MM-DD' })
  workDate: string;

  @Field(() => Float, { description: 'Quarter hours.' })
  hours: number;

  @Field(() => ID)
  workProcessId: string;

  @Field(() => ID)
  employerId: string;

  @Field({ nullable: true })
  worksite?: string;

  @Field({ nullable: true })
  note?: string;

  @Field(() => OjtHourStatusEnum)
  status: OjtHourStatusEnum;

  @Field(() => OjtHourSourceEnum)
  source: OjtHourSourceEnum;

  @Field({
    description:
      'Logged hours on this work process, counting this entry in date order, exceed its allotted maximum. ' +
      'They still count for DOL progress; VA stops counting them.',
  })
  overAllotment: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  submittedAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the entry was approved or rejected.' })
  decidedAt?: Date;

  @Field({ nullable: true })
  rejectionReason?: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@InputType()
export class LogOjtHoursInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'registrationId must be an id' })
  registrationId: string;

  @Field({ description: 'YYYY-MM-DD; not in the future, not before the registration started.' })
  @ValidateIsoDate()
  workDate: string;

  @Field(() => Float, { description: 'Quarter hours, more than 0 and at most 24.' })
  @ValidateHours(24)
  @IsPositive({ message: 'hours must be more than 0' })
  hours: number;

  @Field(() => ID, { description: "A work process of the standards version the registration was made under." })
  @IsUUID('4', { message: 'workProcessId must be an id' })
  workProcessId: string;

  @Field(() => ID, {
    nullable: true,
    description: "Defaults to the registration's employer; otherwise the sponsor or an employer linked to it.",
  })
  @IsOptional()
  @IsUUID('4', { message: 'employerId must be an id' })
  employerId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  worksite?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @Field({ description: 'Chosen by the client; a retry with the same key returns the entry already logged.' })
  @IsString()
  @Length(1, 200)
  idempotencyKey: string;

  @Field({ nullable: true, description: 'Create the entry as submitted instead of draft.' })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

@InputType()
export class LogOjtHoursBatchInput {
  @Field(() => [LogOjtHoursInput], { description: `1 to ${MAX_ENTRIES_PER_CALL} entries; all are written or none.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ENTRIES_PER_CALL)
  @ValidateNested({ each: true })
  @Type(() => LogOjtHoursInput)
  entries: LogOjtHoursInput[];

  @Field({ defaultValue: false, description: 'Create every entry as submitted.' })
  @IsBoolean()
  submit: boolean = false;
}

@InputType()
export class RejectOjtHoursInput {
  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ENTRIES_PER_CALL)
  @IsUUID('4', { each: true, message: 'entryIds must be ids' })
  entryIds: string[];

  @Field({ description: 'Shown to the apprentice.' })
  @Trim()
  @IsString()
  @Length(1, MAX_REJECTION_REASON)
  reason: string;
}

@InputType()
export class UpdateOjtHoursInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'entryId must be an id' })
  entryId: string;

  @Field({ nullable: true })
  @IsOptional()
  @ValidateIsoDate()
  workDate?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @ValidateHours(24)
  @IsPositive({ message: 'hours must be more than 0' })
  hours?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('4', { message: 'workProcessId must be an id' })
  workProcessId?: string;

  @Field({ nullable: true, description: 'An empty note clears it.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

@ObjectType('LogOjtHoursResult')
export class LogOjtHoursResultModel {
  @Field(() => OjtHourEntryModel)
  entry: OjtHourEntryModel;

  @Field({ description: 'The idempotency key had been used: the entry already logged is returned unchanged.' })
  duplicate: boolean;

  @Field(() => [RuleFindingModel], { description: 'Rules that flagged the entry without blocking it, e.g. an exceeded allotment.' })
  warnings: RuleFindingModel[];
}

@ObjectType('LogOjtHoursBatchResult')
export class LogOjtHoursBatchResultModel {
  @Field(() => [OjtHourEntryModel], { description: 'In the order of the input entries.' })
  entries: OjtHourEntryModel[];

  @Field(() => [Int], { description: 'Positions of entries whose idempotency key had been used; they are returned unchanged.' })
  duplicateIndexes: number[];

  @Field(() => [RuleFindingModel], { description: 'Fields are index paths, e.g. entries.3.workProcessId.' })
  warnings: RuleFindingModel[];
}

@ObjectType('OjtHourEntryResult')
export class OjtHourEntryResultModel {
  @Field(() => OjtHourEntryModel)
  entry: OjtHourEntryModel;

  @Field(() => [RuleFindingModel])
  warnings: RuleFindingModel[];
}

@ArgsType()
export class OjtHourEntriesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('4', { message: 'registrationId must be an id' })
  registrationId?: string;

  @Field(() => OjtHourStatusEnum, { nullable: true })
  @IsOptional()
  @IsEnum(OjtHourStatusEnum)
  status?: OjtHourStatusEnum;

  @Field({ nullable: true, description: 'Work dates from this day (YYYY-MM-DD).' })
  @IsOptional()
  @ValidateIsoDate()
  from?: string;

  @Field({ nullable: true, description: 'Work dates up to and including this day (YYYY-MM-DD).' })
  @IsOptional()
  @ValidateIsoDate()
  to?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('4', { message: 'employerId must be an id' })
  employerId?: string;
}

@ObjectType('WorkProcessProgress')
export class WorkProcessProgressModel {
  @Field(() => WorkProcessModel)
  workProcess: WorkProcessModel;

  @Field(() => Float)
  approvedHours: number;

  @Field(() => Float, { description: 'Draft and submitted hours.' })
  pendingHours: number;

  @Field(() => Float, { description: 'Approved hours still missing to the minimum.' })
  remainingToMin: number;

  @Field({ description: 'Approved and pending hours together exceed the allotted maximum.' })
  overAllotment: boolean;
}

@ObjectType('RegistrationProgress', { description: 'Progress toward the term. Only approved hours count.' })
export class RegistrationProgressModel {
  @Field(() => ID)
  registrationId: string;

  @Field(() => [WorkProcessProgressModel], { description: 'In the order of the work process schedule.' })
  byWorkProcess: WorkProcessProgressModel[];

  @Field(() => Int)
  ojtTermHours: number;

  @Field(() => Float)
  approvedOjtHours: number;

  @Field(() => Float, { description: 'Draft and submitted hours, not yet counted.' })
  pendingOjtHours: number;

  @Field(() => Int)
  priorCreditOjtHours: number;

  @Field(() => Float, { description: 'Term minus approved hours and prior credit, never below 0.' })
  remainingOjtHours: number;

  @Field({ description: '(approved + prior credit) / term × 100, one decimal, e.g. "37.5".' })
  percentOfTerm: string;

  @Field(() => Float, { description: 'Approved hours dated in the last 90 days, today included: the pace behind the projection.' })
  approvedHoursLast90Days: number;

  @Field({ description: 'Start of the current program year; years count from the registration start date.' })
  programYearStart: string;

  @Field(() => Float)
  rtiHoursThisProgramYear: number;

  @Field(() => Int, { description: "RTI hours per year the agreement's standards require." })
  rtiRequiredHoursPerYear: number;

  @Field(() => Int, { description: 'The recommended minimum (29 CFR 29.7(e)(2); rule standards.rti_hours_per_year).' })
  rtiRecommendedHoursPerYear: number;

  @Field(() => Float, { description: 'Required hours prorated to the share of the program year elapsed.' })
  rtiExpectedHoursToDate: number;

  @Field({ description: 'RTI hours this program year are at least the prorated requirement.' })
  rtiOnPace: boolean;

  @Field({ nullable: true, description: 'Remaining hours at the pace of the last 90 days; null when none were approved then.' })
  projectedCompletionDate?: string;

  @Field({ description: "From the agreement: start date plus the term, shortened by prior credit." })
  expectedCompletionDate: string;
}
