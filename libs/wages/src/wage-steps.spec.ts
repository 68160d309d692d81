import { dueWageSteps, ScheduleStep, shareOfJourneyworker, WageStepInput } from './wage-steps';

const percentSteps = (percents: number[], every: number, kind: 'hours' | 'months' = 'hours'): ScheduleStep[] =>
  percents.map((percent, index) => ({
    step: index + 1,
    thresholdKind: kind,
    thresholdValue: index * every,
    percentBasisPoints: percent * 100,
    rateCents: null,
  }));

// 8 steps, one every 1000 hours, at 50..90% of $42.00.
const EIGHT_STEPS = percentSteps([50, 55, 60, 65, 70, 75, 80, 90], 1000);

const input = (overrides: Partial<WageStepInput>): WageStepInput => ({
  schedule: EIGHT_STEPS,
  journeyworkerRateCents: 4200,
  startDate: '2023-01-09',
  priorCreditOjtHours: 0,
  approvedHours: [],
  today: '2024-06-30',
  ...overrides,
});

describe('dueWageSteps', () => {
  it('gives the entry step at the start date and nothing more without hours', () => {
    expect(dueWageSteps(input({}))).toEqual([
      { step: 1, rateCents: 2100, percentBasisPoints: 5000, dueDate: '2023-01-09', trigger: 'entry', hoursAtTrigger: 0 },
    ]);
  });

  it('makes step 2 due on the date cumulative approved hours reach 1000', () => {
    const due = dueWageSteps(
      input({
        approvedHours: [
          { workDate: '2023-03-01', hours: '600.00' },
          { workDate: '2023-06-01', hours: '399.75' },
          { workDate: '2023-06-02', hours: '0.25' },
          { workDate: '2023-06-03', hours: '8.00' },
        ],
      }),
    );
    // 600 + 399.75 = 999.75 < 1000; + 0.25 on 2 June reaches exactly 1000. 55% of $42.00 = $23.10.
    expect(due.map((step) => step.step)).toEqual([1, 2]);
    expect(due[1]).toEqual({
      step: 2,
      rateCents: 2310,
      percentBasisPoints: 5500,
      dueDate: '2023-06-02',
      trigger: 'hours_reached',
      hoursAtTrigger: 1000,
    });
  });

  it('counts hours at the end of the crossing day when several entries share the date', () => {
    const due = dueWageSteps(
      input({
        approvedHours: [
          { workDate: '2023-03-01', hours: 995 },
          { workDate: '2023-03-02', hours: 4 },
          { workDate: '2023-03-02', hours: 4 },
        ],
      }),
    );
    expect(due[1]).toMatchObject({ step: 2, dueDate: '2023-03-02', hoursAtTrigger: 1003 });
  });

  it('places an apprentice with 2500 hours of prior credit at step 3 from the start', () => {
    const due = dueWageSteps(input({ priorCreditOjtHours: 2500 }));
    expect(due).toEqual([
      { step: 1, rateCents: 2100, percentBasisPoints: 5000, dueDate: '2023-01-09', trigger: 'entry', hoursAtTrigger: 2500 },
      { step: 2, rateCents: 2310, percentBasisPoints: 5500, dueDate: '2023-01-09', trigger: 'credit_granted', hoursAtTrigger: 2500 },
      { step: 3, rateCents: 2520, percentBasisPoints: 6000, dueDate: '2023-01-09', trigger: 'credit_granted', hoursAtTrigger: 2500 },
    ]);
  });

  it('adds approved hours on top of prior credit for the next threshold', () => {
    const due = dueWageSteps(
      input({ priorCreditOjtHours: 2500, approvedHours: [{ workDate: '2023-05-01', hours: 499.75 }, { workDate: '2023-05-02', hours: 8 }] }),
    );
    // 2500 + 499.75 < 3000; + 8 on 2 May = 3007.75. 65% of $42.00 = $27.30.
    expect(due[3]).toEqual({
      step: 4,
      rateCents: 2730,
      percentBasisPoints: 6500,
      dueDate: '2023-05-02',
      trigger: 'hours_reached',
      hoursAtTrigger: 3007.75,
    });
  });

  it('yields every crossed step in order, each dated by its own crossing', () => {
    const due = dueWageSteps(
      input({
        approvedHours: [
          { workDate: '2023-02-01', hours: 1500 },
          { workDate: '2023-04-01', hours: 1600 },
        ],
      }),
    );
    expect(due.map(({ step, dueDate, trigger }) => ({ step, dueDate, trigger }))).toEqual([
      { step: 1, dueDate: '2023-01-09', trigger: 'entry' },
      { step: 2, dueDate: '2023-02-01', trigger: 'hours_reached' },
      { step: 3, dueDate: '2023-04-01', trigger: 'hours_reached' },
      { step: 4, dueDate: '2023-04-01', trigger: 'hours_reached' },
    ]);
  });

  it('reaches the last step (90% = $37.80) and stops there', () => {
    const due = dueWageSteps(input({ approvedHours: [{ workDate: '2023-02-01', hours: 9000 }] }));
    expect(due).toHaveLength(8);
    expect(due[7]).toMatchObject({ step: 8, rateCents: 3780, percentBasisPoints: 9000 });
  });

  it('ignores hours dated after today', () => {
    const due = dueWageSteps(input({ today: '2023-03-01', approvedHours: [{ workDate: '2023-03-02', hours: 1000 }] }));
    expect(due.map((step) => step.step)).toEqual([1]);
  });

  it('gives nothing before the start date', () => {
    expect(dueWageSteps(input({ today: '2023-01-08' }))).toEqual([]);
  });

  it('steps a months-based schedule by calendar months from the start', () => {
    const due = dueWageSteps(
      input({
        schedule: percentSteps([60, 70, 80, 90], 6, 'months'),
        startDate: '2023-01-31',
        today: '2023-07-31',
        approvedHours: [{ workDate: '2023-07-01', hours: 1040 }],
      }),
    );
    // Six months after 31 January is 31 July (the month has 31 days); 70% of $42.00 = $29.40.
    expect(due).toEqual([
      { step: 1, rateCents: 2520, percentBasisPoints: 6000, dueDate: '2023-01-31', trigger: 'entry', hoursAtTrigger: 0 },
      { step: 2, rateCents: 2940, percentBasisPoints: 7000, dueDate: '2023-07-31', trigger: 'time_elapsed', hoursAtTrigger: 1040 },
    ]);
    expect(dueWageSteps(input({ schedule: percentSteps([60, 70], 6, 'months'), startDate: '2023-01-31', today: '2023-07-30' }))).toHaveLength(1);
  });

  it('clamps a months threshold to the end of a shorter month', () => {
    const due = dueWageSteps(input({ schedule: percentSteps([60, 70], 1, 'months'), startDate: '2023-01-31', today: '2023-03-01' }));
    expect(due[1]).toMatchObject({ step: 2, dueDate: '2023-02-28' });
  });

  it('never dates a step before the one below it in a mixed schedule', () => {
    const schedule: ScheduleStep[] = [
      { step: 1, thresholdKind: 'hours', thresholdValue: 0, percentBasisPoints: 5000, rateCents: null },
      { step: 2, thresholdKind: 'months', thresholdValue: 12, percentBasisPoints: 6000, rateCents: null },
      { step: 3, thresholdKind: 'hours', thresholdValue: 1000, percentBasisPoints: 7000, rateCents: null },
    ];
    const due = dueWageSteps(input({ schedule, approvedHours: [{ workDate: '2023-04-01', hours: 1200 }] }));
    expect(due.map(({ step, dueDate, trigger }) => ({ step, dueDate, trigger }))).toEqual([
      { step: 1, dueDate: '2023-01-09', trigger: 'entry' },
      { step: 2, dueDate: '2024-01-09', trigger: 'time_elapsed' },
      { step: 3, dueDate: '2024-01-09', trigger: 'hours_reached' },
    ]);
    // Until step 2 is due, step 3 is not, however many hours there are.
    expect(dueWageSteps(input({ schedule, today: '2023-12-31', approvedHours: [{ workDate: '2023-04-01', hours: 1200 }] }))).toHaveLength(1);
  });

  it('uses absolute rates as they are and reports their share of the journeyworker rate', () => {
    const schedule: ScheduleStep[] = [
      { step: 1, thresholdKind: 'hours', thresholdValue: 0, percentBasisPoints: null, rateCents: 1850 },
      { step: 2, thresholdKind: 'hours', thresholdValue: 1000, percentBasisPoints: null, rateCents: 2333 },
    ];
    const due = dueWageSteps(input({ schedule, approvedHours: [{ workDate: '2023-05-05', hours: 1000 }] }));
    // 18.50 / 42.00 = 44.047…% → 4405; 23.33 / 42.00 = 55.547…% → 5555.
    expect(due.map(({ rateCents, percentBasisPoints }) => ({ rateCents, percentBasisPoints }))).toEqual([
      { rateCents: 1850, percentBasisPoints: 4405 },
      { rateCents: 2333, percentBasisPoints: 5555 },
    ]);
  });

  it('rounds a percentage rate half up to the cent', () => {
    const due = dueWageSteps(
      input({ schedule: [{ step: 1, thresholdKind: 'hours', thresholdValue: 0, percentBasisPoints: 5555, rateCents: null }], journeyworkerRateCents: 2333 }),
    );
    // 23.33 × 55.55% = 12.959815 → $12.96.
    expect(due[0].rateCents).toBe(1296);
  });

  it('sorts the schedule by step number', () => {
    const due = dueWageSteps(input({ schedule: [...EIGHT_STEPS].reverse(), approvedHours: [{ workDate: '2023-05-05', hours: 1000 }] }));
    expect(due.map((step) => step.step)).toEqual([1, 2]);
  });
});

describe('shareOfJourneyworker', () => {
  it('rounds half up in hundredths of a percent', () => {
    expect(shareOfJourneyworker(2100, 4200)).toBe(5000);
    expect(shareOfJourneyworker(1, 3)).toBe(3333);
    expect(shareOfJourneyworker(2, 3)).toBe(6667);
  });
});
