import { programYearOf, programYearStart, RtiSession, summarizeRtiSessions } from './rti-summary';

const session = (sessionDate: string, hours: number, overrides: Partial<RtiSession> = {}): RtiSession => ({
  enrollmentId: 'e1',
  sessionDate,
  hours,
  paid: true,
  duringWorkHours: true,
  ...overrides,
});

describe('program years', () => {
  it('runs anniversary to anniversary from the registration start', () => {
    expect(programYearOf('2023-01-09', '2023-01-09')).toBe(1);
    expect(programYearOf('2023-01-09', '2024-01-08')).toBe(1);
    expect(programYearOf('2023-01-09', '2024-01-09')).toBe(2);
    expect(programYearOf('2023-01-09', '2026-12-31')).toBe(4);
    expect(programYearStart('2023-01-09', 3)).toBe('2025-01-09');
  });

  it('agrees with programYearStart for a 29 February start', () => {
    expect(programYearStart('2024-02-29', 2)).toBe('2025-02-28');
    expect(programYearOf('2024-02-29', '2025-02-27')).toBe(1);
    expect(programYearOf('2024-02-29', '2025-02-28')).toBe(2);
    expect(programYearOf('2024-02-29', '2028-02-29')).toBe(5);
  });
});

describe('summarizeRtiSessions', () => {
  it('totals hours, VA-countable hours, hours per enrollment and per program year', () => {
    const summary = summarizeRtiSessions('2023-01-09', [
      session('2023-02-01', 3),
      session('2023-03-01', 2.5, { paid: false }),
      session('2025-02-01', 4, { enrollmentId: 'e2', duringWorkHours: false }),
      session('2025-03-01', 1.25, { enrollmentId: 'e2' }),
    ]);
    expect(summary.totalHours).toBe(10.75);
    expect(summary.vaCountableHours).toBe(4.25);
    expect(Object.fromEntries(summary.hoursByEnrollment)).toEqual({ e1: 5.5, e2: 5.25 });
    expect(summary.byProgramYear).toEqual([
      { year: 1, startsOn: '2023-01-09', hours: 5.5 },
      { year: 2, startsOn: '2024-01-09', hours: 0 },
      { year: 3, startsOn: '2025-01-09', hours: 5.25 },
    ]);
  });

  it('is empty without sessions', () => {
    expect(summarizeRtiSessions('2023-01-09', [])).toEqual({
      totalHours: 0,
      vaCountableHours: 0,
      hoursByEnrollment: new Map(),
      byProgramYear: [],
    });
  });
});
