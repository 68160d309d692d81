/**
 * The apprentice-to-journeyworker ratio of 29 CFR 29.5(b)(7). Apprentices are counted per
 * employer (registrations carry no worksite) and compared with the journeyworkers the employer
 * reported for the date. Pure; the queries are in ratio-check.ts.
 */

export const RATIO_RULE = 'ratio.apprentice_to_journeyworker';

/** Registrations that occupy a training slot: pending agreements are counted as well. */
export const RATIO_ACTIVE_STATUSES = ['pending', 'registered', 'reinstated'];

export interface RatioTerms {
  ratioApprentices: number;
  ratioJourneyworkers: number;
}

/** apprentices : journeyworkers is above the allowed a : j when apprentices × j > journeyworkers × a. */
export function ratioExceeded(apprentices: number, journeyworkers: number, terms: RatioTerms): boolean {
  return apprentices * terms.ratioJourneyworkers > journeyworkers * terms.ratioApprentices;
}

export function ratioMessage(apprentices: number, journeyworkers: number, terms: RatioTerms, date: string): string {
  return (
    `${apprentices} apprentice${apprentices === 1 ? '' : 's'} against ${journeyworkers} journeyworker` +
    `${journeyworkers === 1 ? '' : 's'} at this employer on ${date} exceeds the standards' ratio of ` +
    `${terms.ratioApprentices} apprentice(s) to ${terms.ratioJourneyworkers} journeyworker(s)`
  );
}
