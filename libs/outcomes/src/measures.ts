import { basisPointsToPercent, centsToDecimal } from '@journeyline/common/money';
import { isSmall } from './suppression';

/**
 * Counts for one group over one period, as both the cube and the fact table produce them.
 * Flow counts (the first seven) obey: activeAtStart + newRegistrations − completers −
 * cancellations − probationaryCancellations − transfers = activeAtEnd. Cohort counts describe the
 * registrations that started in the period (the cohort), by how they have ended so far.
 */
export interface OutcomeCounts {
  activeAtStart: number;
  newRegistrations: number;
  completers: number;
  cancellations: number;
  probationaryCancellations: number;
  transfers: number;
  activeAtEnd: number;
  cohortCompleted: number;
  cohortCancelled: number;
  cohortProbationaryCancelled: number;
  cohortTransferred: number;
  eligible6: number;
  retained6: number;
  eligible12: number;
  retained12: number;
  eligible24: number;
  retained24: number;
}

export const FLOW_COUNTS = [
  'activeAtStart',
  'newRegistrations',
  'completers',
  'cancellations',
  'probationaryCancellations',
  'transfers',
  'activeAtEnd',
] as const satisfies ReadonlyArray<keyof OutcomeCounts>;

export const COHORT_COUNTS = [
  'cohortCompleted',
  'cohortCancelled',
  'cohortProbationaryCancelled',
  'cohortTransferred',
  'eligible6',
  'retained6',
  'eligible12',
  'retained12',
  'eligible24',
  'retained24',
] as const satisfies ReadonlyArray<keyof OutcomeCounts>;

export const ZERO_COUNTS: OutcomeCounts = Object.fromEntries([...FLOW_COUNTS, ...COHORT_COUNTS].map((name) => [name, 0])) as never;

/**
 * Medians and means read from the fact table: completers in the period (months to completion,
 * completion wage, wage gain, RTI hours per year) and new registrations (entry wage). Values
 * are already rounded by SQL: months to 2 decimals, wages to whole cents, RTI hours to 2 decimals.
 */
export interface OutcomeDetails {
  monthsCount: number;
  monthsP25: string | null;
  monthsMedian: string | null;
  monthsP75: string | null;
  entryWageCount: number;
  entryWageMedianCents: string | null;
  completionWageCount: number;
  completionWageMedianCents: string | null;
  wageGainCount: number;
  wageGainMedianCents: string | null;
  rtiCount: number;
  rtiHoursPerYear: string | null;
}

export interface OutcomeMeasures {
  activeAtStart: number | null;
  newRegistrations: number | null;
  completers: number | null;
  cancellations: number | null;
  probationaryCancellations: number | null;
  transfers: number | null;
  activeAtEnd: number | null;
  completionRate: string | null;
  cohortCompletionRate: string | null;
  retention6Months: string | null;
  retention12Months: string | null;
  retention24Months: string | null;
  medianMonthsToCompletion: string | null;
  p25MonthsToCompletion: string | null;
  p75MonthsToCompletion: string | null;
  medianEntryWage: string | null;
  medianCompletionWage: string | null;
  medianWageGain: string | null;
  rtiHoursPerYear: string | null;
}

export type MeasureName = keyof OutcomeMeasures;

/** Medians and means: only the fact table has them, so they are computed only when asked for. */
export const DETAIL_MEASURES = [
  'medianMonthsToCompletion',
  'p25MonthsToCompletion',
  'p75MonthsToCompletion',
  'medianEntryWage',
  'medianCompletionWage',
  'medianWageGain',
  'rtiHoursPerYear',
] as const satisfies readonly MeasureName[];

/** Every measure, in the order tables and exports show them. */
export const MEASURE_NAMES: readonly MeasureName[] = [
  ...FLOW_COUNTS,
  'completionRate',
  'cohortCompletionRate',
  'retention6Months',
  'retention12Months',
  'retention24Months',
  ...DETAIL_MEASURES,
];

/** num / den as hundredths of a percent, rounded half up; null when den is 0. */
export function rateBasisPoints(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Number((BigInt(numerator) * 20000n + BigInt(denominator)) / (2n * BigInt(denominator)));
}

/** A rate as shown ("55.50" percent), or why it is not. */
type Rate = { value: string } | { value: null; suppressed: boolean };

/**
 * A rate is withheld when its denominator is below the minimum or its numerator is a small
 * count (1 to minimum − 1): a percentage of a handful of people points at them. An empty
 * denominator is no rate at all (null, not suppressed).
 */
function rate(numerator: number, denominator: number, minCellSize: number): Rate {
  if (denominator <= 0) return { value: null, suppressed: false };
  if (denominator < minCellSize || isSmall(numerator, minCellSize)) return { value: null, suppressed: true };
  return { value: basisPointsToPercent(rateBasisPoints(numerator, denominator)!) };
}

/** Completers over cohort exits, leaving out probationary cancellations (29 CFR 29.6) and transfers. */
export function completionRate(counts: OutcomeCounts, minCellSize: number): Rate {
  return rate(counts.cohortCompleted, counts.cohortCompleted + counts.cohortCancelled, minCellSize);
}

/** Completers over the whole cohort less probationary cancellations and transfers (still active ones count). */
export function cohortCompletionRate(counts: OutcomeCounts, minCellSize: number): Rate {
  return rate(
    counts.cohortCompleted,
    counts.newRegistrations - counts.cohortProbationaryCancelled - counts.cohortTransferred,
    minCellSize,
  );
}

/** A median or mean over `count` people: withheld below the minimum, absent when nobody qualifies. */
function statistic(count: number, value: string | null, minCellSize: number, format: (raw: string) => string): Rate {
  if (count <= 0 || value === null) return { value: null, suppressed: false };
  if (count < minCellSize) return { value: null, suppressed: true };
  return { value: format(value) };
}

export interface DerivedMeasures {
  measures: OutcomeMeasures;
  /** Every measure withheld, by its name; null measures not listed simply do not apply. */
  suppressedMeasures: MeasureName[];
}

export type FlowName = (typeof FLOW_COUNTS)[number];

/**
 * Turns one group's counts into its published measures. `withheld` lists the flow counts
 * suppression withholds (see suppression.ts). A measure derived from a withheld count is withheld
 * too: everything about the cohort (rates, retention, entry wage) when new registrations are,
 * everything about completers (months, completion wage, wage gain, RTI) when completers are.
 */
export function deriveMeasures(
  counts: OutcomeCounts,
  details: OutcomeDetails | null,
  withheld: ReadonlySet<FlowName>,
  minCellSize: number,
): DerivedMeasures {
  const suppressedMeasures: MeasureName[] = [];
  const take = (name: MeasureName, result: Rate): string | null => {
    if (result.value === null && result.suppressed) suppressedMeasures.push(name);
    return result.value;
  };
  const count = (name: FlowName): number | null => {
    if (withheld.has(name)) suppressedMeasures.push(name);
    return withheld.has(name) ? null : counts[name];
  };
  const cohortHidden = withheld.has('newRegistrations');
  const completersHidden = withheld.has('completers');
  const derived = (name: MeasureName, hidden: boolean, result: () => Rate): string | null =>
    take(name, hidden ? { value: null, suppressed: true } : result());
  const identity = (raw: string) => raw;
  const cents = (raw: string) => centsToDecimal(raw);

  const measures: OutcomeMeasures = {
    activeAtStart: count('activeAtStart'),
    newRegistrations: count('newRegistrations'),
    completers: count('completers'),
    cancellations: count('cancellations'),
    probationaryCancellations: count('probationaryCancellations'),
    transfers: count('transfers'),
    activeAtEnd: count('activeAtEnd'),
    completionRate: derived('completionRate', cohortHidden, () => completionRate(counts, minCellSize)),
    cohortCompletionRate: derived('cohortCompletionRate', cohortHidden, () => cohortCompletionRate(counts, minCellSize)),
    retention6Months: derived('retention6Months', cohortHidden, () => rate(counts.retained6, counts.eligible6, minCellSize)),
    retention12Months: derived('retention12Months', cohortHidden, () => rate(counts.retained12, counts.eligible12, minCellSize)),
    retention24Months: derived('retention24Months', cohortHidden, () => rate(counts.retained24, counts.eligible24, minCellSize)),
    medianMonthsToCompletion: null,
    p25MonthsToCompletion: null,
    p75MonthsToCompletion: null,
    medianEntryWage: null,
    medianCompletionWage: null,
    medianWageGain: null,
    rtiHoursPerYear: null,
  };
  if (details) {
    const completerStatistic = (name: MeasureName, count: number, value: string | null, format: (raw: string) => string) =>
      derived(name, completersHidden, () => statistic(count, value, minCellSize, format));
    measures.p25MonthsToCompletion = completerStatistic('p25MonthsToCompletion', details.monthsCount, details.monthsP25, identity);
    measures.medianMonthsToCompletion = completerStatistic('medianMonthsToCompletion', details.monthsCount, details.monthsMedian, identity);
    measures.p75MonthsToCompletion = completerStatistic('p75MonthsToCompletion', details.monthsCount, details.monthsP75, identity);
    measures.medianEntryWage = derived('medianEntryWage', cohortHidden, () =>
      statistic(details.entryWageCount, details.entryWageMedianCents, minCellSize, cents),
    );
    measures.medianCompletionWage = completerStatistic(
      'medianCompletionWage',
      details.completionWageCount,
      details.completionWageMedianCents,
      cents,
    );
    measures.medianWageGain = completerStatistic('medianWageGain', details.wageGainCount, details.wageGainMedianCents, cents);
    measures.rtiHoursPerYear = completerStatistic('rtiHoursPerYear', details.rtiCount, details.rtiHoursPerYear, identity);
  }
  return { measures, suppressedMeasures };
}

export function flowCounts(counts: OutcomeCounts): number[] {
  return FLOW_COUNTS.map((name) => counts[name]);
}
