import { ApprenticeRecord } from '../record/apprentice-record';
import { monthsFromTo } from './calendar-months';
import { DANA, MARCUS, registered, vaData, vaRecord } from './fixtures';
import { pursuitPeriod, vaTimeline } from './pursuit';

describe('pursuitPeriod', () => {
  it('counts months of pursuit from the enrollment start and steps every 6 of them', () => {
    // Dana pursued 2025-10 … 2026-04 (7 months), so April is the first month of step 2.
    expect(pursuitPeriod(DANA, '2025-10')).toMatchObject({ isPursuit: true, pursuitMonth: 1, step: 1 });
    expect(pursuitPeriod(DANA, '2026-03')).toMatchObject({ isPursuit: true, pursuitMonth: 6, step: 1 });
    expect(pursuitPeriod(DANA, '2026-04')).toMatchObject({ isPursuit: true, pursuitMonth: 7, step: 2 });
  });

  it('skips a month of interruption and carries the count over it', () => {
    // Suspended 2026-04-10, reinstated 2026-06-15: May is neither active nor pursuit.
    expect(pursuitPeriod(DANA, '2026-05')).toMatchObject({ enrolledAndActive: false, isPursuit: false, pursuitMonth: null, step: 2 });
    expect(pursuitPeriod(DANA, '2026-06')).toMatchObject({ enrolledAndActive: true, isPursuit: true, pursuitMonth: 8, step: 2 });
  });

  it('counts from the VA enrollment start, not the agreement start', () => {
    // Marcus trained since 2025-06 but enrolled with VA on 2026-01-12.
    expect(pursuitPeriod(MARCUS, '2025-12')).toMatchObject({ isPursuit: false, pursuitMonth: null });
    expect(pursuitPeriod(MARCUS, '2026-01')).toMatchObject({ isPursuit: true, pursuitMonth: 1, step: 1 });
  });

  it('does not count an active month without countable hours', () => {
    const idle = { ...DANA, ojt: { approvedByMonth: DANA.ojt.approvedByMonth.filter((entry) => entry.month !== '2025-11') } };
    expect(pursuitPeriod(idle, '2025-11')).toMatchObject({ enrolledAndActive: true, isPursuit: false, pursuitMonth: null });
    expect(pursuitPeriod(idle, '2025-12')).toMatchObject({ pursuitMonth: 2 });
  });

  it('applies the BVA 18159410 example: after a 2-year break the remaining months are paid at step 2', () => {
    // Chapter 30: 7 months of pursuit in 2014, suspended for two years, reinstated in 2016.
    const months = [...monthsFromTo('2014-01', '2014-07'), ...monthsFromTo('2016-08', '2017-02')];
    const record: ApprenticeRecord = vaRecord('reg-bva', {
      va: vaData({ chapter: '30', enrollmentStart: '2014-01-06' }),
      agreement: {
        startDate: '2014-01-06',
        statusHistory: [
          registered('2014-01-06'),
          { fromStatus: 'registered', toStatus: 'suspended', effectiveDate: '2014-07-31', reason: 'Deployed', duringProbation: false },
          { fromStatus: 'suspended', toStatus: 'reinstated', effectiveDate: '2016-08-01', reason: 'Returned', duringProbation: false },
        ],
      },
      workProcesses: [{ id: 'wp', title: 'Trade', minHours: 0, maxHours: 10000 }],
      ojt: { approvedByMonth: months.map((month) => ({ month, workProcessId: 'wp', hours: 160 })) },
    });
    expect(pursuitPeriod(record, '2015-06')).toMatchObject({ isPursuit: false, pursuitMonthsBefore: 7, step: 2 });
    expect(pursuitPeriod(record, '2016-08')).toMatchObject({ pursuitMonth: 8, step: 2 });
    expect(pursuitPeriod(record, '2016-12')).toMatchObject({ pursuitMonth: 12, step: 2 });
    expect(pursuitPeriod(record, '2017-01')).toMatchObject({ pursuitMonth: 13, step: 3 });
    expect(pursuitPeriod(record, '2017-02')).toMatchObject({ pursuitMonth: 14, step: 3 });
  });

  it('stops at the chapter 33 fifth step after 24 months', () => {
    const months = monthsFromTo('2020-01', '2022-12');
    const record = vaRecord('reg-long', {
      va: vaData({ chapter: '33', enrollmentStart: '2020-01-02' }),
      agreement: { startDate: '2020-01-02', statusHistory: [registered('2020-01-02')] },
      workProcesses: [{ id: 'wp', title: 'Trade', minHours: 0, maxHours: 10000 }],
      ojt: { approvedByMonth: months.map((month) => ({ month, workProcessId: 'wp', hours: 120 })) },
    });
    const timeline = vaTimeline(record, '2022-12');
    expect(timeline.map((month) => month.step)).toEqual(months.map((_, index) => Math.min(Math.floor(index / 6) + 1, 5)));
    expect(timeline[24]).toMatchObject({ month: '2022-01', pursuitMonth: 25, step: 5 });
  });

  it('has no pursuit before the enrollment starts', () => {
    expect(pursuitPeriod(DANA, '2025-09')).toMatchObject({ enrolledAndActive: false, isPursuit: false, pursuitMonth: null, step: 1 });
  });
});
