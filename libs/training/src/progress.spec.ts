import { computeProgress, paceWindowStart, programYear, ProgressFacts } from './progress';

const wp = (id: string, minHours: number, maxHours: number, approvedHours: number, pendingHours: number) => ({
  id,
  position: Number(id.slice(-1)),
  title: `Work process ${id}`,
  minHours,
  maxHours,
  competencies: [],
  approvedHours,
  pendingHours,
});

const facts = (overrides: Partial<ProgressFacts> = {}): ProgressFacts => ({
  today: '2024-07-01',
  startDate: '2024-01-08',
  expectedCompletionDate: '2027-10-08',
  ojtTermHours: 8000,
  priorCreditOjtHours: 500,
  workProcesses: [wp('wp1', 1000, 1500, 160, 16), wp('wp2', 0, 100, 90, 20)],
  approvedHoursInPaceWindow: 180,
  rtiHoursThisProgramYear: 60,
  rtiRequiredHoursPerYear: 144,
  rtiRecommendedHoursPerYear: 144,
  ...overrides,
});

describe('computeProgress', () => {
  it('totals approved and pending hours per work process and flags the allotment', () => {
    const progress = computeProgress(facts());
    expect(progress.byWorkProcess.map(({ workProcess, ...row }) => [workProcess.id, row])).toEqual([
      ['wp1', { approvedHours: 160, pendingHours: 16, remainingToMin: 840, overAllotment: false }],
      // 90 approved + 20 pending = 110 > 100.
      ['wp2', { approvedHours: 90, pendingHours: 20, remainingToMin: 0, overAllotment: true }],
    ]);
    expect(progress).toMatchObject({ approvedOjtHours: 250, pendingOjtHours: 36, priorCreditOjtHours: 500, ojtTermHours: 8000 });
  });

  it('counts approved hours plus prior credit toward the term, to one decimal rounded half up', () => {
    // (250 + 500) / 8000 = 9.375 % → "9.4"; 7250 hours remain.
    expect(computeProgress(facts())).toMatchObject({ percentOfTerm: '9.4', remainingOjtHours: 7250 });
    // (2500 + 500) / 8000 = 37.5 %.
    expect(computeProgress(facts({ workProcesses: [wp('wp1', 0, 9000, 2500, 0)] })).percentOfTerm).toBe('37.5');
    expect(computeProgress(facts({ priorCreditOjtHours: 0, workProcesses: [] })).percentOfTerm).toBe('0.0');
  });

  it('projects completion from the approved hours of the last 90 days', () => {
    // 180 h in 90 days = 2 h/day; 7250 h remain → 3625 days after 2024-07-01.
    expect(computeProgress(facts()).projectedCompletionDate).toBe('2034-06-04');
    // 0.25 h in the window: 7250 × 4 × 90 days → 2,610,000 days, still a date.
    expect(computeProgress(facts({ approvedHoursInPaceWindow: 0.25 })).projectedCompletionDate).not.toBeNull();
    expect(computeProgress(facts({ approvedHoursInPaceWindow: 0 })).projectedCompletionDate).toBeNull();
  });

  it('projects today once the term is covered', () => {
    const done = computeProgress(facts({ priorCreditOjtHours: 7750, approvedHoursInPaceWindow: 0 }));
    expect(done).toMatchObject({ remainingOjtHours: 0, percentOfTerm: '100.0', projectedCompletionDate: '2024-07-01' });
  });

  it('judges the RTI pace against the share of the program year elapsed', () => {
    // Program year 2024-01-08 .. 2025-01-08 has 366 days; 175 have passed: 144 × 175 / 366 = 68.85 h expected.
    const behind = computeProgress(facts());
    expect(behind).toMatchObject({
      programYearStart: '2024-01-08',
      rtiHoursThisProgramYear: 60,
      rtiExpectedHoursToDate: 68.85,
      rtiRequiredHoursPerYear: 144,
      rtiRecommendedHoursPerYear: 144,
      rtiOnPace: false,
    });
    expect(computeProgress(facts({ rtiHoursThisProgramYear: 69 })).rtiOnPace).toBe(true);
    // On the first day of a program year nothing is due yet.
    expect(computeProgress(facts({ today: '2025-01-08', rtiHoursThisProgramYear: 0 }))).toMatchObject({
      programYearStart: '2025-01-08',
      rtiExpectedHoursToDate: 0,
      rtiOnPace: true,
    });
  });

  it('passes the expected completion date through', () => {
    expect(computeProgress(facts()).expectedCompletionDate).toBe('2027-10-08');
  });
});

describe('programYear', () => {
  it('counts years from the start date', () => {
    expect(programYear('2023-03-15', '2025-03-14')).toEqual({ start: '2024-03-15', end: '2025-03-15' });
    expect(programYear('2023-03-15', '2025-03-15')).toEqual({ start: '2025-03-15', end: '2026-03-15' });
    expect(programYear('2023-03-15', '2023-01-01')).toEqual({ start: '2023-03-15', end: '2024-03-15' });
  });

  it('turns a 29 February start on 28 February', () => {
    expect(programYear('2024-02-29', '2025-02-27')).toEqual({ start: '2024-02-29', end: '2025-02-28' });
    expect(programYear('2024-02-29', '2025-02-28')).toEqual({ start: '2025-02-28', end: '2026-02-28' });
  });
});

describe('paceWindowStart', () => {
  it('covers 90 days including today', () => {
    expect(paceWindowStart('2024-07-01')).toBe('2024-04-03');
  });
});
