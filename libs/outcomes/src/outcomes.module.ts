import { Module } from '@nestjs/common';
import { Clock } from '@journeyline/common/clock';
import { OutcomeRunsService } from './outcome-runs';
import { OutcomesResolver } from './outcomes.resolver';
import { OutcomesService } from './outcomes.service';
import { QuarterlyReportService } from './quarterly-report.service';
import { RepresentationService } from './representation.service';

/** Outcome queries, representation, the quarterly state report and rollup runs (API side). Needs RulesModule (global). */
@Module({
  providers: [OutcomesService, RepresentationService, QuarterlyReportService, OutcomeRunsService, OutcomesResolver, Clock],
  exports: [OutcomesService],
})
export class OutcomesModule {}
