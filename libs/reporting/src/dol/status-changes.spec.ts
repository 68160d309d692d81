import { FIXTURE_CONTEXT, FIXTURES } from '../fixtures/records';
import { ApprenticeRecord } from '../record/apprentice-record';
import { statusChangesFormat } from './status-changes';

const map = (record: ApprenticeRecord) => statusChangesFormat.map(record, FIXTURE_CONTEXT);

describe('dol.status-changes', () => {
  it('lists each status event in the period, with the exit wage for a completion', () => {
    expect(map(FIXTURES.completer).rows).toEqual([
      {
        'Program Number': '2024-MI-136422',
        'Apprentice Last Name': 'Washington',
        'Apprentice First Name': 'Marcus',
        'Date of Birth': '05/20/1997',
        'RAPIDS Status Code': 'CO',
        'Status Description': 'Completed',
        'Effective Date': '03/14/2025',
        Reason: 'Completed term and all work processes',
        'Cancelled During Probation': '',
        'Exit Wage': '42.10',
        'Exit Wage Units': 'H',
        'OJT Hours To Date': '540.75',
        'RTI Hours To Date': '24',
        Occupation: '0159',
      },
    ]);
  });

  it('writes a suspension and a reinstatement in the same month as two rows, without an exit wage', () => {
    const rows = map(FIXTURES.suspended).rows!;
    expect(rows.map((row) => [row['RAPIDS Status Code'], row['Effective Date'], row['Exit Wage']])).toEqual([
      ['SU', '03/03/2025', ''],
      ['RI', '03/24/2025', ''],
    ]);
  });

  it('marks a cancellation during probation and gives the wage in force that day', () => {
    expect(map(FIXTURES.probationCancel).rows).toEqual([
      expect.objectContaining({ 'RAPIDS Status Code': 'CA', 'Cancelled During Probation': 'Y', 'Exit Wage': '20.50', Occupation: '0870CB V1' }),
    ]);
    const afterProbation = {
      ...FIXTURES.probationCancel,
      agreement: {
        ...FIXTURES.probationCancel.agreement,
        statusHistory: FIXTURES.probationCancel.agreement.statusHistory.map((event) => (event.toStatus === 'cancelled' ? { ...event, duringProbation: false } : event)),
      },
    };
    expect(map(afterProbation).rows![0]['Cancelled During Probation']).toBe('N');
  });

  it('skips the signing of the agreement (pending) and events outside the period', () => {
    expect(statusChangesFormat.appliesTo(FIXTURES.doctorate, FIXTURE_CONTEXT)).toBe(false);
    expect(statusChangesFormat.appliesTo(FIXTURES.vre, FIXTURE_CONTEXT)).toBe(false);
    expect(map(FIXTURES.obrien).rows!.map((row) => row['RAPIDS Status Code'])).toEqual(['RE']);
  });

  it('refuses a record without a program number, a cancellation without a reason, and an exit without a wage', () => {
    const record: ApprenticeRecord = {
      ...FIXTURES.probationCancel,
      program: { ...FIXTURES.probationCancel.program, programNumber: null },
      agreement: {
        ...FIXTURES.probationCancel.agreement,
        statusHistory: FIXTURES.probationCancel.agreement.statusHistory.map((event) => (event.toStatus === 'cancelled' ? { ...event, reason: ' ' } : event)),
      },
      wages: { ...FIXTURES.probationCancel.wages, history: [] },
    };
    expect(map(record).problems!.map((problem) => `${problem.field} ${problem.rule}`)).toEqual([
      'program.programNumber status_changes.program_number',
      'agreement.statusHistory.2.reason status_changes.reason_required',
      'wages.history status_changes.exit_wage',
    ]);
  });
});
