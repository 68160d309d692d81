import { FormatId } from '../formats/report-format';
import { CHANGE_OF_STATUS_COLUMNS } from './change-of-status';
import { ENROLLMENT_COLUMNS } from './enrollment';
import { MONTHLY_CERTIFICATION_COLUMNS } from './monthly-certification';
import { VRE_1905C_COLUMNS } from './vre-1905c';

/**
 * Journeyline's JSON Schemas (2020-12) for its VA outputs. VA publishes no machine-readable layout
 * for them (va.md §12, standing rule 1), so Journeyline publishes these. Each describes the JSON
 * artifact of a run: an array of rows, one row schema in `$defs.row`. docs/schemas/va-*.schema.json
 * are these objects printed with JSON.stringify(schema, null, 2); va-schemas.spec.ts keeps them identical.
 */
type Json = Record<string, unknown>;

const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';
const MONEY_PATTERN = '^[0-9]+\\.[0-9]{2}$';
const FACILITY_CODE_PATTERN = '^[0-9A-Z]0[0-9A-Z]{6}$';
const CHANGE_TYPE = '(termination|interruption|completion)';
const VA_CHAPTERS = ['30', '31', '32', '33', '35', '1606'];
const STATUSES = ['pending', 'registered', 'suspended', 'reinstated', 'completed', 'cancelled', 'transferred'];

const nullable = (type: string): string[] => [type, 'null'];
const text = (description: string, extra: Json = {}): Json => ({ type: 'string', description, ...extra });
const optionalText = (description: string, extra: Json = {}): Json => ({ type: nullable('string'), description, ...extra });
const date = (description: string): Json => ({ type: 'string', format: 'date', pattern: DATE_PATTERN, description });
const optionalDate = (description: string): Json => ({ type: nullable('string'), format: 'date', pattern: DATE_PATTERN, description });
const month = (description: string): Json => ({ type: 'string', pattern: MONTH_PATTERN, description });
const hours = (description: string): Json => ({ type: 'number', minimum: 0, multipleOf: 0.25, description });
const money = (description: string): Json => ({ type: 'string', pattern: MONEY_PATTERN, description });
const optionalMoney = (description: string): Json => ({ type: nullable('string'), pattern: MONEY_PATTERN, description });
const optionalPercent = (description: string): Json => ({ type: nullable('string'), pattern: MONEY_PATTERN, description });
const yesNo = (description: string): Json => ({ type: 'string', enum: ['Y', 'N'], description });
const choice = (description: string, values: readonly string[]): Json => ({ type: 'string', enum: values, description });
const officialField = (description: string): Json => ({
  type: nullable('string'),
  maxLength: 200,
  description: `${description} Left null by Journeyline: the certifying official completes it when signing.`,
});

const facilityCode = text('VA facility code of the SAA-approved program: 8 characters, 0 in second place (va.md §1.1).', { pattern: FACILITY_CODE_PATTERN });
const programName = text('SAA-approved program name; must match the training agreement exactly (va.md §3.4).', { minLength: 1 });
const chapter = choice('GI Bill chapter, bare code (va.md §6).', VA_CHAPTERS);
const traineeName = {
  traineeLastName: text('Trainee last name.', { minLength: 1 }),
  traineeFirstName: text('Trainee first name.', { minLength: 1 }),
  traineeMiddleInitial: optionalText('Trainee middle initial.', { pattern: '^[A-Z]$' }),
};
const identifier = {
  identifierType: choice('Which identifier follows: the VA file number when recorded, else the SSN (va.md §7).', ['VA_FILE_NUMBER', 'SSN']),
  identifier: text('VA file number (7–9 digits, optional leading C) or SSN (9 digits).', { pattern: '^[cC]?[0-9]{7,9}$' }),
};
/** An SSN identifier is exactly 9 digits. */
const ssnIdentifierRule: Json = {
  if: { properties: { identifierType: { const: 'SSN' } } },
  then: { properties: { identifier: { type: 'string', pattern: '^[0-9]{9}$' } } },
};
const certifyingOfficial = {
  certifyingOfficialName: officialField('Certifying official name.'),
  certifyingOfficialSignature: officialField('Certifying official signature.'),
  certificationDate: officialField('Date signed (on or after the last day of the month for monthly forms).'),
};

function rowSchema<C extends string>(columns: readonly C[], properties: Record<C, Json>, description: string, extra: Json = {}): Json {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: [...columns],
    properties: Object.fromEntries(columns.map((column) => [column, properties[column]])),
    ...extra,
  };
}

function documentSchema(format: FormatId, title: string, description: string, row: Json): Json {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:journeyline:schema:${format.replace('.', '-')}:1`,
    title,
    description,
    type: 'array',
    items: { $ref: '#/$defs/row' },
    $defs: { row },
  };
}

export const monthlyCertificationSchema = documentSchema(
  'va.monthly-certification',
  'VA monthly certification of OJT and apprenticeship hours (22-6553d)',
  'One row per trainee, calendar month and facility code, for the certifying official to review and certify in Enrollment Manager or on 22-6553d-1. Journeyline layout; VA publishes none (va.md §3.2, §12).',
  rowSchema(
    MONTHLY_CERTIFICATION_COLUMNS,
    {
      facilityCode,
      approvedProgramName: programName,
      ...traineeName,
      ...identifier,
      chapter: choice('GI Bill chapter, bare code (va.md §6). Chapter 31 is reported on 28-1905c instead.', ['30', '32', '33', '35', '1606']),
      month: month('Calendar month certified.'),
      ojtHoursWorked: hours('Approved OJT hours worked in the month, before exclusions.'),
      ojtHoursExcludedOverAllotment: hours('OJT hours beyond a work process’s allotted hours (earlier months counted first), not certified (va.md §3.3).'),
      rtiCountableHours: hours('Related instruction that was paid and inside working hours (va.md §3.3).'),
      totalCountableHours: hours('ojtHoursWorked − ojtHoursExcludedOverAllotment + rtiCountableHours.'),
      roundedHours: { type: 'integer', minimum: 0, multipleOf: 8, description: 'Countable hours rounded to the nearest multiple of 8; ties per option va.roundingTie [unverified] (va.md §4).' },
      fractionOfFullTime: text('min(1, roundedHours ÷ 120), 4 decimals rounded half up (va.md §4).', { pattern: '^(0\\.[0-9]{4}|1\\.0000)$' }),
      fullTime: yesNo('Y when roundedHours ≥ 120.'),
      pursuitMonth: { type: nullable('integer'), minimum: 1, description: 'Number of this month of pursuit since the VA enrollment start; null when the month has no countable hours.' },
      benefitStep: { type: nullable('integer'), minimum: 1, maximum: 5, description: '6-month step of pursuit (breaks carry over, va.md §5); null without pursuit this month.' },
      stepPercent: { type: nullable('integer'), minimum: 0, maximum: 100, description: 'Statutory percentage of the step (ch. 33: 100/80/60/40/20; ch. 30/1606/32: 75/55/35); null for ch. 35 (rate-table steps) or without pursuit.' },
      currentWage: optionalMoney('Hourly wage in effect at month end.'),
      journeyworkerWage: money('Journeyworker hourly wage.'),
      percentOfJourneyworker: optionalPercent('currentWage as a percentage of journeyworkerWage, 2 decimals.'),
      wageChanges: optionalText('Wage changes effective in the month, "YYYY-MM-DD: 23.50" joined by "; ".', {
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}: [0-9]+\\.[0-9]{2}(; [0-9]{4}-[0-9]{2}-[0-9]{2}: [0-9]+\\.[0-9]{2})*$',
      }),
      terminationType: optionalText('Termination, interruption or completion effective in the month (22-1999b meaning, va.md §11); several joined by "; ".', {
        pattern: `^${CHANGE_TYPE}(; ${CHANGE_TYPE})*$`,
      }),
      terminationDate: optionalText('Effective date (= last date of pursuit) of each termination, in the same order.', {
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(; [0-9]{4}-[0-9]{2}-[0-9]{2})*$',
      }),
      previouslyCertified: yesNo('Y when the record lists the month as already certified to VA.'),
      conductAndProgress: officialField('Conduct and progress, satisfactory or not.'),
      ...certifyingOfficial,
    },
    'One trainee-month.',
    ssnIdentifierRule,
  ),
);

export const enrollmentSchema = documentSchema(
  'va.enrollment',
  'VA enrollment certification for OJT and apprenticeship (22-1999)',
  'One row per GI Bill trainee whose VA enrollment starts, or who re-enters, in the period. Field names follow the unmerged draft 22-1999 schema (vets-json-schema branch optimus/22-1999-schema) where they fit (va.md §8).',
  rowSchema(
    ENROLLMENT_COLUMNS,
    {
      certificationType: choice('initial: start of the VA enrollment; reentrance: after an interruption [unverified: the draft has initial | amendment].', ['initial', 'reentrance']),
      facilityCode,
      institutionType: { const: 'OJT_APPRENTICESHIP', description: 'Draft institutionInfo.institutionType.' },
      programName: { ...programName, description: 'Draft programInfo.programName: the SAA-approved program name.' },
      degreeObjective: { const: 'APPRENTICESHIP', description: 'Draft programInfo.degreeObjective.' },
      apprenticeshipRegistrationNumber: optionalText('Draft ojtDetails.apprenticeshipRegistrationNumber: the DOL/SAA program number.', { maxLength: 50 }),
      employerName: text('Draft ojtDetails.employerName.', { minLength: 1 }),
      chapter: choice('GI Bill chapter, bare code (va.md §6).', ['30', '32', '33', '35', '1606']),
      chapterSelection: choice('Draft benefitChapter.chapterSelection spelling.', ['chapter33', 'chapter30', 'chapter35', 'chapter1606', 'veap']),
      studentIdType: choice('Draft studentInfo.studentIdType.', ['SSN', 'VA_FILE_NUMBER']),
      studentSsn: optionalText('Draft studentInfo.studentSsn (dashed); only when studentIdType is SSN.', { pattern: '^[0-9]{3}-[0-9]{2}-[0-9]{4}$' }),
      studentVaFileNumber: optionalText('Draft studentInfo.studentVaFileNumber; only when studentIdType is VA_FILE_NUMBER.', { pattern: '^[cC]?[0-9]{7,9}$' }),
      studentLastName: text('Draft studentInfo.studentLastName.', { minLength: 1 }),
      studentFirstName: text('Draft studentInfo.studentFirstName.', { minLength: 1 }),
      studentMiddleInitial: optionalText('Draft studentInfo.studentMiddleInitial.', { pattern: '^[A-Z]$' }),
      studentDateOfBirth: date('Draft studentInfo.studentDateOfBirth.'),
      enrollmentBeginDate: date('Draft enrollmentPeriod.enrollmentBeginDate: VA enrollment start, or the re-entrance date.'),
      enrollmentEndDate: date('Draft enrollmentPeriod.enrollmentEndDate: VA enrollment end, else the expected completion date.'),
      trainingPeriodBeginDate: date('Draft ojtDetails.trainingPeriodBeginDate: the training agreement start.'),
      trainingPeriodEndDate: date('Draft ojtDetails.trainingPeriodEndDate: the expected completion date.'),
      trainingHoursPerWeek: { type: 'integer', minimum: 1, maximum: 168, description: 'Draft ojtDetails.trainingHoursPerWeek; option va.hoursPerWeek, default 40 [unverified].' },
      entryWage: optionalMoney('Entry hourly wage of the training agreement wage schedule.'),
      entryWagePercentOfJourneyworker: optionalPercent('Entry wage as a percentage of the journeyworker wage.'),
      wageAtBegin: optionalMoney('Hourly wage in effect on enrollmentBeginDate.'),
      wageAtBeginPercentOfJourneyworker: optionalPercent('wageAtBegin as a percentage of the journeyworker wage.'),
      journeyworkerWage: money('Journeyworker hourly wage.'),
      priorCreditOjtHours: hours('OJT hours of prior credit granted by the sponsor; reported to VA (va.md §3.4, §11).'),
      priorCreditRtiHours: hours('RTI hours of prior credit granted by the sponsor; reported to VA.'),
      priorCreditDescription: optionalText('What the prior credit was granted for.'),
      ...certifyingOfficial,
    },
    'One enrollment certification.',
    {
      allOf: [
        { if: { properties: { studentIdType: { const: 'SSN' } } }, then: { properties: { studentSsn: { type: 'string' }, studentVaFileNumber: { type: 'null' } } } },
        { if: { properties: { studentIdType: { const: 'VA_FILE_NUMBER' } } }, then: { properties: { studentSsn: { type: 'null' }, studentVaFileNumber: { type: 'string' } } } },
      ],
    },
  ),
);

export const changeOfStatusSchema = documentSchema(
  'va.change-of-status',
  'VA notice of change in status for OJT and apprenticeship (22-1999b)',
  'One row per status event in the period that VA must be told of without delay; effective date = last date of pursuit (38 U.S.C. 3684(a)(1), va.md §9, §11).',
  rowSchema(
    CHANGE_OF_STATUS_COLUMNS,
    {
      facilityCode,
      approvedProgramName: programName,
      ...traineeName,
      ...identifier,
      chapter: choice('GI Bill chapter, bare code (va.md §6).', ['30', '32', '33', '35', '1606']),
      changeType: choice('CA → termination, SU → interruption, CO → completion [verified]; TR → termination, RI → reentrance [unverified].', [
        'termination',
        'interruption',
        'completion',
        'reentrance',
      ]),
      effectiveDateOfChange: date('Effective date of the status event.'),
      lastDateOfPursuit: optionalDate('Last day the trainee trained (= effectiveDateOfChange); null for a re-entrance.'),
      dolStatusFrom: { type: nullable('string'), enum: [...STATUSES, null], description: 'Journeyline status before the event.' },
      dolStatusTo: choice('Journeyline status after the event.', STATUSES),
      reason: text('Reason recorded with the status change.'),
      duringProbation: yesNo('Y when the change took effect during probation.'),
      mappingVerified: yesNo('N where va.md marks the DOL → VA mapping unverified (transfer, re-entrance).'),
      followUp: optionalText('What the certifying official still has to do or confirm.'),
      ...certifyingOfficial,
    },
    'One change of status.',
    ssnIdentifierRule,
  ),
);

export const vre1905cSchema = documentSchema(
  'va.vre-1905c',
  'VA certification of training hours, wages and progress (28-1905c, VR&E)',
  'One row per VR&E trainee per calendar month, due by the 10th of the following month (va.md §10).',
  rowSchema(
    VRE_1905C_COLUMNS,
    {
      ...traineeName,
      ...identifier,
      chapter: choice('Chapter 31 (VR&E), or 35 when option va.vre1905cChapters includes it.', ['31', '35']),
      trainingType: { const: 'apprenticeship', description: 'Type of training.' },
      employerName: text('Training establishment (employer).', { minLength: 1 }),
      facilityCode: { ...facilityCode, type: nullable('string'), description: 'VA facility code, when the program has one (VR&E does not require it).' },
      programName: text('SAA-approved program name, else the program name.', { minLength: 1 }),
      month: month('Calendar month reported.'),
      due: date('Due date: the 10th of the following month.'),
      hoursWorked: hours('Countable hours: approved OJT within allotments plus paid in-hours RTI.'),
      ojtHoursWorked: hours('Approved OJT hours worked in the month.'),
      rtiCountableHours: hours('Related instruction paid and inside working hours.'),
      hourlyRate: optionalMoney('Hourly wage in effect at month end.'),
      wagesPaid: optionalMoney('Wages paid in the month; see wagesPaidBasis.'),
      wagesPaidBasis: optionalText('How wagesPaid was obtained; "computed: …" until payroll is imported (the form asks for wages actually paid).'),
      wageChanges: optionalText('Wage changes effective in the month, "YYYY-MM-DD: 23.50" joined by "; ".'),
      progress: officialField('Monthly progress.'),
      ...certifyingOfficial,
    },
    'One trainee-month.',
    ssnIdentifierRule,
  ),
);

/** Each VA format's schema and the file it is published as under docs/schemas/. */
export const VA_SCHEMAS: ReadonlyArray<{ format: FormatId; file: string; schema: Json }> = [
  { format: 'va.monthly-certification', file: 'va-monthly-certification.schema.json', schema: monthlyCertificationSchema },
  { format: 'va.enrollment', file: 'va-enrollment.schema.json', schema: enrollmentSchema },
  { format: 'va.change-of-status', file: 'va-change-of-status.schema.json', schema: changeOfStatusSchema },
  { format: 'va.vre-1905c', file: 'va-vre-1905c.schema.json', schema: vre1905cSchema },
];
