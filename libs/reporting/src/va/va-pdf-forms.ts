import { Row } from '../formats/report-format';
import { PdfFormLayout } from '../writers/pdf-writer';

/** Printable layouts of the VA forms a certifying official signs: 22-6553d (monthly) and 22-1999 (enrollment). */
const SIGNATURE_LINES = ['Certifying official (printed name)', 'Signature', 'Date signed'] as const;

function traineeHeading(row: Row, lastName: string, firstName: string, middleInitial: string): string {
  const middle = row[middleInitial] ? ` ${row[middleInitial]}.` : '';
  return `${row[lastName]}, ${row[firstName]}${middle}`;
}

export const MONTHLY_CERTIFICATION_PDF: PdfFormLayout = {
  title: 'Monthly Certification of On-the-Job and Apprenticeship Training',
  subtitle: 'Content of VA Form 22-6553d / 22-6553d-1, for the certifying official to check and enter in Enrollment Manager. Certify on or after the last day of the month.',
  rowHeading: (row) => `${traineeHeading(row, 'traineeLastName', 'traineeFirstName', 'traineeMiddleInitial')} - ${row.month}`,
  sections: [
    {
      heading: 'Training establishment',
      fields: [
        { label: 'Facility code', column: 'facilityCode' },
        { label: 'Approved program', column: 'approvedProgramName' },
      ],
    },
    {
      heading: 'Trainee',
      fields: [
        { label: 'Last name', column: 'traineeLastName' },
        { label: 'First name', column: 'traineeFirstName' },
        { label: 'Middle initial', column: 'traineeMiddleInitial' },
        { label: 'Identifier type', column: 'identifierType' },
        { label: 'VA file number or SSN', column: 'identifier' },
        { label: 'GI Bill chapter', column: 'chapter' },
      ],
    },
    {
      heading: 'Hours in the month',
      fields: [
        { label: 'Month certified', column: 'month' },
        { label: 'OJT hours worked (approved)', column: 'ojtHoursWorked' },
        { label: 'Excluded: over allotted hours', column: 'ojtHoursExcludedOverAllotment' },
        { label: 'Related instruction (paid, in hours)', column: 'rtiCountableHours' },
        { label: 'Total countable hours', column: 'totalCountableHours' },
        { label: 'Rounded to nearest 8', column: 'roundedHours' },
        { label: 'Fraction of full time (120 h)', column: 'fractionOfFullTime' },
        { label: 'Full time', column: 'fullTime' },
      ],
    },
    {
      heading: 'Benefit period',
      fields: [
        { label: 'Month of pursuit', column: 'pursuitMonth' },
        { label: 'Benefit step (6-month period)', column: 'benefitStep' },
        { label: 'Step percentage', column: 'stepPercent' },
      ],
    },
    {
      heading: 'Wages',
      fields: [
        { label: 'Hourly wage at month end', column: 'currentWage' },
        { label: 'Journeyworker wage', column: 'journeyworkerWage' },
        { label: '% of journeyworker wage', column: 'percentOfJourneyworker' },
        { label: 'Wage changes in the month', column: 'wageChanges' },
      ],
    },
    {
      heading: 'Status',
      fields: [
        { label: 'Termination / interruption', column: 'terminationType' },
        { label: 'Effective (last date of pursuit)', column: 'terminationDate' },
        { label: 'Already certified', column: 'previouslyCertified' },
        { label: 'Conduct and progress', column: 'conductAndProgress', writeIn: true },
      ],
    },
  ],
  attestation:
    'I certify that the information above is correct according to the training establishment\'s payroll and training records: hours actually worked in approved work processes, without leave, holidays or other time off, plus related instruction only where paid and within working hours.',
  signatureLines: SIGNATURE_LINES,
  emptyMessage: 'No trainee-month is due for certification in this period.',
};

export const ENROLLMENT_PDF: PdfFormLayout = {
  title: 'Enrollment Certification: On-the-Job and Apprenticeship Training',
  subtitle: 'Content of VA Form 22-1999 with OJT details, for the certifying official to check and enter in Enrollment Manager. Program name must match the training agreement.',
  rowHeading: (row) => `${traineeHeading(row, 'studentLastName', 'studentFirstName', 'studentMiddleInitial')} - ${row.certificationType} ${row.enrollmentBeginDate}`,
  sections: [
    {
      heading: 'Training establishment and program',
      fields: [
        { label: 'Certification', column: 'certificationType' },
        { label: 'Facility code', column: 'facilityCode' },
        { label: 'Institution type', column: 'institutionType' },
        { label: 'Approved program', column: 'programName' },
        { label: 'Objective', column: 'degreeObjective' },
        { label: 'Apprenticeship registration number', column: 'apprenticeshipRegistrationNumber' },
        { label: 'Employer', column: 'employerName' },
      ],
    },
    {
      heading: 'Trainee',
      fields: [
        { label: 'Last name', column: 'studentLastName' },
        { label: 'First name', column: 'studentFirstName' },
        { label: 'Middle initial', column: 'studentMiddleInitial' },
        { label: 'Date of birth', column: 'studentDateOfBirth' },
        { label: 'Identifier type', column: 'studentIdType' },
        { label: 'SSN', column: 'studentSsn' },
        { label: 'VA file number', column: 'studentVaFileNumber' },
        { label: 'GI Bill chapter', column: 'chapterSelection' },
      ],
    },
    {
      heading: 'Enrollment and training period',
      fields: [
        { label: 'Enrollment begins', column: 'enrollmentBeginDate' },
        { label: 'Enrollment ends', column: 'enrollmentEndDate' },
        { label: 'Training agreement begins', column: 'trainingPeriodBeginDate' },
        { label: 'Training agreement ends', column: 'trainingPeriodEndDate' },
        { label: 'Training hours per week', column: 'trainingHoursPerWeek' },
      ],
    },
    {
      heading: 'Wage schedule (training agreement)',
      fields: [
        { label: 'Entry wage (hourly)', column: 'entryWage' },
        { label: 'Entry wage, % of journeyworker', column: 'entryWagePercentOfJourneyworker' },
        { label: 'Wage at enrollment begin', column: 'wageAtBegin' },
        { label: 'Wage at begin, % of journeyworker', column: 'wageAtBeginPercentOfJourneyworker' },
        { label: 'Journeyworker wage', column: 'journeyworkerWage' },
      ],
    },
    {
      heading: 'Prior credit (reported to VA)',
      fields: [
        { label: 'OJT hours credited', column: 'priorCreditOjtHours' },
        { label: 'RTI hours credited', column: 'priorCreditRtiHours' },
        { label: 'Credited for', column: 'priorCreditDescription' },
      ],
    },
  ],
  attestation: 'I certify that the trainee named above is enrolled in the approved program under the signed training agreement, and that the information above is correct.',
  signatureLines: SIGNATURE_LINES,
  emptyMessage: 'No VA enrollment begins or resumes in this period.',
};
