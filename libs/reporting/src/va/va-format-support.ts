import { centsToDecimal } from '@journeyline/common/money';
import { ApprenticeRecord } from '../record/apprentice-record';
import { MapContext, RecordProblem, Row } from '../formats/report-format';
import { lastDayOf, wholeMonthsIn } from './calendar-months';
import { VaMonth, vaTimeline } from './pursuit';
import { vaIdentifier, middleInitial } from './va-identity';
import { atJourneyworkerWageAllMonth, wageOn } from './va-wages';

export function yesNo(value: boolean): 'Y' | 'N' {
  return value ? 'Y' : 'N';
}

/** The trainee and identifier columns shared by the VA formats. */
export function traineeColumns(record: ApprenticeRecord): Row {
  const identifier = vaIdentifier(record);
  return {
    traineeLastName: record.person.lastName,
    traineeFirstName: record.person.firstName,
    traineeMiddleInitial: middleInitial(record),
    identifierType: identifier?.type ?? null,
    identifier: identifier?.value ?? null,
  };
}

/** Signature block left blank: the certifying official signs in Enrollment Manager or on the printed form. */
export const CERTIFYING_OFFICIAL_COLUMNS = ['certifyingOfficialName', 'certifyingOfficialSignature', 'certificationDate'] as const;

export function blankCertifyingOfficial(): Row {
  return Object.fromEntries(CERTIFYING_OFFICIAL_COLUMNS.map((column) => [column, null]));
}

export interface ReportableMonths {
  months: VaMonth[];
  /** Months left out because the journeyworker wage was paid from their first day. */
  journeyworkerMonths: string[];
}

/**
 * The months a monthly VA form covers: whole calendar months of the period that have ended by the
 * reporting date (certification is on or after the month's last day, va.md §3.2), in which the
 * trainee was enrolled and registered/reinstated on at least one day.
 */
export function reportableMonths(record: ApprenticeRecord, context: MapContext, skipCertified: boolean): ReportableMonths {
  const periodMonths = wholeMonthsIn(context.period).filter((month) => lastDayOf(month) <= context.asOf);
  if (periodMonths.length === 0) return { months: [], journeyworkerMonths: [] };
  const wanted = new Set(periodMonths);
  const certified = new Set(record.va?.certifiedMonths ?? []);
  const active = vaTimeline(record, periodMonths[periodMonths.length - 1]).filter(
    (entry) => wanted.has(entry.month) && entry.enrolledAndActive && !(skipCertified && certified.has(entry.month)),
  );
  const journeyworker = new Set(active.filter((entry) => atJourneyworkerWageAllMonth(record, entry.month)).map((entry) => entry.month));
  return { months: active.filter((entry) => !journeyworker.has(entry.month)), journeyworkerMonths: [...journeyworker] };
}

export function journeyworkerProblem(record: ApprenticeRecord, months: readonly string[]): RecordProblem {
  const wage = wageOn(record, `${months[0]}-01`)!;
  return {
    registrationId: record.registrationId,
    field: 'wages.history',
    rule: 'va.journeyworker_wage_reached',
    message: `The journeyworker wage (${centsToDecimal(record.wages.journeyworkerRateCents)}) has been paid since ${wage.effectiveDate}; VA training ends there, so ${months.join(', ')} ${months.length === 1 ? 'is' : 'are'} not reported`,
    source: 'va.md §2.2 (benefits stop once the trainee reaches the journeyworker wage)',
  };
}
