import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { Connection, mapPage, Page } from '@journeyline/common/pagination';
import { groupByKeys, indexByKeys, requestLoader, type RequestWithLoaders } from '@journeyline/common/request-loaders';
import { OrganizationEntity } from '@journeyline/organizations/organization.entity';
import { OrganizationModel } from '@journeyline/organizations/organization.models';
import { OrganizationsService } from '@journeyline/organizations/organizations.service';
import { toOrganizationModel } from '@journeyline/organizations/organizations.resolver';
import { ProgramOccupationModel } from '@journeyline/programs/program.models';
import { ProgramsService } from '@journeyline/programs/programs.service';
import { ApprenticeEntity } from './apprentice.entity';
import { ApprenticeModel } from './apprentice.models';
import { ApprenticesService } from './apprentices.service';
import { toApprenticeModel, toRegistrationModel, toStatusEventModel } from './apprentices.mappers';
import {
  RegistrationModel,
  RegistrationResultModel,
  RegistrationsArgs,
  RegistrationStatusEventModel,
  TransferRegistrationInput,
  TransitionRegistrationInput,
} from './registration.models';
import { RegistrationsService } from './registrations.service';

const RegistrationConnection = Connection(RegistrationModel, 'Registration');

@Resolver(() => RegistrationModel)
export class RegistrationsResolver {
  constructor(
    private readonly service: RegistrationsService,
    private readonly apprentices: ApprenticesService,
    private readonly organizations: OrganizationsService,
    private readonly programs: ProgramsService,
  ) {}

  @Query(() => RegistrationConnection, { description: 'Apprenticeship agreements you reach.' })
  @RequirePermission(Permission.ReadRegistry)
  async registrations(@CurrentScope() scope: AccessScope, @Args() args: RegistrationsArgs): Promise<Page<RegistrationModel>> {
    return mapPage(await this.service.list(scope, args), toRegistrationModel);
  }

  @Query(() => RegistrationModel)
  @RequirePermission(Permission.ReadRegistry)
  async registration(@CurrentScope() scope: AccessScope, @IdArg('id') id: string): Promise<RegistrationModel> {
    return toRegistrationModel(await this.service.getVisible(scope, id));
  }

  @Mutation(() => RegistrationModel, {
    description:
      'Moves an agreement through its lifecycle: pending → registered → suspended ↔ reinstated → completed | cancelled.',
  })
  @RequirePermission(Permission.ManageApprentices)
  async transitionRegistration(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: TransitionRegistrationInput,
  ): Promise<RegistrationModel> {
    return toRegistrationModel(await this.service.transition(scope, input));
  }

  @Mutation(() => RegistrationResultModel, {
    description: 'Ends an agreement as transferred and opens a pending one at the new program occupation or employer.',
  })
  @RequirePermission(Permission.ManageApprentices)
  async transferRegistration(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: TransferRegistrationInput,
  ): Promise<RegistrationResultModel> {
    const result = await this.service.transfer(scope, input);
    return { registration: toRegistrationModel(result.registration), warnings: result.warnings };
  }

  @ResolveField(() => ProgramOccupationModel, {
    description: 'The occupation, work processes and wage schedule of the standards version this agreement was made under.',
  })
  async programOccupation(
    @Parent() registration: RegistrationModel,
    @Context('req') req: RequestWithLoaders,
  ): Promise<ProgramOccupationModel> {
    const loader = requestLoader(req, 'registration.programOccupation', (ids: readonly string[]) =>
      this.programs.loadProgramOccupations(ids),
    );
    const programOccupation = await loader.load(registration.programOccupationId);
    if (!programOccupation) throw new Error(`program occupation ${registration.programOccupationId} is missing`);
    return programOccupation;
  }

  @ResolveField(() => OrganizationModel)
  async sponsor(@Parent() registration: RegistrationModel, @Context('req') req: RequestWithLoaders): Promise<OrganizationModel> {
    return toOrganizationModel(await this.organizationLoader(req).load(registration.sponsorId));
  }

  @ResolveField(() => OrganizationModel)
  async employer(@Parent() registration: RegistrationModel, @Context('req') req: RequestWithLoaders): Promise<OrganizationModel> {
    return toOrganizationModel(await this.organizationLoader(req).load(registration.employerId));
  }

  @ResolveField(() => ApprenticeModel)
  async apprentice(@Parent() registration: RegistrationModel, @Context('req') req: RequestWithLoaders): Promise<ApprenticeModel> {
    // Whoever sees a registration sees its apprentice (see AccessScope.apprenticeFilter).
    const loader = requestLoader<string, ApprenticeEntity | null>(req, 'apprentices:apprenticeById', async (ids) =>
      indexByKeys(ids, await this.apprentices.findByIds(ids), (row) => row.id),
    );
    return toApprenticeModel((await loader.load(registration.apprenticeId))!);
  }

  @ResolveField(() => [RegistrationStatusEventModel], { description: 'Every status change, oldest first.' })
  async statusHistory(
    @Parent() registration: RegistrationModel,
    @Context('req') req: RequestWithLoaders,
  ): Promise<RegistrationStatusEventModel[]> {
    const loader = requestLoader(req, 'apprentices:statusHistoryByRegistration', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.service.statusHistories(ids), (row) => row.registrationId),
    );
    return (await loader.load(registration.id)).map(toStatusEventModel);
  }

  private organizationLoader(req: RequestWithLoaders) {
    return requestLoader<string, OrganizationEntity>(req, 'apprentices:organizationById', async (ids) => {
      const rows = await this.organizations.findByIds(ids);
      // Foreign keys guarantee every id exists.
      return indexByKeys(ids, rows, (row) => row.id) as OrganizationEntity[];
    });
  }
}
