import { Injectable, OnModuleInit } from '@nestjs/common';
import { AlertSweep } from '@journeyline/compliance/alert-sweep';
import { AlertsService } from '@journeyline/compliance/alerts.service';
import { assertHandlers, handlersForQueue, JobHandlers, QueueHandlers } from '@journeyline/jobs/job-dispatch';
import { JobName, QueueName } from '@journeyline/jobs/job-registry';
import { OutcomeJobs } from '@journeyline/outcomes/outcome-runs';
import { ReportGenerator } from '@journeyline/reporting/runs/report-generator';
import { VaCertificationSchedule } from '@journeyline/reporting/runs/va-certification-schedule';
import { WageStepsService } from '@journeyline/wages/wage-steps.service';

export interface JobServices {
  wageSteps: Pick<WageStepsService, 'recompute'>;
  alerts: Pick<AlertsService, 'refreshRegistration' | 'refreshEmployer'>;
  sweep: Pick<AlertSweep, 'sweep'>;
  reports: Pick<ReportGenerator, 'generate'>;
  vaSchedule: Pick<VaCertificationSchedule, 'requestMonthlyRuns'>;
  outcomes: Pick<OutcomeJobs, 'refresh' | 'rebuild' | 'check'>;
}

/** The one table from job name to handler. */
export function buildJobHandlers({ wageSteps, alerts, sweep, reports, vaSchedule, outcomes }: JobServices): JobHandlers {
  return {
    [JobName.RecomputeWageStep]: (data) => wageSteps.recompute(data.registrationId),
    [JobName.RefreshAlerts]: (data) => alerts.refreshRegistration(data.registrationId),
    [JobName.RefreshEmployerAlerts]: (data) => alerts.refreshEmployer(data.employerId),
    [JobName.SweepAlerts]: () => sweep.sweep(),
    // The last attempt marks the run failed; earlier ones leave it to the queue's backoff.
    [JobName.GenerateReport]: (data, job) =>
      reports.generate(data.runId, {
        attempt: job.attemptsMade + 1,
        attempts: job.opts?.attempts ?? 1,
        progress: (progress) => job.updateProgress(progress),
      }),
    [JobName.RequestVaMonthlyRuns]: () => vaSchedule.requestMonthlyRuns(),
    [JobName.RefreshOutcomeFacts]: (data) => outcomes.refresh(data.registrationId),
    [JobName.RebuildOutcomes]: (data, job) =>
      outcomes.rebuild(data.runId, { attempt: job.attemptsMade + 1, attempts: job.opts?.attempts ?? 1 }),
    [JobName.CheckOutcomeConsistency]: (data, job) =>
      outcomes.check(data.runId, { attempt: job.attemptsMade + 1, attempts: job.opts?.attempts ?? 1 }),
  };
}

/** The worker's handler table, checked when the module starts. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  readonly handlers: JobHandlers;

  constructor(
    wageSteps: WageStepsService,
    alerts: AlertsService,
    sweep: AlertSweep,
    reports: ReportGenerator,
    vaSchedule: VaCertificationSchedule,
    outcomes: OutcomeJobs,
  ) {
    this.handlers = buildJobHandlers({ wageSteps, alerts, sweep, reports, vaSchedule, outcomes });
  }

  onModuleInit(): void {
    assertHandlers(this.handlers);
  }

  forQueue(queue: QueueName): QueueHandlers {
    return handlersForQueue(this.handlers, queue);
  }
}
