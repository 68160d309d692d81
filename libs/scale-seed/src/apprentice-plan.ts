import { addMonthsDay, Day, fiscalYearStart } from './day-calendar';
import { Prng, Weighted } from './prng';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, REASONS, STATES } from './reference-data';
import { ProgramOccupation, Sponsor, STREAM_APPRENTICE, World } from './world';

/**
 * One apprentice and the life of their registrations, generated from (seed, index) alone so any
 * table's rows for apprentice i can be regenerated on their own, in any order.
 *
 * A registration's story is drawn up front: registered after a short lag; an outcome (completed
 * near the expected date, cancelled in or after probation, transferred, or still in training long
 * past the expected date); now and then a suspension, which ends in reinstatement, cancellation or
 * not at all. Events after `today` are cut off, so old registrations are mostly finished and recent
 * ones still pending or registered: statuses follow the age of the registration.
 */

export type Status = 'pending' | 'registered' | 'suspended' | 'reinstated' | 'completed' | 'cancelled' | 'transferred';

const CLOSING: ReadonlySet<Status> = new Set(['suspended', 'cancelled', 'completed', 'transferred']);
const ENDED: ReadonlySet<Status> = new Set(['cancelled', 'completed', 'transferred']);

export interface StatusEvent {
  from: Status | null;
  to: Status;
  day: Day;
  reason: string;
  duringProbation: boolean;
}

export type WageTrigger = 'entry' | 'credit_granted' | 'hours_reached' | 'time_elapsed' | 'confirmed';

export interface WageEntry {
  id: string;
  step: number;
  rateCents: number;
  day: Day;
  trigger: WageTrigger;
  hoursAtTrigger: number;
}

export interface WageProposal {
  id: string;
  step: number;
  rateCents: number;
  dueDay: Day;
  trigger: 'credit_granted' | 'hours_reached' | 'time_elapsed';
  hoursAtTrigger: number;
  status: 'pending' | 'confirmed';
  /** -1 while pending. */
  decidedDay: Day;
}

/** Days the apprentice works under the agreement: [from, to), ends exclusive. */
export interface WorkSegment {
  from: Day;
  to: Day;
}

export interface RegistrationPlan {
  id: string;
  programOccupation: ProgramOccupation;
  employerId: string;
  start: Day;
  probationEnd: Day;
  expectedCompletion: Day;
  /** -1 when never registered. */
  registrationDay: Day;
  status: Status;
  statusDay: Day;
  employmentStatus: 'new_employee' | 'existing_employee';
  careerConnection: string | null;
  priorCreditText: string | null;
  priorCreditOjtHours: number;
  priorCreditRtiHours: number;
  cancelledDuringProbation: boolean;
  vaChapter: string | null;
  vaFileNumber: string | null;
  /** -1 when absent. */
  vaEnrollmentStart: Day;
  vaEnrollmentEnd: Day;
  transferredFromId: string | null;
  events: StatusEvent[];
  wages: WageEntry[];
  proposals: WageProposal[];
  workSegments: WorkSegment[];
  /** OJT hours a month this apprentice works at. */
  paceHoursPerMonth: number;
}

export interface ApprenticePlan {
  id: string;
  ownerOrganizationId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  dateOfBirth: Day;
  email: string | null;
  state: string;
  zipCode: string | null;
  sex: 'female' | 'male' | 'not_self_identified';
  ethnicity: 'hispanic_latino' | 'not_hispanic_latino' | 'not_self_identified';
  /** A Postgres text[] literal. */
  races: string;
  veteranStatus: string;
  disability: 'yes' | 'no' | 'not_self_identified';
  education: string;
  priorWageCents: number | null;
  priorWageUnit: 'hourly' | 'weekly' | 'annually';
  registrations: RegistrationPlan[];
}

/** New apprentices by fiscal year, thousands (DOL national totals as remembered; FY2025+ assumed flat). */
const NEW_APPRENTICES_BY_FISCAL_YEAR: Record<number, number> = {
  2014: 171, 2015: 197, 2016: 206, 2017: 190, 2018: 238, 2019: 252, 2020: 221, 2021: 241, 2022: 270, 2023: 287, 2024: 287,
};
export const FIRST_FISCAL_YEAR = 2014;

/** Age at start, in bands: skewed young (median mid-twenties), 16 to 60. */
const AGE_BANDS = new Weighted<readonly [number, number]>([
  [[16, 17], 2], [[18, 19], 10], [[20, 24], 30], [[25, 29], 23], [[30, 34], 14], [[35, 39], 9], [[40, 44], 6],
  [[45, 49], 3.5], [[50, 54], 1.8], [[55, 60], 0.7],
]);
const RACES = new Weighted<string>([
  ['{white}', 66], ['{black_african_american}', 12], ['{asian}', 3], ['{american_indian_alaska_native}', 2],
  ['{native_hawaiian_pacific_islander}', 1], ['{black_african_american,white}', 2], ['{american_indian_alaska_native,white}', 1.5],
  ['{asian,white}', 0.5], ['{not_self_identified}', 12],
]);
const EDUCATION = new Weighted<string>([
  ['not_hs_graduate', 6], ['hs_graduate', 60], ['some_college_or_associate', 20], ['bachelor', 6], ['master', 1],
  ['doctorate_or_professional', 0.3], ['not_self_identified', 6.7],
]);
const CAREER_CONNECTIONS = new Weighted<string | null>([
  ['none', 62], ['pre_apprenticeship', 9], ['technical_training_school', 5], ['career_center_referral', 5],
  ['school_to_registered_apprenticeship', 4], ['job_corps', 1], ['youthbuild', 1], ['hud_step_up', 0.3], [null, 12.7],
]);
const VA_CHAPTERS = new Weighted<string>([['33', 65], ['31', 15], ['30', 8], ['1606', 8], ['32', 4]]);
const SUFFIXES = ['Jr.', 'Jr.', 'Sr.', 'II', 'III'] as const;
const INITIALS = 'ABCDEFGHIJKLMNOPRSTW';

export interface PlanContext {
  world: World;
  seed: number;
  today: Day;
  startPicker: Weighted<readonly [Day, Day]>;
}

/** Start dates from FY2014 to today, weighted by each fiscal year's new apprentices (the current one pro rata). */
export function planContext(world: World, seed: number, today: Day): PlanContext {
  const years: Array<readonly [readonly [Day, Day], number]> = [];
  for (let fiscalYear = FIRST_FISCAL_YEAR; fiscalYearStart(fiscalYear) <= today; fiscalYear += 1) {
    const from = fiscalYearStart(fiscalYear);
    const to = Math.min(fiscalYearStart(fiscalYear + 1) - 1, today);
    const perYear = NEW_APPRENTICES_BY_FISCAL_YEAR[fiscalYear] ?? NEW_APPRENTICES_BY_FISCAL_YEAR[2024];
    years.push([[from, to], (perYear * (to - from + 1)) / 365]);
  }
  if (!years.length) throw new Error('today must be on or after the start of FY2014');
  return { world, seed, today, startPicker: new Weighted(years) };
}

const lettersOnly = (value: string): string => value.toLowerCase().replace(/[^a-z]/g, '');

function pickEmployer(prng: Prng, sponsor: Sponsor): string {
  const employers = sponsor.employerIds;
  // The first employers of a group program place most apprentices.
  return employers[Math.floor(prng.next() * prng.next() * employers.length)];
}

export function planApprentice(context: PlanContext, index: number): ApprenticePlan {
  const prng = new Prng(context.seed, STREAM_APPRENTICE, index);
  const { world } = context;
  const id = prng.uuid();
  const sponsor = world.sponsorPicker.draw(prng);
  const programOccupation = sponsor.programPicker.draw(prng);
  const employerId = pickEmployer(prng, sponsor);
  const [from, to] = context.startPicker.draw(prng);
  const start = prng.int(from, to);

  const sexDraw = prng.next();
  const sex = sexDraw < 0.02 ? 'not_self_identified' : sexDraw < 0.02 + 0.98 * programOccupation.occupation.femaleShare ? 'female' : 'male';
  const [youngest, oldest] = AGE_BANDS.draw(prng);
  const age = prng.int(youngest, oldest);
  // Born up to 364 days before the birthday that makes them `age` on the start date.
  const dateOfBirth = addMonthsDay(start, -12 * age) - prng.int(0, 364);
  const ethnicityDraw = prng.next();
  const ethnicity = ethnicityDraw < 0.05 ? 'not_self_identified' : ethnicityDraw < 0.25 ? 'hispanic_latino' : 'not_hispanic_latino';
  const races = RACES.draw(prng);
  const veteranDraw = prng.next();
  const veteranShare = age >= 21 ? 0.08 : 0.01;
  const veteranStatus =
    veteranDraw < 0.05
      ? 'not_self_identified'
      : veteranDraw < 0.05 + veteranShare
        ? 'veteran'
        : veteranDraw < 0.055 + veteranShare
          ? 'veteran_eligible'
          : veteranDraw < 0.075 + veteranShare
            ? 'non_veteran_other_eligible'
            : 'non_veteran';
  const disabilityDraw = prng.next();
  const disability = disabilityDraw < 0.05 ? 'not_self_identified' : disabilityDraw < 0.085 ? 'yes' : 'no';
  const education = age < 18 && prng.next() < 0.8 ? 'not_hs_graduate' : EDUCATION.draw(prng);

  let priorWageCents: number | null = null;
  let priorWageUnit: ApprenticePlan['priorWageUnit'] = 'hourly';
  if (prng.next() < 0.75) {
    const hourly = Math.max(725, Math.round(Math.exp(Math.log(1600) + 0.3 * prng.normal()) / 25) * 25);
    const unitDraw = prng.next();
    if (unitDraw < 0.05) [priorWageUnit, priorWageCents] = ['annually', hourly * 2080];
    else if (unitDraw < 0.08) [priorWageUnit, priorWageCents] = ['weekly', hourly * 40];
    else priorWageCents = hourly;
  }

  const firstName = prng.pick(sex === 'female' || (sex === 'not_self_identified' && prng.next() < 0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const lastName = prng.pick(LAST_NAMES);
  const middleName = prng.next() < 0.35 ? INITIALS[prng.int(0, INITIALS.length - 1)] : null;
  const suffix = sex !== 'female' && prng.next() < 0.02 ? prng.pick(SUFFIXES) : null;
  const email = prng.next() < 0.65 ? `${lettersOnly(firstName)}.${lettersOnly(lastName)}${index}@example.org` : null;
  const home = prng.next() < 0.92 ? sponsor.state : prng.pick(STATES);
  const zipCode = prng.next() < 0.9 ? `${home.zip3}${String(prng.int(0, 99)).padStart(2, '0')}` : null;

  const careerConnection =
    (veteranStatus === 'veteran' || veteranStatus === 'veteran_eligible') && prng.next() < 0.5 ? 'military_veterans' : CAREER_CONNECTIONS.draw(prng);
  let va: { chapter: string; fileNumber: string | null } | null = null;
  if (programOccupation.vaFacilityCode && prng.next() < 0.8) {
    if (veteranStatus === 'veteran' || veteranStatus === 'veteran_eligible') va = { chapter: VA_CHAPTERS.draw(prng), fileNumber: null };
    else if (veteranStatus === 'non_veteran_other_eligible') va = { chapter: '35', fileNumber: null };
    if (va && prng.next() < 0.6) va.fileNumber = String(prng.int(10_000_000, 999_999_999));
  }

  let priorCredit = { text: null as string | null, ojtHours: 0, rtiHours: 0 };
  if (prng.next() < 0.07) {
    const ojtHours = Math.round((programOccupation.ojtTermHours * (0.1 + 0.3 * prng.next())) / 100) * 100;
    priorCredit = { text: 'Credit for prior work experience', ojtHours, rtiHours: prng.next() < 0.5 ? prng.int(0, 18) * 8 : 0 };
  }

  const registrations = planRegistrations(prng, context, programOccupation, employerId, start, {
    employmentStatus: prng.next() < 0.25 ? 'existing_employee' : 'new_employee',
    careerConnection,
    priorCredit,
    va,
    vaEnrollmentStart: va ? start : -1,
    transferredFromId: null,
    openingReason: REASONS.entered,
    allowTransfer: true,
  });

  return {
    id,
    ownerOrganizationId: sponsor.id,
    firstName,
    middleName,
    lastName,
    suffix,
    dateOfBirth,
    email,
    state: home.code,
    zipCode,
    sex,
    ethnicity,
    races,
    veteranStatus,
    disability,
    education,
    priorWageCents,
    priorWageUnit,
    registrations,
  };
}

interface AgreementTerms {
  employmentStatus: RegistrationPlan['employmentStatus'];
  careerConnection: string | null;
  priorCredit: { text: string | null; ojtHours: number; rtiHours: number };
  va: { chapter: string; fileNumber: string | null } | null;
  vaEnrollmentStart: Day;
  transferredFromId: string | null;
  openingReason: string;
  allowTransfer: boolean;
}

type Outcome = 'withdrawn' | 'transfer' | 'complete' | 'linger' | 'cancel';

const AVERAGE_MONTH_DAYS = 30.44;

/** The registration and, when it was transferred, the registration it continues in. */
function planRegistrations(
  prng: Prng,
  context: PlanContext,
  programOccupation: ProgramOccupation,
  employerId: string,
  start: Day,
  terms: AgreementTerms,
): RegistrationPlan[] {
  const { today, world } = context;
  const id = prng.uuid();
  // Same arithmetic as agreementDates (@journeyline/apprentices/agreement-rules).
  const { ojtTermHours, termMonths } = programOccupation;
  const remainingHours = Math.max(ojtTermHours - terms.priorCredit.ojtHours, 0);
  const months = Math.floor((termMonths * remainingHours + ojtTermHours - 1) / ojtTermHours);
  const probationEnd = addMonthsDay(start, programOccupation.probationMonths);
  const expectedCompletion = addMonthsDay(start, months);
  const paceHoursPerMonth = prng.int(125, 170);

  const registrationDay = start + (prng.next() < 0.7 ? prng.int(3, 30) : prng.int(31, 60));
  const outcomeDraw = prng.next();
  let outcome: Outcome =
    outcomeDraw < 0.005 ? 'withdrawn' : outcomeDraw < 0.03 ? 'transfer' : outcomeDraw < 0.45 ? 'complete' : outcomeDraw < 0.52 ? 'linger' : 'cancel';
  if (outcome === 'transfer' && !terms.allowTransfer) outcome = 'complete';
  const probationary = outcome === 'cancel' && prng.next() < 0.32;

  let finalDay = Number.POSITIVE_INFINITY;
  if (outcome === 'withdrawn') finalDay = start + prng.int(5, 40);
  else if (outcome === 'complete') {
    const draw = prng.next();
    finalDay = Math.max(registrationDay + 30, expectedCompletion - 60 + Math.floor(425 * draw * draw));
  } else if (outcome === 'cancel' && probationary) {
    finalDay = prng.int(registrationDay + 1, Math.max(registrationDay + 1, probationEnd - 1));
  } else if (outcome === 'cancel') {
    finalDay = probationEnd + Math.floor(-Math.log(1 - prng.next()) * 420);
    if (finalDay >= expectedCompletion - 30) finalDay = prng.int(probationEnd, Math.max(probationEnd, expectedCompletion - 30));
  } else if (outcome === 'transfer') {
    finalDay = prng.int(registrationDay + 60, Math.max(registrationDay + 60, start + Math.floor(0.7 * (expectedCompletion - start))));
  }

  // Where a transfer continues: the same occupation elsewhere in the state, else another employer
  // of the same program, else any program in the state; with nowhere to go it becomes a cancellation.
  let transferTarget: { programOccupation: ProgramOccupation; employerId: string } | null = null;
  if (outcome === 'transfer') {
    const state = programOccupation.sponsor.state.code;
    const sameOccupation = (world.byStateOccupation.get(`${state}|${programOccupation.occupationIndex}`) ?? []).filter(
      (candidate) => candidate !== programOccupation,
    );
    const employers = programOccupation.sponsor.employerIds;
    if (sameOccupation.length && prng.next() < 0.7) {
      const target = prng.pick(sameOccupation);
      transferTarget = { programOccupation: target, employerId: pickEmployer(prng, target.sponsor) };
    } else if (employers.length > 1) {
      const others = employers.filter((candidate) => candidate !== employerId);
      transferTarget = { programOccupation, employerId: prng.pick(others) };
    } else {
      const inState = (world.byState.get(state) ?? []).filter((candidate) => candidate !== programOccupation);
      if (inState.length) {
        const target = prng.pick(inState);
        transferTarget = { programOccupation: target, employerId: pickEmployer(prng, target.sponsor) };
      }
    }
    if (!transferTarget) outcome = 'cancel';
  }

  const events: StatusEvent[] = [];
  const push = (from: Status | null, to: Status, day: Day, reason: string) => {
    if (day > today) return false;
    events.push({ from, to, day, reason, duringProbation: from !== null && day < probationEnd });
    return true;
  };
  push(null, 'pending', start, terms.openingReason);

  let suspension: { from: Day; to: Day } | null = null;
  if (outcome === 'withdrawn') {
    push('pending', 'cancelled', finalDay, prng.pick(REASONS.withdrawn));
  } else if (push('pending', 'registered', registrationDay, REASONS.registered)) {
    let current: Status = 'registered';
    let finished = false;
    if (!probationary && prng.next() < 0.08) {
      const lower = registrationDay + 30;
      const upper = (Number.isFinite(finalDay) ? finalDay : expectedCompletion) - 30;
      if (upper > lower) {
        const suspendDay = prng.int(lower, upper);
        const length = prng.int(30, 240);
        const fate = prng.next();
        if (push(current, 'suspended', suspendDay, prng.pick(REASONS.suspend))) current = 'suspended';
        if (fate < 0.25) finished = true;
        else if (fate < 0.45) {
          if (push('suspended', 'cancelled', suspendDay + length, REASONS.cancelFromSuspension)) current = 'cancelled';
          finished = true;
        } else {
          if (push('suspended', 'reinstated', suspendDay + length, REASONS.reinstate)) current = 'reinstated';
          suspension = { from: suspendDay, to: suspendDay + length };
          finalDay += length;
        }
      }
    }
    if (!finished && (current === 'registered' || current === 'reinstated')) {
      if (outcome === 'complete') push(current, 'completed', finalDay, REASONS.completed);
      else if (outcome === 'cancel') push(current, 'cancelled', finalDay, prng.pick(probationary ? REASONS.probationCancel : REASONS.cancel));
      else if (outcome === 'transfer') push(current, 'transferred', finalDay, prng.pick(REASONS.transferOut));
    }
  }

  const last = events[events.length - 1];
  const registered = events.length > 1 && events[1].to === 'registered';
  const workSegments = segmentsOf(events, today);
  const plan: RegistrationPlan = {
    id,
    programOccupation,
    employerId,
    start,
    probationEnd,
    expectedCompletion,
    registrationDay: registered ? events[1].day : -1,
    status: last.to,
    statusDay: last.day,
    employmentStatus: terms.employmentStatus,
    careerConnection: terms.careerConnection,
    priorCreditText: terms.priorCredit.text,
    priorCreditOjtHours: terms.priorCredit.ojtHours,
    priorCreditRtiHours: terms.priorCredit.rtiHours,
    cancelledDuringProbation: last.to === 'cancelled' && last.duringProbation,
    vaChapter: terms.va?.chapter ?? null,
    vaFileNumber: terms.va?.fileNumber ?? null,
    vaEnrollmentStart: terms.va ? terms.vaEnrollmentStart : -1,
    vaEnrollmentEnd: terms.va && terms.vaEnrollmentStart >= 0 && ENDED.has(last.to) ? last.day : -1,
    transferredFromId: terms.transferredFromId,
    events,
    wages: [],
    proposals: [],
    workSegments,
    paceHoursPerMonth,
  };
  planWages(prng, plan, suspension, today);

  if (last.to !== 'transferred' || !transferTarget) return [plan];
  const target = transferTarget.programOccupation;
  const workedDays = workSegments.reduce((sum, segment) => sum + segment.to - segment.from, 0);
  const transcriptOjt = Math.min(
    plan.priorCreditOjtHours + Math.floor((workedDays * paceHoursPerMonth) / AVERAGE_MONTH_DAYS),
    target.ojtTermHours - 100,
  );
  const transcriptRti = plan.priorCreditRtiHours + Math.floor((workedDays * programOccupation.rtiHoursPerYear) / 365);
  const continued = planRegistrations(prng, context, target, transferTarget.employerId, last.day, {
    employmentStatus: transferTarget.employerId === employerId ? terms.employmentStatus : 'new_employee',
    careerConnection: terms.careerConnection,
    priorCredit: {
      text: [`Transcript from registration ${plan.id}`, plan.priorCreditText].filter(Boolean).join('; ').slice(0, 255),
      ojtHours: transcriptOjt,
      rtiHours: transcriptRti,
    },
    // The GI Bill entitlement follows the person; the enrollment period is per training facility.
    va: terms.va,
    vaEnrollmentStart: -1,
    transferredFromId: plan.id,
    openingReason: `Transferred in: ${last.reason}`,
    allowTransfer: false,
  });
  return [plan, ...continued];
}

/** Periods in which hours may be logged: open statuses, up to the first closing change and after a reinstatement. */
function segmentsOf(events: StatusEvent[], today: Day): WorkSegment[] {
  const segments: WorkSegment[] = [];
  let openFrom = events[0].day;
  for (const event of events) {
    if (CLOSING.has(event.to)) {
      if (openFrom >= 0 && event.day > openFrom) segments.push({ from: openFrom, to: event.day });
      openFrom = -1;
    } else if (event.to === 'reinstated') openFrom = event.day;
  }
  if (openFrom >= 0 && today + 1 > openFrom) segments.push({ from: openFrom, to: today + 1 });
  return segments;
}

/**
 * Wage history as the wage-step job would have written it (see dueWageSteps in
 * @journeyline/wages/wage-steps): the entry step once registered, later steps when their hours or
 * months are reached, never before the step ahead of them, only while the registration progresses.
 * Hours accrue at the apprentice's pace (suspended time excluded). Where the program has the
 * sponsor confirm steps, each step waits for a confirmation; one not yet confirmed is a pending
 * proposal, and the steps behind it wait too.
 */
function planWages(prng: Prng, plan: RegistrationPlan, suspension: { from: Day; to: Day } | null, today: Day): void {
  if (plan.registrationDay < 0) return;
  const { programOccupation } = plan;
  // Steps fall due only while the registration progresses, so never after its last working day.
  const lastSegment = plan.workSegments[plan.workSegments.length - 1];
  const endDay = lastSegment ? lastSegment.to : plan.start;
  const progressing = plan.status === 'registered' || plan.status === 'reinstated';
  const perDay = plan.paceHoursPerMonth / AVERAGE_MONTH_DAYS;
  const hoursAt = (day: Day): number => {
    let worked = day - plan.start;
    if (suspension && day > suspension.from) worked -= Math.min(day, suspension.to) - suspension.from;
    return plan.priorCreditOjtHours + Math.floor(Math.max(0, worked) * perDay);
  };
  const dayReaching = (hours: number): Day => {
    let day = plan.start + Math.ceil((hours - plan.priorCreditOjtHours) / perDay);
    if (suspension && day > suspension.from) day += suspension.to - suspension.from;
    return day;
  };

  let previousDue = plan.start;
  for (const step of programOccupation.steps) {
    let due: Day;
    let trigger: WageProposal['trigger'] | 'entry';
    let hours: number;
    if (step.step === 1) [due, trigger, hours] = [plan.start, 'entry', plan.priorCreditOjtHours];
    else if (step.thresholdKind === 'hours' && plan.priorCreditOjtHours >= step.thresholdValue) {
      [due, trigger, hours] = [plan.start, 'credit_granted', plan.priorCreditOjtHours];
    } else if (step.thresholdKind === 'hours') {
      [due, trigger, hours] = [dayReaching(step.thresholdValue), 'hours_reached', step.thresholdValue];
    } else {
      due = addMonthsDay(plan.start, step.thresholdValue);
      [trigger, hours] = ['time_elapsed', hoursAt(due)];
    }
    due = Math.max(due, previousDue);
    if (due > today || due >= endDay) return;
    previousDue = due;

    const { rateCents } = step;
    if (trigger === 'entry' || programOccupation.wageStepMode === 'automatic') {
      plan.wages.push({ id: prng.uuid(), step: step.step, rateCents, day: due, trigger, hoursAtTrigger: hours });
      continue;
    }
    const proposal = { step: step.step, rateCents, dueDay: due, trigger, hoursAtTrigger: hours };
    const decided = due + prng.int(3, 45);
    if (decided <= today && decided < endDay) {
      plan.proposals.push({ ...proposal, id: prng.uuid(), status: 'confirmed', decidedDay: decided });
      plan.wages.push({ id: prng.uuid(), step: step.step, rateCents, day: due, trigger: 'confirmed', hoursAtTrigger: hours });
      continue;
    }
    if (progressing) plan.proposals.push({ ...proposal, id: prng.uuid(), status: 'pending', decidedDay: -1 });
    return;
  }
}
