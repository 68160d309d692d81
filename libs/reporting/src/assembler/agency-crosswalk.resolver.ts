import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { ProgramAgencyIdsModel, SetAgencyIdsInput } from './agency-crosswalk.models';
import { AgencyCrosswalkService } from './agency-crosswalk.service';

@Resolver(() => ProgramAgencyIdsModel)
export class AgencyCrosswalkResolver {
  constructor(private readonly service: AgencyCrosswalkService) {}

  @Query(() => ProgramAgencyIdsModel, { description: "A program's ids in the registration agency's tables." })
  @RequirePermission(Permission.ReadRegistry)
  programAgencyIds(@CurrentScope() scope: AccessScope, @IdArg('programId') programId: string): Promise<ProgramAgencyIdsModel> {
    return this.service.get(scope, programId);
  }

  @Mutation(() => ProgramAgencyIdsModel, {
    description: "Sets (a value) or clears (null) a program's RAPIDS workbook ids; fields left out stay as they are. Audited.",
  })
  @RequirePermission(Permission.ManagePrograms)
  setAgencyIds(@CurrentScope() scope: AccessScope, @Args('input') input: SetAgencyIdsInput): Promise<ProgramAgencyIdsModel> {
    return this.service.set(scope, input);
  }
}
