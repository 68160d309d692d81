import fc from 'fast-check';
import { ApprenticeRecord, VaChapter } from '../record/apprentice-record';
import { BENEFIT_STEPS } from './benefit-steps';
import { monthsFromTo } from './calendar-months';
import { registered, vaData, vaRecord } from './fixtures';
import { vaTimeline } from './pursuit';
import { ROUNDING_TIES, countableHoursTimeline, fractionOf120, roundToNearest8 } from './va-hours';

const MONTHS = monthsFromTo('2025-01', '2026-12');
const quarterHours = (max: number) => fc.integer({ min: 0, max: max * 4 }).map((quarters) => quarters / 4);

const recordArbitrary = fc
  .record({
    chapter: fc.constantFrom<VaChapter>('33', '30', '1606', '32', '35'),
    maxHours: fc.array(quarterHours(400), { minLength: 1, maxLength: 4 }),
    ojt: fc.array(fc.record({ month: fc.constantFrom(...MONTHS), process: fc.nat(4), hours: quarterHours(200) }), { maxLength: 60 }),
    rti: fc.array(
      fc.record({ month: fc.constantFrom(...MONTHS), hours: quarterHours(40), countableShare: fc.double({ min: 0, max: 1, noNaN: true }) }),
      { maxLength: 12 },
    ),
    // An optional interruption: suspended after `suspendAt` months, reinstated `gap` months later.
    suspension: fc.option(fc.record({ suspendAt: fc.nat(20), gap: fc.integer({ min: 1, max: 6 }) }), { nil: null }),
  })
  .map(({ chapter, maxHours, ojt, rti, suspension }): ApprenticeRecord => {
    const history = [registered('2025-01-02')];
    if (suspension !== null) {
      const suspendMonth = MONTHS[Math.min(suspension.suspendAt, MONTHS.length - 1)];
      const reinstateMonth = MONTHS[Math.min(suspension.suspendAt + suspension.gap, MONTHS.length - 1)];
      history.push({ fromStatus: 'registered', toStatus: 'suspended', effectiveDate: `${suspendMonth}-10`, reason: 'x', duringProbation: false });
      if (reinstateMonth > suspendMonth) {
        history.push({ fromStatus: 'suspended', toStatus: 'reinstated', effectiveDate: `${reinstateMonth}-20`, reason: 'x', duringProbation: false });
      }
    }
    return vaRecord('reg-prop', {
      va: vaData({ chapter, enrollmentStart: '2025-01-02' }),
      agreement: { startDate: '2025-01-02', statusHistory: history },
      workProcesses: maxHours.map((max, index) => ({ id: `wp-${index}`, title: `Process ${index}`, minHours: 0, maxHours: max })),
      // Process index 4 may not exist: hours on an unlisted process.
      ojt: { approvedByMonth: ojt.map((entry) => ({ month: entry.month, workProcessId: `wp-${entry.process}`, hours: entry.hours })) },
      rti: {
        priorCreditHours: 0,
        byMonth: rti.map((entry) => ({ month: entry.month, hours: entry.hours, vaCountableHours: Math.floor(entry.hours * entry.countableShare * 4) / 4 })),
        courses: [],
      },
    });
  });

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('VA arithmetic properties', () => {
  it('never counts more than the approved OJT hours of the month plus qualifying RTI', () => {
    fc.assert(
      fc.property(recordArbitrary, (record) => {
        for (const month of MONTHS) {
          const approved = sum(record.ojt.approvedByMonth.filter((entry) => entry.month === month).map((entry) => entry.hours));
          const rti = sum(record.rti.byMonth.filter((entry) => entry.month === month).map((entry) => entry.vaCountableHours));
          const hours = countableHoursTimeline(record, '2026-12').get(month);
          const total = hours?.total ?? 0;
          expect(total).toBeGreaterThanOrEqual(0);
          expect(total).toBeLessThanOrEqual(approved + rti + 1e-9);
          if (hours) expect(hours.rtiCountableHours).toBeCloseTo(rti, 9);
        }
      }),
    );
  });

  it('never lets a work process count more than its allotted hours in total', () => {
    fc.assert(
      fc.property(recordArbitrary, (record) => {
        const countableOf = (candidate: ApprenticeRecord) =>
          sum([...countableHoursTimeline(candidate, '2026-12').values()].map((month) => month.ojtHours - month.ojtExcludedOverAllotment - month.ojtExcludedUnknownProcess));
        let perProcessTotal = 0;
        for (const process of record.workProcesses) {
          // Allotments are independent, so the process's own entries give its countable hours.
          const entries = record.ojt.approvedByMonth.filter((entry) => entry.workProcessId === process.id);
          const countable = countableOf({ ...record, ojt: { approvedByMonth: entries }, rti: { ...record.rti, byMonth: [] } });
          expect(countable).toBeLessThanOrEqual(process.maxHours + 1e-9);
          expect(countable).toBeCloseTo(Math.min(process.maxHours, sum(entries.map((entry) => entry.hours))), 9);
          perProcessTotal += countable;
        }
        expect(countableOf(record)).toBeCloseTo(perProcessTotal, 9);
      }),
    );
  });

  it('rounds to a multiple of 8 within 4 hours of the input, whatever the tie rule', () => {
    fc.assert(
      fc.property(quarterHours(400), fc.constantFrom(...ROUNDING_TIES), (hours, tie) => {
        const rounded = roundToNearest8(hours, tie);
        expect(rounded % 8).toBe(0);
        expect(Math.abs(rounded - hours)).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('gives a fraction in [0, 1] that is 1 exactly when the rounded hours reach 120', () => {
    fc.assert(
      fc.property(fc.nat(60).map((eights) => eights * 8), (rounded) => {
        const fraction = fractionOf120(rounded);
        const value = Number(fraction.decimal);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        expect(value === 1).toBe(rounded >= 120);
        expect(fraction.fullTime).toBe(rounded >= 120);
        expect(Math.abs(value - Math.min(rounded, 120) / 120)).toBeLessThanOrEqual(0.00005);
      }),
    );
  });

  it('never lowers the step from one month to the next, and a break never resets it', () => {
    fc.assert(
      fc.property(recordArbitrary, (record) => {
        const timeline = vaTimeline(record, '2026-12');
        const { stepCount } = BENEFIT_STEPS[record.va!.chapter];
        for (let index = 1; index < timeline.length; index += 1) {
          expect(timeline[index].step!).toBeGreaterThanOrEqual(timeline[index - 1].step!);
        }
        // The n-th month of pursuit is on the same step whatever breaks came before it.
        timeline
          .filter((month) => month.isPursuit)
          .forEach((month, index) => {
            expect(month.pursuitMonth).toBe(index + 1);
            expect(month.step).toBe(Math.min(Math.floor(index / 6) + 1, stepCount));
          });
      }),
    );
  });
});
