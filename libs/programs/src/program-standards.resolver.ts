import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { groupByKeys, indexByKeys, requestLoader } from '@journeyline/common/request-loaders';
import type { RequestWithLoaders } from '@journeyline/common/request-loaders';
import { toProgramOccupationModel, toWageScheduleStepModel, toWorkProcessModel } from './program.mappers';
import {
  OccupationSummaryModel,
  ProgramOccupationModel,
  ProgramVersionModel,
  WageScheduleStepModel,
  WorkProcessModel,
} from './program.models';
import { ProgramsService } from './programs.service';

/**
 * Nested standards fields. Each goes through a per-request DataLoader, so a page of programs costs
 * one query per field however many programs, versions and occupations it holds.
 */
@Resolver(() => ProgramVersionModel)
export class ProgramVersionResolver {
  constructor(private readonly service: ProgramsService) {}

  @ResolveField(() => [ProgramOccupationModel])
  async occupations(@Parent() version: ProgramVersionModel, @Context('req') req: RequestWithLoaders): Promise<ProgramOccupationModel[]> {
    const loader = requestLoader(req, 'programs.occupationsByVersion', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.service.occupationsByVersionIds(ids), (occupation) => occupation.programVersionId),
    );
    return (await loader.load(version.id)).map(toProgramOccupationModel);
  }
}

@Resolver(() => ProgramOccupationModel)
export class ProgramOccupationResolver {
  constructor(private readonly service: ProgramsService) {}

  @ResolveField(() => OccupationSummaryModel)
  async occupation(
    @Parent() programOccupation: ProgramOccupationModel,
    @Context('req') req: RequestWithLoaders,
  ): Promise<OccupationSummaryModel> {
    const loader = requestLoader(req, 'programs.occupationSummary', async (ids: readonly string[]) =>
      indexByKeys(ids, await this.service.occupationSummariesByIds(ids), (occupation) => occupation.id),
    );
    const occupation = await loader.load(programOccupation.occupationId);
    if (!occupation) throw new Error(`Program occupation ${programOccupation.id} has no occupation row`);
    return occupation;
  }

  @ResolveField(() => [WorkProcessModel], { description: 'The work process schedule, in order.' })
  async workProcesses(
    @Parent() programOccupation: ProgramOccupationModel,
    @Context('req') req: RequestWithLoaders,
  ): Promise<WorkProcessModel[]> {
    const loader = requestLoader(req, 'programs.workProcesses', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.service.workProcessesByProgramOccupationIds(ids), (process) => process.programOccupationId),
    );
    return (await loader.load(programOccupation.id)).map(toWorkProcessModel);
  }

  @ResolveField(() => [WageScheduleStepModel], { description: 'Wage steps in order; step 1 is the entry wage.' })
  async wageSchedule(
    @Parent() programOccupation: ProgramOccupationModel,
    @Context('req') req: RequestWithLoaders,
  ): Promise<WageScheduleStepModel[]> {
    const loader = requestLoader(req, 'programs.wageSteps', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.service.wageStepsByProgramOccupationIds(ids), (step) => step.programOccupationId),
    );
    const steps = await loader.load(programOccupation.id);
    return steps.map((step) => toWageScheduleStepModel(step, programOccupation.journeyworkerRateCents));
  }
}
