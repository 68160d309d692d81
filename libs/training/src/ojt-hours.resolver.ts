import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { Connection, mapPage, Page, PageArgs } from '@journeyline/common/pagination';
import { indexByKeys, requestLoader, type RequestWithLoaders } from '@journeyline/common/request-loaders';
import { toWorkProcessModel } from '@journeyline/programs/program.mappers';
import { WorkProcessModel } from '@journeyline/programs/program.models';
import { WorkProcessEntity } from '@journeyline/programs/work-process.entity';
import { toOjtHourEntryModel } from './ojt-hours.mappers';
import {
  LogOjtHoursBatchInput,
  LogOjtHoursBatchResultModel,
  LogOjtHoursInput,
  LogOjtHoursResultModel,
  OjtHourEntriesArgs,
  OjtHourEntryModel,
  OjtHourEntryResultModel,
  RejectOjtHoursInput,
  UpdateOjtHoursInput,
} from './ojt-hours.models';
import { OjtHoursService } from './ojt-hours.service';

const OjtHourEntryConnection = Connection(OjtHourEntryModel, 'OjtHourEntry');

@Resolver(() => OjtHourEntryModel)
export class OjtHoursResolver {
  constructor(private readonly service: OjtHoursService) {}

  @Query(() => OjtHourEntryConnection, { description: 'OJT hours of the registrations you reach.' })
  @RequirePermission(Permission.ReadRegistry)
  async ojtHourEntries(@CurrentScope() scope: AccessScope, @Args() args: OjtHourEntriesArgs): Promise<Page<OjtHourEntryModel>> {
    return mapPage(await this.service.list(scope, args), toOjtHourEntryModel);
  }

  @Query(() => OjtHourEntryConnection, { description: 'Submitted hours you may approve or reject.' })
  @RequirePermission(Permission.ApproveHours)
  async pendingApprovals(@CurrentScope() scope: AccessScope, @Args() args: PageArgs): Promise<Page<OjtHourEntryModel>> {
    return mapPage(await this.service.pendingApprovals(scope, args), toOjtHourEntryModel);
  }

  @Mutation(() => LogOjtHoursResultModel, {
    description: 'Logs hours as a draft (or submitted). Retrying with the same idempotency key returns the same entry.',
  })
  @RequirePermission(Permission.LogHours)
  async logOjtHours(@CurrentScope() scope: AccessScope, @Args('input') input: LogOjtHoursInput): Promise<LogOjtHoursResultModel> {
    const { entries, warnings } = await this.service.log(scope, input);
    return { entry: toOjtHourEntryModel(entries[0].entry), duplicate: entries[0].duplicate, warnings };
  }

  @Mutation(() => LogOjtHoursBatchResultModel, { description: 'Logs up to 500 entries; one bad entry and nothing is written.' })
  @RequirePermission(Permission.LogHours)
  async logOjtHoursBatch(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: LogOjtHoursBatchInput,
  ): Promise<LogOjtHoursBatchResultModel> {
    const { entries, warnings } = await this.service.logBatch(scope, input);
    return {
      entries: entries.map(({ entry }) => toOjtHourEntryModel(entry)),
      duplicateIndexes: entries.flatMap(({ duplicate }, index) => (duplicate ? [index] : [])),
      warnings,
    };
  }

  @Mutation(() => [OjtHourEntryModel], { description: 'Submits drafts for approval; all or nothing.' })
  @RequirePermission(Permission.LogHours)
  async submitOjtHours(
    @CurrentScope() scope: AccessScope,
    @Args('entryIds', { type: () => [ID] }) entryIds: string[],
  ): Promise<OjtHourEntryModel[]> {
    return (await this.service.submit(scope, entryIds)).map(toOjtHourEntryModel);
  }

  @Mutation(() => [OjtHourEntryModel], {
    description: "Approves up to 500 submitted entries of employers or sponsors you supervise; all or nothing.",
  })
  @RequirePermission(Permission.ApproveHours)
  async approveOjtHours(
    @CurrentScope() scope: AccessScope,
    @Args('entryIds', { type: () => [ID] }) entryIds: string[],
  ): Promise<OjtHourEntryModel[]> {
    return (await this.service.approve(scope, entryIds)).map(toOjtHourEntryModel);
  }

  @Mutation(() => [OjtHourEntryModel], { description: 'Rejects submitted entries with a reason; all or nothing.' })
  @RequirePermission(Permission.ApproveHours)
  async rejectOjtHours(@CurrentScope() scope: AccessScope, @Args('input') input: RejectOjtHoursInput): Promise<OjtHourEntryModel[]> {
    return (await this.service.reject(scope, input)).map(toOjtHourEntryModel);
  }

  @Mutation(() => OjtHourEntryResultModel, {
    description: 'Edits an entry. A rejected entry returns to draft; an approved one stays approved and the correction is audited.',
  })
  @RequirePermission(Permission.LogHours)
  async updateOjtHours(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: UpdateOjtHoursInput,
  ): Promise<OjtHourEntryResultModel> {
    const { entry, warnings } = await this.service.update(scope, input);
    return { entry: toOjtHourEntryModel(entry), warnings };
  }

  @ResolveField(() => WorkProcessModel)
  async workProcess(@Parent() entry: OjtHourEntryModel, @Context('req') req: RequestWithLoaders): Promise<WorkProcessModel> {
    const loader = requestLoader<string, WorkProcessEntity | null>(req, 'training:workProcessById', async (ids) =>
      indexByKeys(ids, await this.service.workProcessesByIds(ids), (row) => row.id),
    );
    // Foreign keys guarantee the work process exists.
    return toWorkProcessModel((await loader.load(entry.workProcessId))!);
  }
}
