import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '@journeyline/common/pagination';
import { Trim, ValidateIsoDate, ValidateMoney, ValidatePercent } from '@journeyline/common/validation';
import { US_STATE_CODES } from '@journeyline/organizations/us-states';
import { RuleFindingModel } from '@journeyline/rules/rule.models';

export enum ProgramApproach {
  TIME_BASED = 'time_based',
  COMPETENCY_BASED = 'competency_based',
  HYBRID = 'hybrid',
}
registerEnumType(ProgramApproach, {
  name: 'ProgramApproach',
  description: 'Training approach of a program occupation (29 CFR 29.5(b)(2)).',
});

export enum RegistrationAgency {
  OA = 'OA',
  SAA = 'SAA',
}
registerEnumType(RegistrationAgency, {
  name: 'RegistrationAgency',
  description: 'OA: the federal Office of Apprenticeship; SAA: a State Apprenticeship Agency.',
});

export enum WageStepMode {
  AUTOMATIC = 'automatic',
  CONFIRM = 'confirm',
}
registerEnumType(WageStepMode, {
  name: 'WageStepMode',
  description: 'Whether a due wage step applies by itself or waits for the sponsor to confirm it.',
});

export enum WageThresholdKind {
  HOURS = 'hours',
  MONTHS = 'months',
}
registerEnumType(WageThresholdKind, {
  name: 'WageThresholdKind',
  description: 'What a wage step is reached by: OJT hours worked or months since the start.',
});

const TrimEach = () =>
  Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value));

// ---------------------------------------------------------------- outputs

@ObjectType('OccupationSummary', { description: 'The occupation a program occupation trains for.' })
export class OccupationSummaryModel {
  @Field(() => ID)
  id: string;

  @Field()
  rapidsCode: string;

  @Field({ nullable: true })
  onetSocCode?: string;

  @Field()
  title: string;
}

@ObjectType('ApprenticeshipRatio', { description: 'Apprentices allowed per number of journeyworkers (29.5(b)(7)).' })
export class RatioModel {
  @Field(() => Int)
  apprentices: number;

  @Field(() => Int)
  journeyworkers: number;
}

@ObjectType('VaProgramApproval', { description: 'State approval for VA education benefits.' })
export class VaApprovalModel {
  @Field({ description: 'VA facility code: 8 characters, the 2nd is 0 for OJT and apprenticeship.' })
  facilityCode: string;

  @Field({ description: 'The program name as approved; VA certifications must repeat it exactly.' })
  approvedProgramName: string;
}

@ObjectType('WorkProcess')
export class WorkProcessModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Order in the work process schedule, from 1.' })
  position: number;

  @Field()
  title: string;

  @Field(() => Int)
  minHours: number;

  @Field(() => Int)
  maxHours: number;

  @Field(() => [String])
  competencies: string[];
}

@ObjectType('WageScheduleStep')
export class WageScheduleStepModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  step: number;

  @Field(() => WageThresholdKind)
  thresholdKind: WageThresholdKind;

  @Field(() => Int, { description: 'OJT hours or months at which the step is reached; 0 for step 1.' })
  thresholdValue: number;

  @Field({ nullable: true, description: 'Share of the journeyworker rate, e.g. "55.00", for percentage steps.' })
  percentOfJourneyworker?: string;

  @Field({ description: 'Hourly rate, e.g. "21.18"; for percentage steps, computed and rounded half up to the cent.' })
  rate: string;
}

@ObjectType('ProgramOccupation', { description: "One occupation's standards within one program version." })
export class ProgramOccupationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ProgramApproach)
  approach: ProgramApproach;

  @Field(() => Int)
  ojtTermHours: number;

  @Field(() => Int)
  termMonths: number;

  @Field(() => Int)
  rtiHoursPerYear: number;

  @Field({ description: 'Whether RTI time is paid (29.7(g)).' })
  rtiPaid: boolean;

  @Field(() => Int)
  probationMonths: number;

  @Field(() => RatioModel)
  ratio: RatioModel;

  @Field({ description: 'Journeyworker hourly rate, e.g. "38.50".' })
  journeyworkerRate: string;

  @Field(() => WageStepMode)
  wageStepMode: WageStepMode;

  @Field(() => VaApprovalModel, { nullable: true })
  va?: VaApprovalModel;

  /** Not exposed: used to resolve `occupation`. */
  occupationId: string;

  /** Not exposed: the version the row belongs to. */
  programVersionId: string;

  /** Not exposed: the base for percentage wage steps. */
  journeyworkerRateCents: number;
}

@ObjectType('ProgramVersion', { description: 'One edition of the standards; older editions are never changed.' })
export class ProgramVersionModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field()
  effectiveDate: string;

  @Field({ nullable: true })
  changeNote?: string;

  /** Not exposed. */
  programId: string;
}

@ObjectType('Program', { description: 'Standards of apprenticeship registered for a sponsor.' })
export class ProgramModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ nullable: true, description: 'Number assigned by the registration agency; formats vary by agency.' })
  programNumber?: string;

  @Field({ description: 'USPS code of the state the program is registered in.' })
  state: string;

  @Field(() => RegistrationAgency)
  registrationAgency: RegistrationAgency;

  /** Not exposed: resolved as `sponsor`. */
  sponsorId: string;

  /** Not exposed: resolved as `currentVersion`. */
  currentVersionId: string | null;
}

@ObjectType()
export class CreateProgramResult {
  @Field(() => ProgramModel)
  program: ProgramModel;

  @Field(() => [RuleFindingModel], { description: 'Rules that flagged the standards without blocking them.' })
  warnings: RuleFindingModel[];
}

@ObjectType()
export class ReviseProgramResult {
  @Field(() => ProgramModel)
  program: ProgramModel;

  @Field(() => [RuleFindingModel], { description: 'Rules that flagged the standards without blocking them.' })
  warnings: RuleFindingModel[];
}

// ---------------------------------------------------------------- inputs

@InputType('ApprenticeshipRatioInput')
export class RatioInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100)
  apprentices: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100)
  journeyworkers: number;
}

@InputType('VaProgramApprovalInput')
export class VaApprovalInput {
  @Field({ description: '8 characters; the 2nd is 0 for OJT and apprenticeship facilities.' })
  @Trim()
  @IsString()
  facilityCode: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 200)
  approvedProgramName: string;
}

@InputType()
export class WorkProcessInput {
  @Field()
  @Trim()
  @IsString()
  @Length(1, 200)
  title: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100_000)
  minHours: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100_000)
  maxHours: number;

  @Field(() => [String], { defaultValue: [] })
  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  competencies?: string[];
}

@InputType()
export class WageScheduleStepInput {
  @Field(() => Int, { description: 'Steps are numbered 1, 2, 3… in order.' })
  @IsInt()
  @Min(1)
  @Max(100)
  step: number;

  @Field(() => WageThresholdKind)
  @IsEnum(WageThresholdKind)
  thresholdKind: WageThresholdKind;

  @Field(() => Int, { description: 'OJT hours or months at which the step is reached; 0 for step 1.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  thresholdValue: number;

  @Field({ nullable: true, description: 'Share of the journeyworker rate, e.g. "55"; give this or rate.' })
  @IsOptional()
  @ValidatePercent()
  percentOfJourneyworker?: string;

  @Field({ nullable: true, description: 'Absolute hourly rate, e.g. "21.50"; give this or percentOfJourneyworker.' })
  @IsOptional()
  @ValidateMoney()
  rate?: string;
}

@InputType()
export class ProgramOccupationInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'occupationId must be an id' })
  occupationId: string;

  @Field(() => ProgramApproach)
  @IsEnum(ProgramApproach)
  approach: ProgramApproach;

  @Field(() => Int, { description: 'On-the-job learning hours of the term.' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  ojtTermHours: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(120)
  termMonths: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(5_000)
  rtiHoursPerYear: number;

  @Field({ description: 'Whether RTI time is paid (29.7(g)).' })
  @IsBoolean()
  rtiPaid: boolean;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(60)
  probationMonths: number;

  @Field(() => RatioInput)
  @ValidateNested()
  @Type(() => RatioInput)
  ratio: RatioInput;

  @Field({ description: 'Journeyworker hourly rate, e.g. "38.50".' })
  @ValidateMoney()
  journeyworkerRate: string;

  @Field(() => WageStepMode, { defaultValue: WageStepMode.CONFIRM })
  @IsOptional()
  @IsEnum(WageStepMode)
  wageStepMode?: WageStepMode;

  @Field(() => [WorkProcessInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => WorkProcessInput)
  workProcesses: WorkProcessInput[];

  @Field(() => [WageScheduleStepInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => WageScheduleStepInput)
  wageSchedule: WageScheduleStepInput[];

  @Field(() => VaApprovalInput, { nullable: true, description: 'Only when the SAA approved the program for VA benefits.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VaApprovalInput)
  va?: VaApprovalInput;
}

/** The standards common to a new program and a revision. */
@InputType({ isAbstract: true })
abstract class StandardsInput {
  @Field({ description: 'Date the standards take effect, YYYY-MM-DD.' })
  @ValidateIsoDate()
  effectiveDate: string;

  @Field(() => [ProgramOccupationInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProgramOccupationInput)
  occupations: ProgramOccupationInput[];
}

@InputType()
export class CreateProgramInput extends StandardsInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'sponsorId must be an id' })
  sponsorId: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field({ nullable: true, description: 'As assigned by the registration agency; up to 32 characters.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 32)
  programNumber?: string;

  @Field({ nullable: true, description: "USPS state code; defaults to the sponsor's state." })
  @IsOptional()
  @IsIn(US_STATE_CODES, { message: 'state must be a USPS state code such as "MI"' })
  state?: string;

  @Field(() => RegistrationAgency)
  @IsEnum(RegistrationAgency)
  registrationAgency: RegistrationAgency;
}

@InputType()
export class ReviseProgramInput extends StandardsInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'programId must be an id' })
  programId: string;

  @Field({ description: 'What changed and why.' })
  @Trim()
  @IsString()
  @Length(1, 500)
  changeNote: string;
}

@InputType({ description: 'Fields outside the standards; changing them writes no new version.' })
export class UpdateProgramDetailsInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'programId must be an id' })
  programId: string;

  @Field({ nullable: true, description: 'Left out: unchanged.' })
  @ValidateIf((_input, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Left out: unchanged; null: cleared.' })
  @ValidateIf((_input, value) => value !== undefined && value !== null)
  @Trim()
  @IsString()
  @Length(1, 32)
  programNumber?: string | null;
}

@ArgsType()
export class ProgramsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('4', { message: 'sponsorId must be an id' })
  sponsorId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsIn(US_STATE_CODES, { message: 'state must be a USPS state code' })
  state?: string;

  @Field(() => ID, { nullable: true, description: "Programs whose current standards include this occupation." })
  @IsOptional()
  @IsUUID('4', { message: 'occupationId must be an id' })
  occupationId?: string;

  @Field({ nullable: true, description: "Programs whose current standards include an occupation with this exact RAPIDS code." })
  @IsOptional()
  @Trim()
  @Matches(/^[0-9]{4}[A-Z]?((CB|HY)(V[0-9]+)?)?$/, { message: 'rapidsCode must be a RAPIDS code such as "0159" or "0870CBV1"' })
  rapidsCode?: string;

  @Field({ nullable: true, description: 'Case-insensitive match on the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameContains?: string;
}
