import { parseSeedScaleArguments } from './seed-scale';

describe('seed-scale arguments', () => {
  it('reads every option', () => {
    expect(
      parseSeedScaleArguments([
        '--apprentices', '1000', '--months-of-hours', '12', '--hours-granularity', 'week', '--seed', '7', '--today', '2026-03-15',
        '--database-url', 'postgres://x/y', '--drop-indexes', '--per-row-fk-checks',
      ]),
    ).toEqual({
      apprentices: 1000,
      monthsOfHours: 12,
      hoursGranularity: 'week',
      seed: 7,
      today: '2026-03-15',
      databaseUrl: 'postgres://x/y',
      dropIndexes: true,
      perRowForeignKeyChecks: true,
    });
  });

  it('leaves unset options to the seed defaults', () => {
    expect(parseSeedScaleArguments(['--apprentices', '5'])).toMatchObject({ apprentices: 5, seed: undefined, monthsOfHours: undefined });
  });

  it('refuses a missing count, a malformed number, a missing value or an unknown option', () => {
    expect(() => parseSeedScaleArguments([])).toThrow('--apprentices is required');
    expect(() => parseSeedScaleArguments(['--apprentices', '1e6'])).toThrow('--apprentices must be a whole number');
    expect(() => parseSeedScaleArguments(['--apprentices', '5', '--seed'])).toThrow('--seed needs a value');
    expect(() => parseSeedScaleArguments(['--apprentices', '5', '--fast'])).toThrow('unknown option --fast');
  });
});
