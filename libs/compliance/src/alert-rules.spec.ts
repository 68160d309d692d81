import { RuleBook, RuleSetting } from '@journeyline/rules/rule-book';
import {
  evaluateRegistrationAlerts,
  noHoursLoggedAlert,
  overAllotmentAlerts,
  pendingTooLongAlert,
  ratioAlerts,
  RegistrationSnapshot,
  rtiBehindPaceAlert,
  vaMonthsNotCertifiedAlerts,
  vaWageRuleAlert,
  wageStepAlert,
} from './alert-rules';

const setting = (rule: string, params: Record<string, unknown>, severity: RuleSetting['severity'] = 'warning'): RuleSetting => ({
  rule,
  severity,
  params,
  source: 'test',
  confidence: 'verified',
});

// The defaults of the rule-settings migrations.
const DEFAULTS: RuleSetting[] = [
  setting('alerts.no_hours_logged', { days: 14 }),
  setting('alerts.wage_step_overdue', { days: 30 }),
  setting('alerts.rti_behind_pace', { toleranceShare: 0.75 }),
  setting('alerts.va_month_not_certified', { graceDays: 10 }),
  setting('va.ojt_entry_wage_share', { minShare: 0.5 }),
  setting('va.ojt_final_wage_share', { minShare: 0.85 }),
  setting('ratio.apprentice_to_journeyworker', {}),
  setting('registration.deadline_days', { days: 45 }),
];

const book = (overrides: RuleSetting[] = []) =>
  new RuleBook([...DEFAULTS.filter((rule) => !overrides.some((override) => override.rule === rule.rule)), ...overrides], 725);

const REG = '11111111-1111-4111-8111-111111111111';

const snapshot = (overrides: Partial<RegistrationSnapshot> = {}): RegistrationSnapshot => ({
  registrationId: REG,
  status: 'registered',
  startDate: '2024-01-01',
  statusDate: '2024-01-15',
  vaChapter: null,
  vaEnrollmentStart: null,
  vaEnrollmentEnd: null,
  rtiHoursPerYear: 144,
  journeyworkerRateCents: 4000,
  governmentEmployer: false,
  stepRatesCents: [2000, 2800, 3400],
  pendingProposals: [],
  lastOjtWorkDate: '2024-06-28',
  rtiAttendance: [],
  certifiedMonths: [],
  workProcesses: [],
  ...overrides,
});

describe('wageStepAlert', () => {
  it('is quiet without a pending proposal', () => {
    expect(wageStepAlert(snapshot(), book(), '2024-07-01')).toBeNull();
  });

  it('reports a fresh proposal as due (info)', () => {
    const alert = wageStepAlert(snapshot({ pendingProposals: [{ step: 2, dueDate: '2024-06-15' }] }), book(), '2024-07-01');
    expect(alert).toMatchObject({ kind: 'wage_step_due', severity: 'info', subjectKey: REG, details: { steps: [2], daysWaiting: 16 } });
  });

  it('turns overdue once the oldest proposal has waited more than 30 days', () => {
    const pending = [
      { step: 3, dueDate: '2024-06-20' },
      { step: 2, dueDate: '2024-05-31' },
    ];
    expect(wageStepAlert(snapshot({ pendingProposals: pending }), book(), '2024-06-30')?.kind).toBe('wage_step_due');
    expect(wageStepAlert(snapshot({ pendingProposals: pending }), book(), '2024-07-01')).toMatchObject({
      kind: 'wage_step_overdue',
      severity: 'warning',
      details: { steps: [2, 3], oldestDueDate: '2024-05-31', daysWaiting: 31 },
    });
  });

  it('maps an error-severity rule to a critical alert', () => {
    const strict = book([setting('alerts.wage_step_overdue', { days: 30 }, 'error')]);
    expect(wageStepAlert(snapshot({ pendingProposals: [{ step: 2, dueDate: '2024-01-01' }] }), strict, '2024-07-01')?.severity).toBe(
      'critical',
    );
  });
});

describe('rtiBehindPaceAlert', () => {
  // Program year from 2024-01-01 (366 days); on 2024-07-01, 183 days have elapsed:
  // expected 144 × 183/366 = 72 h; with the 0.75 tolerance the line is 54 h.
  it('flags attendance below the tolerated pro-rata share', () => {
    const alert = rtiBehindPaceAlert(snapshot({ rtiAttendance: [{ date: '2024-03-01', hours: '53.75' }] }), book(), '2024-07-01');
    expect(alert).toMatchObject({
      kind: 'rti_behind_pace',
      severity: 'warning',
      details: { programYearStart: '2024-01-01', attendedHours: 53.75, expectedHours: 72, requiredHoursPerYear: 144 },
    });
  });

  it('is quiet at the tolerated share', () => {
    expect(rtiBehindPaceAlert(snapshot({ rtiAttendance: [{ date: '2024-03-01', hours: 54 }] }), book(), '2024-07-01')).toBeNull();
  });

  it('counts only the current program year', () => {
    const attendance = [
      { date: '2024-12-31', hours: 144 },
      { date: '2025-01-02', hours: 10 },
    ];
    // 2025-03-01: 59 days into the year → 144 × 59/365 × 0.75 ≈ 17.46 h expected at least.
    expect(rtiBehindPaceAlert(snapshot({ rtiAttendance: attendance }), book(), '2025-03-01')).toMatchObject({
      details: { programYearStart: '2025-01-01', attendedHours: 10 },
    });
  });

  it('is quiet when no RTI is required or the apprentice is not training', () => {
    expect(rtiBehindPaceAlert(snapshot({ rtiHoursPerYear: 0 }), book(), '2024-07-01')).toBeNull();
    expect(rtiBehindPaceAlert(snapshot({ status: 'suspended' }), book(), '2024-07-01')).toBeNull();
  });
});

describe('noHoursLoggedAlert', () => {
  it('flags 14 days without an entry', () => {
    expect(noHoursLoggedAlert(snapshot(), book(), '2024-07-11')).toBeNull();
    expect(noHoursLoggedAlert(snapshot(), book(), '2024-07-12')).toMatchObject({
      kind: 'no_hours_logged',
      details: { lastWorkDate: '2024-06-28', days: 14 },
    });
  });

  it('counts from the start or a later status change when nothing was logged since', () => {
    const reinstated = snapshot({ status: 'reinstated', statusDate: '2024-07-05', lastOjtWorkDate: '2024-03-01' });
    expect(noHoursLoggedAlert(reinstated, book(), '2024-07-18')).toBeNull();
    expect(noHoursLoggedAlert(reinstated, book(), '2024-07-19')?.details).toMatchObject({ since: '2024-07-05' });
    expect(noHoursLoggedAlert(snapshot({ lastOjtWorkDate: null }), book(), '2024-02-01')?.details).toMatchObject({
      since: '2024-01-15',
      days: 17,
    });
  });

  it('does not apply to suspended or pending registrations', () => {
    expect(noHoursLoggedAlert(snapshot({ status: 'suspended' }), book(), '2025-01-01')).toBeNull();
    expect(noHoursLoggedAlert(snapshot({ status: 'pending' }), book(), '2025-01-01')).toBeNull();
  });

  it('is off when the rule is switched off', () => {
    expect(noHoursLoggedAlert(snapshot(), book([setting('alerts.no_hours_logged', { days: 14 }, 'off')]), '2025-01-01')).toBeNull();
  });
});

describe('pendingTooLongAlert', () => {
  it('flags a pending agreement 45 days after its start', () => {
    const pending = snapshot({ status: 'pending' });
    expect(pendingTooLongAlert(pending, book(), '2024-02-15')).toBeNull();
    expect(pendingTooLongAlert(pending, book(), '2024-02-16')).toMatchObject({
      kind: 'registration_pending_too_long',
      details: { deadline: '2024-02-15', daysLate: 1 },
    });
    expect(pendingTooLongAlert(snapshot(), book(), '2025-01-01')).toBeNull();
  });
});

describe('vaMonthsNotCertifiedAlerts', () => {
  const trainee = snapshot({ vaChapter: '33', vaEnrollmentStart: '2024-03-15', certifiedMonths: ['2024-04-01'] });

  it('flags each finished enrollment month without a certification after the grace days', () => {
    // March is due by 10 April, April is certified, May is due by 10 June, June by 10 July.
    const alerts = vaMonthsNotCertifiedAlerts(trainee, book(), '2024-06-11');
    expect(alerts.map((alert) => alert.subjectKey)).toEqual([`${REG}:2024-03`, `${REG}:2024-05`]);
    expect(alerts[1]).toMatchObject({ kind: 'va_month_not_certified', details: { month: '2024-05', dueBy: '2024-06-10' } });
    expect(vaMonthsNotCertifiedAlerts(trainee, book(), '2024-06-10').map((alert) => alert.details.month)).toEqual(['2024-03']);
  });

  it('stops at the end of the enrollment or of the registration', () => {
    const ended = { ...trainee, vaEnrollmentEnd: '2024-05-20' };
    expect(vaMonthsNotCertifiedAlerts(ended, book(), '2024-12-01').map((alert) => alert.details.month)).toEqual(['2024-03', '2024-05']);
    const cancelled = { ...trainee, status: 'cancelled', statusDate: '2024-04-10' };
    expect(vaMonthsNotCertifiedAlerts(cancelled, book(), '2024-12-01').map((alert) => alert.details.month)).toEqual(['2024-03']);
  });

  it('does nothing without a VA chapter', () => {
    expect(vaMonthsNotCertifiedAlerts(snapshot(), book(), '2024-12-01')).toEqual([]);
  });
});

describe('vaWageRuleAlert', () => {
  it('flags an entry wage under 50% and a last step under 85% of the journeyworker rate', () => {
    const alert = vaWageRuleAlert(snapshot({ vaChapter: '33', stepRatesCents: [1999, 2800, 3399] }), book());
    expect(alert).toMatchObject({
      kind: 'va_wage_rule_at_risk',
      severity: 'warning',
      details: { entryRate: '19.99', finalRate: '33.99', journeyworkerRate: '40.00', governmentEmployer: false },
    });
    expect(alert?.message).toContain('below 50% of the journeyworker rate $40.00');
    expect(alert?.message).toContain('below 85%');
  });

  it('does not hold a government employer to the 85% (38 U.S.C. 3677(b)(2)), but still to the 50% entry wage', () => {
    expect(vaWageRuleAlert(snapshot({ vaChapter: '33', governmentEmployer: true, stepRatesCents: [2000, 3000] }), book())).toBeNull();
    const alert = vaWageRuleAlert(snapshot({ vaChapter: '33', governmentEmployer: true, stepRatesCents: [1999, 3000] }), book());
    expect(alert?.message).toContain('below 50%');
    expect(alert?.message).not.toContain('below 85%');
    expect(alert?.details).toMatchObject({ governmentEmployer: true });
  });

  it('is quiet at exactly 50% and 85%, and for non-VA registrations', () => {
    expect(vaWageRuleAlert(snapshot({ vaChapter: '33', stepRatesCents: [2000, 3400] }), book())).toBeNull();
    expect(vaWageRuleAlert(snapshot({ stepRatesCents: [1000, 2000] }), book())).toBeNull();
  });
});

describe('overAllotmentAlerts', () => {
  it('flags each work process with approved hours above its maximum', () => {
    const alerts = overAllotmentAlerts(
      snapshot({
        workProcesses: [
          { id: 'wp-1', title: 'Conduit', maxHours: 1000, approvedHours: '1000.00' },
          { id: 'wp-2', title: 'Wiring', maxHours: 500, approvedHours: '500.25' },
        ],
      }),
    );
    expect(alerts).toEqual([
      {
        kind: 'work_process_over_allotment',
        severity: 'info',
        subjectKey: `${REG}:wp-2`,
        message: '500.25 approved hours on "Wiring" exceed its 500-hour allotment',
        details: { workProcessId: 'wp-2', approvedHours: 500.25, maxHours: 500 },
      },
    ]);
  });
});

describe('evaluateRegistrationAlerts', () => {
  it('collects every kind that holds; after completion only uncertified VA months remain', () => {
    const troubled = snapshot({
      vaChapter: '33',
      vaEnrollmentStart: '2024-01-01',
      stepRatesCents: [1500, 3000],
      pendingProposals: [{ step: 2, dueDate: '2024-05-01' }],
      lastOjtWorkDate: '2024-05-01',
    });
    const kinds = evaluateRegistrationAlerts(troubled, book(), '2024-07-01').map((alert) => alert.kind);
    expect(new Set(kinds)).toEqual(
      new Set(['wage_step_overdue', 'rti_behind_pace', 'no_hours_logged', 'va_month_not_certified', 'va_wage_rule_at_risk']),
    );
    const completed = evaluateRegistrationAlerts({ ...troubled, status: 'completed', statusDate: '2024-01-20' }, book(), '2024-07-01');
    expect(completed.map((alert) => alert.subjectKey)).toEqual([`${REG}:2024-01`]);
  });
});

describe('ratioAlerts', () => {
  const SPONSOR_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  const SPONSOR_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
  const state = {
    employerId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
    date: '2024-07-01',
    apprentices: 3,
    journeyworkers: 2 as number | null,
    terms: [
      { sponsorId: SPONSOR_A, programOccupationId: 'po-1', ratioApprentices: 1, ratioJourneyworkers: 1 },
      { sponsorId: SPONSOR_B, programOccupationId: 'po-2', ratioApprentices: 2, ratioJourneyworkers: 1 },
    ],
  };

  it("files one alert per sponsor whose standards' ratio is exceeded", () => {
    const alerts = ratioAlerts(state, book());
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'ratio_exceeded',
        severity: 'warning',
        sponsorId: SPONSOR_A,
        subjectKey: `${state.employerId}:${SPONSOR_A}`,
        details: { apprentices: 3, journeyworkers: 2, ratios: ['1:1'] },
      }),
    ]);
  });

  it('judges nothing without a journeyworker count', () => {
    expect(ratioAlerts({ ...state, journeyworkers: null }, book())).toEqual([]);
  });
});
