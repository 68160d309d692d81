import { Module } from '@nestjs/common';
import { AlertSweepModule } from '@journeyline/compliance/alert-sweep.module';
import { ComplianceModule } from '@journeyline/compliance/compliance.module';
import { OutcomeJobsModule } from '@journeyline/outcomes/outcome-jobs.module';
import { ReportJobsModule } from '@journeyline/reporting/runs/report-jobs.module';
import { WagesModule } from '@journeyline/wages/wages.module';
import { JobHandlerRegistry } from './job-handlers';

/**
 * The services behind every job. Needs ConfigModule, DatabaseModule and RulesModule (global) from
 * the importing root module; the worker and the crash test's child process both boot it.
 */
@Module({
  imports: [WagesModule, ComplianceModule, AlertSweepModule, ReportJobsModule, OutcomeJobsModule],
  providers: [JobHandlerRegistry],
  exports: [JobHandlerRegistry],
})
export class JobHandlersModule {}
