import { Injectable, OnModuleInit } from '@nestjs/common';
import { AlertSweep } from '@journeyline/compliance/alert-sweep';
import { AlertsService } from '@journeyline/compliance/alerts.service';
import { assertHandlers, handlersForQueue, JobHandlers, QueueHandlers } from '@journeyline/jobs/job-dispatch';
import { JobName, QueueName } from '@journeyline/jobs/job-registry';
import { WageStepsService } from '@journeyline/wages/wage-steps.service';

export interface JobServices {
  wageSteps: Pick<WageStepsService, 'recompute'>;
  alerts: Pick<AlertsService, 'refreshRegistration' | 'refreshEmployer'>;
  sweep: Pick<AlertSweep, 'sweep'>;
}

/** The one table from job name to handler. */
export function buildJobHandlers({ wageSteps, alerts, sweep }: JobServices): JobHandlers {
  return {
    [JobName.RecomputeWageStep]: (data) => wageSteps.recompute(data.registrationId),
    [JobName.RefreshAlerts]: (data) => alerts.refreshRegistration(data.registrationId),
    [JobName.RefreshEmployerAlerts]: (data) => alerts.refreshEmployer(data.employerId),
    [JobName.SweepAlerts]: () => sweep.sweep(),
  };
}

/** The worker's handler table, checked when the module starts. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  readonly handlers: JobHandlers;

  constructor(wageSteps: WageStepsService, alerts: AlertsService, sweep: AlertSweep) {
    this.handlers = buildJobHandlers({ wageSteps, alerts, sweep });
  }

  onModuleInit(): void {
    assertHandlers(this.handlers);
  }

  forQueue(queue: QueueName): QueueHandlers {
    return handlersForQueue(this.handlers, queue);
  }
}
