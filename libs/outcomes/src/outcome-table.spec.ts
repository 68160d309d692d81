import { OutcomeDimension } from './dimensions';
import { assembleTable, detailsByEntry, RawOutcomeRow } from './outcome-table';
import { entryId } from './suppression';

const counts = (level: string, k1: string | null, k2: string | null, flows: number[], cohort: Record<string, number> = {}): RawOutcomeRow => {
  const [activeAtStart, entered, completers, cancellations, probationary, transfers] = flows;
  return {
    level,
    k1,
    k2,
    active_at_start: activeAtStart,
    new_registrations: entered,
    completers,
    cancellations,
    probationary_cancellations: probationary,
    transfers,
    cohort_completed: 0,
    cohort_cancelled: 0,
    cohort_probationary_cancelled: 0,
    cohort_transferred: 0,
    eligible_6: 0,
    retained_6: 0,
    eligible_12: 0,
    retained_12: 0,
    eligible_24: 0,
    retained_24: 0,
    ...cohort,
  };
};

describe('assembleTable', () => {
  it('derives the end stock, drops groups with nothing in the period, and lists cells before the total', () => {
    const rows = assembleTable(
      [OutcomeDimension.SEX],
      [
        counts('total', null, null, [300, 120, 40, 20, 20, 0]),
        counts('cell', 'male', null, [150, 60, 20, 10, 10, 0]),
        counts('cell', 'female', null, [150, 60, 20, 10, 10, 0]),
        counts('cell', 'not_self_identified', null, [0, 0, 0, 0, 0, 0]),
      ],
      null,
      10,
    );
    expect(rows.map((row) => [row.kind, row.key])).toEqual([
      ['cell', ['female']],
      ['cell', ['male']],
      ['total', [null]],
    ]);
    expect(rows[2].measures.activeAtEnd).toBe(300 + 120 - 40 - 20 - 20);
    expect(rows.every((row) => !row.suppressed)).toBe(true);
  });

  it('always has a total, zero when nothing happened', () => {
    const rows = assembleTable([OutcomeDimension.SEX], [], null, 10);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'total', key: [null], suppressed: false, measures: { newRegistrations: 0, activeAtEnd: 0 } });
  });

  it('withholds a small count, a second one in its row and in its column, and what derives from them', () => {
    const rows = assembleTable(
      [OutcomeDimension.SEX],
      [
        counts('total', null, null, [300, 120, 40, 20, 12, 0], { cohort_completed: 30, cohort_cancelled: 30 }),
        counts('cell', 'female', null, [150, 57, 20, 10, 3, 0], { cohort_completed: 15, cohort_cancelled: 15 }),
        counts('cell', 'male', null, [150, 63, 20, 10, 9, 0], { cohort_completed: 15, cohort_cancelled: 15 }),
      ],
      null,
      10,
    );
    const female = rows.find((row) => row.key[0] === 'female')!;
    expect(female.measures.probationaryCancellations).toBeNull();
    expect(female.suppressedMeasures).toContain('probationaryCancellations');
    expect(rows.find((row) => row.key[0] === 'male')!.measures.probationaryCancellations).toBeNull();
    // The total's probationary cancellations stay: female and male are both withheld.
    expect(rows.find((row) => row.kind === 'total')!.measures.probationaryCancellations).toBe(12);
    for (const row of rows) {
      if (row.suppressedMeasures.includes('newRegistrations')) expect(row.measures.completionRate).toBeNull();
      else expect(row.measures.completionRate).toBe('50.00');
    }
  });
});

describe('detailsByEntry', () => {
  it('places each row by which dimensions it sums over (GROUPING bits), and joins the start and completion rows', () => {
    const groupBy = [OutcomeDimension.SEX, OutcomeDimension.RACE];
    const details = detailsByEntry(groupBy, [
      { level: '', role: 'start', grouping: 0, k1: 'female', k2: 'asian', entry_wage_count: 12, entry_wage_median_cents: '2150' },
      { level: '', role: 'start', grouping: 1, k1: 'female', k2: null, entry_wage_count: 40, entry_wage_median_cents: '2100' },
      { level: '', role: 'start', grouping: 2, k1: null, k2: 'asian', entry_wage_count: 20, entry_wage_median_cents: '2200' },
      { level: '', role: 'start', grouping: 3, k1: null, k2: null, entry_wage_count: 90, entry_wage_median_cents: '2050' },
      {
        level: '',
        role: 'completion',
        grouping: 3,
        k1: null,
        k2: null,
        months_count: 25,
        months_p25: '30.10',
        months_median: '41.50',
        months_p75: '47.95',
        completion_wage_count: 25,
        completion_wage_median_cents: '3400',
        wage_gain_count: 20,
        wage_gain_median_cents: '1210',
        rti_count: 25,
        rti_hours_per_year: '148.30',
      },
    ]);
    expect(details.get(entryId(['female', 'asian']))).toMatchObject({ entryWageCount: 12, entryWageMedianCents: '2150', monthsCount: 0 });
    expect(details.get(entryId(['female', null]))!.entryWageCount).toBe(40);
    expect(details.get(entryId([null, 'asian']))!.entryWageCount).toBe(20);
    expect(details.get(entryId([null, null]))).toMatchObject({
      entryWageCount: 90,
      monthsCount: 25,
      monthsP25: '30.10',
      monthsMedian: '41.50',
      monthsP75: '47.95',
      wageGainMedianCents: '1210',
      rtiHoursPerYear: '148.30',
    });
  });
});
