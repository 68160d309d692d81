import { ProgramApproach, ProgramOccupationInput, WageThresholdKind } from './program.models';
import { OccupationFacts, standardsInputProblems, toOccupationStandards } from './standards-input';

const ELECTRICIAN = '11111111-1111-4111-8111-111111111111';
const PLUMBER = '22222222-2222-4222-8222-222222222222';

const catalog = new Map<string, OccupationFacts>([
  [ELECTRICIAN, { id: ELECTRICIAN, rapidsCode: '0159', title: 'Electrician', approaches: ['time_based', 'hybrid'], timeBasedHours: 8000 }],
  [PLUMBER, { id: PLUMBER, rapidsCode: '0419', title: 'Plumber', approaches: ['time_based'], timeBasedHours: 8000 }],
]);

function occupation(overrides: Partial<ProgramOccupationInput> = {}): ProgramOccupationInput {
  return {
    occupationId: ELECTRICIAN,
    approach: ProgramApproach.TIME_BASED,
    ojtTermHours: 8000,
    termMonths: 48,
    rtiHoursPerYear: 144,
    rtiPaid: true,
    probationMonths: 6,
    ratio: { apprentices: 1, journeyworkers: 1 },
    journeyworkerRate: '38.50',
    workProcesses: [{ title: 'Wiring', minHours: 4000, maxHours: 8000, competencies: ['Bends conduit'] }],
    wageSchedule: [
      { step: 1, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 0, percentOfJourneyworker: '55' },
      { step: 2, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 2000, rate: '25.00' },
    ],
    ...overrides,
  };
}

const fields = (occupations: ProgramOccupationInput[]) =>
  standardsInputProblems(occupations, catalog).map((problem) => problem.field);

describe('standardsInputProblems', () => {
  it('accepts well-formed standards', () => {
    expect(standardsInputProblems([occupation(), occupation({ occupationId: PLUMBER })], catalog)).toEqual([]);
  });

  it('rejects an unknown occupation and a repeated one', () => {
    expect(fields([occupation({ occupationId: '33333333-3333-4333-8333-333333333333' })])).toEqual([
      'occupations.0.occupationId',
    ]);
    expect(standardsInputProblems([occupation(), occupation()], catalog)).toEqual([
      { field: 'occupations.1.occupationId', reason: 'is listed twice; list each occupation once' },
    ]);
  });

  it('rejects an approach the occupation is not registered for, listing the allowed ones', () => {
    expect(standardsInputProblems([occupation({ occupationId: PLUMBER, approach: ProgramApproach.HYBRID })], catalog)).toEqual([
      {
        field: 'occupations.0.approach',
        reason: 'Plumber (0419) is not registered for the hybrid approach; it allows time-based',
      },
    ]);
  });

  it('rejects a zero journeyworker rate and a work process whose maximum is below its minimum', () => {
    expect(
      fields([
        occupation({
          journeyworkerRate: '0.00',
          workProcesses: [
            { title: 'A', minHours: 100, maxHours: 200 },
            { title: 'B', minHours: 300, maxHours: 200 },
          ],
        }),
      ]),
    ).toEqual(['occupations.0.journeyworkerRate', 'occupations.0.workProcesses.1.maxHours']);
  });

  it('requires steps numbered 1..n in order, a zero threshold on step 1 and one threshold kind', () => {
    expect(
      fields([
        occupation({
          wageSchedule: [
            { step: 1, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 10, rate: '20.00' },
            { step: 3, thresholdKind: WageThresholdKind.MONTHS, thresholdValue: 12, rate: '22.00' },
          ],
        }),
      ]),
    ).toEqual([
      'occupations.0.wageSchedule.0.thresholdValue',
      'occupations.0.wageSchedule.1.step',
      'occupations.0.wageSchedule.1.thresholdKind',
    ]);
  });

  it('requires exactly one of percentOfJourneyworker and rate, and a positive amount', () => {
    const problems = standardsInputProblems(
      [
        occupation({
          wageSchedule: [
            { step: 1, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 0 },
            { step: 2, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 1, rate: '20.00', percentOfJourneyworker: '60' },
            { step: 3, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 2, percentOfJourneyworker: '0' },
            { step: 4, thresholdKind: WageThresholdKind.HOURS, thresholdValue: 3, rate: '0' },
          ],
        }),
      ],
      catalog,
    );
    expect(problems).toEqual([
      { field: 'occupations.0.wageSchedule.0.rate', reason: 'give either rate or percentOfJourneyworker' },
      { field: 'occupations.0.wageSchedule.1.rate', reason: 'give either rate or percentOfJourneyworker, not both' },
      { field: 'occupations.0.wageSchedule.2.percentOfJourneyworker', reason: 'percentOfJourneyworker must be more than 0' },
      { field: 'occupations.0.wageSchedule.3.rate', reason: 'rate must be more than 0' },
    ]);
  });

  it.each([
    ['3100123', 'must be 8 characters'],
    ['31a01234', 'must be 8 characters'],
    ['31101234', 'must have 0 as its 2nd character'],
  ])('rejects the VA facility code %s', (facilityCode, reason) => {
    expect(
      standardsInputProblems([occupation({ va: { facilityCode, approvedProgramName: 'Electrician Apprenticeship' } })], catalog),
    ).toEqual([{ field: 'occupations.0.va.facilityCode', reason: expect.stringContaining(reason) }]);
  });

  it('accepts an OJT facility code and requires the approved program name with it', () => {
    expect(fields([occupation({ va: { facilityCode: '20012345', approvedProgramName: 'Electrician' } })])).toEqual([]);
    expect(fields([occupation({ va: { facilityCode: '20012345', approvedProgramName: '' } })])).toEqual([
      'occupations.0.va.approvedProgramName',
    ]);
  });
});

describe('toOccupationStandards', () => {
  it('converts decimal strings to cents and basis points', () => {
    const standards = toOccupationStandards(occupation());
    expect(standards.journeyworkerRateCents).toBe(3850);
    expect(standards.wageSchedule).toEqual([
      { thresholdKind: 'hours', thresholdValue: 0, percentBasisPoints: 5500, rateCents: null },
      { thresholdKind: 'hours', thresholdValue: 2000, percentBasisPoints: null, rateCents: 2500 },
    ]);
  });
});
