import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '@journeyline/common/pagination';
import { Trim, ValidateIsoDate } from '@journeyline/common/validation';

export enum ReportScopeKindEnum {
  SPONSOR = 'sponsor',
  PROGRAM = 'program',
  INTERMEDIARY = 'intermediary',
  FACILITY_CODE = 'facility_code',
}
registerEnumType(ReportScopeKindEnum, {
  name: 'ReportScopeKind',
  description: "What a run covers: a sponsor's registrations, a program's, every client of an intermediary, or a VA facility code's.",
});

export enum ReportRunStatusEnum {
  QUEUED = 'queued',
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}
registerEnumType(ReportRunStatusEnum, { name: 'ReportRunStatus' });

export enum ReportArtifactKindEnum {
  CSV = 'csv',
  JSON = 'json',
  XLSX = 'xlsx',
  PDF = 'pdf',
}
registerEnumType(ReportArtifactKindEnum, { name: 'ReportArtifactKind' });

@InputType()
export class ReportScopeInput {
  @Field(() => ReportScopeKindEnum)
  @IsEnum(ReportScopeKindEnum)
  kind: ReportScopeKindEnum;

  @Field({ description: 'The sponsor, program or intermediary id, or the 8-character facility code.' })
  @Trim()
  @IsString()
  @Length(1, 64)
  id: string;
}

@InputType()
export class ReportPeriodInput {
  @Field({ description: 'YYYY-MM-DD, inclusive.' })
  @ValidateIsoDate()
  start: string;

  @Field({ description: 'YYYY-MM-DD, inclusive.' })
  @ValidateIsoDate()
  end: string;
}

@InputType()
export class ReportOptionInput {
  @Field()
  @IsString()
  @Length(1, 100)
  key: string;

  @Field()
  @IsString()
  @MaxLength(200)
  value: string;
}

@InputType()
export class RequestReportRunInput {
  @Field({ description: 'A format id, e.g. "dol.rapids-upload" or "va.monthly-certification".' })
  @Trim()
  @IsString()
  @Length(1, 64)
  format: string;

  @Field(() => ReportScopeInput)
  @ValidateNested()
  @Type(() => ReportScopeInput)
  scope: ReportScopeInput;

  @Field(() => ReportPeriodInput, { nullable: true, description: 'The reporting period; give this or month.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportPeriodInput)
  period?: ReportPeriodInput | null;

  @Field(() => String, { nullable: true, description: 'A calendar month "YYYY-MM" as the period; give this or period.' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month as YYYY-MM' })
  month?: string | null;

  @Field(() => String, { nullable: true, description: 'The reporting date, YYYY-MM-DD; today when omitted.' })
  @IsOptional()
  @ValidateIsoDate()
  asOf?: string | null;

  @Field(() => [ReportOptionInput], { defaultValue: [], description: "The format's options (see docs/reporting.md)." })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ReportOptionInput)
  options: ReportOptionInput[] = [];

  @Field({
    defaultValue: false,
    description: 'Put full SSNs in the artifacts (RAPIDS upload and VA formats only). The export and every download are audited.',
  })
  @IsBoolean()
  includeSsn: boolean = false;
}

@ObjectType('ReportScope')
export class ReportScopeModel {
  @Field(() => ReportScopeKindEnum)
  kind: ReportScopeKindEnum;

  @Field()
  id: string;
}

@ObjectType('ReportPeriod')
export class ReportPeriodModel {
  @Field()
  start: string;

  @Field()
  end: string;
}

@ObjectType('ReportOption')
export class ReportOptionModel {
  @Field()
  key: string;

  @Field()
  value: string;
}

@ObjectType('ReportArtifact')
export class ReportArtifactModel {
  @Field(() => ReportArtifactKindEnum)
  kind: ReportArtifactKindEnum;

  @Field(() => Float, { description: 'Bytes.' })
  size: number;

  @Field({ description: 'SHA-256 of the file, lower-case hex (also sent as Digest and X-Checksum-SHA256 on download).' })
  sha256: string;

  @Field()
  contentType: string;

  @Field()
  fileName: string;

  @Field({ description: 'Where to GET the file, relative to the api, with the same bearer token.' })
  url: string;
}

@ObjectType('ReportRun')
export class ReportRunModel {
  @Field(() => ID)
  id: string;

  @Field()
  format: string;

  @Field(() => ReportScopeModel)
  scope: ReportScopeModel;

  @Field(() => ReportPeriodModel)
  period: ReportPeriodModel;

  @Field()
  asOf: string;

  @Field(() => [ReportOptionModel])
  options: ReportOptionModel[];

  @Field()
  includeSsn: boolean;

  @Field(() => ReportRunStatusEnum)
  status: ReportRunStatusEnum;

  @Field(() => Int, { description: 'Registrations processed so far.' })
  processed: number;

  @Field(() => Int, { nullable: true, description: 'Registrations in the scope; known once the run has started.' })
  total?: number;

  @Field({ description: 'Requested by the monthly schedule, not by a person.' })
  scheduled: boolean;

  @Field()
  requestedAt: Date;

  @Field({ nullable: true })
  startedAt?: Date;

  @Field({ nullable: true })
  finishedAt?: Date;

  @Field({ nullable: true, description: 'Why the run failed, or why the latest attempt did while it is retried.' })
  error?: string;
}

@ObjectType('ReportProblem', { description: 'Why a record is not in the report: the field, the rule it broke and where the rule comes from.' })
export class ReportProblemModel {
  @Field(() => ID, { nullable: true })
  registrationId?: string;

  @Field({ nullable: true })
  apprenticeName?: string;

  @Field({ description: 'Path in the ApprenticeRecord, e.g. program.agencyIds.employer.' })
  field: string;

  @Field()
  rule: string;

  @Field()
  message: string;

  @Field()
  source: string;
}

@ArgsType()
export class ReportRunsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  format?: string;

  @Field(() => ReportRunStatusEnum, { nullable: true })
  @IsOptional()
  @IsEnum(ReportRunStatusEnum)
  status?: ReportRunStatusEnum;
}

@ArgsType()
export class ReportProblemsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'runId must be an id' })
  runId: string;
}
