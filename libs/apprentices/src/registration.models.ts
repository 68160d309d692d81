import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '@journeyline/common/pagination';
import { Trim, ValidateIsoDate } from '@journeyline/common/validation';
import { US_STATE_CODES } from '@journeyline/organizations/us-states';
import { RuleFindingModel } from '@journeyline/rules/rule.models';
import { PersonInput } from './apprentice.models';
import { MAX_REASON_LENGTH } from './registration-status';
import { CareerConnection, EmploymentStatus, RegistrationStatusEnum, VaChapter } from './vocabulary.models';

@ObjectType('PriorCredit', { description: 'Credit for previous experience (29 CFR 29.5(b)(12)).' })
export class PriorCreditModel {
  @Field({ nullable: true })
  description?: string;

  @Field(() => Int)
  ojtHours: number;

  @Field(() => Int)
  rtiHours: number;
}

@ObjectType('VaBenefit', { description: 'GI Bill details, when the apprentice trains with VA benefits.' })
export class VaBenefitModel {
  @Field(() => VaChapter)
  chapter: VaChapter;

  @Field({ nullable: true })
  vaFileNumber?: string;

  @Field({ nullable: true })
  enrollmentStart?: string;

  @Field({ nullable: true })
  enrollmentEnd?: string;
}

@ObjectType('RegistrationStatusEvent')
export class RegistrationStatusEventModel {
  @Field(() => RegistrationStatusEnum, { nullable: true, description: 'Null for the entry that opened the registration.' })
  fromStatus?: RegistrationStatusEnum;

  @Field(() => RegistrationStatusEnum)
  toStatus: RegistrationStatusEnum;

  @Field()
  effectiveDate: string;

  @Field()
  reason: string;

  @Field({ description: 'The change took effect before probation ended.' })
  duringProbation: boolean;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;
}

@ObjectType('Registration', { description: 'An apprenticeship agreement: one apprentice, one program occupation, one employer.' })
export class RegistrationModel {
  @Field(() => ID)
  id: string;

  @Field(() => RegistrationStatusEnum)
  status: RegistrationStatusEnum;

  @Field({ description: 'The RAPIDS apprentice status code (PR, RE, SU, RI, CO, CA, TR).' })
  rapidsStatusCode: string;

  @Field()
  startDate: string;

  @Field({ nullable: true, description: 'When the agreement became registered.' })
  registrationDate?: string;

  @Field({ description: 'Effective date of the latest status change.' })
  statusDate: string;

  @Field()
  probationEndDate: string;

  @Field({ description: 'Start date plus the term, shortened by prior OJT credit.' })
  expectedCompletionDate: string;

  @Field({ description: 'Cancelled before probation ended; not counted against the completion rate (29 CFR 29.6(d)).' })
  cancelledDuringProbation: boolean;

  @Field(() => EmploymentStatus)
  employmentStatus: EmploymentStatus;

  @Field(() => CareerConnection, { nullable: true })
  careerConnection?: CareerConnection;

  @Field(() => PriorCreditModel)
  priorCredit: PriorCreditModel;

  @Field(() => VaBenefitModel, { nullable: true })
  va?: VaBenefitModel;

  @Field(() => ID)
  programOccupationId: string;

  @Field(() => ID)
  programId: string;

  @Field(() => ID)
  sponsorId: string;

  @Field(() => ID)
  employerId: string;

  @Field(() => ID)
  apprenticeId: string;

  @Field({ description: 'The registration agency state (copied from the program).' })
  state: string;

  @Field(() => ID, { nullable: true, description: 'The registration this one continues after a transfer.' })
  transferredFromId?: string;
}

@ObjectType('RegistrationResult')
export class RegistrationResultModel {
  @Field(() => RegistrationModel)
  registration: RegistrationModel;

  @Field(() => [RuleFindingModel], { description: 'Rules that flagged the change without blocking it.' })
  warnings: RuleFindingModel[];
}

@InputType()
export class PriorCreditInput {
  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 255)
  description?: string;

  @Field(() => Int, { description: 'OJT hours credited; must be below the occupation term.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  ojtHours: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100000)
  rtiHours: number;
}

@InputType()
export class VaBenefitInput {
  @Field(() => VaChapter)
  @IsEnum(VaChapter)
  chapter: VaChapter;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{8,9}$/, { message: 'vaFileNumber must be 8 or 9 digits' })
  vaFileNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @ValidateIsoDate()
  enrollmentStart?: string;

  @Field({ nullable: true })
  @IsOptional()
  @ValidateIsoDate()
  enrollmentEnd?: string;
}

@InputType()
export class NewRegistrationInput {
  @Field(() => ID, { description: "An occupation of the program's current standards version." })
  @IsUUID('4', { message: 'programOccupationId must be an id' })
  programOccupationId: string;

  @Field(() => ID, { description: 'The sponsor itself or an employer linked to it.' })
  @IsUUID('4', { message: 'employerId must be an id' })
  employerId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @ValidateIsoDate()
  startDate: string;

  @Field(() => EmploymentStatus)
  @IsEnum(EmploymentStatus)
  employmentStatus: EmploymentStatus;

  @Field(() => CareerConnection, { nullable: true })
  @IsOptional()
  @IsEnum(CareerConnection)
  careerConnection?: CareerConnection;

  @Field(() => PriorCreditInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PriorCreditInput)
  priorCredit?: PriorCreditInput;

  @Field(() => VaBenefitInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => VaBenefitInput)
  va?: VaBenefitInput;
}

@InputType()
export class RegisterApprenticeInput {
  @Field(() => PersonInput)
  @ValidateNested()
  @Type(() => PersonInput)
  person: PersonInput;

  @Field(() => NewRegistrationInput)
  @ValidateNested()
  @Type(() => NewRegistrationInput)
  registration: NewRegistrationInput;
}

@InputType()
export class TransitionRegistrationInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'registrationId must be an id' })
  registrationId: string;

  @Field(() => RegistrationStatusEnum, { description: 'For a transfer use transferRegistration.' })
  @IsEnum(RegistrationStatusEnum)
  toStatus: RegistrationStatusEnum;

  @Field({ description: 'YYYY-MM-DD; not before the last status change, not in the future.' })
  @ValidateIsoDate()
  effectiveDate: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, MAX_REASON_LENGTH)
  reason: string;
}

@InputType()
export class TransferRegistrationInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'registrationId must be an id' })
  registrationId: string;

  @Field({ description: 'YYYY-MM-DD: the old agreement ends and the new one starts on this date.' })
  @ValidateIsoDate()
  effectiveDate: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, MAX_REASON_LENGTH)
  reason: string;

  @Field(() => ID)
  @IsUUID('4', { message: 'newProgramOccupationId must be an id' })
  newProgramOccupationId: string;

  @Field(() => ID)
  @IsUUID('4', { message: 'newEmployerId must be an id' })
  newEmployerId: string;
}

@ArgsType()
export class RegistrationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('4', { message: 'sponsorId must be an id' })
  sponsorId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('4', { message: 'programId must be an id' })
  programId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('4', { message: 'employerId must be an id' })
  employerId?: string;

  @Field(() => RegistrationStatusEnum, { nullable: true })
  @IsOptional()
  @IsEnum(RegistrationStatusEnum)
  status?: RegistrationStatusEnum;

  @Field({ nullable: true })
  @IsOptional()
  @IsIn(US_STATE_CODES, { message: 'state must be a USPS state code' })
  state?: string;
}

