import { StatusEventRecord } from '../record/apprentice-record';
import { DANA, KIM, MARCUS, PAT, registered } from './fixtures';
import { endingsInMonth, enrollmentWindow, pursuingInMonth, pursuitIntervals, vaChangeFor, vaChanges } from './va-status';

const event = (fromStatus: StatusEventRecord['fromStatus'], toStatus: StatusEventRecord['toStatus']): StatusEventRecord => ({
  fromStatus,
  toStatus,
  effectiveDate: '2026-03-15',
  reason: 'x',
  duringProbation: false,
});

describe('VA status', () => {
  it('treats the effective date of a suspension or termination as the last day of pursuit', () => {
    expect(pursuitIntervals(DANA)).toEqual([
      { from: '2025-10-06', to: '2026-04-10' },
      { from: '2026-06-15', to: null },
    ]);
    expect(pursuitIntervals(KIM)).toEqual([{ from: '2024-01-08', to: '2026-06-19' }]);
  });

  it('is active in a month with any registered or reinstated day inside the VA enrollment', () => {
    const intervals = pursuitIntervals(DANA);
    const enrollment = enrollmentWindow(DANA);
    expect(pursuingInMonth(intervals, enrollment, '2026-04')).toBe(true);
    expect(pursuingInMonth(intervals, enrollment, '2026-05')).toBe(false);
    expect(pursuingInMonth(intervals, enrollment, '2026-06')).toBe(true);
    expect(pursuingInMonth(intervals, enrollment, '2025-09')).toBe(false);
    // An enrollment that ended on 2026-02-28 covers no day of March.
    expect(pursuingInMonth(intervals, { from: '2025-10-06', to: '2026-02-28' }, '2026-03')).toBe(false);
  });

  it('falls back to the agreement dates when the status history is empty', () => {
    const record = { ...KIM, agreement: { ...KIM.agreement, statusHistory: [] } };
    expect(pursuitIntervals(record)).toEqual([{ from: '2024-01-08', to: '2026-06-19' }]);
  });

  it('maps DOL status changes to 22-1999b changes per va.md §11', () => {
    expect(vaChangeFor(event('registered', 'cancelled'))).toEqual({ changeType: 'termination', verified: true, lastDateOfPursuit: '2026-03-15' });
    expect(vaChangeFor(event('registered', 'suspended'))).toEqual({ changeType: 'interruption', verified: true, lastDateOfPursuit: '2026-03-15' });
    expect(vaChangeFor(event('reinstated', 'completed'))).toEqual({ changeType: 'completion', verified: true, lastDateOfPursuit: '2026-03-15' });
    expect(vaChangeFor(event('registered', 'transferred'))).toEqual({ changeType: 'termination', verified: false, lastDateOfPursuit: '2026-03-15' });
    expect(vaChangeFor(event('suspended', 'reinstated'))).toEqual({ changeType: 'reentrance', verified: false, lastDateOfPursuit: null });
    expect(vaChangeFor(event('pending', 'registered'))).toBeNull();
    expect(vaChangeFor(registered('2026-01-01'))).toBeNull();
  });

  it('lists the changes VA must hear of, oldest first', () => {
    expect(vaChanges(DANA).map(({ event: e, change }) => `${e.effectiveDate} ${change.changeType}`)).toEqual(['2026-04-10 interruption', '2026-06-15 reentrance']);
    expect(vaChanges(MARCUS)).toEqual([]);
  });

  it('finds terminations, interruptions and completions effective inside a month', () => {
    expect(endingsInMonth(DANA, '2026-04').map(({ change }) => change.changeType)).toEqual(['interruption']);
    expect(endingsInMonth(DANA, '2026-06')).toEqual([]);
    expect(endingsInMonth(PAT, '2026-02').map(({ event: e }) => e.effectiveDate)).toEqual(['2026-02-27']);
  });
});
