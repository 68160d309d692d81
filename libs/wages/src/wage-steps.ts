import { addMonths } from '@journeyline/common/dates';
import { percentOfRate } from '@journeyline/common/money';

/**
 * Which steps of a registration's wage schedule are due, when each became due and why. Pure: the
 * job reads the records and writes the result, so the arithmetic is tested on its own. Hours are
 * handled as integer hundredths (entries are quarter hours), rates as integer cents.
 */

export type ThresholdKind = 'hours' | 'months';
export type DueTrigger = 'entry' | 'credit_granted' | 'hours_reached' | 'time_elapsed';

export interface ScheduleStep {
  step: number;
  thresholdKind: ThresholdKind;
  /** OJT hours or months since the start at which the step is reached. */
  thresholdValue: number;
  /** Share of the journeyworker rate in hundredths of a percent, or null for an absolute rate. */
  percentBasisPoints: number | null;
  rateCents: number | null;
}

export interface ApprovedHours {
  /** 'YYYY-MM-DD'. */
  workDate: string;
  /** Hours approved for that date (several entries may share a date). */
  hours: number | string;
}

export interface WageStepInput {
  schedule: ScheduleStep[];
  journeyworkerRateCents: number;
  startDate: string;
  priorCreditOjtHours: number;
  /** Approved OJT entries, in work-date order. */
  approvedHours: ApprovedHours[];
  today: string;
}

export interface DueStep {
  step: number;
  rateCents: number;
  /** The rate as a share of the journeyworker rate, in hundredths of a percent. */
  percentBasisPoints: number;
  /** The date the step became due. */
  dueDate: string;
  trigger: DueTrigger;
  /** OJT hours (prior credit included) at the end of the due date. */
  hoursAtTrigger: number;
}

/** The hourly rate of a step, in cents; a percentage is rounded half up to the cent. */
export function scheduleStepRateCents(step: Pick<ScheduleStep, 'percentBasisPoints' | 'rateCents'>, journeyworkerRateCents: number): number {
  if (step.percentBasisPoints !== null) return percentOfRate(journeyworkerRateCents, step.percentBasisPoints);
  if (step.rateCents === null) throw new Error('A wage step needs a percentage or a rate');
  return step.rateCents;
}

/** A rate as a share of the journeyworker rate, in hundredths of a percent, rounded half up. */
export function shareOfJourneyworker(rateCents: number, journeyworkerRateCents: number): number {
  return Number((BigInt(rateCents) * 10000n * 2n + BigInt(journeyworkerRateCents)) / (BigInt(journeyworkerRateCents) * 2n));
}

const toHundredths = (hours: number | string): number => Math.round(Number(hours) * 100);

interface CumulativeDay {
  date: string;
  /** Hundredths of an hour, prior credit included, at the end of the date. */
  total: number;
}

function cumulativeByDate(priorCreditHundredths: number, approved: ApprovedHours[], today: string): CumulativeDay[] {
  const days: CumulativeDay[] = [];
  let total = priorCreditHundredths;
  for (const entry of approved) {
    if (entry.workDate > today) break;
    total += toHundredths(entry.hours);
    const last = days[days.length - 1];
    if (last?.date === entry.workDate) last.total = total;
    else days.push({ date: entry.workDate, total });
  }
  return days;
}

function hoursOn(days: CumulativeDay[], priorCreditHundredths: number, date: string): number {
  let total = priorCreditHundredths;
  for (const day of days) {
    if (day.date > date) break;
    total = day.total;
  }
  return total;
}

/**
 * Every step due by `today`, in step order. Step 1 is the entry wage, due at the start. Later steps
 * are due when their threshold is crossed; they are never skipped: a step is due only once every
 * earlier one is, and never before it, so crossing several thresholds at once yields each step in
 * turn, each dated by its own crossing. Prior credit that alone reaches a threshold makes the step
 * due at the start ('credit_granted').
 */
export function dueWageSteps(input: WageStepInput): DueStep[] {
  const schedule = [...input.schedule].sort((a, b) => a.step - b.step);
  if (!schedule.length || input.startDate > input.today) return [];
  const credit = toHundredths(input.priorCreditOjtHours);
  const days = cumulativeByDate(credit, input.approvedHours, input.today);
  const due: DueStep[] = [];
  let previousDate = input.startDate;

  for (const [index, step] of schedule.entries()) {
    let crossing: { date: string; trigger: DueTrigger } | null;
    if (index === 0) {
      crossing = { date: input.startDate, trigger: 'entry' };
    } else if (step.thresholdKind === 'hours') {
      const threshold = step.thresholdValue * 100;
      if (credit >= threshold) crossing = { date: input.startDate, trigger: 'credit_granted' };
      else {
        const day = days.find((candidate) => candidate.total >= threshold);
        crossing = day ? { date: day.date, trigger: 'hours_reached' } : null;
      }
    } else {
      const date = addMonths(input.startDate, step.thresholdValue);
      crossing = date <= input.today ? { date, trigger: 'time_elapsed' } : null;
    }
    if (!crossing) break;

    const dueDate = crossing.date > previousDate ? crossing.date : previousDate;
    const rateCents = scheduleStepRateCents(step, input.journeyworkerRateCents);
    due.push({
      step: step.step,
      rateCents,
      percentBasisPoints: step.percentBasisPoints ?? shareOfJourneyworker(rateCents, input.journeyworkerRateCents),
      dueDate,
      trigger: crossing.trigger,
      hoursAtTrigger: hoursOn(days, credit, dueDate) / 100,
    });
    previousDate = dueDate;
  }
  return due;
}
