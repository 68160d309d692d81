import { agreementDates } from '@journeyline/apprentices/agreement-rules';
import { ALLOWED_TRANSITIONS } from '@journeyline/apprentices/registration-status';
import { yearsBetween } from '@journeyline/common/dates';
import { closedSpans, dailyCapBreaches, dayKey, workDateProblem } from '@journeyline/training/hour-rules';
import { ApprenticePlan, planApprentice, planContext, RegistrationPlan } from './apprentice-plan';
import { dayOf, isoOf, weekday } from './day-calendar';
import { forEachOjtEntry, forEachRtiSession, HoursWindow, monthSlices, rtiEnrollments } from './hours-plan';
import { Prng } from './prng';
import { buildWorld } from './world';

const TODAY = dayOf('2026-03-15');
const APPRENTICES = 4_000;
const world = buildWorld(7, APPRENTICES);
const context = planContext(world, 7, TODAY);
const plans: ApprenticePlan[] = Array.from({ length: APPRENTICES }, (_, index) => planApprentice(context, index));
const registrations: RegistrationPlan[] = plans.flatMap((plan) => plan.registrations);

describe('planApprentice', () => {
  it('regenerates the same apprentice from the same seed and index', () => {
    expect(planApprentice(context, 123)).toEqual(plans[123]);
    expect(planApprentice(planContext(buildWorld(8, APPRENTICES), 8, TODAY), 123).id).not.toBe(plans[123].id);
  });

  it('follows the registration lifecycle, in date order, up to today', () => {
    const problems: string[] = [];
    const check = (holds: boolean, registration: RegistrationPlan, what: string) => holds || problems.push(`${registration.id}: ${what}`);
    for (const registration of registrations) {
      const { events } = registration;
      const [opening] = events;
      check(opening.from === null && opening.to === 'pending' && opening.day === registration.start && !opening.duringProbation, registration, 'opening');
      for (let position = 1; position < events.length; position += 1) {
        const [previous, event] = [events[position - 1], events[position]];
        check(event.from === previous.to && ALLOWED_TRANSITIONS[previous.to].includes(event.to), registration, `${previous.to} → ${event.to}`);
        check(event.day >= previous.day, registration, 'dates out of order');
        check(event.duringProbation === event.day < registration.probationEnd, registration, 'probation flag');
        check(event.reason.length > 0, registration, 'reason');
      }
      const last = events[events.length - 1];
      check(last.day <= TODAY, registration, 'in the future');
      check(registration.status === last.to && registration.statusDay === last.day, registration, 'status');
      check(registration.cancelledDuringProbation === (last.to === 'cancelled' && last.duringProbation), registration, 'cancelled during probation');
      const registered = events.find((event) => event.to === 'registered');
      check(registration.registrationDay === (registered ? registered.day : -1), registration, 'registration date');
    }
    expect(problems).toEqual([]);
    expect(new Set(registrations.map((registration) => registration.status))).toEqual(
      new Set(['pending', 'registered', 'suspended', 'reinstated', 'completed', 'cancelled', 'transferred']),
    );
  });

  it('computes probation and expected completion like the registration service', () => {
    for (const registration of registrations) {
      const { programOccupation: terms } = registration;
      expect(
        agreementDates({
          startDate: isoOf(registration.start),
          termMonths: terms.termMonths,
          ojtTermHours: terms.ojtTermHours,
          probationMonths: terms.probationMonths,
          priorCreditOjtHours: registration.priorCreditOjtHours,
        }),
      ).toEqual({ probationEndDate: isoOf(registration.probationEnd), expectedCompletionDate: isoOf(registration.expectedCompletion) });
    }
  });

  it('makes apprentices 16 to 60 years old at their start, in plausible proportions', () => {
    const ages = plans.map((plan) => yearsBetween(isoOf(plan.dateOfBirth), isoOf(plan.registrations[0].start)));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(16);
    expect(Math.max(...ages)).toBeLessThanOrEqual(60);
    const share = (predicate: (plan: ApprenticePlan) => boolean) => plans.filter(predicate).length / plans.length;
    expect(share((plan) => plan.sex === 'female')).toBeGreaterThan(0.06);
    expect(share((plan) => plan.sex === 'female')).toBeLessThan(0.22);
    expect(share((plan) => plan.veteranStatus === 'veteran')).toBeGreaterThan(0.04);
    expect(share((plan) => plan.veteranStatus === 'veteran')).toBeLessThan(0.1);
    expect(share((plan) => plan.education === 'hs_graduate')).toBeGreaterThan(0.5);
    expect(ages.filter((age) => age < 30).length / ages.length).toBeGreaterThan(0.55);
  });

  it('continues a transfer in a new pending registration from the transfer date, crediting the transcript', () => {
    const transferred = plans.filter((plan) => plan.registrations.length > 1);
    expect(transferred.length).toBeGreaterThan(0);
    for (const plan of transferred) {
      const [old, continued] = plan.registrations;
      expect(old.status).toBe('transferred');
      expect(continued.transferredFromId).toBe(old.id);
      expect(continued.start).toBe(old.statusDay);
      expect(continued.events[0].reason).toMatch(/^Transferred in: /);
      expect(continued.priorCreditOjtHours).toBeLessThan(continued.programOccupation.ojtTermHours);
      expect(continued.programOccupation !== old.programOccupation || continued.employerId !== old.employerId).toBe(true);
      expect(continued.vaEnrollmentStart).toBe(-1);
    }
  });

  it('writes increasing wage steps, in step order, while the registration progresses', () => {
    const problems: string[] = [];
    for (const registration of registrations) {
      const { wages } = registration;
      if (registration.registrationDay < 0 && wages.length) problems.push(`${registration.id}: wages before registration`);
      wages.forEach((wage, position) => {
        const previous = wages[position - 1];
        const wrong =
          wage.step !== position + 1 ||
          wage.day > TODAY ||
          (position === 0 && (wage.trigger !== 'entry' || wage.day !== registration.start)) ||
          (position > 0 && (wage.rateCents <= previous.rateCents || wage.day < previous.day)) ||
          (wage.trigger === 'confirmed') !== (position > 0 && registration.programOccupation.wageStepMode === 'confirm');
        if (wrong) problems.push(`${registration.id}: step ${wage.step}`);
      });
      const pending = registration.proposals.filter((proposal) => proposal.status === 'pending');
      if (pending.length > 1 || (pending.length && pending[0].step !== wages.length + 1)) problems.push(`${registration.id}: proposals`);
    }
    expect(problems).toEqual([]);
    expect(registrations.some((registration) => registration.proposals.some((proposal) => proposal.status === 'pending'))).toBe(true);
  });

  it('gives VA details only to trainees of VA-approved programs, ending the enrollment with the registration', () => {
    for (const registration of registrations) {
      if (!registration.vaChapter) {
        expect([registration.vaFileNumber, registration.vaEnrollmentStart, registration.vaEnrollmentEnd]).toEqual([null, -1, -1]);
        continue;
      }
      // The GI Bill chapter follows the person through a transfer; a first agreement needs a VA-approved program.
      if (!registration.transferredFromId) expect(registration.programOccupation.vaFacilityCode).not.toBeNull();
      if (registration.vaEnrollmentEnd >= 0) expect(registration.vaEnrollmentEnd).toBe(registration.statusDay);
    }
  });
});

describe('hours', () => {
  const window: HoursWindow = { from: dayOf('2025-09-15'), to: TODAY, granularity: 'day' };

  it('logs hours only on days the registration takes them, never over 24 hours an apprentice-day', () => {
    let entries = 0;
    const problems: string[] = [];
    plans.forEach((plan, index) => {
      const days = [] as Array<{ apprenticeId: string; workDate: string; hours: number; maxHours: number }>;
      forEachOjtEntry(plan, new Prng(7, 3, index), window, (registration, day, quarters, workProcess) => {
        entries += 1;
        const workDate = isoOf(day);
        const history = registration.events.map((event) => ({ toStatus: event.to, effectiveDate: isoOf(event.day) }));
        const agreement = { startDate: isoOf(registration.start), closedSpans: closedSpans(history, { status: registration.status, statusDate: isoOf(registration.statusDay) }) };
        const problem = workDateProblem(workDate, agreement, isoOf(TODAY));
        if (problem) problems.push(`${workDate}: ${problem}`);
        if (weekday(day) === 0 || weekday(day) === 6) problems.push(`${workDate}: weekend`);
        if (day < window.from || quarters <= 0) problems.push(`${workDate}: outside the window or empty`);
        if (!registration.programOccupation.workProcesses.includes(workProcess)) problems.push(`${workDate}: foreign work process`);
        days.push({ apprenticeId: plan.id, workDate, hours: quarters / 4, maxHours: 24 });
      });
      if (dailyCapBreaches(new Map(), days).length) problems.push(`${plan.id}: over 24 hours`);
      if (new Set(days.map((day) => dayKey(day.apprenticeId, day.workDate))).size !== days.length) problems.push(`${plan.id}: two entries a day`);
    });
    expect(problems).toEqual([]);
    expect(entries).toBeGreaterThan(APPRENTICES * 10);
  });

  it('cuts the window into calendar months that cover it exactly', () => {
    const slices = monthSlices(window);
    expect(slices.map((slice) => [isoOf(slice.from), isoOf(slice.to)])).toEqual([
      ['2025-09-15', '2025-09-30'],
      ['2025-10-01', '2025-10-31'],
      ['2025-11-01', '2025-11-30'],
      ['2025-12-01', '2025-12-31'],
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-15'],
    ]);
    let whole = 0;
    let sliced = 0;
    plans.slice(0, 500).forEach((plan, index) => {
      forEachOjtEntry(plan, new Prng(7, 3, index), window, () => (whole += 1));
      for (const slice of slices) forEachOjtEntry(plan, new Prng(7, 3, index), slice, () => (sliced += 1));
    });
    // Months are drawn separately (absences differ) but cover the same working days.
    expect(Math.abs(sliced - whole) / whole).toBeLessThan(0.02);
  });

  it('logs two 20-hour entries a week in week granularity', () => {
    const weekly: number[] = [];
    forEachOjtEntry(plans.find((plan) => plan.registrations[0].status === 'registered') as ApprenticePlan, new Prng(1), { ...window, granularity: 'week' }, (_, day, quarters) => {
      expect([2, 4]).toContain(weekday(day));
      weekly.push(quarters);
    });
    expect(weekly.length).toBeGreaterThan(0);
    expect(new Set(weekly)).toEqual(new Set([80]));
  });

  it('records RTI sessions on Thursdays outside the summer for enrolled registrations, the same enrollments each time', () => {
    let sessions = 0;
    const problems: string[] = [];
    plans.forEach((plan, index) => {
      const enrollments = rtiEnrollments(plan, new Prng(7, 4, index), window);
      const again = new Prng(7, 4, index);
      expect(rtiEnrollments(plan, again, window).map((enrollment) => enrollment.id)).toEqual(enrollments.map((enrollment) => enrollment.id));
      for (const enrollment of rtiEnrollments(plan, new Prng(7, 4, index), window)) {
        forEachRtiSession(enrollment, again, window, (_, day) => {
          sessions += 1;
          const month = Number(isoOf(day).slice(5, 7));
          if (weekday(day) !== 4 || (month >= 6 && month <= 8) || day < enrollment.enrolledOn) problems.push(isoOf(day));
        });
      }
    });
    expect(problems).toEqual([]);
    expect(sessions).toBeGreaterThan(0);
  });
});
