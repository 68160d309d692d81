import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Trim } from '@journeyline/common/validation';

const AGENCY_ID = /^[\x21-\x7E]+( [\x21-\x7E]+)*$/;
const AGENCY_ID_MESSAGE = 'must be 1 to 64 printable characters (the id as the agency wrote it)';

/** A value sets the id, null clears it, an absent field leaves it as it is. */
@InputType()
export class SetAgencyIdsInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'programId must be an id' })
  programId: string;

  @Field(() => String, { nullable: true, description: "The program's row id in the RAPIDS workbook's Employer tab." })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  @Matches(AGENCY_ID, { message: `employer ${AGENCY_ID_MESSAGE}` })
  employer?: string | null;

  @Field(() => String, { nullable: true, description: 'Row id in the Occupation tab.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  @Matches(AGENCY_ID, { message: `occupation ${AGENCY_ID_MESSAGE}` })
  occupation?: string | null;

  @Field(() => String, { nullable: true, description: 'Row id in the RTI Providers tab.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  @Matches(AGENCY_ID, { message: `rtiProvider ${AGENCY_ID_MESSAGE}` })
  rtiProvider?: string | null;

  @Field(() => String, { nullable: true, description: 'Row id in the Wage Schedules tab.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  @Matches(AGENCY_ID, { message: `wageSchedule ${AGENCY_ID_MESSAGE}` })
  wageSchedule?: string | null;
}

@ObjectType('ProgramAgencyIds', {
  description: "A program's ids in the registration agency's own tables (RAPIDS workbook tabs); RAPIDS exports need all four.",
})
export class ProgramAgencyIdsModel {
  @Field(() => ID)
  programId: string;

  @Field(() => String, { nullable: true })
  employer: string | null;

  @Field(() => String, { nullable: true })
  occupation: string | null;

  @Field(() => String, { nullable: true })
  rtiProvider: string | null;

  @Field(() => String, { nullable: true })
  wageSchedule: string | null;
}
