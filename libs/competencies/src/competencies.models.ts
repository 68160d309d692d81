import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim, ValidateIsoDate } from '@journeyline/common/validation';
import { ProgramApproach } from '@journeyline/programs/program.models';

@ObjectType('CompetencySignoff', { description: 'A competency the apprentice demonstrated, signed off by an evaluator.' })
export class CompetencySignoffModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  registrationId: string;

  @Field(() => ID)
  workProcessId: string;

  @Field()
  competency: string;

  @Field()
  achievedOn: string;

  @Field(() => ID)
  evaluatorId: string;

  @Field()
  evaluatorName: string;

  @Field({ nullable: true })
  note?: string;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;
}

@ObjectType('InterimCredential', {
  description: 'A credential earned part-way through a competency-based or hybrid program (29 CFR 29.5(b)(16)).',
})
export class InterimCredentialModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  registrationId: string;

  @Field()
  name: string;

  @Field()
  earnedOn: string;

  @Field({ nullable: true })
  issuedBy?: string;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;
}

@ObjectType('WorkProcessCompetencyProgress')
export class WorkProcessCompetencyProgressModel {
  @Field(() => ID)
  workProcessId: string;

  @Field(() => Int)
  position: number;

  @Field()
  title: string;

  @Field(() => [String])
  requiredCompetencies: string[];

  @Field(() => [CompetencySignoffModel])
  signedOff: CompetencySignoffModel[];

  @Field(() => Int)
  requiredCount: number;

  @Field(() => Int)
  signedOffCount: number;

  @Field({ nullable: true, description: 'Percent signed off, e.g. "33.33" (rounded down); null when none are required.' })
  percentComplete?: string;
}

@ObjectType('CompetencyProgress')
export class CompetencyProgressModel {
  @Field(() => ID)
  registrationId: string;

  @Field(() => ProgramApproach)
  approach: ProgramApproach;

  @Field(() => [WorkProcessCompetencyProgressModel], { description: 'In work process schedule order.' })
  workProcesses: WorkProcessCompetencyProgressModel[];

  @Field(() => Int)
  requiredCount: number;

  @Field(() => Int)
  signedOffCount: number;

  @Field({ nullable: true, description: 'Over all work processes, each competency weighted equally.' })
  percentComplete?: string;

  @Field(() => [InterimCredentialModel])
  interimCredentials: InterimCredentialModel[];
}

@InputType()
export class SignOffCompetencyInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'registrationId must be an id' })
  registrationId: string;

  @Field(() => ID, { description: "A work process of the registration's program occupation." })
  @IsUUID('4', { message: 'workProcessId must be an id' })
  workProcessId: string;

  @Field({ description: 'Exactly as listed on the work process.' })
  @Trim()
  @IsString()
  @Length(1, 500)
  competency: string;

  @Field({ description: 'YYYY-MM-DD; not in the future.' })
  @ValidateIsoDate()
  achievedOn: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

@InputType()
export class RecordInterimCredentialInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'registrationId must be an id' })
  registrationId: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field({ description: 'YYYY-MM-DD; not in the future.' })
  @ValidateIsoDate()
  earnedOn: string;

  @Field({ nullable: true, description: 'Who issued the credential, e.g. the sponsor or a certifying body.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  issuedBy?: string;
}
