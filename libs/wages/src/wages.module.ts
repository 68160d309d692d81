import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@journeyline/common/clock';
import { JourneyworkersService } from './journeyworkers.service';
import { WageStepProposalEntity } from './wage-step-proposal.entity';
import { WageStepsService } from './wage-steps.service';
import { WagesResolver } from './wages.resolver';

/** Wage progression (steps applied or proposed as hours and time accrue) and journeyworker counts. */
@Module({
  imports: [TypeOrmModule.forFeature([WageStepProposalEntity])],
  providers: [WageStepsService, JourneyworkersService, WagesResolver, Clock],
  exports: [WageStepsService, JourneyworkersService],
})
export class WagesModule {}
