import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { Connection, mapPage, Page } from '@journeyline/common/pagination';
import { OccupationEntity } from './occupation.entity';
import {
  ImportOccupationsInput,
  OccupationImportResultModel,
  OccupationModel,
  OccupationsArgs,
  TrainingApproach,
} from './occupation.models';
import { OccupationsService } from './occupations.service';

const OccupationConnection = Connection(OccupationModel, 'Occupation');

export function toOccupationModel(entity: OccupationEntity): OccupationModel {
  return {
    id: entity.id,
    rapidsCode: entity.rapidsCode,
    // dol.md §4.2: the base code is the 4-digit start, without any letter or CB/HY variant.
    baseRapidsCode: entity.rapidsCode.slice(0, 4),
    onetSocCode: entity.onetSocCode ?? undefined,
    title: entity.title,
    onetTitle: entity.onetTitle ?? undefined,
    approaches: entity.approaches as TrainingApproach[],
    timeBasedHours: entity.timeBasedHours ?? undefined,
    hybridMinHours: entity.hybridMinHours ?? undefined,
    hybridMaxHours: entity.hybridMaxHours ?? undefined,
    bulletins: entity.bulletins ?? undefined,
  };
}

@Resolver(() => OccupationModel)
export class OccupationsResolver {
  constructor(private readonly service: OccupationsService) {}

  @Query(() => OccupationConnection, { description: 'The apprenticeable occupations (DOL list), with filters.' })
  @RequirePermission(Permission.ReadRegistry)
  async occupations(@Args() args: OccupationsArgs): Promise<Page<OccupationModel>> {
    return mapPage(await this.service.list(args), toOccupationModel);
  }

  @Query(() => OccupationModel)
  @RequirePermission(Permission.ReadRegistry)
  async occupation(@IdArg('id') id: string): Promise<OccupationModel> {
    return toOccupationModel(await this.service.get(id));
  }

  @Mutation(() => OccupationImportResultModel, {
    description: 'Imports the DOL occupation list (.xlsx or .csv), upserting by RAPIDS code. Platform administrators only.',
  })
  importOccupations(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: ImportOccupationsInput,
  ): Promise<OccupationImportResultModel> {
    return this.service.importUpload(scope, input);
  }
}
