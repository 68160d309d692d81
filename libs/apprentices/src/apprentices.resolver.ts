import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { Connection, mapPage, Page } from '@journeyline/common/pagination';
import { groupByKeys, requestLoader, type RequestWithLoaders } from '@journeyline/common/request-loaders';
import { ApprenticeModel, ApprenticesArgs, UpdateApprenticeInput } from './apprentice.models';
import { ApprenticesService } from './apprentices.service';
import { toApprenticeModel, toRegistrationModel } from './apprentices.mappers';
import { RegisterApprenticeInput, RegistrationModel, RegistrationResultModel } from './registration.models';
import { RegistrationsService } from './registrations.service';

const ApprenticeConnection = Connection(ApprenticeModel, 'Apprentice');

@Resolver(() => ApprenticeModel)
export class ApprenticesResolver {
  constructor(
    private readonly service: ApprenticesService,
    private readonly registrationsService: RegistrationsService,
  ) {}

  @Query(() => ApprenticeConnection, { description: 'Apprentices whose records you reach.' })
  @RequirePermission(Permission.ReadRegistry)
  async apprentices(@CurrentScope() scope: AccessScope, @Args() args: ApprenticesArgs): Promise<Page<ApprenticeModel>> {
    return mapPage(await this.service.list(scope, args), toApprenticeModel);
  }

  @Query(() => ApprenticeModel)
  @RequirePermission(Permission.ReadRegistry)
  async apprentice(@CurrentScope() scope: AccessScope, @IdArg('id') id: string): Promise<ApprenticeModel> {
    return toApprenticeModel(await this.service.getVisible(scope, id));
  }

  @Mutation(() => RegistrationResultModel, {
    description: 'Registers a person and their first apprenticeship agreement (pending) in one step.',
  })
  @RequirePermission(Permission.ManageApprentices)
  async registerApprentice(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: RegisterApprenticeInput,
  ): Promise<RegistrationResultModel> {
    const result = await this.service.registerApprentice(scope, input);
    return { registration: toRegistrationModel(result.registration), warnings: result.warnings };
  }

  @Mutation(() => ApprenticeModel, { description: 'Changes the fields given; null clears an optional field.' })
  @RequirePermission(Permission.ManageApprentices)
  async updateApprentice(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: UpdateApprenticeInput,
  ): Promise<ApprenticeModel> {
    return toApprenticeModel(await this.service.updateApprentice(scope, input));
  }

  @ResolveField(() => [RegistrationModel], { description: 'Agreements of this apprentice that you reach, oldest first.' })
  async registrations(
    @Parent() apprentice: ApprenticeModel,
    @CurrentScope() scope: AccessScope,
    @Context('req') req: RequestWithLoaders,
  ): Promise<RegistrationModel[]> {
    const loader = requestLoader(req, 'apprentices:registrationsByApprentice', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.registrationsService.visibleForApprentices(scope, ids), (row) => row.apprenticeId),
    );
    return (await loader.load(apprentice.id)).map(toRegistrationModel);
  }
}
