import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { PageArgs } from '@journeyline/common/pagination';
import { Trim } from '@journeyline/common/validation';
import { Role } from '@journeyline/auth/roles';
import { US_STATE_CODES } from './us-states';

export enum OrganizationKindEnum {
  sponsor = 'sponsor',
  employer = 'employer',
  intermediary = 'intermediary',
  rti_provider = 'rti_provider',
  state_agency = 'state_agency',
  platform = 'platform',
}
registerEnumType(OrganizationKindEnum, { name: 'OrganizationKind' });

// The checks of an organization's details, shared by creation and correction.
const IsStateCode = () => IsIn(US_STATE_CODES, { message: 'state must be a USPS state code such as "MI"' });
const IsEin = () => Matches(/^\d{9}$/, { message: 'ein must be 9 digits' });
const IsNaicsCode = () => Matches(/^\d{2,6}$/, { message: 'naicsCode must be 2 to 6 digits' });
const IsCountyFips = () => Matches(/^\d{5}$/, { message: 'countyFips must be a 5-digit FIPS code' });
const IsGovernmentBody = () => IsBoolean({ message: 'governmentBody must be true or false' });

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID)
  id: string;

  @Field(() => OrganizationKindEnum)
  kind: OrganizationKindEnum;

  @Field()
  name: string;

  @Field({ nullable: true, description: 'USPS state code; for a state agency, the state it oversees.' })
  state?: string;

  @Field({ nullable: true, description: 'Employer Identification Number, 9 digits.' })
  ein?: string;

  @Field({ nullable: true })
  naicsCode?: string;

  @Field({ nullable: true })
  countyFips?: string;

  @Field({ description: 'Run by the United States, a State or a local government: VA\'s 85% wage-increase rule does not apply (38 U.S.C. 3677(b)(2)).' })
  governmentBody: boolean;
}

@InputType()
export class OrganizationDetailsInput {
  @Field()
  @Trim()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsStateCode()
  state?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsEin()
  ein?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNaicsCode()
  naicsCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsCountyFips()
  countyFips?: string;

  @Field({ nullable: true, description: 'Run by the United States, a State or a local government. Default false.' })
  @IsOptional()
  @IsGovernmentBody()
  governmentBody?: boolean;
}

/** Omitted fields keep their value; null clears an optional one. */
@InputType()
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "A state agency's state cannot change." })
  @IsOptional()
  @IsStateCode()
  state?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEin()
  ein?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsNaicsCode()
  naicsCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCountyFips()
  countyFips?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Run by the United States, a State or a local government.' })
  @IsOptional()
  @IsGovernmentBody()
  governmentBody?: boolean | null;
}

@InputType()
export class CreateOrganizationInput extends OrganizationDetailsInput {
  @Field(() => OrganizationKindEnum)
  @IsEnum(OrganizationKindEnum)
  kind: OrganizationKindEnum;
}

@InputType()
export class AddMemberInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'organizationId must be an id' })
  organizationId: string;

  @Field()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 120)
  displayName: string;

  @Field({ nullable: true, description: 'Required when the e-mail has no account yet. At least 12 characters.' })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password?: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'For the apprentice role: the apprentice this login belongs to.' })
  @IsOptional()
  @IsUUID('4', { message: 'apprenticeId must be an id' })
  apprenticeId?: string;
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => OrganizationKindEnum, { nullable: true })
  @IsOptional()
  @IsEnum(OrganizationKindEnum)
  kind?: OrganizationKindEnum;

  @Field({ nullable: true })
  @IsOptional()
  @IsIn(US_STATE_CODES, { message: 'state must be a USPS state code' })
  state?: string;

  @Field({ nullable: true, description: 'Case-insensitive match on the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameContains?: string;
}
