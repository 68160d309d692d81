import { FieldProblem } from '@journeyline/common/domain-error';
import { addMonths, yearsBetween } from '@journeyline/common/dates';
import { RuleBook, RuleFinding } from '@journeyline/rules/rule-book';

/** The five race categories of ETA-671 item 4b; an apprentice may select several. */
export const RACES = [
  'american_indian_alaska_native',
  'asian',
  'black_african_american',
  'native_hawaiian_pacific_islander',
  'white',
] as const;
export const NOT_SELF_IDENTIFIED = 'not_self_identified';

export interface AgreementTerm {
  startDate: string;
  termMonths: number;
  ojtTermHours: number;
  probationMonths: number;
  priorCreditOjtHours: number;
}

export interface AgreementDates {
  probationEndDate: string;
  expectedCompletionDate: string;
}

/**
 * Probation runs from the start date for the program's probation months. Credit for prior
 * experience shortens the term in proportion to the OJT hours credited, rounded up to whole months
 * (so credit never promises an earlier completion than the hours support).
 */
export function agreementDates(term: AgreementTerm): AgreementDates {
  const remainingHours = Math.max(term.ojtTermHours - term.priorCreditOjtHours, 0);
  // Integer ceiling of termMonths × remaining / total, without floating point.
  const months = Math.floor((term.termMonths * remainingHours + term.ojtTermHours - 1) / term.ojtTermHours);
  return {
    probationEndDate: addMonths(term.startDate, term.probationMonths),
    expectedCompletionDate: addMonths(term.startDate, months),
  };
}

/** Race is multi-select: either "not self-identified" alone, or one or more of the five races. */
export function racesProblem(races: readonly string[], field: string): FieldProblem | null {
  if (races.length === 0) return { field, reason: 'must list at least one race, or NOT_SELF_IDENTIFIED' };
  if (new Set(races).size !== races.length) return { field, reason: 'must not repeat a race' };
  if (races.includes(NOT_SELF_IDENTIFIED) && races.length > 1) {
    return { field, reason: 'NOT_SELF_IDENTIFIED cannot be combined with a race' };
  }
  if (!races.every((race) => race === NOT_SELF_IDENTIFIED || (RACES as readonly string[]).includes(race))) {
    return { field, reason: 'lists an unknown race' };
  }
  return null;
}

/** The apprentice must have reached the rule's minimum age on the start date. */
export function minimumAgeFinding(book: RuleBook, dateOfBirth: string, startDate: string, field: string): RuleFinding | null {
  const rule = 'registration.minimum_age';
  const minAge = book.numberParam(rule, 'minAge');
  if (yearsBetween(dateOfBirth, startDate) >= minAge) return null;
  return book.finding(rule, field, `The apprentice must be at least ${minAge} years old on the start date (${startDate})`);
}

/** A transfer continues training in the same occupation; another occupation is flagged. */
export function transferOccupationFinding(
  book: RuleBook,
  fromOccupationId: string,
  toOccupationId: string,
  field: string,
): RuleFinding | null {
  if (fromOccupationId === toOccupationId) return null;
  return book.finding(
    'transfer.same_occupation',
    field,
    'The new agreement is for a different occupation than the one the apprentice is transferring from',
  );
}
