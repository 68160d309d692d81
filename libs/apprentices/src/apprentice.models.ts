import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '@journeyline/common/pagination';
import { Trim, ValidateIsoDate, ValidateMoney } from '@journeyline/common/validation';
import { US_STATE_CODES } from '@journeyline/organizations/us-states';
import {
  Disability,
  Education,
  Ethnicity,
  Race,
  RegistrationStatusEnum,
  Sex,
  VeteranStatus,
  WageUnit,
} from './vocabulary.models';

export const SUFFIXES = ['I', 'II', 'III', 'Jr.', 'Sr.'] as const;

@ObjectType('Demographics', { description: 'Voluntary self-identification (ETA-671 items 3–6).' })
export class DemographicsModel {
  @Field(() => Sex)
  sex: Sex;

  @Field(() => Ethnicity)
  ethnicity: Ethnicity;

  @Field(() => [Race])
  races: Race[];

  @Field(() => VeteranStatus)
  veteranStatus: VeteranStatus;

  @Field(() => Disability)
  disability: Disability;

  @Field(() => Education)
  education: Education;
}

@ObjectType('Apprentice')
export class ApprenticeModel {
  @Field(() => ID)
  id: string;

  @Field()
  firstName: string;

  @Field({ nullable: true })
  middleName?: string;

  @Field()
  lastName: string;

  @Field({ nullable: true, description: 'I, II, III, Jr. or Sr.' })
  suffix?: string;

  @Field({ description: 'YYYY-MM-DD' })
  dateOfBirth: string;

  @Field({ nullable: true, description: 'The SSN as ***-**-6789; the full number is never returned.' })
  ssnMasked?: string;

  @Field({ nullable: true })
  email?: string;

  @Field({ nullable: true })
  phone?: string;

  @Field({ nullable: true })
  streetAddress?: string;

  @Field({ nullable: true })
  city?: string;

  @Field({ nullable: true })
  state?: string;

  @Field({ nullable: true })
  zipCode?: string;

  @Field(() => DemographicsModel)
  demographics: DemographicsModel;

  @Field({ nullable: true, description: 'Wage before the apprenticeship, as a decimal amount like "18.50".' })
  priorWage?: string;

  @Field(() => WageUnit)
  priorWageUnit: WageUnit;
}

@InputType()
export class DemographicsInput {
  @Field(() => Sex)
  @IsEnum(Sex)
  sex: Sex;

  @Field(() => Ethnicity)
  @IsEnum(Ethnicity)
  ethnicity: Ethnicity;

  @Field(() => [Race], { description: 'One or more races, or [NOT_SELF_IDENTIFIED] alone.' })
  @IsEnum(Race, { each: true })
  races: Race[];

  @Field(() => VeteranStatus)
  @IsEnum(VeteranStatus)
  veteranStatus: VeteranStatus;

  @Field(() => Disability)
  @IsEnum(Disability)
  disability: Disability;

  @Field(() => Education)
  @IsEnum(Education)
  education: Education;
}

/**
 * The optional person fields, shared by registration and update. On update, null clears a field
 * and leaving it out keeps it.
 */
@InputType({ isAbstract: true })
export abstract class PersonOptionalFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 55)
  middleName?: string | null;

  @Field(() => String, { nullable: true, description: 'I, II, III, Jr. or Sr.' })
  @IsOptional()
  @IsIn(SUFFIXES, { message: 'suffix must be one of I, II, III, Jr., Sr.' })
  suffix?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Voluntary (29 CFR 29.7(b)). "123-45-6789" or "123456789". Stored encrypted; read back only as ssnMasked.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(11, { message: 'ssn must be an SSN written as 123-45-6789 or 123456789' })
  ssn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @Matches(/^\+?[0-9 ().-]{7,20}$/, { message: 'phone must be a phone number of 7 to 20 digits and separators' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  streetAddress?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  city?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(US_STATE_CODES, { message: 'state must be a USPS state code such as "MI"' })
  state?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'zipCode must be 5 digits' })
  zipCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Wage before the apprenticeship, e.g. "18.50".' })
  @IsOptional()
  @ValidateMoney()
  priorWage?: string | null;
}

@InputType()
export class PersonInput extends PersonOptionalFields {
  @Field()
  @Trim()
  @IsString()
  @Length(1, 55)
  firstName: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 55)
  lastName: string;

  @Field({ description: 'YYYY-MM-DD' })
  @ValidateIsoDate()
  dateOfBirth: string;

  @Field(() => DemographicsInput)
  @ValidateNested()
  @Type(() => DemographicsInput)
  demographics: DemographicsInput;

  @Field(() => WageUnit, { defaultValue: WageUnit.HOURLY })
  @IsEnum(WageUnit)
  priorWageUnit: WageUnit = WageUnit.HOURLY;
}

/** Only the fields present change; null clears an optional field. */
@InputType()
export class UpdateApprenticeInput extends PersonOptionalFields {
  @Field(() => ID)
  @IsUUID('4', { message: 'apprenticeId must be an id' })
  apprenticeId: string;

  @Field(() => String, { nullable: true })
  @ValidateIf((_input, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 55)
  firstName?: string;

  @Field(() => String, { nullable: true })
  @ValidateIf((_input, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 55)
  lastName?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @ValidateIf((_input, value) => value !== undefined)
  @ValidateIsoDate()
  dateOfBirth?: string;

  @Field(() => DemographicsInput, { nullable: true, description: 'Replaces all demographic answers.' })
  @ValidateIf((_input, value) => value !== undefined)
  @ValidateNested()
  @Type(() => DemographicsInput)
  demographics?: DemographicsInput;

  @Field(() => WageUnit, { nullable: true })
  @ValidateIf((_input, value) => value !== undefined)
  @IsEnum(WageUnit)
  priorWageUnit?: WageUnit;
}

@ArgsType()
export class ApprenticesArgs extends PageArgs {
  @Field({ nullable: true, description: 'Case-insensitive match on the full name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameContains?: string;

  @Field(() => ID, { nullable: true, description: 'Apprentices with a registration under this sponsor.' })
  @IsOptional()
  @IsUUID('4', { message: 'sponsorId must be an id' })
  sponsorId?: string;

  @Field(() => RegistrationStatusEnum, { nullable: true, description: 'Apprentices with a registration in this status.' })
  @IsOptional()
  @IsEnum(RegistrationStatusEnum)
  status?: RegistrationStatusEnum;
}
