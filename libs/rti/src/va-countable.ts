/**
 * Which related-instruction hours VA counts toward a monthly certification: only RTI that is paid
 * at regular wages AND takes place during regular working hours (SAA guidance, va.md §3.3). DOL
 * counts every attended hour; VA counts this subset. The reporting engine reuses these functions.
 */
export interface RtiSessionHours {
  hours: number;
  paid: boolean;
  duringWorkHours: boolean;
}

export function isVaCountable(session: Pick<RtiSessionHours, 'paid' | 'duringWorkHours'>): boolean {
  return session.paid && session.duringWorkHours;
}

/** Sums hours in whole quarter hours, so no float error creeps into totals. */
export function sumHours(hours: Iterable<number>): number {
  let quarters = 0;
  for (const value of hours) quarters += Math.round(value * 4);
  return quarters / 4;
}

export function vaCountableHours(sessions: readonly RtiSessionHours[]): number {
  return sumHours(sessions.filter(isVaCountable).map((session) => session.hours));
}

/** All attended hours (the DOL view) next to the VA-countable part of them. */
export function rtiHourTotals(sessions: readonly RtiSessionHours[]): { totalHours: number; vaCountableHours: number } {
  return { totalHours: sumHours(sessions.map((session) => session.hours)), vaCountableHours: vaCountableHours(sessions) };
}
