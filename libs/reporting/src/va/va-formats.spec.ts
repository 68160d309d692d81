import { MapContext, Row } from '../formats/report-format';
import { ApprenticeRecord, StatusEventRecord } from '../record/apprentice-record';
import { FormatRunError, runFormat } from '../writers/run-format';
import { changeOfStatusFormat } from './change-of-status';
import { enrollmentFormat } from './enrollment';
import { DANA, KIM, LEE, MARCUS, NON_VA, PAT, VA_FIXTURES, VA_GOLDEN_CONTEXT } from './fixtures';
import { monthlyCertificationFormat } from './monthly-certification';
import { vre1905cFormat } from './vre-1905c';

const context = (patch: Partial<MapContext>): MapContext => ({ ...VA_GOLDEN_CONTEXT, ...patch });

function rowsOf(result: ReturnType<typeof monthlyCertificationFormat.map>): Row[] {
  if (result.problems) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.rows;
}

describe('va.monthly-certification', () => {
  it('certifies Dana for November 2025 as worked out by hand', () => {
    // Safety is allotted 40 h and October used 32, so November's 16 split 8 countable + 8 excluded.
    const safetyCountable = Math.min(16, 40 - 32);
    const excluded = 16 - safetyCountable;
    // Residential: 80 used before, 100 now, well inside its 600 h allotment.
    const ojtWorked = 16 + 100;
    const rti = 0;
    const total = ojtWorked - excluded + rti;
    expect(total).toBe(108);
    // 108 ÷ 8 = 13.5: exactly halfway between 13×8 = 104 and 14×8 = 112; the default tie rule rounds up.
    const rounded = 14 * 8;
    // 112 ÷ 120 = 0.93333… → "0.9333"; under 120 hours, so not full time.
    // The 2nd month of pursuit since 2025-10-06 is in the first 6-month period: chapter 33 pays 100%.
    // Wage $19.25 of a $38.50 journeyworker rate = 50.00%; November was already certified.
    const row = rowsOf(monthlyCertificationFormat.map(DANA, VA_GOLDEN_CONTEXT)).find((candidate) => candidate.month === '2025-11');
    expect(row).toMatchObject({
      identifierType: 'VA_FILE_NUMBER',
      identifier: 'C12345678',
      ojtHoursWorked: ojtWorked,
      ojtHoursExcludedOverAllotment: excluded,
      rtiCountableHours: rti,
      totalCountableHours: total,
      roundedHours: rounded,
      fractionOfFullTime: '0.9333',
      fullTime: 'N',
      pursuitMonth: 2,
      benefitStep: 1,
      stepPercent: 100,
      currentWage: '19.25',
      percentOfJourneyworker: '50.00',
      previouslyCertified: 'Y',
      conductAndProgress: null,
      certifyingOfficialName: null,
    });
  });

  it('rounds the halfway case down when va.roundingTie is down', () => {
    const row = rowsOf(monthlyCertificationFormat.map(DANA, context({ options: { 'va.roundingTie': 'down' } }))).find((candidate) => candidate.month === '2025-11');
    expect(row).toMatchObject({ totalCountableHours: 108, roundedHours: 104, fractionOfFullTime: '0.8667' });
  });

  it('covers only whole months of the period that have ended by the reporting date', () => {
    // The period starts mid-October and the reporting date is before 31 July: neither month is certifiable.
    const months = rowsOf(monthlyCertificationFormat.map(DANA, context({ asOf: '2026-07-30', period: { start: '2025-10-15', end: '2026-07-31' } }))).map((row) => row.month);
    expect(months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-06']);
    // The last day of the month is the first day it can be certified.
    expect(rowsOf(monthlyCertificationFormat.map(DANA, context({ asOf: '2026-07-31', period: { start: '2026-07-01', end: '2026-07-31' } })))).toHaveLength(1);
  });

  it('leaves out the months without a registered or reinstated day, and shows the interruption', () => {
    const rows = rowsOf(monthlyCertificationFormat.map(DANA, VA_GOLDEN_CONTEXT));
    expect(rows.map((row) => row.month)).not.toContain('2026-05');
    expect(rows.find((row) => row.month === '2026-04')).toMatchObject({ terminationType: 'interruption', terminationDate: '2026-04-10', pursuitMonth: 7, benefitStep: 2, stepPercent: 80 });
  });

  it('skips months already certified when va.certifiedMonths is skip', () => {
    const months = rowsOf(monthlyCertificationFormat.map(DANA, context({ options: { 'va.certifiedMonths': 'skip' } }))).map((row) => row.month);
    expect(months[0]).toBe('2025-12');
  });

  it('shows an active month without hours with no pursuit month or step', () => {
    const idle: ApprenticeRecord = { ...DANA, ojt: { approvedByMonth: DANA.ojt.approvedByMonth.filter((entry) => entry.month !== '2026-01') } };
    const row = rowsOf(monthlyCertificationFormat.map(idle, VA_GOLDEN_CONTEXT)).find((candidate) => candidate.month === '2026-01');
    expect(row).toMatchObject({ totalCountableHours: 0, roundedHours: 0, fractionOfFullTime: '0.0000', pursuitMonth: null, benefitStep: null, stepPercent: null });
  });

  it('stops once the journeyworker wage is paid, and says why when no month is left', () => {
    // Marcus is paid the journeyworker rate from 2026-05-01.
    expect(rowsOf(monthlyCertificationFormat.map(MARCUS, VA_GOLDEN_CONTEXT)).map((row) => row.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const result = monthlyCertificationFormat.map(MARCUS, context({ period: { start: '2026-05-01', end: '2026-07-31' } }));
    expect(result.problems).toEqual([
      {
        registrationId: 'reg-marcus',
        field: 'wages.history',
        rule: 'va.journeyworker_wage_reached',
        message: 'The journeyworker wage (30.00) has been paid since 2026-05-01; VA training ends there, so 2026-05, 2026-06, 2026-07 are not reported',
        source: 'va.md §2.2 (benefits stop once the trainee reaches the journeyworker wage)',
      },
    ]);
  });

  it('refuses a record without facility code or identifier, or with a malformed one', () => {
    expect(monthlyCertificationFormat.map(LEE, VA_GOLDEN_CONTEXT).problems?.map((problem) => problem.rule)).toEqual(['va.facility_code_required', 'va.identifier_required']);
    const malformed = { ...DANA, va: { ...DANA.va!, facilityCode: '21012345', vaFileNumber: 'X123' } };
    expect(monthlyCertificationFormat.map(malformed, VA_GOLDEN_CONTEXT).problems?.map((problem) => problem.rule)).toEqual(['va.facility_code_format', 'va.file_number_format']);
    const noName = { ...DANA, va: { ...DANA.va!, approvedProgramName: ' ' } };
    expect(monthlyCertificationFormat.map(noName, VA_GOLDEN_CONTEXT).problems?.map((problem) => problem.rule)).toEqual(['va.approved_program_name_required']);
  });

  it('does not complain about a record with nothing to certify in the period', () => {
    expect(monthlyCertificationFormat.map(LEE, context({ period: { start: '2025-10-01', end: '2025-12-31' } }))).toEqual({ rows: [] });
  });

  it('refuses hours logged against a work process outside the approved schedule', () => {
    const stray = { ...DANA, ojt: { approvedByMonth: [...DANA.ojt.approvedByMonth, { month: '2026-07', workProcessId: 'wp-unknown', hours: 4 }] } };
    expect(monthlyCertificationFormat.map(stray, VA_GOLDEN_CONTEXT).problems).toEqual([
      expect.objectContaining({ field: `ojt.approvedByMonth.${DANA.ojt.approvedByMonth.length}.workProcessId`, rule: 'va.work_process_unknown' }),
    ]);
  });

  it('applies to GI Bill trainees only, not to VR&E or non-VA apprentices', () => {
    expect(VA_FIXTURES.filter((record) => monthlyCertificationFormat.appliesTo(record, VA_GOLDEN_CONTEXT)).map((record) => record.registrationId)).toEqual([
      'reg-dana',
      'reg-marcus',
      'reg-lee',
      'reg-pat',
    ]);
  });

  it('stops a run with an unknown tie rule before mapping any record', async () => {
    await expect(runFormat(monthlyCertificationFormat, VA_FIXTURES, context({ options: { 'va.roundingTie': 'nearest' } }))).rejects.toThrow(FormatRunError);
  });
});

describe('va.enrollment', () => {
  it('certifies the start and each re-entrance in the period', () => {
    const rows = rowsOf(enrollmentFormat.map(DANA, VA_GOLDEN_CONTEXT));
    expect(rows.map((row) => [row.certificationType, row.enrollmentBeginDate, row.wageAtBegin, row.wageAtBeginPercentOfJourneyworker])).toEqual([
      ['initial', '2025-10-06', '19.25', '50.00'],
      ['reentrance', '2026-06-15', '23.10', '60.00'],
    ]);
    expect(rows[0]).toMatchObject({ chapterSelection: 'chapter33', priorCreditOjtHours: 500, priorCreditRtiHours: 72, trainingHoursPerWeek: 40, entryWage: '19.25' });
  });

  it('prints the SSN dashed as in the draft 22-1999 when there is no VA file number', () => {
    expect(rowsOf(enrollmentFormat.map(MARCUS, VA_GOLDEN_CONTEXT))[0]).toMatchObject({
      studentIdType: 'SSN',
      studentSsn: '123-45-6789',
      studentVaFileNumber: null,
      enrollmentBeginDate: '2026-01-12',
      trainingPeriodBeginDate: '2025-06-02',
      chapterSelection: 'chapter30',
    });
  });

  it('takes the weekly hours from va.hoursPerWeek and refuses a bad value', async () => {
    expect(rowsOf(enrollmentFormat.map(DANA, context({ options: { 'va.hoursPerWeek': '32' } })))[0].trainingHoursPerWeek).toBe(32);
    await expect(runFormat(enrollmentFormat, VA_FIXTURES, context({ options: { 'va.hoursPerWeek': '200' } }))).rejects.toThrow('options.va.hoursPerWeek: must be a whole number from 1 to 168');
  });

  it('has nothing to certify when the enrollment began before the period', () => {
    expect(enrollmentFormat.map(DANA, context({ period: { start: '2025-11-01', end: '2026-05-31' } }))).toEqual({ rows: [] });
  });

  it('leaves VR&E (chapter 31) and non-VA apprentices out', () => {
    expect(enrollmentFormat.appliesTo(KIM, VA_GOLDEN_CONTEXT)).toBe(false);
    expect(enrollmentFormat.appliesTo(NON_VA, VA_GOLDEN_CONTEXT)).toBe(false);
  });
});

describe('va.change-of-status', () => {
  it('reports the events of the period with the last date of pursuit', () => {
    const rows = rowsOf(changeOfStatusFormat.map(DANA, context({ period: { start: '2026-04-01', end: '2026-04-30' } })));
    expect(rows).toEqual([
      expect.objectContaining({ changeType: 'interruption', effectiveDateOfChange: '2026-04-10', lastDateOfPursuit: '2026-04-10', dolStatusTo: 'suspended', reason: 'Medical leave', mappingVerified: 'Y', followUp: null }),
    ]);
  });

  it('marks the unverified mappings and says what to do', () => {
    expect(rowsOf(changeOfStatusFormat.map(PAT, VA_GOLDEN_CONTEXT))[0]).toMatchObject({ changeType: 'termination', dolStatusTo: 'transferred', mappingVerified: 'N', duringProbation: 'Y' });
    const reentrance = rowsOf(changeOfStatusFormat.map(DANA, VA_GOLDEN_CONTEXT))[1];
    expect(reentrance).toMatchObject({ changeType: 'reentrance', lastDateOfPursuit: null, mappingVerified: 'N' });
    expect(reentrance.followUp).toContain('22-1999');
  });

  it('ignores the initial registration and events before the VA enrollment', () => {
    // Marcus was laid off and recalled in 2025, before his VA enrollment began on 2026-01-12.
    const statusHistory: StatusEventRecord[] = [
      ...MARCUS.agreement.statusHistory,
      { fromStatus: 'registered', toStatus: 'suspended', effectiveDate: '2025-08-01', reason: 'Layoff', duringProbation: false },
      { fromStatus: 'suspended', toStatus: 'reinstated', effectiveDate: '2025-09-01', reason: 'Recalled', duringProbation: false },
    ];
    const early = { ...MARCUS, agreement: { ...MARCUS.agreement, statusHistory } };
    expect(changeOfStatusFormat.map(early, context({ period: { start: '2025-01-01', end: '2026-07-31' } }))).toEqual({ rows: [] });
  });
});

describe('va.vre-1905c', () => {
  it('reports hours and computed wages per month, due on the 10th of the next month', () => {
    const rows = rowsOf(vre1905cFormat.map(KIM, VA_GOLDEN_CONTEXT));
    // 151.25 h × $21.37 = $3,232.2125 → $3,232.21; 136.5 h × $21.37 = $2,917.005 → $2,917.01 (half up).
    expect(rows.slice(0, 2)).toEqual([
      expect.objectContaining({ month: '2026-01', due: '2026-02-10', hoursWorked: 151.25, hourlyRate: '21.37', wagesPaid: '3232.21' }),
      expect.objectContaining({ month: '2026-02', due: '2026-03-10', hoursWorked: 142.5, ojtHoursWorked: 136.5, rtiCountableHours: 6, wagesPaid: '2917.01' }),
    ]);
    // Completed 2026-06-19: June is the last month reported.
    expect(rows.map((row) => row.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  });

  it('warns that computed wages need payroll when the rate changed in the month', () => {
    const april = rowsOf(vre1905cFormat.map(KIM, VA_GOLDEN_CONTEXT)).find((row) => row.month === '2026-04')!;
    expect(april).toMatchObject({ wageChanges: '2026-04-20: 25.60', hourlyRate: '25.60', wagesPaid: '3808.00' });
    expect(april.wagesPaidBasis).toContain('check payroll');
  });

  it('gives December 2026 a due date in January 2027', () => {
    const december = { ...KIM, agreement: { ...KIM.agreement, status: 'registered' as const, statusHistory: KIM.agreement.statusHistory.slice(0, 1) }, ojt: { approvedByMonth: [{ month: '2026-12', workProcessId: 'wp-hvac', hours: 10 }] } };
    expect(rowsOf(vre1905cFormat.map(december, context({ asOf: '2027-01-04', period: { start: '2026-12-01', end: '2026-12-31' } })))[0].due).toBe('2027-01-10');
  });

  it('covers chapter 31 by default and chapter 35 too when configured', () => {
    expect(VA_FIXTURES.filter((record) => vre1905cFormat.appliesTo(record, VA_GOLDEN_CONTEXT)).map((record) => record.registrationId)).toEqual(['reg-kim']);
    const both = context({ options: { 'va.vre1905cChapters': '31,35' } });
    expect(VA_FIXTURES.filter((record) => vre1905cFormat.appliesTo(record, both)).map((record) => record.registrationId)).toEqual(['reg-kim', 'reg-pat']);
  });

  it('needs an identifier but no facility code', () => {
    expect(vre1905cFormat.map({ ...KIM, va: { ...KIM.va!, vaFileNumber: null } }, VA_GOLDEN_CONTEXT).problems?.map((problem) => problem.rule)).toEqual(['va.identifier_required']);
  });
});
