import { addDays } from '@journeyline/common/dates';
import { centsToDecimal } from '@journeyline/common/money';
import { ApprenticeRecord } from '../record/apprentice-record';
import { MapContext, MapResult, ReportFormat, Row } from '../formats/report-format';
import { firstDayOf, nextMonth } from './calendar-months';
import { VaMonth } from './pursuit';
import { unknownProcessProblems, vaRecordProblems } from './va-identity';
import { VRE_CHAPTERS_OPTION, optionErrors, vre1905cChapters } from './va-options';
import { blankCertifyingOfficial, journeyworkerProblem, reportableMonths, traineeColumns } from './va-format-support';
import { currentWage, wageChangesInMonth, wagesForHours } from './va-wages';

/**
 * VA 28-1905c "Certification of Training Hours, Wages, and Progress" for VR&E (ch. 31) trainees
 * (va.md §10): one row per trainee per month, due by the 10th of the following month.
 */
export const VRE_1905C_COLUMNS = [
  'traineeLastName',
  'traineeFirstName',
  'traineeMiddleInitial',
  'identifierType',
  'identifier',
  'chapter',
  'trainingType',
  'employerName',
  'facilityCode',
  'programName',
  'month',
  'due',
  'hoursWorked',
  'ojtHoursWorked',
  'rtiCountableHours',
  'hourlyRate',
  'wagesPaid',
  'wagesPaidBasis',
  'wageChanges',
  'progress',
  'certifyingOfficialName',
  'certifyingOfficialSignature',
  'certificationDate',
] as const;

/**
 * Until payroll is imported, wages paid are computed from the OJT hours worked at the hourly rate
 * in effect at month end; the column says so, and actual payroll wages replace it once they exist.
 */
export const COMPUTED_WAGES_BASIS = 'computed: OJT hours worked x hourly rate in effect at month end';

function vreRow(record: ApprenticeRecord, month: VaMonth): Row {
  const va = record.va!;
  const wage = currentWage(record, month.month);
  const changes = wageChangesInMonth(record, month.month);
  return {
    ...traineeColumns(record),
    chapter: va.chapter,
    trainingType: 'apprenticeship',
    employerName: record.employer.name,
    facilityCode: va.facilityCode,
    programName: va.approvedProgramName ?? record.program.name,
    month: month.month,
    due: addDays(firstDayOf(nextMonth(month.month)), 9),
    hoursWorked: month.hours.total,
    ojtHoursWorked: month.hours.ojtHours,
    rtiCountableHours: month.hours.rtiCountableHours,
    hourlyRate: wage === null ? null : centsToDecimal(wage.rateCents),
    wagesPaid: wage === null ? null : centsToDecimal(wagesForHours(month.hours.ojtHours, wage.rateCents)),
    wagesPaidBasis: wage === null ? null : changes === null ? COMPUTED_WAGES_BASIS : `${COMPUTED_WAGES_BASIS}; the rate changed during the month, check payroll`,
    wageChanges: changes,
    progress: null,
    ...blankCertifyingOfficial(),
  };
}

export const vre1905cFormat: ReportFormat = {
  id: 'va.vre-1905c',
  title: 'VA 28-1905c certification of training hours, wages and progress (VR&E)',
  columns: VRE_1905C_COLUMNS,
  outputs: ['csv', 'json', 'xlsx'],
  options: [VRE_CHAPTERS_OPTION],
  checkContext: (context) => optionErrors(context, [vre1905cChapters]),
  appliesTo: (record, context) => record.va !== null && vre1905cChapters(context).includes(record.va.chapter),
  map(record: ApprenticeRecord, context: MapContext): MapResult {
    // Already-certified months concern 22-6553d, so 28-1905c always lists every month.
    const { months, journeyworkerMonths } = reportableMonths(record, context, false);
    if (months.length === 0 && journeyworkerMonths.length === 0) return { rows: [] };
    // VR&E needs no SAA facility code; it is checked only when one is recorded.
    const problems = [
      ...vaRecordProblems(record, { facilityCode: 'if-present', approvedProgramName: false }),
      ...unknownProcessProblems(record, new Set(months.map((month) => month.month))),
    ];
    if (problems.length > 0) return { problems };
    if (months.length === 0) return { problems: [journeyworkerProblem(record, journeyworkerMonths)] };
    return { rows: months.map((month) => vreRow(record, month)) };
  },
};
