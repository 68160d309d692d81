import { cohortCompletionRate, completionRate, deriveMeasures, OutcomeCounts, OutcomeDetails, rateBasisPoints, ZERO_COUNTS } from './measures';
import { apprenticeShare, ppmToShare, representationIndex, shareToPpm } from './representation';

const MIN = 10;

const counts = (overrides: Partial<OutcomeCounts>): OutcomeCounts => ({ ...ZERO_COUNTS, ...overrides });

describe('completion rate arithmetic (29 CFR 29.6)', () => {
  // A cohort of 100: 40 completed, 20 cancelled after probation, 15 cancelled in probation,
  // 5 transferred out, 20 still active.
  const cohort = counts({
    newRegistrations: 100,
    cohortCompleted: 40,
    cohortCancelled: 20,
    cohortProbationaryCancelled: 15,
    cohortTransferred: 5,
  });

  it('divides completers by exits that count: completers plus cancellations after probation', () => {
    expect(completionRate(cohort, MIN)).toEqual({ value: '66.67' }); // 40 / 60
  });

  it('offers the cohort variant: completers over the cohort less probationary cancellations and transfers', () => {
    expect(cohortCompletionRate(cohort, MIN)).toEqual({ value: '50.00' }); // 40 / 80
  });

  it('rounds half up to hundredths of a percent', () => {
    expect(rateBasisPoints(1, 3)).toBe(3333);
    expect(rateBasisPoints(2, 3)).toBe(6667);
    expect(rateBasisPoints(1, 8)).toBe(1250);
    expect(rateBasisPoints(1, 16000)).toBe(1); // 0.625 bp rounds up
    expect(rateBasisPoints(0, 0)).toBeNull();
  });

  it('withholds a rate over fewer than the minimum, or with a small numerator; shows 0% of enough', () => {
    expect(completionRate(counts({ cohortCompleted: 5, cohortCancelled: 4 }), MIN)).toEqual({ value: null, suppressed: true });
    expect(completionRate(counts({ cohortCompleted: 3, cohortCancelled: 40 }), MIN)).toEqual({ value: null, suppressed: true });
    expect(completionRate(counts({ cohortCompleted: 0, cohortCancelled: 12 }), MIN)).toEqual({ value: '0.00' });
    expect(completionRate(counts({}), MIN)).toEqual({ value: null, suppressed: false });
  });
});

describe('deriveMeasures', () => {
  const details: OutcomeDetails = {
    monthsCount: 12,
    monthsP25: '40.10',
    monthsMedian: '47.55',
    monthsP75: '50.00',
    entryWageCount: 30,
    entryWageMedianCents: '2150',
    completionWageCount: 9,
    completionWageMedianCents: '3900',
    wageGainCount: 12,
    wageGainMedianCents: '-125',
    rtiCount: 12,
    rtiHoursPerYear: '151.25',
  };
  const group = counts({
    activeAtStart: 200,
    newRegistrations: 50,
    completers: 12,
    cancellations: 20,
    probationaryCancellations: 10,
    transfers: 0,
    activeAtEnd: 208,
    cohortCompleted: 0,
    cohortCancelled: 10,
    eligible6: 30,
    retained6: 27,
  });

  it('shows counts, rates, medians as decimal strings, and lists what it withheld', () => {
    const { measures, suppressedMeasures } = deriveMeasures(group, details, new Set(), MIN);
    expect(measures).toMatchObject({
      activeAtStart: 200,
      activeAtEnd: 208,
      completionRate: '0.00',
      retention6Months: '90.00',
      retention12Months: null,
      medianMonthsToCompletion: '47.55',
      medianEntryWage: '21.50',
      medianCompletionWage: null,
      medianWageGain: '-1.25',
      rtiHoursPerYear: '151.25',
    });
    expect(suppressedMeasures).toEqual(['medianCompletionWage']);
  });

  it('withholds what derives from a withheld count: the cohort\'s measures with new registrations, completers\' with completers', () => {
    const cohort = deriveMeasures(group, details, new Set(['newRegistrations', 'transfers'] as const), MIN);
    expect(cohort.suppressedMeasures.sort()).toEqual(
      [
        'newRegistrations',
        'transfers',
        'completionRate',
        'cohortCompletionRate',
        'retention6Months',
        'retention12Months',
        'retention24Months',
        'medianEntryWage',
        'medianCompletionWage',
      ].sort(),
    );
    expect(cohort.measures).toMatchObject({ completers: 12, medianMonthsToCompletion: '47.55', retention6Months: null });
    const completers = deriveMeasures(group, details, new Set(['completers', 'cancellations'] as const), MIN);
    expect(completers.measures).toMatchObject({
      newRegistrations: 50,
      retention6Months: '90.00',
      medianMonthsToCompletion: null,
      medianWageGain: null,
      rtiHoursPerYear: null,
      medianEntryWage: '21.50',
    });
    expect(completers.suppressedMeasures).toContain('p75MonthsToCompletion');
  });
});

describe('representation index', () => {
  it('divides the apprentice share by the baseline share', () => {
    // 30 of 120 apprentices (25%) against a 50% baseline: half as represented.
    expect(apprenticeShare(30, 120)).toBe('0.2500');
    expect(representationIndex(30, 120, shareToPpm('0.5'))).toBe('0.50');
    expect(representationIndex(60, 120, shareToPpm('0.25'))).toBe('2.00');
    expect(representationIndex(1, 3, shareToPpm('0.333333'))).toBe('1.00');
  });

  it('has no index without apprentices or against an empty baseline', () => {
    expect(representationIndex(0, 0, 500000)).toBeNull();
    expect(representationIndex(5, 100, 0)).toBeNull();
    expect(representationIndex(5, 100, null)).toBeNull();
  });

  it('reads and writes shares exactly, to the millionth', () => {
    expect(shareToPpm('0.4921')).toBe(492100);
    expect(shareToPpm('1')).toBe(1_000_000);
    expect(shareToPpm('0.000001')).toBe(1);
    expect(ppmToShare(492100)).toBe('0.492100');
  });
});
