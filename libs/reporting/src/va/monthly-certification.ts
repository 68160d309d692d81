import { centsToDecimal } from '@journeyline/common/money';
import { ApprenticeRecord } from '../record/apprentice-record';
import { MapContext, MapResult, ReportFormat, Row } from '../formats/report-format';
import { renderFormPdf } from '../writers/pdf-writer';
import { stepPercent } from './benefit-steps';
import { VaMonth } from './pursuit';
import { RoundingTie, fractionOf120, roundToNearest8 } from './va-hours';
import { unknownProcessProblems, vaRecordProblems } from './va-identity';
import { CERTIFIED_MONTHS_OPTION, ROUNDING_TIE_OPTION, optionErrors, roundingTie, skipCertifiedMonths } from './va-options';
import { blankCertifyingOfficial, journeyworkerProblem, reportableMonths, traineeColumns, yesNo } from './va-format-support';
import { MONTHLY_CERTIFICATION_PDF } from './va-pdf-forms';
import { endingsInMonth } from './va-status';
import { currentWage, percentOfJourneyworker, wageChangesInMonth } from './va-wages';

/**
 * VA 22-6553d / 22-6553d-1 "Monthly Certification of On-the-Job and Apprenticeship Training"
 * (va.md §3.2): one row per trainee, calendar month and facility code. VA publishes no layout, so
 * the columns are Journeyline's (docs/schemas/va-monthly-certification.schema.json).
 */
export const MONTHLY_CERTIFICATION_COLUMNS = [
  'facilityCode',
  'approvedProgramName',
  'traineeLastName',
  'traineeFirstName',
  'traineeMiddleInitial',
  'identifierType',
  'identifier',
  'chapter',
  'month',
  'ojtHoursWorked',
  'ojtHoursExcludedOverAllotment',
  'rtiCountableHours',
  'totalCountableHours',
  'roundedHours',
  'fractionOfFullTime',
  'fullTime',
  'pursuitMonth',
  'benefitStep',
  'stepPercent',
  'currentWage',
  'journeyworkerWage',
  'percentOfJourneyworker',
  'wageChanges',
  'terminationType',
  'terminationDate',
  'previouslyCertified',
  'conductAndProgress',
  'certifyingOfficialName',
  'certifyingOfficialSignature',
  'certificationDate',
] as const;

function certificationRow(record: ApprenticeRecord, month: VaMonth, tie: RoundingTie): Row {
  const va = record.va!;
  const rounded = roundToNearest8(month.hours.total, tie);
  const fraction = fractionOf120(rounded);
  const wage = currentWage(record, month.month);
  const endings = endingsInMonth(record, month.month);
  return {
    facilityCode: va.facilityCode,
    approvedProgramName: va.approvedProgramName,
    ...traineeColumns(record),
    chapter: va.chapter,
    month: month.month,
    ojtHoursWorked: month.hours.ojtHours,
    ojtHoursExcludedOverAllotment: month.hours.ojtExcludedOverAllotment,
    rtiCountableHours: month.hours.rtiCountableHours,
    totalCountableHours: month.hours.total,
    roundedHours: rounded,
    fractionOfFullTime: fraction.decimal,
    fullTime: yesNo(fraction.fullTime),
    pursuitMonth: month.pursuitMonth,
    benefitStep: month.isPursuit ? month.step : null,
    stepPercent: month.isPursuit ? stepPercent(va.chapter, month.step) : null,
    currentWage: wage === null ? null : centsToDecimal(wage.rateCents),
    journeyworkerWage: centsToDecimal(record.wages.journeyworkerRateCents),
    percentOfJourneyworker: wage === null ? null : percentOfJourneyworker(wage.rateCents, record.wages.journeyworkerRateCents),
    wageChanges: wageChangesInMonth(record, month.month),
    terminationType: endings.length === 0 ? null : endings.map(({ change }) => change.changeType).join('; '),
    terminationDate: endings.length === 0 ? null : endings.map(({ event }) => event.effectiveDate).join('; '),
    previouslyCertified: yesNo(va.certifiedMonths.includes(month.month)),
    // Conduct and progress is the certifying official's own attestation, so it is never prefilled.
    conductAndProgress: null,
    ...blankCertifyingOfficial(),
  };
}

export const monthlyCertificationFormat: ReportFormat = {
  id: 'va.monthly-certification',
  title: 'VA 22-6553d monthly certification of OJT and apprenticeship hours',
  columns: MONTHLY_CERTIFICATION_COLUMNS,
  outputs: ['csv', 'json', 'xlsx', 'pdf'],
  options: [ROUNDING_TIE_OPTION, CERTIFIED_MONTHS_OPTION],
  checkContext: (context) => optionErrors(context, [roundingTie, skipCertifiedMonths]),
  // GI Bill chapters; VR&E (ch. 31) trainees are reported on 28-1905c instead.
  appliesTo: (record) => record.va !== null && record.va.chapter !== '31',
  map(record: ApprenticeRecord, context: MapContext): MapResult {
    const { months, journeyworkerMonths } = reportableMonths(record, context, skipCertifiedMonths(context));
    if (months.length === 0 && journeyworkerMonths.length === 0) return { rows: [] };
    const problems = [
      ...vaRecordProblems(record, { facilityCode: 'required', approvedProgramName: true }),
      ...unknownProcessProblems(record, new Set(months.map((month) => month.month))),
    ];
    if (problems.length > 0) return { problems };
    // MapResult carries rows or problems, not both: the journeyworker notice only shows when no month is left.
    if (months.length === 0) return { problems: [journeyworkerProblem(record, journeyworkerMonths)] };
    const tie = roundingTie(context);
    return { rows: months.map((month) => certificationRow(record, month, tie)) };
  },
  renderPdf: (rows, context) => renderFormPdf(MONTHLY_CERTIFICATION_PDF, rows, context),
};
