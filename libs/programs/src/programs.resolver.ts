import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { Connection, mapPage, Page } from '@journeyline/common/pagination';
import { groupByKeys, indexByKeys, requestLoader } from '@journeyline/common/request-loaders';
import type { RequestWithLoaders } from '@journeyline/common/request-loaders';
import { OrganizationModel } from '@journeyline/organizations/organization.models';
import { OrganizationsService } from '@journeyline/organizations/organizations.service';
import { toOrganizationModel } from '@journeyline/organizations/organizations.resolver';
import { toProgramModel, toProgramVersionModel } from './program.mappers';
import {
  CreateProgramInput,
  CreateProgramResult,
  ProgramModel,
  ProgramsArgs,
  ProgramVersionModel,
  ReviseProgramInput,
  ReviseProgramResult,
  UpdateProgramDetailsInput,
} from './program.models';
import { ProgramsService } from './programs.service';

const ProgramConnection = Connection(ProgramModel, 'Program');

@Resolver(() => ProgramModel)
export class ProgramsResolver {
  constructor(
    private readonly service: ProgramsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => ProgramConnection, { description: 'Programs whose records you reach.' })
  @RequirePermission(Permission.ReadRegistry)
  async programs(@CurrentScope() scope: AccessScope, @Args() args: ProgramsArgs): Promise<Page<ProgramModel>> {
    return mapPage(await this.service.list(scope, args), toProgramModel);
  }

  @Query(() => ProgramModel)
  @RequirePermission(Permission.ReadRegistry)
  async program(@CurrentScope() scope: AccessScope, @IdArg('id') id: string): Promise<ProgramModel> {
    return toProgramModel(await this.service.getVisible(scope, id));
  }

  @Mutation(() => CreateProgramResult, { description: 'Registers standards of apprenticeship as version 1 of a new program.' })
  @RequirePermission(Permission.ManagePrograms)
  async createProgram(@CurrentScope() scope: AccessScope, @Args('input') input: CreateProgramInput): Promise<CreateProgramResult> {
    const { program, warnings } = await this.service.create(scope, input);
    return { program: toProgramModel(program), warnings };
  }

  @Mutation(() => ReviseProgramResult, { description: 'Writes revised standards as a new version; earlier versions stay unchanged.' })
  @RequirePermission(Permission.ManagePrograms)
  async reviseProgram(@CurrentScope() scope: AccessScope, @Args('input') input: ReviseProgramInput): Promise<ReviseProgramResult> {
    const { program, warnings } = await this.service.revise(scope, input);
    return { program: toProgramModel(program), warnings };
  }

  @Mutation(() => ProgramModel, { description: 'Changes the name or program number; no new version.' })
  @RequirePermission(Permission.ManagePrograms)
  async updateProgramDetails(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: UpdateProgramDetailsInput,
  ): Promise<ProgramModel> {
    return toProgramModel(await this.service.updateDetails(scope, input));
  }

  @ResolveField(() => OrganizationModel)
  async sponsor(@Parent() program: ProgramModel, @Context('req') req: RequestWithLoaders): Promise<OrganizationModel> {
    const loader = requestLoader(req, 'programs.sponsor', async (ids: readonly string[]) =>
      indexByKeys(ids, await this.organizations.findByIds(ids), (organization) => organization.id),
    );
    const sponsor = await loader.load(program.sponsorId);
    if (!sponsor) throw new Error(`Program ${program.id} has no sponsor row`);
    return toOrganizationModel(sponsor);
  }

  @ResolveField(() => ProgramVersionModel)
  async currentVersion(@Parent() program: ProgramModel, @Context('req') req: RequestWithLoaders): Promise<ProgramVersionModel> {
    // Shares the versions loader, so a query asking for both resolves them together and their
    // nested occupations load in one batch.
    const version = (await this.versionsLoader(req).load(program.id)).find((candidate) => candidate.id === program.currentVersionId);
    if (!version) throw new Error(`Program ${program.id} has no current version`);
    return toProgramVersionModel(version);
  }

  @ResolveField(() => [ProgramVersionModel], { description: 'Every version, oldest first.' })
  async versions(@Parent() program: ProgramModel, @Context('req') req: RequestWithLoaders): Promise<ProgramVersionModel[]> {
    return (await this.versionsLoader(req).load(program.id)).map(toProgramVersionModel);
  }

  private versionsLoader(req: RequestWithLoaders) {
    return requestLoader(req, 'programs.versionsByProgram', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.service.versionsByProgramIds(ids), (version) => version.programId),
    );
  }
}
