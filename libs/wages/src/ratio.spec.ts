import { ratioExceeded, ratioMessage } from './ratio';

describe('ratioExceeded', () => {
  it('allows up to the ratio and flags one apprentice more (1:1)', () => {
    const oneToOne = { ratioApprentices: 1, ratioJourneyworkers: 1 };
    expect(ratioExceeded(3, 3, oneToOne)).toBe(false);
    expect(ratioExceeded(4, 3, oneToOne)).toBe(true);
  });

  it('handles ratios that are not one-to-something (3 apprentices to 2 journeyworkers)', () => {
    const threeToTwo = { ratioApprentices: 3, ratioJourneyworkers: 2 };
    // 4 journeyworkers allow 6 apprentices: 6 × 2 = 12 = 4 × 3.
    expect(ratioExceeded(6, 4, threeToTwo)).toBe(false);
    expect(ratioExceeded(7, 4, threeToTwo)).toBe(true);
    // 5 journeyworkers allow 7.5, so 7 is fine.
    expect(ratioExceeded(7, 5, threeToTwo)).toBe(false);
  });

  it('flags any apprentice when there are no journeyworkers', () => {
    expect(ratioExceeded(1, 0, { ratioApprentices: 1, ratioJourneyworkers: 3 })).toBe(true);
    expect(ratioExceeded(0, 0, { ratioApprentices: 1, ratioJourneyworkers: 3 })).toBe(false);
  });
});

describe('ratioMessage', () => {
  it('states the counts, the date and the ratio', () => {
    expect(ratioMessage(4, 1, { ratioApprentices: 1, ratioJourneyworkers: 1 }, '2024-03-01')).toBe(
      "4 apprentices against 1 journeyworker at this employer on 2024-03-01 exceeds the standards' ratio of 1 apprentice(s) to 1 journeyworker(s)",
    );
  });
});
