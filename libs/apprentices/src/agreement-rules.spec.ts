import { RuleBook, RuleSetting } from '@journeyline/rules/rule-book';
import { agreementDates, minimumAgeFinding, racesProblem, transferOccupationFinding } from './agreement-rules';

const book = (overrides: Partial<Record<string, Partial<RuleSetting>>> = {}) =>
  new RuleBook(
    [
      { rule: 'registration.minimum_age', severity: 'error', params: { minAge: 16 }, source: '29 CFR 29.2(e)', confidence: 'verified' },
      { rule: 'transfer.same_occupation', severity: 'warning', params: {}, source: '29 CFR 29.5(b)(13)', confidence: 'unverified' },
    ].map((setting) => ({ ...setting, ...overrides[setting.rule] }) as RuleSetting),
    725,
  );

describe('agreementDates', () => {
  const term = { startDate: '2024-01-15', termMonths: 48, ojtTermHours: 8000, probationMonths: 6, priorCreditOjtHours: 0 };

  it('ends probation and the term the stated number of months after the start', () => {
    expect(agreementDates(term)).toEqual({ probationEndDate: '2024-07-15', expectedCompletionDate: '2028-01-15' });
  });

  it('shortens the term in proportion to prior OJT credit', () => {
    // 2000 of 8000 hours credited: 48 × 0.75 = 36 months.
    expect(agreementDates({ ...term, priorCreditOjtHours: 2000 }).expectedCompletionDate).toBe('2027-01-15');
  });

  it('rounds a partial month up', () => {
    // 1000 of 8000 credited: 48 × 0.875 = 42 months exactly; 1001 credited: 41.994 → 42.
    expect(agreementDates({ ...term, priorCreditOjtHours: 1000 }).expectedCompletionDate).toBe('2027-07-15');
    expect(agreementDates({ ...term, priorCreditOjtHours: 1001 }).expectedCompletionDate).toBe('2027-07-15');
    // 999 credited: 48 × 7001/8000 = 42.006 → 43.
    expect(agreementDates({ ...term, priorCreditOjtHours: 999 }).expectedCompletionDate).toBe('2027-08-15');
  });

  it('leaves at least one month when nearly all hours are credited', () => {
    expect(agreementDates({ ...term, priorCreditOjtHours: 7999 }).expectedCompletionDate).toBe('2024-02-15');
  });

  it('does not let probation depend on prior credit', () => {
    expect(agreementDates({ ...term, priorCreditOjtHours: 4000 }).probationEndDate).toBe('2024-07-15');
  });

  it('clamps to the end of shorter months', () => {
    expect(agreementDates({ ...term, startDate: '2024-08-31', probationMonths: 6, termMonths: 12 })).toEqual({
      probationEndDate: '2025-02-28',
      expectedCompletionDate: '2025-08-31',
    });
  });
});

describe('racesProblem', () => {
  it.each([[['not_self_identified']], [['white']], [['asian', 'white', 'black_african_american']]])('accepts %p', (races) => {
    expect(racesProblem(races, 'person.demographics.races')).toBeNull();
  });

  it.each([
    [['not_self_identified', 'white'], 'cannot be combined'],
    [[], 'at least one'],
    [['white', 'white'], 'repeat'],
    [['martian'], 'unknown'],
  ])('rejects %p on the given field', (races, words) => {
    expect(racesProblem(races, 'person.demographics.races')).toEqual({
      field: 'person.demographics.races',
      reason: expect.stringContaining(words),
    });
  });
});

describe('minimumAgeFinding', () => {
  it('passes on the sixteenth birthday and fails the day before', () => {
    expect(minimumAgeFinding(book(), '2008-01-15', '2024-01-15', 'person.dateOfBirth')).toBeNull();
    expect(minimumAgeFinding(book(), '2008-01-16', '2024-01-15', 'person.dateOfBirth')).toMatchObject({
      rule: 'registration.minimum_age',
      severity: 'error',
      field: 'person.dateOfBirth',
      message: expect.stringContaining('at least 16'),
    });
  });

  it('follows the configured age and severity', () => {
    const strict = book({ 'registration.minimum_age': { params: { minAge: 18 }, severity: 'warning' } });
    expect(minimumAgeFinding(strict, '2007-01-15', '2024-01-15', 'f')).toMatchObject({ severity: 'warning' });
    const off = book({ 'registration.minimum_age': { severity: 'off' } });
    expect(minimumAgeFinding(off, '2010-01-15', '2024-01-15', 'f')).toBeNull();
  });
});

describe('transferOccupationFinding', () => {
  it('flags a different occupation as a warning by default, marked unverified', () => {
    expect(transferOccupationFinding(book(), 'a', 'a', 'newProgramOccupationId')).toBeNull();
    expect(transferOccupationFinding(book(), 'a', 'b', 'newProgramOccupationId')).toMatchObject({
      severity: 'warning',
      field: 'newProgramOccupationId',
      source: expect.stringContaining('unverified'),
    });
  });
});
