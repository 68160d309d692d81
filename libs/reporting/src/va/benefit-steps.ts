import { VaChapter } from '../record/apprentice-record';

/**
 * Statutory step-downs of the apprenticeship/OJT benefit per 6-month period of pursuit
 * (va.md §5, all [verified]). Percentages only: the dollar amounts they apply to (BAH, MGIB and DEA
 * rates) change every year and are rate data with effective dates, never constants here (va.md
 * standing rule 2).
 */
export interface ChapterSteps {
  chapter: VaChapter;
  /**
   * `percent`: the step is a percentage of a base rate; `rate-table`: each step has its own yearly
   * amount; `none`: no 6-month steps (VR&E subsistence).
   */
  kind: 'percent' | 'rate-table' | 'none';
  /** Percent for step 1, 2, …; the last entry applies to every later period. Null unless kind is `percent`. */
  percents: readonly number[] | null;
  /** Number of distinct steps; the last one is open-ended. 0 when the chapter has no steps. */
  stepCount: number;
  /** What the percentage (or step) applies to. */
  basis: string;
  citation: string;
}

export const MONTHS_PER_STEP = 6;

export const BENEFIT_STEPS: Readonly<Record<VaChapter, ChapterSteps>> = {
  '33': {
    chapter: '33',
    kind: 'percent',
    percents: [100, 80, 60, 40, 20],
    stepCount: 5,
    basis: 'monthly housing allowance (BAH for an E-5 with dependents at the employer ZIP), times the eligibility tier',
    citation: '38 U.S.C. 3313(g)(3)(B)',
  },
  '30': {
    chapter: '30',
    kind: 'percent',
    percents: [75, 55, 35],
    stepCount: 3,
    basis: 'full-time institutional monthly rate',
    citation: '38 U.S.C. 3032(c)',
  },
  '1606': {
    chapter: '1606',
    kind: 'percent',
    percents: [75, 55, 35],
    stepCount: 3,
    basis: 'full-time institutional monthly rate',
    citation: '10 U.S.C. 16131(d)',
  },
  '32': {
    chapter: '32',
    kind: 'percent',
    percents: [75, 55, 35],
    stepCount: 3,
    basis: 'full-time institutional monthly rate',
    citation: '38 U.S.C. 3233',
  },
  '35': {
    chapter: '35',
    kind: 'rate-table',
    percents: null,
    stepCount: 4,
    basis: 'fixed monthly amount per step (statutory base adjusted by CPI each fiscal year)',
    citation: '38 U.S.C. 3687(b)(2)',
  },
  '31': {
    chapter: '31',
    kind: 'none',
    percents: null,
    stepCount: 0,
    basis: 'subsistence allowance from wages actually paid; no 6-month steps',
    citation: '38 CFR 21.260',
  },
};

/**
 * The step for a pursuit month, given how many months of pursuit came before it. Steps follow
 * 6-month periods of pursuit and stop at the chapter's last, open-ended step (ch. 33: "after 24
 * months" is step 5). Null for chapters without steps.
 */
export function benefitStep(chapter: VaChapter, pursuitMonthsBefore: number): number | null {
  const steps = BENEFIT_STEPS[chapter];
  if (steps.stepCount === 0) return null;
  return Math.min(Math.floor(pursuitMonthsBefore / MONTHS_PER_STEP) + 1, steps.stepCount);
}

/** The statutory percentage for a step, or null when the chapter's steps are not percentages. */
export function stepPercent(chapter: VaChapter, step: number | null): number | null {
  const { percents } = BENEFIT_STEPS[chapter];
  if (percents === null || step === null) return null;
  return percents[Math.min(step, percents.length) - 1];
}
