import { combineTallies, tallyCompetencies } from './competency-progress';

describe('tallyCompetencies', () => {
  it('counts signed-off competencies against the required list', () => {
    expect(tallyCompetencies(['Bend conduit', 'Pull wire', 'Terminate'], ['Pull wire'])).toEqual({
      requiredCount: 3,
      signedOffCount: 1,
      // 33.33%: rounded down, never up.
      percentBasisPoints: 3333,
    });
    expect(tallyCompetencies(['A', 'B', 'C'], ['A', 'B'])).toMatchObject({ percentBasisPoints: 6666 });
  });

  it('reaches 100% only when every competency is signed off', () => {
    expect(tallyCompetencies(['A', 'B'], ['B', 'A'])).toEqual({ requiredCount: 2, signedOffCount: 2, percentBasisPoints: 10000 });
  });

  it('ignores duplicates and sign-offs of competencies not on the list', () => {
    expect(tallyCompetencies(['A', 'A', 'B'], ['A', 'A', 'Z'])).toEqual({
      requiredCount: 2,
      signedOffCount: 1,
      percentBasisPoints: 5000,
    });
  });

  it('has no percentage when nothing is required', () => {
    expect(tallyCompetencies([], ['A'])).toEqual({ requiredCount: 0, signedOffCount: 0, percentBasisPoints: null });
  });
});

describe('combineTallies', () => {
  it('weights every competency equally across work processes', () => {
    const combined = combineTallies([
      tallyCompetencies(['A'], ['A']),
      tallyCompetencies(['B', 'C', 'D'], []),
      tallyCompetencies([], []),
    ]);
    // 1 of 4, not the mean of 100% and 0%.
    expect(combined).toEqual({ requiredCount: 4, signedOffCount: 1, percentBasisPoints: 2500 });
  });

  it('has no percentage for no work processes', () => {
    expect(combineTallies([])).toEqual({ requiredCount: 0, signedOffCount: 0, percentBasisPoints: null });
  });
});
