import { AGE_BANDS, AGE_BANDS_DETAILED, AgeBandSpec, ageBandSql, cubeGroupings, groupingKey, isCubeGrouping, OutcomeDimension } from './dimensions';

/** What the SQL CASE does, for checking the band table. */
function ageBand(age: number, bands: readonly AgeBandSpec[] = AGE_BANDS): string {
  return bands.find((band) => age <= band.max)!.value;
}

describe('age bands', () => {
  it('follows ETA-9173: 16–24, 25–54, 55 and over, with the edges in the right band', () => {
    expect([16, 24, 25, 54, 55, 70].map((age) => ageBand(age))).toEqual(['16_24', '16_24', '25_54', '25_54', '55_plus', '55_plus']);
    expect(ageBand(15)).toBe('under_16');
  });

  it('has finer bands that nest inside the ETA-9173 ones', () => {
    for (let age = 10; age <= 90; age++) {
      const fine = ageBand(age, AGE_BANDS_DETAILED);
      const coarse = ageBand(age);
      const sameCoarse = [...Array(91).keys()].filter((other) => ageBand(other, AGE_BANDS_DETAILED) === fine).map((other) => ageBand(other));
      expect({ age, coarse: new Set(sameCoarse) }).toEqual({ age, coarse: new Set([coarse]) });
    }
  });

  it('writes the same banding as SQL, open-ended at the top', () => {
    expect(ageBandSql('x')).toBe(`CASE WHEN x <= 15 THEN 'under_16' WHEN x <= 24 THEN '16_24' WHEN x <= 54 THEN '25_54' ELSE '55_plus' END`);
    expect(AGE_BANDS[AGE_BANDS.length - 1].max).toBe(Infinity);
  });
});

describe('cube groupings', () => {
  it('holds the total, every dimension alone, and every pair of low-cardinality dimensions', () => {
    const keys = cubeGroupings().map(groupingKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('');
    expect(keys).toContain('program');
    expect(keys).toContain('employer');
    expect(keys).toContain('cohort|sex');
    expect(keys).toContain('race|age_band');
    expect(keys).not.toContain('sex|program');
    // 1 total + 15 singles + C(10, 2) low pairs
    expect(keys).toHaveLength(1 + 15 + 45);
  });

  it('names a set the same way whatever order it is given in', () => {
    expect(groupingKey([OutcomeDimension.SEX, OutcomeDimension.COHORT])).toBe('cohort|sex');
    expect(groupingKey([OutcomeDimension.COHORT, OutcomeDimension.SEX])).toBe('cohort|sex');
  });

  it('answers from the cube only for sets it holds', () => {
    expect(isCubeGrouping([])).toBe(true);
    expect(isCubeGrouping([OutcomeDimension.SPONSOR])).toBe(true);
    expect(isCubeGrouping([OutcomeDimension.RACE, OutcomeDimension.SEX])).toBe(true);
    expect(isCubeGrouping([OutcomeDimension.SPONSOR, OutcomeDimension.SEX])).toBe(false);
    expect(isCubeGrouping([OutcomeDimension.SEX, OutcomeDimension.RACE, OutcomeDimension.COHORT])).toBe(false);
    expect(isCubeGrouping([OutcomeDimension.SEX, OutcomeDimension.SEX])).toBe(false);
  });
});
