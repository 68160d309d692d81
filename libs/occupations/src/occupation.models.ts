import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageArgs } from '@journeyline/common/pagination';
import { Trim } from '@journeyline/common/validation';

/** Values are the database's `approaches` codes, so rows map to the API without translation. */
export enum TrainingApproach {
  TIME_BASED = 'time_based',
  COMPETENCY_BASED = 'competency_based',
  HYBRID = 'hybrid',
}
registerEnumType(TrainingApproach, {
  name: 'TrainingApproach',
  description: 'How an apprentice shows mastery (29 CFR 29.5(b)(2)).',
  valuesMap: {
    TIME_BASED: { description: 'A set number of on-the-job learning hours.' },
    COMPETENCY_BASED: { description: 'Competencies demonstrated, whatever the time taken.' },
    HYBRID: { description: 'A range of hours plus demonstrated competencies.' },
  },
});

export enum ImportMode {
  ALL_OR_NOTHING = 'all_or_nothing',
  VALID_ROWS = 'valid_rows',
}
registerEnumType(ImportMode, {
  name: 'ImportMode',
  valuesMap: {
    ALL_OR_NOTHING: { description: 'Any bad row means nothing is written.' },
    VALID_ROWS: { description: 'Good rows are written; bad rows are reported and skipped.' },
  },
});

@ObjectType('Occupation', { description: 'An apprenticeable occupation from the DOL list.' })
export class OccupationModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Normalized RAPIDS code, e.g. "0159" or "0870CBV1".' })
  rapidsCode: string;

  @Field({ description: 'The 4-digit base of the RAPIDS code, shared by its CB/HY variants.' })
  baseRapidsCode: string;

  @Field({ nullable: true, description: 'O*NET-SOC code, e.g. "47-2111.00".' })
  onetSocCode?: string;

  @Field()
  title: string;

  @Field({ nullable: true })
  onetTitle?: string;

  @Field(() => [TrainingApproach])
  approaches: TrainingApproach[];

  @Field(() => Int, { nullable: true, description: 'Term of the time-based approach, in OJL hours.' })
  timeBasedHours?: number;

  @Field(() => Int, { nullable: true })
  hybridMinHours?: number;

  @Field(() => Int, { nullable: true })
  hybridMaxHours?: number;

  @Field({ nullable: true, description: 'DOL bulletin ids, e.g. "2019-18".' })
  bulletins?: string;
}

@ArgsType()
export class OccupationsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Exact RAPIDS code, in any spelling the DOL list uses ("0870CB V1", "159").' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  rapidsCode?: string;

  @Field({ nullable: true, description: 'Codes starting with this, e.g. "0870" finds 0870 and 0870CBV1.' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z ]{1,20}$/, { message: 'rapidsCodePrefix must be the start of a RAPIDS code, e.g. "0870"' })
  rapidsCodePrefix?: string;

  @Field({ nullable: true, description: 'Full ("47-2111.00") or without the detail suffix ("47-2111": all its detailed codes).' })
  @IsOptional()
  @Matches(/^\d{2}-\d{4}(\.\d{2})?$/, { message: 'onetSocCode must look like 47-2111.00 or 47-2111' })
  onetSocCode?: string;

  @Field({ nullable: true, description: 'Case-insensitive match on the RAPIDS or O*NET title.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  titleContains?: string;

  @Field(() => TrainingApproach, { nullable: true, description: 'Occupations that allow this approach.' })
  @IsOptional()
  @IsEnum(TrainingApproach)
  approach?: TrainingApproach;
}

@InputType()
export class ImportOccupationsInput {
  @Field({ description: 'Name of the uploaded file; its extension (.csv or .xlsx) decides the format.' })
  @Trim()
  @IsString()
  @Length(1, 255)
  fileName: string;

  @Field({ description: 'The file, base64-encoded; at most 20 MB once decoded.' })
  @IsString()
  contentBase64: string;

  @Field(() => ImportMode, { defaultValue: ImportMode.ALL_OR_NOTHING })
  @IsEnum(ImportMode)
  mode: ImportMode = ImportMode.ALL_OR_NOTHING;
}

@ObjectType('ImportProblem', { description: 'One bad row of an imported file.' })
export class ImportProblemModel {
  @Field(() => Int, { description: 'Line (CSV) or row (XLSX) number; the header is line 1.' })
  line: number;

  @Field({ description: 'The column at fault, as named in the file.' })
  field: string;

  @Field()
  reason: string;
}

@ObjectType('OccupationImportResult')
export class OccupationImportResultModel {
  @Field(() => Int)
  inserted: number;

  @Field(() => Int)
  updated: number;

  @Field(() => [ImportProblemModel])
  problems: ImportProblemModel[];
}
