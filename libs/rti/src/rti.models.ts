import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsPositive, IsString, IsUUID, Length } from 'class-validator';
import { PageArgs } from '@journeyline/common/pagination';
import { Trim, ValidateHours, ValidateIsoDate } from '@journeyline/common/validation';

export enum RtiEnrollmentStatusEnum {
  ENROLLED = 'enrolled',
  COMPLETED = 'completed',
  WITHDRAWN = 'withdrawn',
}
registerEnumType(RtiEnrollmentStatusEnum, { name: 'RtiEnrollmentStatus' });

@ObjectType('RtiProvider', { description: 'An organization that gives related technical instruction.' })
export class RtiProviderModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType('RtiCourse')
export class RtiCourseModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  providerId: string;

  @Field({ nullable: true })
  code?: string;

  @Field()
  title: string;

  @Field(() => Float, { description: 'Scheduled instruction hours of the course.' })
  hours: number;
}

@ObjectType('RtiEnrollment')
export class RtiEnrollmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  registrationId: string;

  @Field(() => ID)
  courseId: string;

  @Field()
  enrolledOn: string;

  @Field(() => RtiEnrollmentStatusEnum)
  status: RtiEnrollmentStatusEnum;

  @Field({ nullable: true })
  completedOn?: string;

  @Field({ nullable: true })
  grade?: string;
}

@ObjectType('RtiAttendance', { description: 'One attended session of related technical instruction.' })
export class RtiAttendanceModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  enrollmentId: string;

  @Field(() => ID)
  registrationId: string;

  @Field()
  sessionDate: string;

  @Field(() => Float)
  hours: number;

  @Field({ description: 'Paid at regular wages.' })
  paid: boolean;

  @Field({ description: 'Held during regular working hours.' })
  duringWorkHours: boolean;

  @Field({ description: 'Counts toward VA monthly hours: paid and during working hours (VA/SAA guidance).' })
  vaCountable: boolean;

  @Field()
  idempotencyKey: string;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;
}

@ObjectType('RtiCourseHours')
export class RtiCourseHoursModel {
  @Field(() => RtiCourseModel)
  course: RtiCourseModel;

  @Field(() => ID)
  enrollmentId: string;

  @Field(() => RtiEnrollmentStatusEnum)
  status: RtiEnrollmentStatusEnum;

  @Field()
  enrolledOn: string;

  @Field({ nullable: true })
  completedOn?: string;

  @Field(() => Float, { description: 'Hours attended in this course.' })
  hours: number;

  @Field({ nullable: true })
  grade?: string;
}

@ObjectType('RtiProgramYearHours')
export class RtiProgramYearHoursModel {
  @Field(() => Int, { description: '1 for the first twelve months after the registration start date.' })
  year: number;

  @Field()
  startsOn: string;

  @Field(() => Float)
  hours: number;
}

@ObjectType('RtiSummary')
export class RtiSummaryModel {
  @Field(() => ID)
  registrationId: string;

  @Field(() => Float, { description: 'Hours attended under this registration (the DOL view); prior credit is separate.' })
  totalHours: number;

  @Field(() => Float, { description: 'Attended hours that were paid and during working hours: what VA counts.' })
  vaCountableHours: number;

  @Field(() => Int, { description: 'RTI hours credited for previous training when the registration was made.' })
  priorCreditHours: number;

  @Field(() => [RtiCourseHoursModel])
  byCourse: RtiCourseHoursModel[];

  @Field(() => [RtiProgramYearHoursModel], { description: 'From year 1 to the last year with hours; empty years show 0.' })
  byProgramYear: RtiProgramYearHoursModel[];
}

@InputType()
export class CreateRtiCourseInput {
  @Field(() => ID, { description: 'An organization of kind rti_provider.' })
  @IsUUID('4', { message: 'providerId must be an id' })
  providerId: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 40)
  code?: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 200)
  title: string;

  @Field(() => Float, { description: 'Scheduled hours, in quarter hours.' })
  @ValidateHours(9999)
  @IsPositive()
  hours: number;
}

@InputType()
export class EnrollInRtiInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'registrationId must be an id' })
  registrationId: string;

  @Field(() => ID)
  @IsUUID('4', { message: 'courseId must be an id' })
  courseId: string;

  @Field({ description: 'YYYY-MM-DD; not before the registration start date.' })
  @ValidateIsoDate()
  enrolledOn: string;
}

@InputType()
export class CompleteRtiEnrollmentInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'enrollmentId must be an id' })
  enrollmentId: string;

  @Field()
  @ValidateIsoDate()
  completedOn: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 20)
  grade?: string;
}

@InputType()
export class WithdrawRtiEnrollmentInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'enrollmentId must be an id' })
  enrollmentId: string;

  @Field()
  @ValidateIsoDate()
  effectiveDate: string;
}

@InputType()
export class RecordRtiAttendanceInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'enrollmentId must be an id' })
  enrollmentId: string;

  @Field({ description: 'YYYY-MM-DD; not in the future, not before enrollment, not after completion.' })
  @ValidateIsoDate()
  sessionDate: string;

  @Field(() => Float, { description: 'Quarter hours, more than 0 and at most 24.' })
  @ValidateHours(24)
  @IsPositive()
  hours: number;

  @Field({ description: 'Paid at regular wages.' })
  @IsBoolean()
  paid: boolean;

  @Field({ description: 'Held during regular working hours.' })
  @IsBoolean()
  duringWorkHours: boolean;

  @Field({ description: 'Chosen by the client; a retry with the same key returns the first record instead of adding one.' })
  @IsString()
  @Length(1, 200)
  idempotencyKey: string;
}

@ArgsType()
export class RtiCoursesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('4', { message: 'providerId must be an id' })
  providerId?: string;
}
