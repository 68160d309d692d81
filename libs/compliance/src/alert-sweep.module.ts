import { Module } from '@nestjs/common';
import { Clock } from '@journeyline/common/clock';
import { JobQueuesModule } from '@journeyline/jobs/job-queues.module';
import { AlertSweep } from './alert-sweep';

/** The sweep for the worker; kept out of ComplianceModule so the api opens no producer queues. */
@Module({
  imports: [JobQueuesModule],
  providers: [AlertSweep, Clock],
  exports: [AlertSweep],
})
export class AlertSweepModule {}
