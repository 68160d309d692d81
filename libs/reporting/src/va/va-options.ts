import { DomainError } from '@journeyline/common/domain-error';
import { VaChapter } from '../record/apprentice-record';
import { FormatOption, MapContext } from '../formats/report-format';
import { ROUNDING_TIES, RoundingTie } from './va-hours';

/**
 * VA format settings that are configuration, not law, read from MapContext.options. A bad value is
 * a mistake in the run's configuration, not in a record: each format's checkContext reports it so
 * the run stops before any record is mapped.
 */
export const ROUNDING_TIE_OPTION: FormatOption = {
  key: 'va.roundingTie',
  description: 'How countable hours exactly halfway between two multiples of 8 round (e.g. 116 → 120 or 112); the statutes give no tie rule [unverified]',
  default: 'up',
  values: ROUNDING_TIES,
};

export const CERTIFIED_MONTHS_OPTION: FormatOption = {
  key: 'va.certifiedMonths',
  description: 'Months the record lists as already certified: include them (marked previouslyCertified = Y) or skip them',
  default: 'include',
  values: ['include', 'skip'],
};

export const HOURS_PER_WEEK_OPTION: FormatOption = {
  key: 'va.hoursPerWeek',
  description: 'Training hours per week on the enrollment certification, 1–168 (the record holds no weekly schedule) [unverified]',
  default: '40',
};

export const VRE_CHAPTERS_OPTION: FormatOption = {
  key: 'va.vre1905cChapters',
  description: 'Chapters reported on 28-1905c: 31 (VR&E); the current form text also names 35',
  default: '31',
  values: ['31', '35', '31,35'],
};

function invalid(option: FormatOption, reason: string): DomainError {
  return DomainError.invalidField(`options.${option.key}`, reason, 'va.option_invalid');
}

function value(context: MapContext, option: FormatOption): string {
  return context.options[option.key] ?? option.default!;
}

function closedChoice(context: MapContext, option: FormatOption): string {
  const chosen = value(context, option);
  if (!option.values!.includes(chosen)) throw invalid(option, `must be one of ${option.values!.join(', ')}`);
  return chosen;
}

export function roundingTie(context: MapContext): RoundingTie {
  return closedChoice(context, ROUNDING_TIE_OPTION) as RoundingTie;
}

export function skipCertifiedMonths(context: MapContext): boolean {
  return closedChoice(context, CERTIFIED_MONTHS_OPTION) === 'skip';
}

export function hoursPerWeek(context: MapContext): number {
  const chosen = value(context, HOURS_PER_WEEK_OPTION);
  // 1–168 as in the draft 22-1999 ojtDetails.trainingHoursPerWeek.
  if (!/^[0-9]{1,3}$/.test(chosen) || Number(chosen) < 1 || Number(chosen) > 168) throw invalid(HOURS_PER_WEEK_OPTION, 'must be a whole number from 1 to 168');
  return Number(chosen);
}

export function vre1905cChapters(context: MapContext): readonly VaChapter[] {
  return closedChoice(context, VRE_CHAPTERS_OPTION).split(',') as VaChapter[];
}

/** checkContext for a VA format: the message of every option reader that refuses its value. */
export function optionErrors(context: MapContext, readers: ReadonlyArray<(context: MapContext) => unknown>): string[] {
  return readers.flatMap((read) => {
    try {
      read(context);
      return [];
    } catch (error) {
      if (error instanceof DomainError) return error.problems.map((problem) => `${problem.field}: ${problem.reason}`);
      throw error;
    }
  });
}
