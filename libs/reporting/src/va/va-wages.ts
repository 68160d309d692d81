import { basisPointsToPercent, centsToDecimal } from '@journeyline/common/money';
import { ApprenticeRecord, WagesRecord } from '../record/apprentice-record';
import { firstDayOf, lastDayOf } from './calendar-months';

type WageEntry = WagesRecord['history'][number];

/** Wage entries by effective date; same-day entries keep their recorded order, so the later one wins. */
function byEffectiveDate(record: ApprenticeRecord): WageEntry[] {
  return record.wages.history
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.effectiveDate < b.entry.effectiveDate ? -1 : a.entry.effectiveDate > b.entry.effectiveDate ? 1 : a.index - b.index))
    .map(({ entry }) => entry);
}

/** The wage in effect on a date: the latest entry effective on or before it; null before the first. */
export function wageOn(record: ApprenticeRecord, date: string): WageEntry | null {
  let current: WageEntry | null = null;
  for (const entry of byEffectiveDate(record)) {
    if (entry.effectiveDate > date) break;
    current = entry;
  }
  return current;
}

/** The wage in effect at the end of the month (va.md §3.2 "wage adjustments"). */
export function currentWage(record: ApprenticeRecord, month: string): WageEntry | null {
  return wageOn(record, lastDayOf(month));
}

/** The entry wage: the first wage of the agreement. */
export function entryWage(record: ApprenticeRecord): WageEntry | null {
  return byEffectiveDate(record)[0] ?? null;
}

/**
 * A rate as a percentage of the journeyworker rate, exact to 2 decimals (rounded half up), e.g.
 * "61.04"; null when no journeyworker rate is known. VA reads wages relative to it (va.md §2, §11).
 */
export function percentOfJourneyworker(rateCents: number, journeyworkerRateCents: number): string | null {
  if (journeyworkerRateCents <= 0) return null;
  const numerator = BigInt(rateCents) * 10000n * 2n + BigInt(journeyworkerRateCents);
  return basisPointsToPercent(Number(numerator / (2n * BigInt(journeyworkerRateCents))));
}

/**
 * Wage adjustments that took effect inside the month, as "YYYY-MM-DD: 23.50" joined by "; ", null
 * when none. The entry wage is where the schedule starts, not an adjustment, so it is not listed.
 */
export function wageChangesInMonth(record: ApprenticeRecord, month: string): string | null {
  const changes = byEffectiveDate(record)
    .slice(1)
    .filter((entry) => entry.effectiveDate >= firstDayOf(month) && entry.effectiveDate <= lastDayOf(month));
  return changes.length === 0 ? null : changes.map((entry) => `${entry.effectiveDate}: ${centsToDecimal(entry.rateCents)}`).join('; ');
}

/**
 * Whether the trainee was already paid the journeyworker wage on the first day of the month. VA
 * benefits end once the journeyworker wage is reached (va.md §2.2), so the whole month is then
 * outside VA training; a month in which the wage is reached is still reported, with the change shown.
 */
export function atJourneyworkerWageAllMonth(record: ApprenticeRecord, month: string): boolean {
  const wage = wageOn(record, firstDayOf(month));
  return wage !== null && record.wages.journeyworkerRateCents > 0 && wage.rateCents >= record.wages.journeyworkerRateCents;
}

/** Cents for hours at an hourly rate, rounded half up to the cent (hours in hundredths). */
export function wagesForHours(hours: number, rateCents: number): number {
  const centiHours = BigInt(Math.round(hours * 100));
  return Number((centiHours * BigInt(rateCents) + 50n) / 100n);
}
