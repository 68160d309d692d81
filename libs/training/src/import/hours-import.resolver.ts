import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { ImportMode } from '@journeyline/occupations/occupation.models';
import {
  ImportErrorsArgs,
  ImportOjtHoursInput,
  ImportRowErrorModel,
  OjtHoursImportResultModel,
  OjtHoursImportStatus,
} from './hours-import.models';
import { HoursImportOutcome, HoursImportService } from './hours-import.service';

function toResultModel(outcome: HoursImportOutcome): OjtHoursImportResultModel {
  return {
    importId: outcome.importId,
    fileName: outcome.fileName,
    mode: outcome.mode as ImportMode,
    status: outcome.status as OjtHoursImportStatus,
    totalRows: outcome.totalRows,
    importedRows: outcome.importedRows,
    errorRows: outcome.errorRows,
    createdAt: outcome.createdAt,
  };
}

@Resolver(() => OjtHoursImportResultModel)
export class HoursImportResolver {
  constructor(private readonly service: HoursImportService) {}

  @Mutation(() => OjtHoursImportResultModel, {
    description:
      'Imports OJT hours from a payroll or timesheet export (.csv or .xlsx). Imported entries are SUBMITTED and still need ' +
      "a supervisor's approval. Re-importing a file adds nothing it already added.",
  })
  @RequirePermission(Permission.LogHours)
  async importOjtHours(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: ImportOjtHoursInput,
  ): Promise<OjtHoursImportResultModel> {
    return toResultModel(await this.service.importUpload(scope, input));
  }

  @Query(() => OjtHoursImportResultModel, { description: 'A past hours import; visible to the user who ran it.' })
  @RequirePermission(Permission.LogHours)
  async ojtHoursImport(@CurrentScope() scope: AccessScope, @IdArg('id') id: string): Promise<OjtHoursImportResultModel> {
    return toResultModel(await this.service.getVisible(scope, id));
  }

  @ResolveField(() => [ImportRowErrorModel], { description: 'The bad rows, in line order.' })
  errors(@Parent() result: OjtHoursImportResultModel, @Args() args: ImportErrorsArgs): Promise<ImportRowErrorModel[]> {
    return this.service.errors(result.importId, args.first, args.afterLine);
  }
}
