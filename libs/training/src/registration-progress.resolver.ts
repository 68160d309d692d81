import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RegistrationModel } from '@journeyline/apprentices/registration.models';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { requestLoader, type RequestWithLoaders } from '@journeyline/common/request-loaders';
import { toRegistrationProgressModel } from './ojt-hours.mappers';
import { RegistrationProgressModel } from './ojt-hours.models';
import { ProgressService, RegistrationProgress } from './progress.service';

/** Adds progress to the Registration type owned by the apprentices capability. */
@Resolver(() => RegistrationModel)
export class RegistrationProgressResolver {
  constructor(private readonly progressService: ProgressService) {}

  @Query(() => RegistrationProgressModel)
  @RequirePermission(Permission.ReadRegistry)
  async registrationProgress(
    @CurrentScope() scope: AccessScope,
    @IdArg('registrationId') registrationId: string,
  ): Promise<RegistrationProgressModel> {
    return toRegistrationProgressModel(await this.progressService.forRegistration(scope, registrationId));
  }

  @ResolveField(() => RegistrationProgressModel, { description: 'Approved hours by work process, RTI pace and projected completion.' })
  async progress(@Parent() registration: RegistrationModel, @Context('req') req: RequestWithLoaders): Promise<RegistrationProgressModel> {
    const loader = requestLoader<string, RegistrationProgress | null>(req, 'training:progressByRegistration', (ids) =>
      this.progressService.forRegistrations(ids),
    );
    const progress = await loader.load(registration.id);
    if (!progress) throw new Error(`registration ${registration.id} is missing`);
    return toRegistrationProgressModel(progress);
  }
}
