import { FIXTURE_CONTEXT, FIXTURES } from '../fixtures/records';
import { MapContext, Row } from '../formats/report-format';
import { ApprenticeRecord } from '../record/apprentice-record';
import { RAPIDS_UPLOAD_COLUMNS } from './rapids-table-schema';
import { rapidsUploadFormat } from './rapids-upload';

const context = (options: Record<string, string> = {}): MapContext => ({ ...FIXTURE_CONTEXT, options });

function row(record: ApprenticeRecord, options: Record<string, string> = {}): Row {
  const result = rapidsUploadFormat.map(record, context(options));
  if (result.problems) throw new Error(JSON.stringify(result.problems));
  expect(result.rows).toHaveLength(1);
  return result.rows[0];
}

function rules(record: ApprenticeRecord): string[] {
  return (rapidsUploadFormat.map(record, context()).problems ?? []).map((problem) => `${problem.field} ${problem.rule}`);
}

describe('dol.rapids-upload', () => {
  it('fills exactly the 42 columns of the table schema', () => {
    expect(rapidsUploadFormat.columns).toEqual(RAPIDS_UPLOAD_COLUMNS);
    expect(Object.keys(row(FIXTURES.obrien))).toEqual([...RAPIDS_UPLOAD_COLUMNS]);
  });

  it('maps the person, demographics, credit and wages', () => {
    expect(row(FIXTURES.obrien)).toMatchObject({
      'Date Apprenticeship Begins': '03/03/2025',
      'Apprentice First Name': 'Seán',
      'Apprentice Last Name': "O'Brien",
      'Apprentice Suffix': 'Jr.',
      'Social Security Number': '900123456',
      'Date of Birth': '01/09/1994',
      Gender: 'M',
      'Apprentice 5-Digit Zip Code': '48236',
      'Ethnicity Hispanic / Latino': '1',
      'Race-American Indian / Alaskan Native': '1',
      White: '1',
      Asian: '0',
      'Veteran Status': '1',
      'Apprentice Disability Status': '2',
      'Apprentice Education Level': '6',
      'Credit for previous experience': '1000',
      'Credit for Previous Related Training In Hours': '40',
      'Prior Wages': '16.50',
      'Prior Wage Units': 'H',
      'Entry Wages': '18.50',
      'Entry Wage Units': 'H',
      'Career Connection': 'M',
      Employer: 'EMP-1001',
      'Wage Schedule': 'WS-0159-2',
    });
  });

  it('writes 9 (and education 5) for an apprentice who did not self-identify, and 0 credit when none was given', () => {
    expect(row(FIXTURES.notSelfIdentified)).toMatchObject({
      Gender: '9',
      'Ethnicity Hispanic / Latino': '9',
      'Race-American Indian / Alaskan Native': '9',
      Asian: '9',
      'Black / African American': '9',
      'Native Hawaiian / Other Pacific Islander': '9',
      White: '9',
      'Veteran Status': '9',
      'Apprentice Disability Status': '9',
      'Apprentice Education Level': '5',
      'Social Security Number': '',
      'Employment Status': 'EE',
      'Credit for previous experience': '0',
      'Credit for Previous Related Training In Hours': '0',
      'Prior Wages': '52000.00',
      'Prior Wage Units': 'A',
      'Career Connection': '',
    });
    expect(row(FIXTURES.doctorate)['Apprentice Education Level']).toBe('9');
  });

  it('writes credit given without hours as its description', () => {
    const record = { ...FIXTURES.doctorate, agreement: { ...FIXTURES.doctorate.agreement, priorCredit: { description: 'CompTIA A+ competencies demonstrated', ojtHours: 0, rtiHours: 0 } } };
    expect(row(record)['Credit for previous experience']).toBe('CompTIA A+ competencies demonstrated');
  });

  it('formats the SSN per the ssnFormat option and the VA student status per vaStudentStatus', () => {
    expect(row(FIXTURES.obrien, { ssnFormat: 'dashed' })['Social Security Number']).toBe('900-12-3456');
    expect(row(FIXTURES.obrien)['Student Status']).toBe('NA');
    expect(row(FIXTURES.obrien, { vaStudentStatus: 'WBLRA' })['Student Status']).toBe('WBLRA');
    expect(row(FIXTURES.notSelfIdentified, { vaStudentStatus: 'WBLRA' })['Student Status']).toBe('NA');
  });

  it('applies to records whose start date falls in the period', () => {
    const applies = (record: ApprenticeRecord) => rapidsUploadFormat.appliesTo(record, context());
    expect(applies(FIXTURES.obrien)).toBe(true);
    expect(applies(FIXTURES.transferredIn)).toBe(true);
    expect(applies(FIXTURES.completer)).toBe(false);
    expect(applies({ ...FIXTURES.obrien, agreement: { ...FIXTURES.obrien.agreement, startDate: '2025-04-01' } })).toBe(false);
  });

  it('refuses an apprentice under 16 at the start date (registration.minimum_age)', () => {
    const problems = rapidsUploadFormat.map(FIXTURES.minor, context()).problems!;
    expect(problems).toEqual([
      {
        registrationId: 'reg-0005',
        field: 'person.dateOfBirth',
        rule: 'registration.minimum_age',
        message: 'the apprentice is 15 on the start date 2025-03-12; apprentices must be at least 16',
        source: expect.stringContaining('29 CFR 29.2(e)'),
      },
    ]);
    const sixteenToday = { ...FIXTURES.minor, person: { ...FIXTURES.minor.person, dateOfBirth: '2009-03-12' } };
    expect(rules(sixteenToday)).toEqual([]);
  });

  it('refuses a record while a RAPIDS workbook id is missing (rapids.crosswalk_id)', () => {
    expect(rules(FIXTURES.missingAgencyIds)).toEqual([
      'program.agencyIds.occupation rapids.crosswalk_id',
      'program.agencyIds.wageSchedule rapids.crosswalk_id',
      'person.address.street rapids.required',
    ]);
  });

  it('checks names, address, start date and wages', () => {
    expect(rules(FIXTURES.longName)).toEqual(['person.lastName rapids.max_length']);
    expect(rules(FIXTURES.startBeforeProgram)).toEqual(['agreement.startDate rapids.start_before_program_registration']);
    const broken: ApprenticeRecord = {
      ...FIXTURES.obrien,
      person: {
        ...FIXTURES.obrien.person,
        address: { street: '1 Main St', city: null, state: 'Mich', zip: '4823' },
        priorWage: { amountCents: null, unit: 'hourly' },
      },
      agreement: { ...FIXTURES.obrien.agreement, priorCredit: { description: null, ojtHours: 0, rtiHours: 12.5 } },
      wages: { ...FIXTURES.obrien.wages, history: [] },
    };
    expect(rules(broken)).toEqual([
      'person.address.zip rapids.zip_format',
      'person.address.state rapids.state_format',
      'person.priorWage.amountCents rapids.required',
      'wages.history rapids.required',
      'agreement.priorCredit.rtiHours rapids.integer_hours',
      'person.address.city rapids.required',
    ]);
  });
});
