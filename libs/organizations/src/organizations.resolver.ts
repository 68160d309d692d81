import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { Connection, mapPage, Page } from '@journeyline/common/pagination';
import { OrganizationEntity } from './organization.entity';
import {
  AddMemberInput,
  CreateOrganizationInput,
  OrganizationDetailsInput,
  OrganizationModel,
  OrganizationsArgs,
  UpdateOrganizationInput,
} from './organization.models';
import { OrganizationsService } from './organizations.service';

const OrganizationConnection = Connection(OrganizationModel, 'Organization');

export function toOrganizationModel(entity: OrganizationEntity): OrganizationModel {
  return {
    id: entity.id,
    kind: entity.kind as OrganizationModel['kind'],
    name: entity.name,
    state: entity.state ?? undefined,
    ein: entity.ein ?? undefined,
    naicsCode: entity.naicsCode ?? undefined,
    countyFips: entity.countyFips ?? undefined,
    governmentBody: entity.governmentBody,
  };
}

@Resolver(() => OrganizationModel)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Query(() => OrganizationConnection, { description: 'Organizations you belong to or whose records you reach.' })
  @RequirePermission(Permission.ReadRegistry)
  async organizations(@CurrentScope() scope: AccessScope, @Args() args: OrganizationsArgs): Promise<Page<OrganizationModel>> {
    return mapPage(await this.service.list(scope, args), toOrganizationModel);
  }

  @Query(() => OrganizationModel)
  @RequirePermission(Permission.ReadRegistry)
  async organization(
    @CurrentScope() scope: AccessScope,
    @IdArg('id') id: string,
  ): Promise<OrganizationModel> {
    return toOrganizationModel(await this.service.getVisible(scope, id));
  }

  @Mutation(() => OrganizationModel, { description: 'Platform administrators only.' })
  async createOrganization(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: CreateOrganizationInput,
  ): Promise<OrganizationModel> {
    return toOrganizationModel(await this.service.create(scope, input));
  }

  @Mutation(() => OrganizationModel, { description: 'Creates a sponsor served by the given intermediary.' })
  @RequirePermission(Permission.ManageOrganization)
  async createClientSponsor(
    @CurrentScope() scope: AccessScope,
    @IdArg('intermediaryId')
    intermediaryId: string,
    @Args('input') input: OrganizationDetailsInput,
  ): Promise<OrganizationModel> {
    return toOrganizationModel(await this.service.createClientSponsor(scope, intermediaryId, input));
  }

  @Mutation(() => OrganizationModel, { description: "Creates an employer taking part in the sponsor's programs." })
  @RequirePermission(Permission.ManageOrganization)
  async createEmployer(
    @CurrentScope() scope: AccessScope,
    @IdArg('sponsorId')
    sponsorId: string,
    @Args('input') input: OrganizationDetailsInput,
  ): Promise<OrganizationModel> {
    return toOrganizationModel(await this.service.createEmployer(scope, sponsorId, input));
  }

  @Mutation(() => OrganizationModel, {
    description: "Corrects an organization's details: your own, a sponsor you serve, or an employer of one.",
  })
  @RequirePermission(Permission.ManageOrganization)
  async updateOrganization(
    @CurrentScope() scope: AccessScope,
    @IdArg('id') id: string,
    @Args('input') input: UpdateOrganizationInput,
  ): Promise<OrganizationModel> {
    return toOrganizationModel(await this.service.update(scope, id, input));
  }

  @Mutation(() => Boolean, { description: 'Platform administrators only.' })
  linkIntermediaryClient(
    @CurrentScope() scope: AccessScope,
    @IdArg('intermediaryId')
    intermediaryId: string,
    @IdArg('sponsorId')
    sponsorId: string,
  ): Promise<boolean> {
    return this.service.linkIntermediaryClient(scope, intermediaryId, sponsorId);
  }

  @Mutation(() => ID, { description: "Gives a person a role in an organization; returns the user's id." })
  @RequirePermission(Permission.ManageOrganization)
  addMember(@CurrentScope() scope: AccessScope, @Args('input') input: AddMemberInput): Promise<string> {
    return this.service.addMember(scope, input);
  }
}
