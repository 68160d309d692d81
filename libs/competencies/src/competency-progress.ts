/** How far an apprentice is through a list of required competencies. */
export interface CompetencyTally {
  requiredCount: number;
  signedOffCount: number;
  /** Hundredths of a percent, rounded down so 100% means every one is signed off; null when none are required. */
  percentBasisPoints: number | null;
}

function percentBasisPoints(done: number, total: number): number | null {
  return total === 0 ? null : Math.floor((done * 10000) / total);
}

/**
 * Progress on one work process. A competency listed twice counts once, and sign-offs of
 * competencies that are not on the list do not count.
 */
export function tallyCompetencies(required: readonly string[], signedOff: readonly string[]): CompetencyTally {
  const requiredSet = new Set(required);
  const done = new Set(signedOff.filter((competency) => requiredSet.has(competency)));
  return {
    requiredCount: requiredSet.size,
    signedOffCount: done.size,
    percentBasisPoints: percentBasisPoints(done.size, requiredSet.size),
  };
}

/** Progress over several work processes, weighting every competency equally. */
export function combineTallies(tallies: readonly CompetencyTally[]): CompetencyTally {
  const requiredCount = tallies.reduce((sum, tally) => sum + tally.requiredCount, 0);
  const signedOffCount = tallies.reduce((sum, tally) => sum + tally.signedOffCount, 0);
  return { requiredCount, signedOffCount, percentBasisPoints: percentBasisPoints(signedOffCount, requiredCount) };
}
