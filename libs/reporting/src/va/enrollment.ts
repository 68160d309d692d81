import { centsToDecimal } from '@journeyline/common/money';
import { ApprenticeRecord, VaChapter } from '../record/apprentice-record';
import { MapContext, MapResult, ReportFormat, Row } from '../formats/report-format';
import { renderFormPdf } from '../writers/pdf-writer';
import { blankCertifyingOfficial } from './va-format-support';
import { dashedSsn, middleInitial, vaIdentifier, vaRecordProblems } from './va-identity';
import { HOURS_PER_WEEK_OPTION, hoursPerWeek, optionErrors } from './va-options';
import { ENROLLMENT_PDF } from './va-pdf-forms';
import { enrollmentWindow, vaChanges } from './va-status';
import { entryWage, percentOfJourneyworker, wageOn } from './va-wages';

/**
 * VA 22-1999 enrollment certification with OJT details (va.md §8), at the start and at each
 * re-entrance. Column names follow the unmerged draft 22-1999 schema (studentInfo, programInfo,
 * enrollmentPeriod, ojtDetails) where a field fits; the draft is not authoritative.
 */
export const ENROLLMENT_COLUMNS = [
  'certificationType',
  'facilityCode',
  'institutionType',
  'programName',
  'degreeObjective',
  'apprenticeshipRegistrationNumber',
  'employerName',
  'chapter',
  'chapterSelection',
  'studentIdType',
  'studentSsn',
  'studentVaFileNumber',
  'studentLastName',
  'studentFirstName',
  'studentMiddleInitial',
  'studentDateOfBirth',
  'enrollmentBeginDate',
  'enrollmentEndDate',
  'trainingPeriodBeginDate',
  'trainingPeriodEndDate',
  'trainingHoursPerWeek',
  'entryWage',
  'entryWagePercentOfJourneyworker',
  'wageAtBegin',
  'wageAtBeginPercentOfJourneyworker',
  'journeyworkerWage',
  'priorCreditOjtHours',
  'priorCreditRtiHours',
  'priorCreditDescription',
  'certifyingOfficialName',
  'certifyingOfficialSignature',
  'certificationDate',
] as const;

/** The draft 22-1999 `benefitChapter.chapterSelection` spelling (va.md §6, §8). */
export const CHAPTER_SELECTION: Readonly<Record<Exclude<VaChapter, '31'>, string>> = {
  '33': 'chapter33',
  '30': 'chapter30',
  '1606': 'chapter1606',
  '32': 'veap',
  '35': 'chapter35',
};

function enrollmentRow(record: ApprenticeRecord, type: 'initial' | 'reentrance', beginDate: string, weeklyHours: number): Row {
  const va = record.va!;
  const identifier = vaIdentifier(record);
  const jw = record.wages.journeyworkerRateCents;
  const entry = entryWage(record);
  const atBegin = wageOn(record, beginDate);
  const percent = (rateCents: number | undefined) => (rateCents === undefined ? null : percentOfJourneyworker(rateCents, jw));
  return {
    certificationType: type,
    facilityCode: va.facilityCode,
    institutionType: 'OJT_APPRENTICESHIP',
    programName: va.approvedProgramName,
    degreeObjective: 'APPRENTICESHIP',
    apprenticeshipRegistrationNumber: record.program.programNumber,
    employerName: record.employer.name,
    chapter: va.chapter,
    chapterSelection: CHAPTER_SELECTION[va.chapter as Exclude<VaChapter, '31'>],
    studentIdType: identifier?.type ?? null,
    studentSsn: identifier?.type === 'SSN' ? dashedSsn(identifier.value) : null,
    studentVaFileNumber: identifier?.type === 'VA_FILE_NUMBER' ? identifier.value : null,
    studentLastName: record.person.lastName,
    studentFirstName: record.person.firstName,
    studentMiddleInitial: middleInitial(record),
    studentDateOfBirth: record.person.dateOfBirth,
    enrollmentBeginDate: beginDate,
    enrollmentEndDate: va.enrollmentEnd ?? record.agreement.expectedCompletionDate,
    trainingPeriodBeginDate: record.agreement.startDate,
    trainingPeriodEndDate: record.agreement.expectedCompletionDate,
    trainingHoursPerWeek: weeklyHours,
    entryWage: entry === null ? null : centsToDecimal(entry.rateCents),
    entryWagePercentOfJourneyworker: percent(entry?.rateCents),
    wageAtBegin: atBegin === null ? null : centsToDecimal(atBegin.rateCents),
    wageAtBeginPercentOfJourneyworker: percent(atBegin?.rateCents),
    journeyworkerWage: centsToDecimal(jw),
    // Prior credit is granted by the sponsor and must be reported to VA (va.md §2.2, §3.4, §11).
    priorCreditOjtHours: record.agreement.priorCredit.ojtHours,
    priorCreditRtiHours: record.agreement.priorCredit.rtiHours,
    priorCreditDescription: record.agreement.priorCredit.description,
    ...blankCertifyingOfficial(),
  };
}

export const enrollmentFormat: ReportFormat = {
  id: 'va.enrollment',
  title: 'VA 22-1999 enrollment certification (OJT and apprenticeship)',
  columns: ENROLLMENT_COLUMNS,
  outputs: ['csv', 'json', 'xlsx', 'pdf'],
  options: [HOURS_PER_WEEK_OPTION],
  checkContext: (context) => optionErrors(context, [hoursPerWeek]),
  // The draft 22-1999 has no chapter 31: VR&E enrolls through the case manager (va.md §8).
  appliesTo: (record) => record.va !== null && record.va.chapter !== '31',
  map(record: ApprenticeRecord, context: MapContext): MapResult {
    const inPeriod = (date: string) => date >= context.period.start && date <= context.period.end;
    const begin = enrollmentWindow(record).from;
    const starts: Array<{ type: 'initial' | 'reentrance'; date: string }> = [];
    if (inPeriod(begin)) starts.push({ type: 'initial', date: begin });
    for (const { event, change } of vaChanges(record)) {
      if (change.changeType === 'reentrance' && event.effectiveDate >= begin && inPeriod(event.effectiveDate)) {
        starts.push({ type: 'reentrance', date: event.effectiveDate });
      }
    }
    if (starts.length === 0) return { rows: [] };
    const problems = vaRecordProblems(record, { facilityCode: 'required', approvedProgramName: true });
    if (problems.length > 0) return { problems };
    const weeklyHours = hoursPerWeek(context);
    return { rows: starts.map((start) => enrollmentRow(record, start.type, start.date, weeklyHours)) };
  },
  renderPdf: (rows, context) => renderFormPdf(ENROLLMENT_PDF, rows, context),
};
