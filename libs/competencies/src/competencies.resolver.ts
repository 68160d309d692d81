import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { toCompetencyProgressModel, toCompetencySignoffModel, toInterimCredentialModel } from './competencies.mappers';
import {
  CompetencyProgressModel,
  CompetencySignoffModel,
  InterimCredentialModel,
  RecordInterimCredentialInput,
  SignOffCompetencyInput,
} from './competencies.models';
import { CompetenciesService } from './competencies.service';

@Resolver()
export class CompetenciesResolver {
  constructor(private readonly service: CompetenciesService) {}

  @Mutation(() => CompetencySignoffModel, {
    description: 'Signs off a competency of a competency-based or hybrid program; you are recorded as the evaluator.',
  })
  @RequirePermission(Permission.ApproveHours)
  async signOffCompetency(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: SignOffCompetencyInput,
  ): Promise<CompetencySignoffModel> {
    return toCompetencySignoffModel(await this.service.signOff(scope, input));
  }

  // Needs hours:approve or apprentices:manage; the guard takes one permission, so the service checks.
  @Mutation(() => InterimCredentialModel, { description: 'Competency-based or hybrid programs only.' })
  async recordInterimCredential(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: RecordInterimCredentialInput,
  ): Promise<InterimCredentialModel> {
    return toInterimCredentialModel(await this.service.recordInterimCredential(scope, input));
  }

  @Query(() => CompetencyProgressModel)
  @RequirePermission(Permission.ReadRegistry)
  async competencyProgress(
    @CurrentScope() scope: AccessScope,
    @IdArg('registrationId') registrationId: string,
  ): Promise<CompetencyProgressModel> {
    return toCompetencyProgressModel(await this.service.progress(scope, registrationId));
  }
}
