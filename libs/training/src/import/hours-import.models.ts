import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Trim } from '@journeyline/common/validation';
import { ImportMode } from '@journeyline/occupations/occupation.models';
import { MAX_ERROR_LINES_PER_PAGE } from './hours-import.service';

/** Values are the database's ojt_imports.status codes. */
export enum OjtHoursImportStatus {
  STAGED = 'staged',
  IMPORTED = 'imported',
  REJECTED = 'rejected',
}
registerEnumType(OjtHoursImportStatus, {
  name: 'OjtHoursImportStatus',
  valuesMap: {
    STAGED: { description: 'Still being read and checked.' },
    IMPORTED: { description: 'Checked; the good rows were written as submitted hours.' },
    REJECTED: { description: 'Nothing was written: the file was unreadable, or it had bad rows in ALL_OR_NOTHING mode, or every row was bad.' },
  },
});

@InputType()
export class ImportOjtHoursInput {
  @Field({ description: 'Name of the uploaded file; its extension (.csv or .xlsx) decides the format.' })
  @Trim()
  @IsString()
  @Length(1, 255)
  fileName: string;

  @Field({
    description:
      'The file, base64-encoded; at most 50 MB once decoded. Header row (any case, any order): registration_id, work_date ' +
      '(YYYY-MM-DD or MM/DD/YYYY), hours (quarter hours), work_process (id or exact title), and optionally employer_id, ' +
      'worksite, note, idempotency_key.',
  })
  @IsString()
  contentBase64: string;

  @Field(() => ImportMode, { defaultValue: ImportMode.ALL_OR_NOTHING })
  @IsEnum(ImportMode)
  mode: ImportMode = ImportMode.ALL_OR_NOTHING;
}

@ObjectType('ImportRowError', { description: 'A reason one row of an imported file was not taken.' })
export class ImportRowErrorModel {
  @Field(() => Int, { description: 'Line (CSV) or row (XLSX) number; the header is line 1.' })
  line: number;

  @Field({ description: 'The column at fault, as named in the file ("file" when the file itself is unreadable).' })
  field: string;

  @Field()
  reason: string;
}

@ArgsType()
export class ImportErrorsArgs {
  @Field(() => Int, {
    defaultValue: 100,
    description: `How many bad lines to return (1 to ${MAX_ERROR_LINES_PER_PAGE}), with all their errors.`,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_ERROR_LINES_PER_PAGE)
  first = 100;

  @Field(() => Int, { nullable: true, description: 'Only lines after this one: the last line of the previous page.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  afterLine?: number;
}

@ObjectType('OjtHoursImportResult', { description: 'A bulk import of OJT hours and what became of its rows.' })
export class OjtHoursImportResultModel {
  @Field(() => ID)
  importId: string;

  @Field()
  fileName: string;

  @Field(() => ImportMode)
  mode: ImportMode;

  @Field(() => OjtHoursImportStatus)
  status: OjtHoursImportStatus;

  @Field(() => Int, { description: 'Data rows in the file (blank lines and the header excluded).' })
  totalRows: number;

  @Field(() => Int, {
    description: 'Entries written (as SUBMITTED, awaiting approval). Rows already imported before are not written again.',
  })
  importedRows: number;

  @Field(() => Int, { description: 'Rows with at least one error.' })
  errorRows: number;

  @Field()
  createdAt: Date;
}
