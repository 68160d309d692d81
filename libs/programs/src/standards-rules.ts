import { centsToDecimal, percentOfRate } from '@journeyline/common/money';
import { RuleBook, RuleFinding } from '@journeyline/rules/rule-book';
import type { Approach } from './program-occupation.entity';
import type { ThresholdKindCode } from './wage-schedule-step.entity';

/**
 * The 29 CFR part 29 checks on one program occupation's standards. Pure: thresholds, severities
 * and the minimum wage come from the RuleBook, so the same code serves every state and date.
 * Every finding names the input field at fault, relative to the mutation's `input`.
 */

export interface WageStepStandards {
  thresholdKind: ThresholdKindCode;
  thresholdValue: number;
  /** Hundredths of a percent of the journeyworker rate; null for an absolute rate. */
  percentBasisPoints: number | null;
  rateCents: number | null;
}

export interface OccupationStandards {
  approach: Approach;
  ojtTermHours: number;
  termMonths: number;
  rtiHoursPerYear: number;
  probationMonths: number;
  journeyworkerRateCents: number;
  workProcesses: Array<{ minHours: number; maxHours: number }>;
  /** In step order: index 0 is step 1. */
  wageSchedule: WageStepStandards[];
}

export interface StandardsUnderCheck {
  standards: OccupationStandards;
  /** The occupation's TIME-BASED hours from the DOL occupation list, when it has any. */
  occupationTimeBasedHours: number | null;
}

/** The hourly rate a step pays, in cents: a percent step is rounded half up to the cent. */
export function stepRateCents(step: Pick<WageStepStandards, 'percentBasisPoints' | 'rateCents'>, journeyworkerRateCents: number): number {
  if (step.percentBasisPoints !== null) return percentOfRate(journeyworkerRateCents, step.percentBasisPoints);
  if (step.rateCents === null) throw new Error('A wage step needs a percentage or a rate');
  return step.rateCents;
}

/** The input field that sets a step's rate. */
export function stepRateField(step: Pick<WageStepStandards, 'percentBasisPoints'>): 'percentOfJourneyworker' | 'rate' {
  return step.percentBasisPoints !== null ? 'percentOfJourneyworker' : 'rate';
}

const present = (findings: Array<RuleFinding | null>): RuleFinding[] =>
  findings.filter((finding): finding is RuleFinding => finding !== null);

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

const dollars = (cents: number) => `$${centsToDecimal(cents)}`;

/** 29.4: time-based and hybrid programs need at least minHours of OJL; a time-based schedule must provide them. */
export function checkMinOjtHours(book: RuleBook, standards: OccupationStandards, path: string): RuleFinding[] {
  const rule = 'standards.time_based_min_ojt_hours';
  if (standards.approach === 'competency_based') return [];
  const minHours = book.numberParam(rule, 'minHours');
  const findings: Array<RuleFinding | null> = [];
  if (standards.ojtTermHours < minHours) {
    findings.push(
      book.finding(
        rule,
        `${path}.ojtTermHours`,
        `ojtTermHours is ${standards.ojtTermHours}; ${standards.approach.replace('_', '-')} standards need at least ${minHours} hours of on-the-job learning`,
      ),
    );
  }
  const scheduleHours = sum(standards.workProcesses.map((process) => process.maxHours));
  if (standards.approach === 'time_based' && scheduleHours < minHours) {
    findings.push(
      book.finding(
        rule,
        `${path}.workProcesses`,
        `workProcesses provide at most ${scheduleHours} hours (sum of maxHours); time-based standards need at least ${minHours}`,
      ),
    );
  }
  return present(findings);
}

/** 29.7(f): a time-based term must fall between the schedule's total minimum and maximum hours. */
export function checkWorkProcessCoverage(book: RuleBook, standards: OccupationStandards, path: string): RuleFinding[] {
  if (standards.approach !== 'time_based') return [];
  const minTotal = sum(standards.workProcesses.map((process) => process.minHours));
  const maxTotal = sum(standards.workProcesses.map((process) => process.maxHours));
  if (standards.ojtTermHours >= minTotal && standards.ojtTermHours <= maxTotal) return [];
  return present([
    book.finding(
      'standards.work_process_hours_cover_term',
      `${path}.workProcesses`,
      `workProcesses add up to ${minTotal}–${maxTotal} hours, which does not cover ojtTermHours of ${standards.ojtTermHours}`,
    ),
  ]);
}

/** The DOL occupation list's TIME-BASED hours are the usual term for the occupation. */
export function checkOccupationMinHours(
  book: RuleBook,
  standards: OccupationStandards,
  occupationTimeBasedHours: number | null,
  path: string,
): RuleFinding[] {
  if (standards.approach !== 'time_based' || occupationTimeBasedHours === null) return [];
  if (standards.ojtTermHours >= occupationTimeBasedHours) return [];
  return present([
    book.finding(
      'standards.occupation_min_hours',
      `${path}.ojtTermHours`,
      `ojtTermHours is ${standards.ojtTermHours}; the DOL occupation list gives ${occupationTimeBasedHours} hours for this occupation`,
    ),
  ]);
}

/** 29.4: an apprenticeable occupation has related technical instruction. */
export function checkRtiComponent(book: RuleBook, standards: OccupationStandards, path: string): RuleFinding[] {
  if (standards.rtiHoursPerYear > 0) return [];
  return present([
    book.finding(
      'standards.rti_component_required',
      `${path}.rtiHoursPerYear`,
      'rtiHoursPerYear must be more than 0: standards need a related technical instruction component',
    ),
  ]);
}

/** 29.7(e)(2): 144 hours a year is recommended, not required. */
export function checkRtiHoursPerYear(book: RuleBook, standards: OccupationStandards, path: string): RuleFinding[] {
  const rule = 'standards.rti_hours_per_year';
  const recommended = book.numberParam(rule, 'recommendedHours');
  if (standards.rtiHoursPerYear >= recommended) return [];
  return present([
    book.finding(
      rule,
      `${path}.rtiHoursPerYear`,
      `rtiHoursPerYear is ${standards.rtiHoursPerYear}; ${recommended} hours a year are recommended`,
    ),
  ]);
}

/** 29.7(g): a progressively increasing schedule: thresholds and hourly rates both rise step over step. */
export function checkWageScheduleIncreasing(book: RuleBook, standards: OccupationStandards, path: string): RuleFinding[] {
  const rule = 'standards.wage_schedule_increasing';
  const findings: Array<RuleFinding | null> = [];
  standards.wageSchedule.forEach((step, index) => {
    if (index === 0) return;
    const previous = standards.wageSchedule[index - 1];
    const stepPath = `${path}.wageSchedule.${index}`;
    if (step.thresholdValue <= previous.thresholdValue) {
      findings.push(
        book.finding(
          rule,
          `${stepPath}.thresholdValue`,
          `thresholdValue of step ${index + 1} (${step.thresholdValue}) must be above step ${index}'s (${previous.thresholdValue})`,
        ),
      );
    }
    const rate = stepRateCents(step, standards.journeyworkerRateCents);
    const previousRate = stepRateCents(previous, standards.journeyworkerRateCents);
    if (rate <= previousRate) {
      const field = stepRateField(step);
      findings.push(
        book.finding(
          rule,
          `${stepPath}.${field}`,
          `${field} of step ${index + 1} pays ${dollars(rate)} an hour, not more than step ${index}'s ${dollars(previousRate)}`,
        ),
      );
    }
  });
  return present(findings);
}

/** 29.5(b)(5): the entry wage is at least the minimum wage in force for the program's state. */
export function checkEntryWage(book: RuleBook, standards: OccupationStandards, path: string): RuleFinding[] {
  const first = standards.wageSchedule[0];
  if (!first || book.minimumWageCents === null) return [];
  const rate = stepRateCents(first, standards.journeyworkerRateCents);
  if (rate >= book.minimumWageCents) return [];
  const field = stepRateField(first);
  return present([
    book.finding(
      'standards.entry_wage_minimum',
      `${path}.wageSchedule.0.${field}`,
      `${field} of step 1 pays ${dollars(rate)} an hour, below the minimum wage of ${dollars(book.minimumWageCents)}`,
    ),
  ]);
}

/** 29.7(h)(1): standards state a probationary period. */
export function checkProbationRequired(book: RuleBook, standards: OccupationStandards, path: string): RuleFinding[] {
  if (standards.probationMonths >= 1) return [];
  return present([
    book.finding('standards.probation_required', `${path}.probationMonths`, 'probationMonths must be at least 1 month'),
  ]);
}

/** 29.5(b)(8): probation is at most a share of the term or a number of months, whichever is shorter. */
export function checkProbationMax(book: RuleBook, standards: OccupationStandards, path: string): RuleFinding[] {
  const rule = 'standards.probation_max';
  const share = book.numberParam(rule, 'maxShareOfTerm');
  const maxMonths = book.numberParam(rule, 'maxMonths');
  const limit = Math.min(share * standards.termMonths, maxMonths);
  if (standards.probationMonths <= limit) return [];
  return present([
    book.finding(
      rule,
      `${path}.probationMonths`,
      `probationMonths is ${standards.probationMonths}; probation may last at most ${Math.round(share * 10000) / 100}% of the ${standards.termMonths}-month term or ${maxMonths} months, whichever is shorter`,
    ),
  ]);
}

/** Every rule on one program occupation; `path` is its place in the input, e.g. "occupations.0". */
export function checkOccupationStandards(book: RuleBook, subject: StandardsUnderCheck, path: string): RuleFinding[] {
  const { standards } = subject;
  return [
    ...checkMinOjtHours(book, standards, path),
    ...checkWorkProcessCoverage(book, standards, path),
    ...checkOccupationMinHours(book, standards, subject.occupationTimeBasedHours, path),
    ...checkRtiComponent(book, standards, path),
    ...checkRtiHoursPerYear(book, standards, path),
    ...checkWageScheduleIncreasing(book, standards, path),
    ...checkEntryWage(book, standards, path),
    ...checkProbationRequired(book, standards, path),
    ...checkProbationMax(book, standards, path),
  ];
}

/** Every rule on every occupation of a program's standards, as listed in `input.occupations`. */
export function checkProgramStandards(book: RuleBook, occupations: StandardsUnderCheck[]): RuleFinding[] {
  return occupations.flatMap((subject, index) => checkOccupationStandards(book, subject, `occupations.${index}`));
}
