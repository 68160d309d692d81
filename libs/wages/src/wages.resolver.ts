import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { basisPointsToPercent, centsToDecimal } from '@journeyline/common/money';
import { Connection, Page, PageArgs } from '@journeyline/common/pagination';
import { JourneyworkerCountRow, JourneyworkersService } from './journeyworkers.service';
import { shareOfJourneyworker } from './wage-steps';
import { ProposalView, WageHistoryRow, WageStepsService } from './wage-steps.service';
import {
  DeclineWageStepInput,
  JourneyworkerCountModel,
  RecordJourneyworkersInput,
  WageHistoryEntryModel,
  WageStepProposalModel,
  WageStepProposalStatus,
  WageStepTrigger,
} from './wage.models';

const WageStepProposalConnection = Connection(WageStepProposalModel, 'WageStepProposal');

export function toWageHistoryEntryModel(row: WageHistoryRow): WageHistoryEntryModel {
  return {
    step: row.step,
    rate: centsToDecimal(row.rateCents),
    percentOfJourneyworker: basisPointsToPercent(shareOfJourneyworker(row.rateCents, row.journeyworkerRateCents)),
    effectiveDate: row.effectiveDate,
    trigger: row.trigger as WageStepTrigger,
    hoursAtTrigger: row.hoursAtTrigger ?? undefined,
  };
}

export function toWageStepProposalModel({ proposal, journeyworkerRateCents }: ProposalView): WageStepProposalModel {
  return {
    id: proposal.id,
    registrationId: proposal.registrationId,
    step: proposal.step,
    rate: centsToDecimal(proposal.rateCents),
    percentOfJourneyworker: basisPointsToPercent(shareOfJourneyworker(proposal.rateCents, journeyworkerRateCents)),
    dueDate: proposal.dueDate,
    trigger: proposal.trigger as WageStepTrigger,
    hoursAtTrigger: proposal.hoursAtTrigger === null ? undefined : Number(proposal.hoursAtTrigger),
    status: proposal.status as WageStepProposalStatus,
  };
}

function toJourneyworkerCountModel(row: JourneyworkerCountRow): JourneyworkerCountModel {
  return {
    employerId: row.employerId,
    worksite: row.worksite || undefined,
    effectiveDate: row.effectiveDate,
    journeyworkers: row.journeyworkers,
  };
}

@Resolver()
export class WagesResolver {
  constructor(
    private readonly wageSteps: WageStepsService,
    private readonly journeyworkers: JourneyworkersService,
  ) {}

  @Query(() => [WageHistoryEntryModel], { description: "A registration's applied wage steps, lowest first." })
  @RequirePermission(Permission.ReadRegistry)
  async wageHistory(@CurrentScope() scope: AccessScope, @IdArg('registrationId') registrationId: string): Promise<WageHistoryEntryModel[]> {
    return (await this.wageSteps.history(scope, registrationId)).map(toWageHistoryEntryModel);
  }

  @Query(() => WageStepProposalConnection, { description: 'Wage steps waiting for a sponsor to confirm them, on registrations you reach.' })
  @RequirePermission(Permission.ReadRegistry)
  async pendingWageSteps(@CurrentScope() scope: AccessScope, @Args() args: PageArgs): Promise<Page<WageStepProposalModel>> {
    const page = await this.wageSteps.pending(scope, args);
    return { nodes: page.nodes.map(toWageStepProposalModel), pageInfo: page.pageInfo };
  }

  @Mutation(() => WageHistoryEntryModel, {
    description: 'Grants a proposed wage step from its due date. Lower steps must be confirmed or declined first.',
  })
  @RequirePermission(Permission.ManageApprentices)
  async confirmWageStep(@CurrentScope() scope: AccessScope, @IdArg('proposalId') proposalId: string): Promise<WageHistoryEntryModel> {
    return toWageHistoryEntryModel(await this.wageSteps.confirm(scope, proposalId));
  }

  @Mutation(() => WageStepProposalModel, { description: 'Does not grant a proposed wage step; the reason goes to the audit log.' })
  @RequirePermission(Permission.ManageApprentices)
  async declineWageStep(@CurrentScope() scope: AccessScope, @Args('input') input: DeclineWageStepInput): Promise<WageStepProposalModel> {
    return toWageStepProposalModel(await this.wageSteps.decline(scope, input));
  }

  @Mutation(() => JourneyworkerCountModel, {
    description:
      "Records how many journeyworkers an employer has from a date (employer managers, or sponsors with the employer in their programs).",
  })
  async recordJourneyworkers(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: RecordJourneyworkersInput,
  ): Promise<JourneyworkerCountModel> {
    return toJourneyworkerCountModel(await this.journeyworkers.record(scope, input));
  }

  @Query(() => [JourneyworkerCountModel], { description: 'Journeyworker counts an employer reported, newest first.' })
  @RequirePermission(Permission.ReadRegistry)
  async journeyworkerCounts(@CurrentScope() scope: AccessScope, @IdArg('employerId') employerId: string): Promise<JourneyworkerCountModel[]> {
    return (await this.journeyworkers.list(scope, employerId)).map(toJourneyworkerCountModel);
  }
}
