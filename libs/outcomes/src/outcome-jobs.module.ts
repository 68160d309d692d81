import { Module } from '@nestjs/common';
import { Clock } from '@journeyline/common/clock';
import { OutcomeRollups } from './outcome-rollups.service';
import { OutcomeJobs } from './outcome-runs';

/** The worker's outcome jobs: refresh one registration's rollups, rebuild all, check consistency. */
@Module({
  providers: [OutcomeRollups, OutcomeJobs, Clock],
  exports: [OutcomeJobs, OutcomeRollups],
})
export class OutcomeJobsModule {}
