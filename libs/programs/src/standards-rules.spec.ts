import { percentOfRate } from '@journeyline/common/money';
import { RuleBook, RuleSetting, Severity } from '@journeyline/rules/rule-book';
import {
  checkEntryWage,
  checkMinOjtHours,
  checkOccupationMinHours,
  checkProbationMax,
  checkProbationRequired,
  checkProgramStandards,
  checkRtiComponent,
  checkRtiHoursPerYear,
  checkWageScheduleIncreasing,
  checkWorkProcessCoverage,
  OccupationStandards,
  stepRateCents,
} from './standards-rules';

/** The defaults seeded by migrations/1732190000100-rule-defaults.ts, with overrides per test. */
function settings(overrides: Record<string, Partial<RuleSetting>> = {}): RuleSetting[] {
  const defaults: Array<[string, Severity, Record<string, unknown>, 'verified' | 'unverified']> = [
    ['standards.time_based_min_ojt_hours', 'error', { minHours: 2000 }, 'verified'],
    ['standards.rti_hours_per_year', 'warning', { recommendedHours: 144 }, 'verified'],
    ['standards.wage_schedule_increasing', 'error', {}, 'verified'],
    ['standards.entry_wage_minimum', 'error', {}, 'unverified'],
    ['standards.probation_required', 'error', {}, 'verified'],
    ['standards.probation_max', 'warning', { maxShareOfTerm: 0.25, maxMonths: 12 }, 'unverified'],
    ['standards.occupation_min_hours', 'warning', {}, 'verified'],
    ['standards.work_process_hours_cover_term', 'warning', {}, 'verified'],
    ['standards.rti_component_required', 'error', {}, 'verified'],
  ];
  return defaults.map(([rule, severity, params, confidence]) => ({
    rule,
    severity,
    params,
    source: `source of ${rule}`,
    confidence,
    ...overrides[rule],
  }));
}

const book = (overrides: Record<string, Partial<RuleSetting>> = {}, minimumWageCents: number | null = 725) =>
  new RuleBook(settings(overrides), minimumWageCents);

/** A time-based electrician's standards that pass every rule. */
function standards(overrides: Partial<OccupationStandards> = {}): OccupationStandards {
  return {
    approach: 'time_based',
    ojtTermHours: 8000,
    termMonths: 48,
    rtiHoursPerYear: 144,
    probationMonths: 6,
    journeyworkerRateCents: 3850,
    workProcesses: [
      { minHours: 3000, maxHours: 4000 },
      { minHours: 3000, maxHours: 4500 },
    ],
    wageSchedule: [
      { thresholdKind: 'hours', thresholdValue: 0, percentBasisPoints: 5500, rateCents: null },
      { thresholdKind: 'hours', thresholdValue: 2000, percentBasisPoints: 6500, rateCents: null },
      { thresholdKind: 'hours', thresholdValue: 4000, percentBasisPoints: null, rateCents: 3000 },
    ],
    ...overrides,
  };
}

const PATH = 'occupations.0';

describe('stepRateCents', () => {
  it('takes a percentage of the journeyworker rate exactly, rounding half up to the cent', () => {
    // 55% of $38.50 = $21.175 → $21.18
    expect(stepRateCents({ percentBasisPoints: 5500, rateCents: null }, 3850)).toBe(2118);
    // 62.5% of $33.33 = $20.83125 → $20.83
    expect(stepRateCents({ percentBasisPoints: 6250, rateCents: null }, 3333)).toBe(2083);
    expect(stepRateCents({ percentBasisPoints: 6250, rateCents: null }, 3333)).toBe(percentOfRate(3333, 6250));
  });

  it('returns an absolute rate unchanged', () => {
    expect(stepRateCents({ percentBasisPoints: null, rateCents: 2150 }, 3850)).toBe(2150);
  });
});

describe('standards.time_based_min_ojt_hours', () => {
  it('passes a time-based term of 2000 hours whose schedule provides them', () => {
    expect(
      checkMinOjtHours(book(), standards({ ojtTermHours: 2000, workProcesses: [{ minHours: 2000, maxHours: 2000 }] }), PATH),
    ).toEqual([]);
  });

  it('flags a time-based term under 2000 hours as an error on ojtTermHours, with severity and source from the settings', () => {
    expect(checkMinOjtHours(book(), standards({ ojtTermHours: 1999 }), PATH)).toEqual([
      {
        rule: 'standards.time_based_min_ojt_hours',
        severity: 'error',
        field: 'occupations.0.ojtTermHours',
        message: expect.stringContaining('ojtTermHours is 1999'),
        source: 'source of standards.time_based_min_ojt_hours',
      },
    ]);
  });

  it('flags a time-based work process schedule that cannot provide 2000 hours', () => {
    const findings = checkMinOjtHours(
      book(),
      standards({ ojtTermHours: 2000, workProcesses: [{ minHours: 500, maxHours: 1000 }, { minHours: 500, maxHours: 999 }] }),
      PATH,
    );
    expect(findings.map((finding) => [finding.field, finding.message])).toEqual([
      ['occupations.0.workProcesses', expect.stringContaining('workProcesses provide at most 1999 hours')],
    ]);
  });

  it('applies the term minimum to hybrid standards but not to competency-based ones', () => {
    expect(checkMinOjtHours(book(), standards({ approach: 'hybrid', ojtTermHours: 1500 }), PATH)).toHaveLength(1);
    expect(checkMinOjtHours(book(), standards({ approach: 'competency_based', ojtTermHours: 1500 }), PATH)).toEqual([]);
  });

  it('takes the minimum from the rule parameters', () => {
    const lower = book({ 'standards.time_based_min_ojt_hours': { params: { minHours: 1000 } } });
    expect(checkMinOjtHours(lower, standards({ ojtTermHours: 1500 }), PATH)).toEqual([]);
  });

  it('says nothing when the rule is off', () => {
    const off = book({ 'standards.time_based_min_ojt_hours': { severity: 'off' } });
    expect(checkMinOjtHours(off, standards({ ojtTermHours: 100 }), PATH)).toEqual([]);
  });
});

describe('standards.work_process_hours_cover_term', () => {
  it('passes a term between the total minimum and maximum hours', () => {
    expect(checkWorkProcessCoverage(book(), standards({ ojtTermHours: 6000 }), PATH)).toEqual([]);
    expect(checkWorkProcessCoverage(book(), standards({ ojtTermHours: 8500 }), PATH)).toEqual([]);
  });

  it('warns when the term is outside the schedule, naming workProcesses', () => {
    for (const ojtTermHours of [5999, 8501]) {
      expect(checkWorkProcessCoverage(book(), standards({ ojtTermHours }), PATH)).toEqual([
        expect.objectContaining({
          rule: 'standards.work_process_hours_cover_term',
          severity: 'warning',
          field: 'occupations.0.workProcesses',
          message: expect.stringContaining(`ojtTermHours of ${ojtTermHours}`),
        }),
      ]);
    }
  });

  it('does not apply to competency-based standards', () => {
    expect(checkWorkProcessCoverage(book(), standards({ approach: 'competency_based', ojtTermHours: 100 }), PATH)).toEqual([]);
  });

  it('blocks when an agency makes it an error', () => {
    const strict = book({ 'standards.work_process_hours_cover_term': { severity: 'error' } });
    expect(checkWorkProcessCoverage(strict, standards({ ojtTermHours: 9000 }), PATH)[0].severity).toBe('error');
  });
});

describe('standards.occupation_min_hours', () => {
  it("passes a time-based term at or above the occupation's listed hours", () => {
    expect(checkOccupationMinHours(book(), standards({ ojtTermHours: 8000 }), 8000, PATH)).toEqual([]);
  });

  it("warns on ojtTermHours below the occupation's listed hours", () => {
    expect(checkOccupationMinHours(book(), standards({ ojtTermHours: 6000 }), 8000, PATH)).toEqual([
      expect.objectContaining({
        rule: 'standards.occupation_min_hours',
        severity: 'warning',
        field: 'occupations.0.ojtTermHours',
        message: expect.stringMatching(/ojtTermHours is 6000.*8000 hours/),
      }),
    ]);
  });

  it('has nothing to compare when the occupation lists no hours, or the approach is not time-based', () => {
    expect(checkOccupationMinHours(book(), standards({ ojtTermHours: 2000 }), null, PATH)).toEqual([]);
    expect(checkOccupationMinHours(book(), standards({ approach: 'hybrid', ojtTermHours: 2000 }), 8000, PATH)).toEqual([]);
  });

  it('says nothing when the rule is off', () => {
    const off = book({ 'standards.occupation_min_hours': { severity: 'off' } });
    expect(checkOccupationMinHours(off, standards({ ojtTermHours: 2000 }), 8000, PATH)).toEqual([]);
  });
});

describe('standards.rti_component_required', () => {
  it('passes any RTI hours', () => {
    expect(checkRtiComponent(book(), standards({ rtiHoursPerYear: 1 }), PATH)).toEqual([]);
  });

  it('rejects standards without RTI, naming rtiHoursPerYear', () => {
    expect(checkRtiComponent(book(), standards({ rtiHoursPerYear: 0 }), PATH)).toEqual([
      expect.objectContaining({
        severity: 'error',
        field: 'occupations.0.rtiHoursPerYear',
        message: expect.stringContaining('rtiHoursPerYear must be more than 0'),
      }),
    ]);
  });

  it('says nothing when the rule is off', () => {
    const off = book({ 'standards.rti_component_required': { severity: 'off' } });
    expect(checkRtiComponent(off, standards({ rtiHoursPerYear: 0 }), PATH)).toEqual([]);
  });
});

describe('standards.rti_hours_per_year', () => {
  it('passes the recommended 144 hours or more', () => {
    expect(checkRtiHoursPerYear(book(), standards({ rtiHoursPerYear: 144 }), PATH)).toEqual([]);
  });

  it('warns below 144 hours a year without blocking', () => {
    expect(checkRtiHoursPerYear(book(), standards({ rtiHoursPerYear: 143 }), PATH)).toEqual([
      expect.objectContaining({
        rule: 'standards.rti_hours_per_year',
        severity: 'warning',
        field: 'occupations.0.rtiHoursPerYear',
        message: expect.stringContaining('rtiHoursPerYear is 143; 144 hours a year are recommended'),
      }),
    ]);
  });

  it('follows a state that recommends more hours', () => {
    const state = book({ 'standards.rti_hours_per_year': { params: { recommendedHours: 200 } } });
    expect(checkRtiHoursPerYear(state, standards({ rtiHoursPerYear: 150 }), PATH)).toHaveLength(1);
  });
});

describe('standards.wage_schedule_increasing', () => {
  it('passes steps whose thresholds and hourly rates both rise, mixing percentages and rates', () => {
    // $21.18 → $25.03 → $30.00
    expect(checkWageScheduleIncreasing(book(), standards(), PATH)).toEqual([]);
  });

  it('flags a threshold that does not rise, on that step', () => {
    const schedule = standards().wageSchedule.map((step, index) => (index === 2 ? { ...step, thresholdValue: 2000 } : step));
    expect(checkWageScheduleIncreasing(book(), standards({ wageSchedule: schedule }), PATH)).toEqual([
      expect.objectContaining({
        severity: 'error',
        field: 'occupations.0.wageSchedule.2.thresholdValue',
        message: expect.stringContaining('thresholdValue of step 3 (2000)'),
      }),
    ]);
  });

  it('compares effective hourly rates: an absolute rate below the previous percentage step is flagged on rate', () => {
    // Step 2 is 65% of $38.50 = $25.03; step 3 at $25.03 does not rise.
    const schedule = standards().wageSchedule.map((step, index) => (index === 2 ? { ...step, rateCents: 2503 } : step));
    expect(checkWageScheduleIncreasing(book(), standards({ wageSchedule: schedule }), PATH)).toEqual([
      expect.objectContaining({
        field: 'occupations.0.wageSchedule.2.rate',
        message: expect.stringContaining('rate of step 3 pays $25.03 an hour, not more than step 2\'s $25.03'),
      }),
    ]);
  });

  it('flags a falling percentage step on percentOfJourneyworker', () => {
    const schedule = standards().wageSchedule.map((step, index) => (index === 1 ? { ...step, percentBasisPoints: 5000 } : step));
    const findings = checkWageScheduleIncreasing(book(), standards({ wageSchedule: schedule }), PATH);
    expect(findings.map((finding) => finding.field)).toEqual(['occupations.0.wageSchedule.1.percentOfJourneyworker']);
  });

  it('says nothing when the rule is off', () => {
    const off = book({ 'standards.wage_schedule_increasing': { severity: 'off' } });
    const schedule = [...standards().wageSchedule].reverse();
    expect(checkWageScheduleIncreasing(off, standards({ wageSchedule: schedule }), PATH)).toEqual([]);
  });
});

describe('standards.entry_wage_minimum', () => {
  it('passes an entry wage at the minimum wage', () => {
    // 50% of $14.50 = $7.25
    expect(
      checkEntryWage(
        book(),
        standards({
          journeyworkerRateCents: 1450,
          wageSchedule: [{ thresholdKind: 'hours', thresholdValue: 0, percentBasisPoints: 5000, rateCents: null }],
        }),
        PATH,
      ),
    ).toEqual([]);
  });

  it('flags an entry wage below the minimum wage in force, on step 1', () => {
    const low = standards({
      wageSchedule: [{ thresholdKind: 'hours', thresholdValue: 0, percentBasisPoints: null, rateCents: 1500 }],
    });
    expect(checkEntryWage(book({}, 1600), low, PATH)).toEqual([
      {
        rule: 'standards.entry_wage_minimum',
        severity: 'error',
        field: 'occupations.0.wageSchedule.0.rate',
        message: 'rate of step 1 pays $15.00 an hour, below the minimum wage of $16.00',
        source: 'source of standards.entry_wage_minimum [unverified rule: confirm with the registration agency]',
      },
    ]);
  });

  it('names percentOfJourneyworker when step 1 is a percentage', () => {
    const findings = checkEntryWage(book({}, 2200), standards(), PATH);
    expect(findings.map((finding) => finding.field)).toEqual(['occupations.0.wageSchedule.0.percentOfJourneyworker']);
  });

  it('has nothing to compare without a configured minimum wage', () => {
    expect(checkEntryWage(book({}, null), standards({ journeyworkerRateCents: 100 }), PATH)).toEqual([]);
  });

  it('says nothing when the rule is off', () => {
    expect(checkEntryWage(book({ 'standards.entry_wage_minimum': { severity: 'off' } }, 5000), standards(), PATH)).toEqual([]);
  });
});

describe('standards.probation_required', () => {
  it('passes a stated probation', () => {
    expect(checkProbationRequired(book(), standards({ probationMonths: 1 }), PATH)).toEqual([]);
  });

  it('rejects a probation of 0 months, naming probationMonths', () => {
    expect(checkProbationRequired(book(), standards({ probationMonths: 0 }), PATH)).toEqual([
      expect.objectContaining({ severity: 'error', field: 'occupations.0.probationMonths', message: expect.stringContaining('probationMonths') }),
    ]);
  });
});

describe('standards.probation_max', () => {
  it('passes a probation within 25% of the term and 12 months', () => {
    expect(checkProbationMax(book(), standards({ termMonths: 24, probationMonths: 6 }), PATH)).toEqual([]);
    expect(checkProbationMax(book(), standards({ termMonths: 60, probationMonths: 12 }), PATH)).toEqual([]);
  });

  it('warns over 25% of the term, tagging the rule as unverified', () => {
    expect(checkProbationMax(book(), standards({ termMonths: 18, probationMonths: 5 }), PATH)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        field: 'occupations.0.probationMonths',
        message: expect.stringContaining('probationMonths is 5; probation may last at most 25% of the 18-month term or 12 months'),
        source: expect.stringContaining('[unverified rule'),
      }),
    ]);
  });

  it('warns over 12 months even when 25% of a long term would allow more', () => {
    expect(checkProbationMax(book(), standards({ termMonths: 60, probationMonths: 13 }), PATH)).toHaveLength(1);
  });

  it('uses the parameters and severity from the settings', () => {
    const state = book({ 'standards.probation_max': { severity: 'error', params: { maxShareOfTerm: 0.5, maxMonths: 6 } } });
    expect(checkProbationMax(state, standards({ termMonths: 24, probationMonths: 6 }), PATH)).toEqual([]);
    expect(checkProbationMax(state, standards({ termMonths: 24, probationMonths: 7 }), PATH)[0].severity).toBe('error');
  });
});

describe('checkProgramStandards', () => {
  it('passes good standards with no findings', () => {
    expect(checkProgramStandards(book(), [{ standards: standards(), occupationTimeBasedHours: 8000 }])).toEqual([]);
  });

  it("reports every failing rule with the occupation's index in the path", () => {
    const findings = checkProgramStandards(book(), [
      { standards: standards(), occupationTimeBasedHours: 8000 },
      { standards: standards({ ojtTermHours: 1000, rtiHoursPerYear: 0 }), occupationTimeBasedHours: 8000 },
    ]);
    expect(findings.map((finding) => [finding.rule, finding.field])).toEqual([
      ['standards.time_based_min_ojt_hours', 'occupations.1.ojtTermHours'],
      ['standards.work_process_hours_cover_term', 'occupations.1.workProcesses'],
      ['standards.occupation_min_hours', 'occupations.1.ojtTermHours'],
      ['standards.rti_component_required', 'occupations.1.rtiHoursPerYear'],
      ['standards.rti_hours_per_year', 'occupations.1.rtiHoursPerYear'],
    ]);
  });
});
