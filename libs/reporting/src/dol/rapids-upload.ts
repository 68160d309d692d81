import { centsToDecimal } from '@journeyline/common/money';
import { yearsBetween } from '@journeyline/common/dates';
import { MapContext, MapResult, optionValue, ProblemCollector, ReportFormat, Row } from '../formats/report-format';
import { ApprenticeRecord } from '../record/apprentice-record';
import { inPeriod } from '../record/record-queries';
import {
  RAPIDS_CAREER_CONNECTION,
  RAPIDS_DISABILITY,
  RAPIDS_EDUCATION,
  RAPIDS_EMPLOYMENT_STATUS,
  RAPIDS_ETHNICITY,
  RAPIDS_GENDER,
  RAPIDS_VETERAN,
  RAPIDS_WAGE_UNIT,
  hoursText,
  rapidsRaceFlags,
  usDate,
} from './dol-codes';
import { RAPIDS_UPLOAD_COLUMNS } from './rapids-table-schema';

const SCHEMA_SOURCE = 'RAPIDS apprentice upload table schema (csg-org/rapids-apprentice-upload-spec); dol.md §5';
const CROSSWALK_SOURCE = 'dol.md §5.1 (workbook tab ids must exist in RAPIDS)';
const NAME_LIMIT = 55;
const TEXT_LIMIT = 255;

/** Workbook-tab ids: column, record field, what the tab holds. */
const AGENCY_ID_COLUMNS = [
  ['Employer', 'employer', 'Employer'],
  ['Occupation', 'occupation', 'Occupation'],
  ['Related Technical Instruction Provider', 'rtiProvider', 'RTI Providers'],
  ['Wage Schedule', 'wageSchedule', 'Wage Schedules'],
] as const;

/**
 * `dol.rapids-upload`: the RAPIDS apprentice bulk-upload CSV (42 columns, dol.md §5), one row per
 * new registration, i.e. per record whose start date ("Date Apprenticeship Begins") falls in the
 * period, whatever its status now. Status changes go to `dol.status-changes`.
 */
export const rapidsUploadFormat: ReportFormat = {
  id: 'dol.rapids-upload',
  title: 'RAPIDS apprentice registration upload',
  columns: RAPIDS_UPLOAD_COLUMNS,
  outputs: ['csv', 'json', 'xlsx'],
  options: [
    {
      key: 'ssnFormat',
      description: 'How a volunteered SSN is written: nine digits, or ddd-dd-dddd. The upload spec gives no format [unverified].',
      default: 'digits',
      values: ['digits', 'dashed'],
    },
    {
      key: 'vaStudentStatus',
      description:
        'Student Status code for apprentices training under a GI Bill chapter; everyone else gets NA. The codes WBLRA/YRA/NA are listed without meanings [unverified].',
      default: 'NA',
      values: ['NA', 'WBLRA', 'YRA'],
    },
  ],
  appliesTo: (record, context) => inPeriod(record.agreement.startDate, context.period),
  map: mapRapidsUpload,
};

function mapRapidsUpload(record: ApprenticeRecord, context: MapContext): MapResult {
  const problems = new ProblemCollector(record.registrationId);
  const { person, agreement, program } = record;

  // Cross-field rules the spec states only in prose (dol.md §5.1).
  if (yearsBetween(person.dateOfBirth, agreement.startDate) < 16) {
    problems.add(
      'person.dateOfBirth',
      'registration.minimum_age',
      `the apprentice is ${yearsBetween(person.dateOfBirth, agreement.startDate)} on the start date ${agreement.startDate}; apprentices must be at least 16`,
      '29 CFR 29.2(e) (2008 numbering); RAPIDS upload spec, Date of Birth',
    );
  }
  // The program's registration date is not in the record; the effective date of the standards
  // version the agreement follows stands in for it.
  if (agreement.startDate < program.standardsEffectiveDate) {
    problems.add(
      'agreement.startDate',
      'rapids.start_before_program_registration',
      `the start date ${agreement.startDate} is before the program's standards took effect (${program.standardsEffectiveDate})`,
      'RAPIDS upload spec, Date Apprenticeship Begins; dol.md §5',
    );
  }

  const text = (field: string, value: string | null, limit: number, required: boolean): string => {
    const trimmed = value?.trim() ?? '';
    if (required && !trimmed) problems.add(field, 'rapids.required', 'is required by the RAPIDS upload', SCHEMA_SOURCE);
    if ([...trimmed].length > limit) problems.add(field, 'rapids.max_length', `"${trimmed}" is longer than ${limit} characters`, SCHEMA_SOURCE);
    return trimmed;
  };

  const zip = person.address.zip?.trim() ?? '';
  if (!zip) problems.add('person.address.zip', 'rapids.required', 'is required by the RAPIDS upload', SCHEMA_SOURCE);
  else if (!/^[0-9]{5}(-[0-9]{4})?$/.test(zip)) problems.add('person.address.zip', 'rapids.zip_format', `"${zip}" is not a 5-digit ZIP code`, SCHEMA_SOURCE);
  const state = person.address.state?.trim() ?? '';
  if (!state) problems.add('person.address.state', 'rapids.required', 'is required by the RAPIDS upload', SCHEMA_SOURCE);
  else if (!/^[A-Z]{2}$/.test(state)) problems.add('person.address.state', 'rapids.state_format', `"${state}" is not a two-letter state code`, SCHEMA_SOURCE);

  const agencyIds = Object.fromEntries(
    AGENCY_ID_COLUMNS.map(([column, key, tab]) => {
      const id = program.agencyIds[key]?.trim() ?? '';
      if (!id) {
        problems.add(
          `program.agencyIds.${key}`,
          'rapids.crosswalk_id',
          `the program has no id from the RAPIDS "${tab}" tab; record it before exporting`,
          CROSSWALK_SOURCE,
        );
      }
      return [column, id];
    }),
  );

  const priorCents = person.priorWage.amountCents;
  if (priorCents === null) {
    problems.add('person.priorWage.amountCents', 'rapids.required', 'the prior wage is required by the RAPIDS upload (0 when the apprentice had none)', SCHEMA_SOURCE);
  }
  const entry = record.wages.history[0];
  if (!entry) problems.add('wages.history', 'rapids.required', 'an entry wage is required by the RAPIDS upload', SCHEMA_SOURCE);
  const rtiCredit = agreement.priorCredit.rtiHours;
  if (!Number.isInteger(rtiCredit)) {
    problems.add('agreement.priorCredit.rtiHours', 'rapids.integer_hours', `RTI credit ${rtiCredit} h must be whole hours in the upload`, SCHEMA_SOURCE);
  }

  const row: Row = {
    'Date Apprenticeship Begins': usDate(agreement.startDate),
    'Apprentice First Name': text('person.firstName', person.firstName, NAME_LIMIT, true),
    'Apprentice Last Name': text('person.lastName', person.lastName, NAME_LIMIT, true),
    'Apprentice Middle Name': text('person.middleName', person.middleName, NAME_LIMIT, false),
    'Apprentice Suffix': person.suffix ?? '',
    'Social Security Number': person.ssn ? formatSsn(person.ssn, optionValue(rapidsUploadFormat, context, 'ssnFormat')) : '',
    'Date of Birth': usDate(person.dateOfBirth),
    Gender: RAPIDS_GENDER[person.demographics.sex],
    'Employment Status': RAPIDS_EMPLOYMENT_STATUS[agreement.employmentStatus],
    'Apprentice Street Address': text('person.address.street', person.address.street, NAME_LIMIT, true),
    'Apprentice City': text('person.address.city', person.address.city, NAME_LIMIT, true),
    'Apprentice State': state,
    // ZIP+4 is cut to the five digits the column holds.
    'Apprentice 5-Digit Zip Code': zip.slice(0, 5),
    Telephone: person.phone?.trim() ?? '',
    Email: person.email?.trim() ?? '',
    Employer: agencyIds['Employer'],
    'Ethnicity Hispanic / Latino': RAPIDS_ETHNICITY[person.demographics.ethnicity],
    ...rapidsRaceFlags(person.demographics.races),
    'Veteran Status': RAPIDS_VETERAN[person.demographics.veteranStatus],
    'Apprentice Disability Status': RAPIDS_DISABILITY[person.demographics.disability],
    'Apprentice Education Level': RAPIDS_EDUCATION[person.demographics.education],
    Occupation: agencyIds['Occupation'],
    'Related Technical Instruction Provider': agencyIds['Related Technical Instruction Provider'],
    'Credit for previous experience': text('agreement.priorCredit.description', experienceCredit(record), TEXT_LIMIT, false),
    'Credit for Previous Related Training In Hours': String(rtiCredit),
    'Prior Wages': priorCents === null ? '' : centsToDecimal(priorCents),
    'Prior Wage Units': RAPIDS_WAGE_UNIT[person.priorWage.unit],
    // Wage steps are hourly rates.
    'Entry Wages': entry ? centsToDecimal(entry.rateCents) : '',
    'Entry Wage Units': RAPIDS_WAGE_UNIT.hourly,
    'Wage Schedule': agencyIds['Wage Schedule'],
    'Previously Completed Career Lattice Levels': '',
    'Career Connection': agreement.careerConnection ? RAPIDS_CAREER_CONNECTION[agreement.careerConnection] : '',
    'WIOA Participant': '',
    Type: '',
    'Career Linkage or Direct Entry': '',
    'TAA Participant': '',
    'On-the-Job Training Funding Sources': '',
    'Student Status': record.va ? optionValue(rapidsUploadFormat, context, 'vaStudentStatus') : 'NA',
  };
  return problems.result([row]);
}

/**
 * The credited OJT hours ('0' when none). Credit given without hours (e.g. competencies
 * demonstrated) is written as the sponsor's description. Whether RAPIDS expects hours or text in
 * this string column is not documented [unverified].
 */
function experienceCredit(record: ApprenticeRecord): string {
  const { description, ojtHours } = record.agreement.priorCredit;
  if (ojtHours === 0 && description?.trim()) return description;
  return hoursText(ojtHours);
}

function formatSsn(ssn: string, format: string): string {
  return format === 'dashed' ? `${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}` : ssn;
}
