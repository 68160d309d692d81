import { fiscalQuarter, fiscalYearOf, fiscalYearStartsBetween, fiscalYearToDate, periodProblem, retentionCutoff } from './periods';

describe('federal fiscal quarters', () => {
  it('starts the fiscal year in October: FY2025 Q1 is October to December 2024', () => {
    expect(fiscalQuarter(2025, 1)).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(fiscalQuarter(2025, 2)).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(fiscalQuarter(2025, 3)).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(fiscalQuarter(2025, 4)).toEqual({ from: '2025-07-01', to: '2025-09-30' });
  });

  it('runs year to date from 1 October to the end of the quarter', () => {
    expect(fiscalYearToDate(2025, 1)).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(fiscalYearToDate(2024, 3)).toEqual({ from: '2023-10-01', to: '2024-06-30' });
  });

  it('places any date in its fiscal year', () => {
    expect(['2024-09-30', '2024-10-01', '2024-12-31', '2025-01-01', '2025-09-30'].map(fiscalYearOf)).toEqual([2024, 2025, 2025, 2025, 2025]);
  });

  it('finds the fiscal-year starts where the cube keeps its stock of active registrations', () => {
    expect(fiscalYearStartsBetween('2021-10-01', '2024-10-01')).toEqual(['2022-10-01', '2023-10-01', '2024-10-01']);
    expect(fiscalYearStartsBetween('2021-10-01', '2024-09-30')).toEqual(['2022-10-01', '2023-10-01']);
    expect(fiscalYearStartsBetween('2021-03-15', '2022-09-30')).toEqual(['2021-10-01']);
  });
});

describe('periods', () => {
  it('accepts whole months only, in order', () => {
    expect(periodProblem({ from: '2024-10-01', to: '2025-09-30' })).toBeNull();
    expect(periodProblem({ from: '2024-02-01', to: '2024-02-29' })).toBeNull();
    expect(periodProblem({ from: '2024-10-02', to: '2025-09-30' })).toEqual({ field: 'from', reason: 'must be the first day of a month' });
    expect(periodProblem({ from: '2024-10-01', to: '2025-09-29' })).toEqual({ field: 'to', reason: 'must be the last day of a month' });
    expect(periodProblem({ from: '2024-10-01', to: '2024-09-30' })).toEqual({ field: 'to', reason: 'must not be before from' });
  });

  it('counts retention only for start months whose every member has been in for N months', () => {
    // A December 2024 start has had 6 months by 30 June 2025 even if it began on the 31st.
    expect(retentionCutoff(6, '2025-06-30')).toBe('2024-12-01');
    expect(retentionCutoff(6, '2025-06-29')).toBe('2024-11-01');
    expect(retentionCutoff(12, '2025-01-31')).toBe('2024-01-01');
    expect(retentionCutoff(24, '2025-03-15')).toBe('2023-02-01');
  });
});
