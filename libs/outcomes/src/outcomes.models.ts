import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trim, ValidateIsoDate } from '@journeyline/common/validation';
import { US_STATE_CODES } from '@journeyline/organizations/us-states';
import { OutcomeDimension } from './dimensions';

export enum OutcomeRowKind {
  CELL = 'cell',
  MARGIN = 'margin',
  TOTAL = 'total',
}
registerEnumType(OutcomeRowKind, {
  name: 'OutcomeRowKind',
  description: 'CELL: one value of every grouped dimension. MARGIN (two dimensions only): one value of one, all of the other. TOTAL: all.',
});

export enum OutcomeSourceEnum {
  CUBE = 'cube',
  FACTS = 'facts',
}
registerEnumType(OutcomeSourceEnum, {
  name: 'OutcomeSource',
  description: 'Which rollup answered: the monthly cube, or the per-registration fact table (narrow scopes, rare groupings).',
});

export enum OutcomeExportFormat {
  CSV = 'csv',
  XLSX = 'xlsx',
}
registerEnumType(OutcomeExportFormat, { name: 'OutcomeExportFormat' });

export enum RepresentationPopulationEnum {
  NEW_REGISTRATIONS = 'new_registrations',
  ACTIVE_AT_END = 'active_at_end',
}
registerEnumType(RepresentationPopulationEnum, {
  name: 'RepresentationPopulation',
  description: 'Which apprentices are compared with the baseline: those who started in the period, or those active at its end.',
});

export enum OutcomeRunKindEnum {
  REBUILD = 'rebuild',
  CONSISTENCY_CHECK = 'consistency_check',
}
registerEnumType(OutcomeRunKindEnum, { name: 'OutcomeRunKind' });

export enum OutcomeRunStatusEnum {
  QUEUED = 'queued',
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}
registerEnumType(OutcomeRunStatusEnum, { name: 'OutcomeRunStatus' });

const RAPIDS_CODE = /^\d{4}[A-Z]?((CB|HY)(V\d+)?)?$/;
const ONET_SOC_CODE = /^\d{2}-\d{4}\.\d{2}$/;
const STATE_OR_NATION = [...US_STATE_CODES, 'US'];

@InputType()
export class OutcomeFilterInput {
  @Field(() => [String], { nullable: true, description: 'USPS state codes, within your reach.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @IsIn(US_STATE_CODES, { each: true, message: 'states must be USPS state codes such as "MI"' })
  states?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'programIds must be ids' })
  programIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'sponsorIds must be ids' })
  sponsorIds?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'RAPIDS occupation codes: a 4-digit base code (e.g. "0159") matches its competency-based and hybrid variants too.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(RAPIDS_CODE, { each: true, message: 'occupationCodes must be RAPIDS codes such as "0159" or "0870CBV1"' })
  occupationCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'O*NET-SOC codes, e.g. "47-2111.00".' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(ONET_SOC_CODE, { each: true, message: 'onetSocCodes must look like "47-2111.00"' })
  onetSocCodes?: string[];

  @Field({ nullable: true, description: "The sponsor's NAICS code starts with these 2 to 6 digits." })
  @IsOptional()
  @Matches(/^\d{2,6}$/, { message: 'naicsPrefix must be 2 to 6 digits' })
  naicsPrefix?: string;

  @Field(() => [String], { nullable: true, description: "5-digit county FIPS codes (the employer's county, else the sponsor's)." })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(/^\d{5}$/, { each: true, message: 'countyFips must be 5-digit FIPS codes' })
  countyFips?: string[];

  @Field(() => [Int], { nullable: true, description: 'Start-year cohorts (calendar year of the start date).' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1900, { each: true })
  @Max(2200, { each: true })
  cohortYears?: number[];
}

@InputType()
export class OutcomePeriodInput {
  @Field({ description: 'First day of a month, YYYY-MM-DD.' })
  @ValidateIsoDate()
  from: string;

  @Field({ description: 'Last day of a month, YYYY-MM-DD.' })
  @ValidateIsoDate()
  to: string;
}

@ArgsType()
export class OutcomesArgs {
  @Field(() => OutcomeFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OutcomeFilterInput)
  filter?: OutcomeFilterInput;

  @Field(() => [OutcomeDimension], { defaultValue: [], description: 'At most two dimensions.' })
  @IsArray()
  @ArrayMaxSize(2)
  @IsEnum(OutcomeDimension, { each: true })
  groupBy: OutcomeDimension[];

  @Field(() => OutcomePeriodInput)
  @ValidateNested()
  @Type(() => OutcomePeriodInput)
  period: OutcomePeriodInput;
}

@ArgsType()
export class ExportOutcomesArgs extends OutcomesArgs {
  @Field(() => OutcomeExportFormat)
  @IsEnum(OutcomeExportFormat)
  format: OutcomeExportFormat;
}

@ObjectType('OutcomeGroup')
export class OutcomeGroupModel {
  @Field(() => OutcomeDimension)
  dimension: OutcomeDimension;

  @Field({ nullable: true, description: 'The code or id; null where the row covers every value of the dimension.' })
  value?: string;

  @Field()
  label: string;
}

@ObjectType('OutcomeMeasures', {
  description:
    'Definitions in docs/outcomes.md. Null with the name in suppressedMeasures: withheld (small cell); null otherwise: does not apply. ' +
    'Rates are percentages ("55.50"); wages hourly dollars ("23.45"); months and RTI hours decimals.',
})
export class OutcomeMeasuresModel {
  @Field(() => Int, { nullable: true, description: 'Registered before the period and not exited before it started.' })
  activeAtStart?: number | null;

  @Field(() => Int, { nullable: true, description: 'Started in the period: the cohort the rates below follow.' })
  newRegistrations?: number | null;

  @Field(() => Int, { nullable: true, description: 'Completed in the period.' })
  completers?: number | null;

  @Field(() => Int, { nullable: true, description: 'Cancelled in the period after probation.' })
  cancellations?: number | null;

  @Field(() => Int, { nullable: true, description: 'Cancelled in the period during probation (29 CFR 29.6: not held against the completion rate).' })
  probationaryCancellations?: number | null;

  @Field(() => Int, { nullable: true, description: 'Transferred out in the period.' })
  transfers?: number | null;

  @Field(() => Int, { nullable: true, description: 'Registered at the end of the period.' })
  activeAtEnd?: number | null;

  @Field(() => String, { nullable: true, description: 'Cohort completers / (cohort completers + cohort cancellations after probation).' })
  completionRate?: string | null;

  @Field(() => String, { nullable: true, description: 'Cohort completers / (cohort − probationary cancellations − transfers).' })
  cohortCompletionRate?: string | null;

  @Field(() => String, { nullable: true, description: 'Share of the cohort not cancelled or transferred within 6 months of starting.' })
  retention6Months?: string | null;

  @Field(() => String, { nullable: true })
  retention12Months?: string | null;

  @Field(() => String, { nullable: true })
  retention24Months?: string | null;

  @Field(() => String, { nullable: true, description: 'Completers in the period: months from start to completion.' })
  medianMonthsToCompletion?: string | null;

  @Field(() => String, { nullable: true })
  p25MonthsToCompletion?: string | null;

  @Field(() => String, { nullable: true })
  p75MonthsToCompletion?: string | null;

  @Field(() => String, { nullable: true, description: 'New registrations: first wage step.' })
  medianEntryWage?: string | null;

  @Field(() => String, { nullable: true, description: 'Completers in the period: last wage at completion.' })
  medianCompletionWage?: string | null;

  @Field(() => String, { nullable: true, description: 'Completers in the period: completion wage − hourly prior wage.' })
  medianWageGain?: string | null;

  @Field(() => String, { nullable: true, description: 'Completers in the period: RTI hours attended per year of apprenticeship (144 recommended).' })
  rtiHoursPerYear?: string | null;
}

@ObjectType('OutcomeRow')
export class OutcomeRowModel {
  @Field(() => OutcomeRowKind)
  kind: OutcomeRowKind;

  @Field(() => [OutcomeGroupModel], { description: 'One per grouped dimension, in groupBy order.' })
  groups: OutcomeGroupModel[];

  @Field({ description: 'The row\'s counts are withheld: a small count, or one that would let a small count be worked out.' })
  suppressed: boolean;

  @Field(() => [String], { description: 'Every measure withheld in this row.' })
  suppressedMeasures: string[];

  @Field(() => OutcomeMeasuresModel)
  measures: OutcomeMeasuresModel;
}

@ObjectType('OutcomeTable')
export class OutcomeTableModel {
  @Field(() => [OutcomeDimension])
  dimensions: OutcomeDimension[];

  @Field()
  periodFrom: string;

  @Field()
  periodTo: string;

  @Field({ description: 'The date retention is measured to.' })
  asOf: string;

  @Field(() => Int, { description: 'Counts from 1 to this minus 1 are withheld (rule outcomes.min_cell_size).' })
  minCellSize: number;

  @Field(() => Int, { description: 'RTI hours per year recommended by 29 CFR 29.7(e)(2), to compare rtiHoursPerYear with.' })
  rtiRecommendedHoursPerYear: number;

  @Field(() => OutcomeSourceEnum)
  source: OutcomeSourceEnum;

  @Field(() => [OutcomeRowModel], { description: 'Cells, then margins, then the total.' })
  rows: OutcomeRowModel[];
}

@ObjectType('OutcomeExport')
export class OutcomeExportModel {
  @Field()
  fileName: string;

  @Field()
  contentType: string;

  @Field()
  contentBase64: string;

  @Field({ description: 'SHA-256 of the file, hex.' })
  sha256: string;

  @Field(() => Int)
  rows: number;
}

@ArgsType()
export class RepresentationArgs {
  @Field({ description: 'A USPS state code, or "US" for all in your reach against the national baseline.' })
  @IsIn(STATE_OR_NATION, { message: 'state must be a USPS state code or "US"' })
  state: string;

  @Field(() => OutcomeDimension)
  @IsEnum(OutcomeDimension)
  dimension: OutcomeDimension;

  @Field(() => OutcomePeriodInput)
  @ValidateNested()
  @Type(() => OutcomePeriodInput)
  period: OutcomePeriodInput;

  @Field(() => OutcomeFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OutcomeFilterInput)
  filter?: OutcomeFilterInput;

  @Field(() => RepresentationPopulationEnum, { defaultValue: RepresentationPopulationEnum.ACTIVE_AT_END })
  @IsEnum(RepresentationPopulationEnum)
  population: RepresentationPopulationEnum;

  @Field(() => Int, { nullable: true, description: 'Defaults to the latest baseline year not after the period.' })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2200)
  baselineYear?: number;
}

@ObjectType('RepresentationRow')
export class RepresentationRowModel {
  @Field()
  value: string;

  @Field()
  label: string;

  @Field(() => Int, { nullable: true })
  apprentices?: number | null;

  @Field(() => String, { nullable: true, description: 'Of all apprentices in the population, including those who did not self-identify.' })
  apprenticeShare?: string | null;

  @Field(() => String, { nullable: true })
  baselineShare?: string | null;

  @Field(() => String, { nullable: true, description: 'apprenticeShare / baselineShare: 1.00 is proportional.' })
  index?: string | null;

  @Field()
  suppressed: boolean;
}

@ObjectType('Representation')
export class RepresentationModel {
  @Field()
  state: string;

  @Field(() => OutcomeDimension)
  dimension: OutcomeDimension;

  @Field()
  periodFrom: string;

  @Field()
  periodTo: string;

  @Field(() => RepresentationPopulationEnum)
  population: RepresentationPopulationEnum;

  @Field(() => Int)
  minCellSize: number;

  @Field(() => Int, { nullable: true })
  baselineYear?: number;

  @Field({ nullable: true })
  baselineSource?: string;

  @Field(() => Int, { nullable: true, description: 'All apprentices in the population: the denominator of the shares.' })
  apprentices?: number | null;

  @Field(() => [RepresentationRowModel])
  rows: RepresentationRowModel[];
}

@InputType()
export class PopulationShareInput {
  @Field({ description: 'A value of the dimension, as in OutcomeGroup.value (e.g. "female", "16_24").' })
  @Trim()
  @IsString()
  @Length(1, 60)
  value: string;

  @Field({ description: 'Fraction of the population, 0 to 1 with up to 6 decimals, e.g. "0.4921".' })
  @Matches(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, { message: 'share must be a fraction from 0 to 1 with at most 6 decimals, e.g. "0.4921"' })
  share: string;
}

@InputType()
export class PopulationBaselineInput {
  @Field({ description: 'A USPS state code, or "US" (platform administrators only).' })
  @IsIn(STATE_OR_NATION, { message: 'state must be a USPS state code or "US"' })
  state: string;

  @Field(() => OutcomeDimension, {
    description: 'A demographic dimension: SEX, ETHNICITY, RACE, RACE_COMBINATION, VETERAN, DISABILITY, EDUCATION, AGE_BAND, AGE_BAND_DETAILED.',
  })
  @IsEnum(OutcomeDimension)
  dimension: OutcomeDimension;

  @Field(() => Int)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year: number;

  @Field(() => [PopulationShareInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PopulationShareInput)
  shares: PopulationShareInput[];

  @Field({ description: 'Where the shares come from, e.g. "ACS 2023 5-year, table B01001".' })
  @Trim()
  @IsString()
  @Length(1, 500)
  source: string;
}

@ObjectType('PopulationShare')
export class PopulationShareModel {
  @Field()
  value: string;

  @Field()
  share: string;
}

@ObjectType('PopulationBaseline')
export class PopulationBaselineModel {
  @Field()
  state: string;

  @Field(() => OutcomeDimension)
  dimension: OutcomeDimension;

  @Field(() => Int)
  year: number;

  @Field()
  source: string;

  @Field(() => [PopulationShareModel])
  shares: PopulationShareModel[];

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;
}

@ArgsType()
export class QuarterlyStateReportArgs {
  @Field()
  @IsIn(US_STATE_CODES, { message: 'state must be a USPS state code such as "MI"' })
  state: string;

  @Field(() => Int, { description: 'Federal fiscal year: FY2025 runs from 1 October 2024 to 30 September 2025.' })
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear: number;

  @Field(() => Int, { description: '1 (October–December) to 4 (July–September).' })
  @IsInt()
  @Min(1)
  @Max(4)
  quarter: number;
}

@ObjectType('Eta9186Counts', { description: 'ETA-9186 counts for one period. Apprentice counts follow outcomes suppression.' })
export class Eta9186CountsModel {
  @Field()
  periodFrom: string;

  @Field()
  periodTo: string;

  @Field(() => Int, { nullable: true })
  newApprentices?: number | null;

  @Field(() => Int, { nullable: true })
  activeAtStart?: number | null;

  @Field(() => Int, { nullable: true })
  activeAtEnd?: number | null;

  @Field(() => Int, { nullable: true })
  completers?: number | null;

  @Field(() => Int, { nullable: true, description: 'After probation.' })
  cancellations?: number | null;

  @Field(() => Int, { nullable: true })
  probationaryCancellations?: number | null;

  @Field(() => Int, { nullable: true })
  transfers?: number | null;

  @Field()
  apprenticeCountsSuppressed: boolean;

  @Field(() => Int, { description: 'Programs whose first standards version took effect in the period.' })
  newPrograms: number;

  @Field(() => Int, { description: 'Programs with an apprentice active at any time in the period.' })
  activePrograms: number;

  @Field(() => Int, { description: 'Programs with at least 5 apprentices active at the end of the period.' })
  programsWithFiveOrMore: number;

  @Field(() => Int, { description: 'Employers with an apprentice active at any time in the period.' })
  employers: number;
}

@ObjectType('NaicsNewApprentices')
export class NaicsNewApprenticesModel {
  @Field({ description: '2-digit NAICS sector of the sponsor, or "unknown".' })
  sector: string;

  @Field()
  label: string;

  @Field(() => Int, { nullable: true })
  quarter?: number | null;

  @Field()
  quarterSuppressed: boolean;

  @Field(() => Int, { nullable: true })
  yearToDate?: number | null;

  @Field()
  yearToDateSuppressed: boolean;
}

@ObjectType('QuarterlyStateReport')
export class QuarterlyStateReportModel {
  @Field()
  state: string;

  @Field(() => Int)
  fiscalYear: number;

  @Field(() => Int)
  quarter: number;

  @Field(() => Int)
  minCellSize: number;

  @Field(() => Eta9186CountsModel)
  quarterCounts: Eta9186CountsModel;

  @Field(() => Eta9186CountsModel)
  yearToDate: Eta9186CountsModel;

  @Field(() => [NaicsNewApprenticesModel])
  newApprenticesByNaics: NaicsNewApprenticesModel[];
}

@ObjectType('OutcomeRun')
export class OutcomeRunModel {
  @Field(() => ID)
  id: string;

  @Field(() => OutcomeRunKindEnum)
  kind: OutcomeRunKindEnum;

  @Field(() => OutcomeRunStatusEnum)
  status: OutcomeRunStatusEnum;

  @Field({ nullable: true })
  phase?: string;

  @Field(() => Int)
  progressDone: number;

  @Field(() => Int)
  progressTotal: number;

  @Field(() => Int, { nullable: true, description: 'Consistency checks: fact and cube rows that differ from a recomputation.' })
  differences?: number;

  @Field({ nullable: true, description: 'JSON: the rebuild\'s counts, or the check\'s first differences.' })
  sample?: string;

  @Field({ nullable: true })
  error?: string;

  @Field(() => GraphQLISODateTime)
  requestedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt?: Date;
}
