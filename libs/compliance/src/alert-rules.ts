import { addDays, addMonths, daysBetween, yearsBetween } from '@journeyline/common/dates';
import { centsToDecimal } from '@journeyline/common/money';
import { RuleBook } from '@journeyline/rules/rule-book';
import { RATIO_RULE, ratioExceeded, ratioMessage, RatioTerms } from '@journeyline/wages/ratio';

/**
 * When each compliance alert holds, as pure functions of one registration's (or one employer's)
 * snapshot, the rule book in force and today's date. An evaluator returns the alerts that hold
 * now; the service opens or refreshes those and resolves every other open alert of the subject.
 */

export const ALERT_KINDS = [
  'wage_step_due',
  'wage_step_overdue',
  'ratio_exceeded',
  'rti_behind_pace',
  'no_hours_logged',
  'registration_pending_too_long',
  'va_month_not_certified',
  'va_wage_rule_at_risk',
  'work_process_over_allotment',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** Kinds about one registration, re-evaluated together by RefreshAlerts. */
export const REGISTRATION_ALERT_KINDS: AlertKind[] = ALERT_KINDS.filter((kind) => kind !== 'ratio_exceeded');

export interface AlertCandidate {
  kind: AlertKind;
  severity: AlertSeverity;
  /** With the kind, identifies the condition: one open alert per (kind, subjectKey). */
  subjectKey: string;
  message: string;
  details: Record<string, unknown>;
  /** For employer-level alerts: the sponsor the alert is filed under. */
  sponsorId?: string;
}

export interface RegistrationSnapshot {
  registrationId: string;
  status: string;
  startDate: string;
  /** Effective date of the latest status change. */
  statusDate: string;
  vaChapter: string | null;
  vaEnrollmentStart: string | null;
  vaEnrollmentEnd: string | null;
  rtiHoursPerYear: number;
  journeyworkerRateCents: number;
  /** The registration's employer is run by a government (VA's wage-increase rule does not apply). */
  governmentEmployer: boolean;
  /** Hourly rate of each step of the wage schedule, in step order. */
  stepRatesCents: number[];
  pendingProposals: Array<{ step: number; dueDate: string }>;
  /** Latest work date of an OJT entry that was not rejected. */
  lastOjtWorkDate: string | null;
  /** RTI attended per session date (at least the last year's). */
  rtiAttendance: Array<{ date: string; hours: number | string }>;
  /** First days of the months certified to VA. */
  certifiedMonths: string[];
  workProcesses: Array<{ id: string; title: string; maxHours: number; approvedHours: number | string }>;
}

const TRAINING = ['registered', 'reinstated'];
const OPEN = ['pending', 'registered', 'suspended', 'reinstated'];

/** Rule severity to alert severity; null when the rule is switched off. */
export function severityOf(book: RuleBook, rule: string): AlertSeverity | null {
  const severity = book.setting(rule).severity;
  if (severity === 'off') return null;
  return severity === 'error' ? 'critical' : 'warning';
}

const hundredths = (hours: number | string) => Math.round(Number(hours) * 100);
const shareBasisPoints = (share: number) => Math.round(share * 10000);
const dollars = (cents: number) => `$${centsToDecimal(cents)}`;

/** Pending proposals: 'due' while fresh, 'overdue' once the oldest has waited more than the rule's days. */
export function wageStepAlert(snapshot: RegistrationSnapshot, book: RuleBook, today: string): AlertCandidate | null {
  if (!OPEN.includes(snapshot.status) || !snapshot.pendingProposals.length) return null;
  const steps = snapshot.pendingProposals.map((proposal) => proposal.step).sort((a, b) => a - b);
  const oldest = snapshot.pendingProposals.map((proposal) => proposal.dueDate).sort()[0];
  const waited = daysBetween(oldest, today);
  const overdueAfter = book.numberParam('alerts.wage_step_overdue', 'days');
  const overdueSeverity = severityOf(book, 'alerts.wage_step_overdue');
  const details = { steps, oldestDueDate: oldest, daysWaiting: waited };
  const list = steps.join(', ');
  if (waited > overdueAfter && overdueSeverity) {
    return {
      kind: 'wage_step_overdue',
      severity: overdueSeverity,
      subjectKey: snapshot.registrationId,
      message: `Wage step ${list} has been due since ${oldest} (${waited} days) without a decision`,
      details,
    };
  }
  return {
    kind: 'wage_step_due',
    severity: 'info',
    subjectKey: snapshot.registrationId,
    message: `Wage step ${list} is due since ${oldest}: confirm or decline it`,
    details,
  };
}

/**
 * RTI attended in the current program year (from the latest anniversary of the start) against
 * the year's required hours pro rata, with the rule's tolerance.
 */
export function rtiBehindPaceAlert(snapshot: RegistrationSnapshot, book: RuleBook, today: string): AlertCandidate | null {
  if (!TRAINING.includes(snapshot.status) || snapshot.rtiHoursPerYear <= 0 || snapshot.startDate > today) return null;
  const severity = severityOf(book, 'alerts.rti_behind_pace');
  if (!severity) return null;
  const yearStart = addMonths(snapshot.startDate, 12 * yearsBetween(snapshot.startDate, today));
  const yearLength = daysBetween(yearStart, addMonths(yearStart, 12));
  const elapsed = daysBetween(yearStart, today) + 1;
  const attended = snapshot.rtiAttendance
    .filter((session) => session.date >= yearStart && session.date <= today)
    .reduce((total, session) => total + hundredths(session.hours), 0);
  const tolerance = shareBasisPoints(book.numberParam('alerts.rti_behind_pace', 'toleranceShare'));
  // attended < required × elapsed / yearLength × tolerance, in integers.
  if (attended * yearLength * 10000 >= snapshot.rtiHoursPerYear * 100 * elapsed * tolerance) return null;
  const expectedHundredths = Math.floor((snapshot.rtiHoursPerYear * 100 * elapsed) / yearLength);
  return {
    kind: 'rti_behind_pace',
    severity,
    subjectKey: snapshot.registrationId,
    message:
      `${attended / 100} RTI hours since ${yearStart}, behind the pace of ${snapshot.rtiHoursPerYear} hours a year ` +
      `(${expectedHundredths / 100} expected by now)`,
    details: {
      programYearStart: yearStart,
      attendedHours: attended / 100,
      expectedHours: expectedHundredths / 100,
      requiredHoursPerYear: snapshot.rtiHoursPerYear,
    },
  };
}

/** No OJT entry for the rule's days while training (counted from the start or the last status change if later). */
export function noHoursLoggedAlert(snapshot: RegistrationSnapshot, book: RuleBook, today: string): AlertCandidate | null {
  if (!TRAINING.includes(snapshot.status)) return null;
  const severity = severityOf(book, 'alerts.no_hours_logged');
  if (!severity) return null;
  const since = [snapshot.lastOjtWorkDate, snapshot.statusDate, snapshot.startDate]
    .filter((date): date is string => date !== null)
    .sort()
    .at(-1)!;
  const days = daysBetween(since, today);
  if (days < book.numberParam('alerts.no_hours_logged', 'days')) return null;
  return {
    kind: 'no_hours_logged',
    severity,
    subjectKey: snapshot.registrationId,
    message: snapshot.lastOjtWorkDate
      ? `No OJT hours logged since ${snapshot.lastOjtWorkDate} (${days} days)`
      : `No OJT hours logged since ${since} (${days} days)`,
    details: { lastWorkDate: snapshot.lastOjtWorkDate, since, days },
  };
}

/** Still pending past the registration deadline (days after the start). */
export function pendingTooLongAlert(snapshot: RegistrationSnapshot, book: RuleBook, today: string): AlertCandidate | null {
  if (snapshot.status !== 'pending') return null;
  const severity = severityOf(book, 'registration.deadline_days');
  if (!severity) return null;
  const deadline = addDays(snapshot.startDate, book.numberParam('registration.deadline_days', 'days'));
  if (today <= deadline) return null;
  return {
    kind: 'registration_pending_too_long',
    severity,
    subjectKey: snapshot.registrationId,
    message: `Agreement starting ${snapshot.startDate} is still pending registration; the deadline was ${deadline}`,
    details: { startDate: snapshot.startDate, deadline, daysLate: daysBetween(deadline, today) },
  };
}

/**
 * Each finished calendar month of a VA enrollment with no certification on file, once the grace
 * days after the month end have passed. One alert per month.
 */
export function vaMonthsNotCertifiedAlerts(snapshot: RegistrationSnapshot, book: RuleBook, today: string): AlertCandidate[] {
  if (!snapshot.vaChapter || snapshot.status === 'pending') return [];
  const severity = severityOf(book, 'alerts.va_month_not_certified');
  if (!severity) return [];
  const graceDays = book.numberParam('alerts.va_month_not_certified', 'graceDays');
  const first = snapshot.vaEnrollmentStart ?? snapshot.startDate;
  const ends = [today, snapshot.vaEnrollmentEnd, OPEN.includes(snapshot.status) ? null : snapshot.statusDate];
  const last = ends.filter((date): date is string => date !== null).sort()[0];
  const certified = new Set(snapshot.certifiedMonths);
  const alerts: AlertCandidate[] = [];
  for (let month = `${first.slice(0, 7)}-01`; month <= last; month = addMonths(month, 1)) {
    const monthEnd = addDays(addMonths(month, 1), -1);
    const due = addDays(monthEnd, graceDays);
    if (due >= today) break;
    if (certified.has(month)) continue;
    alerts.push({
      kind: 'va_month_not_certified',
      severity,
      subjectKey: `${snapshot.registrationId}:${month.slice(0, 7)}`,
      message: `${month.slice(0, 7)} has not been certified to VA (due by ${due})`,
      details: { month: month.slice(0, 7), dueBy: due, chapter: snapshot.vaChapter },
    });
  }
  return alerts;
}

/**
 * 38 U.S.C. 3677(b)(1)(A): entry wage at least 50% and the last step at least 85% of the
 * journeyworker rate. The increases, and so the 85% check, do not apply to an employer run by a
 * government (3677(b)(2)); the entry wage still does.
 */
export function vaWageRuleAlert(snapshot: RegistrationSnapshot, book: RuleBook): AlertCandidate | null {
  if (!snapshot.vaChapter || !OPEN.includes(snapshot.status) || !snapshot.stepRatesCents.length) return null;
  const journeyworker = snapshot.journeyworkerRateCents;
  const entry = snapshot.stepRatesCents[0];
  const final = snapshot.stepRatesCents[snapshot.stepRatesCents.length - 1];
  const problems: string[] = [];
  const severities: AlertSeverity[] = [];
  const entryShare = shareBasisPoints(book.numberParam('va.ojt_entry_wage_share', 'minShare'));
  const entrySeverity = severityOf(book, 'va.ojt_entry_wage_share');
  if (entrySeverity && entry * 10000 < journeyworker * entryShare) {
    problems.push(`the entry wage ${dollars(entry)} is below ${entryShare / 100}% of the journeyworker rate ${dollars(journeyworker)}`);
    severities.push(entrySeverity);
  }
  const finalShare = shareBasisPoints(book.numberParam('va.ojt_final_wage_share', 'minShare'));
  const finalSeverity = severityOf(book, 'va.ojt_final_wage_share');
  if (finalSeverity && !snapshot.governmentEmployer && final * 10000 < journeyworker * finalShare) {
    problems.push(`the last step ${dollars(final)} is below ${finalShare / 100}% of the journeyworker rate ${dollars(journeyworker)}`);
    severities.push(finalSeverity);
  }
  if (!problems.length) return null;
  return {
    kind: 'va_wage_rule_at_risk',
    severity: severities.includes('critical') ? 'critical' : 'warning',
    subjectKey: snapshot.registrationId,
    message: `VA wage rule at risk: ${problems.join('; ')}`,
    details: {
      entryRate: centsToDecimal(entry),
      finalRate: centsToDecimal(final),
      journeyworkerRate: centsToDecimal(journeyworker),
      governmentEmployer: snapshot.governmentEmployer,
    },
  };
}

/** Approved hours on a work process above its allotted maximum (VA stops counting them). */
export function overAllotmentAlerts(snapshot: RegistrationSnapshot): AlertCandidate[] {
  if (!OPEN.includes(snapshot.status)) return [];
  return snapshot.workProcesses
    .filter((process) => hundredths(process.approvedHours) > process.maxHours * 100)
    .map((process) => ({
      kind: 'work_process_over_allotment' as const,
      severity: 'info' as const,
      subjectKey: `${snapshot.registrationId}:${process.id}`,
      message: `${hundredths(process.approvedHours) / 100} approved hours on "${process.title}" exceed its ${process.maxHours}-hour allotment`,
      details: { workProcessId: process.id, approvedHours: hundredths(process.approvedHours) / 100, maxHours: process.maxHours },
    }));
}

/** Every registration-level alert that holds now. */
export function evaluateRegistrationAlerts(snapshot: RegistrationSnapshot, book: RuleBook, today: string): AlertCandidate[] {
  return [
    wageStepAlert(snapshot, book, today),
    rtiBehindPaceAlert(snapshot, book, today),
    noHoursLoggedAlert(snapshot, book, today),
    pendingTooLongAlert(snapshot, book, today),
    ...vaMonthsNotCertifiedAlerts(snapshot, book, today),
    vaWageRuleAlert(snapshot, book),
    ...overAllotmentAlerts(snapshot),
  ].filter((alert): alert is AlertCandidate => alert !== null);
}

export interface EmployerRatioState {
  employerId: string;
  date: string;
  apprentices: number;
  journeyworkers: number | null;
  terms: Array<RatioTerms & { sponsorId: string; programOccupationId: string }>;
}

/** The employer-level subject of a sponsor's ratio alert. */
export const ratioSubjectKey = (employerId: string, sponsorId: string) => `${employerId}:${sponsorId}`;

/**
 * One ratio alert per sponsor with active apprentices at the employer whose standards' ratio the
 * employer's headcount exceeds. No journeyworker count on file means nothing to judge.
 */
export function ratioAlerts(state: EmployerRatioState, book: RuleBook): AlertCandidate[] {
  const severity = severityOf(book, RATIO_RULE);
  if (!severity || state.journeyworkers === null) return [];
  const journeyworkers = state.journeyworkers;
  const bySponsor = new Map<string, RatioTerms[]>();
  for (const terms of state.terms) {
    if (!ratioExceeded(state.apprentices, journeyworkers, terms)) continue;
    bySponsor.set(terms.sponsorId, [...(bySponsor.get(terms.sponsorId) ?? []), terms]);
  }
  return [...bySponsor].map(([sponsorId, exceeded]) => {
    // The tightest ratio (fewest apprentices per journeyworker) names the alert.
    const tightest = [...exceeded].sort(
      (a, b) => a.ratioApprentices * b.ratioJourneyworkers - b.ratioApprentices * a.ratioJourneyworkers,
    )[0];
    return {
      kind: 'ratio_exceeded' as const,
      severity,
      subjectKey: ratioSubjectKey(state.employerId, sponsorId),
      sponsorId,
      message: ratioMessage(state.apprentices, journeyworkers, tightest, state.date),
      details: {
        apprentices: state.apprentices,
        journeyworkers,
        ratios: exceeded.map((terms) => `${terms.ratioApprentices}:${terms.ratioJourneyworkers}`),
      },
    };
  });
}
