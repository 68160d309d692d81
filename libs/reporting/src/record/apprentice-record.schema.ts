/**
 * JSON Schema (2020-12) of ApprenticeRecord. docs/schemas/apprentice-record.schema.json is this
 * object printed with JSON.stringify(schema, null, 2); a unit test keeps the two identical and a
 * fixture record both type-checks and validates, so the TS type and the schema move together.
 */
const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';

type Json = Record<string, unknown>;

const text = (description: string, extra: Json = {}): Json => ({ type: 'string', description, ...extra });
const optionalText = (description: string, extra: Json = {}): Json => ({ type: ['string', 'null'], description, ...extra });
const date = (description: string): Json => ({ type: 'string', format: 'date', pattern: DATE_PATTERN, description });
const optionalDate = (description: string): Json => ({ type: ['string', 'null'], format: 'date', pattern: DATE_PATTERN, description });
const month = (description: string): Json => ({ type: 'string', pattern: MONTH_PATTERN, description });
const hours = (description: string): Json => ({ type: 'number', minimum: 0, multipleOf: 0.25, description });
const cents = (description: string): Json => ({ type: 'integer', minimum: 0, description });
const choice = (description: string, values: readonly string[]): Json => ({ type: 'string', enum: values, description });
const object = (description: string, properties: Record<string, Json>): Json => ({
  type: 'object',
  description,
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});
/** An object schema that also accepts null (object keywords ignore non-objects). */
const nullable = (schema: Json): Json => ({ ...schema, type: ['object', 'null'] });

const REGISTRATION_STATUSES = ['pending', 'registered', 'suspended', 'reinstated', 'completed', 'cancelled', 'transferred'] as const;
const WAGE_UNITS = ['hourly', 'weekly', 'monthly', 'quarterly', 'semi_annually', 'annually'] as const;

const organization = (description: string): Json =>
  object(description, {
    id: text('Journeyline id of the organization.'),
    name: text('Legal or trade name.', { minLength: 1 }),
    ein: optionalText('Employer Identification Number, nine digits, when known.', { pattern: '^[0-9]{9}$' }),
    state: optionalText('Two-letter USPS state code of the organization.', { pattern: '^[A-Z]{2}$' }),
    naicsCode: optionalText('NAICS industry code (2 to 6 digits).', { pattern: '^[0-9]{2,6}$' }),
    countyFips: optionalText('Five-digit county FIPS code.', { pattern: '^[0-9]{5}$' }),
  });

const statusEvent = object('One change of the registration status.', {
  fromStatus: {
    type: ['string', 'null'],
    enum: [...REGISTRATION_STATUSES, null],
    description: 'Status before the change; null for the first event.',
  },
  toStatus: choice('Status after the change.', REGISTRATION_STATUSES),
  effectiveDate: date('Date the change took effect.'),
  reason: text('Why the status changed (free text; required by the agency for cancellations, suspensions and transfers).'),
  duringProbation: { type: 'boolean', description: 'Whether the change took effect during the probationary period.' },
});

export const apprenticeRecordSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:journeyline:schema:apprentice-record:1',
  title: 'ApprenticeRecord',
  ...object(
    "Journeyline's canonical snapshot of one apprenticeship agreement, from which every agency format (DOL RAPIDS, PIRL, VA) is mapped. Dates are 'YYYY-MM-DD', months 'YYYY-MM', money integer cents, hours numbers in quarter-hour steps; vocabularies are Journeyline's own codes.",
    {
      recordVersion: { const: 1, description: 'Version of this record layout; bumped on any incompatible change.' },
      registrationId: text('Journeyline id of the registration (apprenticeship agreement) the record describes.', { minLength: 1 }),
      person: object('The apprentice.', {
        apprenticeId: text('Journeyline id of the apprentice (the person, stable across registrations).', { minLength: 1 }),
        firstName: text('Given name.', { minLength: 1 }),
        middleName: optionalText('Middle name, when any.'),
        lastName: text('Family name.', { minLength: 1 }),
        suffix: { type: ['string', 'null'], enum: ['I', 'II', 'III', 'Jr.', 'Sr.', null], description: 'Name suffix, in the RAPIDS spelling.' },
        dateOfBirth: date('Date of birth.'),
        ssn: optionalText('Social Security number, nine digits. Present only in agency exports (each audited); null otherwise or when not volunteered (29 CFR 29.7(b)).', {
          pattern: '^[0-9]{9}$',
        }),
        email: optionalText('E-mail address.', { format: 'email' }),
        phone: optionalText('Telephone number as entered.'),
        address: object('Home address; fields are null when unknown.', {
          street: optionalText('Street address (number, street, unit).'),
          city: optionalText('City.'),
          state: optionalText('Two-letter USPS state code.', { pattern: '^[A-Z]{2}$' }),
          zip: optionalText('ZIP code, 5 digits or ZIP+4.', { pattern: '^[0-9]{5}(-[0-9]{4})?$' }),
        }),
        demographics: object('Voluntary self-identification (EEO, 29 CFR 30).', {
          sex: choice('Sex.', ['female', 'male', 'not_self_identified']),
          ethnicity: choice('Hispanic or Latino ethnicity.', ['hispanic_latino', 'not_hispanic_latino', 'not_self_identified']),
          races: {
            type: 'array',
            description: "Races (multi-select); ['not_self_identified'] alone when the apprentice did not answer.",
            minItems: 1,
            uniqueItems: true,
            items: {
              type: 'string',
              enum: [
                'american_indian_alaska_native',
                'asian',
                'black_african_american',
                'native_hawaiian_pacific_islander',
                'white',
                'not_self_identified',
              ],
            },
          },
          veteranStatus: choice('Veteran status.', ['veteran', 'non_veteran', 'non_veteran_other_eligible', 'veteran_eligible', 'not_self_identified']),
          disability: choice('Disability (ADA definition).', ['yes', 'no', 'not_self_identified']),
          education: choice('Highest education level at entry.', [
            'not_hs_graduate',
            'hs_graduate',
            'some_college_or_associate',
            'bachelor',
            'master',
            'doctorate_or_professional',
            'not_self_identified',
          ]),
        }),
        priorWage: object('Wage before the apprenticeship.', {
          amountCents: { type: ['integer', 'null'], minimum: 0, description: 'Amount in cents per unit; null when unknown.' },
          unit: choice('Period the amount is paid per.', WAGE_UNITS),
        }),
      }),
      sponsor: organization('The program sponsor.'),
      employer: organization('The employer the apprentice works for under this agreement.'),
      program: object('The registered program (standards of apprenticeship).', {
        id: text('Journeyline id of the program.'),
        name: text('Program name.', { minLength: 1 }),
        programNumber: optionalText('Program number assigned by the registration agency (opaque; formats vary).'),
        state: text('Two-letter state code where the program is registered.', { pattern: '^[A-Z]{2}$' }),
        registrationAgency: choice('Registration agency: the federal Office of Apprenticeship or a State Apprenticeship Agency.', ['OA', 'SAA']),
        standardsVersion: { type: 'integer', minimum: 1, description: 'Version of the standards the agreement was made under.' },
        standardsEffectiveDate: date('Date that standards version took effect.'),
        agencyIds: object("Ids of this program's rows in the registration agency's tables (RAPIDS upload workbook tabs); null while not yet known.", {
          employer: optionalText('Id in the Employer tab.'),
          occupation: optionalText('Id in the Occupation tab.'),
          rtiProvider: optionalText('Id in the RTI Providers tab.'),
          wageSchedule: optionalText('Id in the Wage Schedules tab.'),
        }),
      }),
      occupation: object('The registered occupation the apprentice trains in.', {
        rapidsCode: text('RAPIDS occupation code: 4 digits, optionally followed by a CB/HY variant and version (e.g. 0870CB V1).', {
          pattern: '^[0-9]{4}[0-9A-Z ]*$',
        }),
        onetSocCode: optionalText('O*NET-SOC code, NN-NNNN.NN.', { pattern: '^[0-9]{2}-[0-9]{4}\\.[0-9]{2}$' }),
        title: text('Occupation title.', { minLength: 1 }),
        approach: choice('Training approach.', ['time_based', 'competency_based', 'hybrid']),
        ojtTermHours: hours('OJT term in hours (time-based and hybrid; the nominal term for competency-based).'),
        termMonths: { type: 'integer', minimum: 1, description: 'Term in months.' },
        rtiHoursPerYear: hours('Related technical instruction hours per year.'),
        rtiPaid: { type: 'boolean', description: 'Whether RTI time is paid (29 CFR 29.7(g)).' },
        probationMonths: { type: 'integer', minimum: 0, description: 'Probationary period in months.' },
      }),
      agreement: object('The apprenticeship agreement: dates, status and credit.', {
        status: choice('Current status.', REGISTRATION_STATUSES),
        statusDate: date('Date the current status took effect.'),
        startDate: date('Date the apprenticeship begins.'),
        registrationDate: optionalDate('Date the agency registered the agreement; null while pending.'),
        probationEndDate: date('Last day of probation.'),
        expectedCompletionDate: date('Expected completion date.'),
        employmentStatus: choice('New or existing (incumbent) employee at registration.', ['new_employee', 'existing_employee']),
        careerConnection: {
          type: ['string', 'null'],
          enum: [
            'pre_apprenticeship',
            'technical_training_school',
            'military_veterans',
            'job_corps',
            'youthbuild',
            'hud_step_up',
            'career_center_referral',
            'school_to_registered_apprenticeship',
            'none',
            null,
          ],
          description: 'How the apprentice came to the program (ETA-671 item 7b); null when not recorded.',
        },
        priorCredit: object('Credit for previous experience and training.', {
          description: optionalText('What the credit was given for.'),
          ojtHours: hours('OJT hours credited.'),
          rtiHours: hours('RTI hours credited.'),
        }),
        cancelledDuringProbation: { type: 'boolean', description: 'Whether the agreement was cancelled during probation (does not count against completion rates, 29 CFR 29.6(d)).' },
        transferredFromRegistrationId: optionalText('The registration this one continues after a transfer.'),
        statusHistory: { type: 'array', description: 'Status changes, oldest first.', items: statusEvent },
      }),
      workProcesses: {
        type: 'array',
        description: 'Work processes of the standards version the agreement follows.',
        items: object('One work process of the schedule.', {
          id: text('Journeyline id of the work process.'),
          title: text('Title.', { minLength: 1 }),
          minHours: hours('Minimum (approximate) hours.'),
          maxHours: hours('Allotted hours; VA stops counting hours on a process past this.'),
        }),
      },
      ojt: object('On-the-job training hours.', {
        approvedByMonth: {
          type: 'array',
          description: 'Approved OJT hours per calendar month and work process, oldest month first.',
          items: object('Approved hours for one month and work process.', {
            month: month('Calendar month.'),
            workProcessId: text('Work process the hours count toward.'),
            hours: hours('Approved hours.'),
          }),
        },
      }),
      rti: object('Related technical instruction.', {
        priorCreditHours: hours('RTI hours credited for prior training.'),
        byMonth: {
          type: 'array',
          description: 'RTI attendance per calendar month, oldest first.',
          items: object('RTI hours for one month.', {
            month: month('Calendar month.'),
            hours: hours('Hours attended.'),
            vaCountableHours: hours('Hours both paid and inside working hours (what VA counts).'),
          }),
        },
        courses: {
          type: 'array',
          description: 'RTI courses.',
          items: object('One course.', {
            title: text('Course title.'),
            provider: text('RTI provider name.'),
            status: choice('Enrollment status.', ['enrolled', 'completed', 'withdrawn']),
            grade: optionalText('Grade, when graded.'),
            completedOn: optionalDate('Completion date.'),
          }),
        },
      }),
      wages: object('Wage progression.', {
        journeyworkerRateCents: cents('Journeyworker hourly rate in cents.'),
        history: {
          type: 'array',
          description: 'Hourly wage steps, oldest first; the first is the entry wage.',
          items: object('One wage step.', {
            step: { type: 'integer', minimum: 1, description: 'Step number on the schedule.' },
            rateCents: cents('Hourly rate in cents.'),
            effectiveDate: date('Date the rate took effect.'),
            trigger: choice('What moved the apprentice to this step.', ['entry', 'hours_reached', 'time_elapsed', 'credit_granted', 'confirmed']),
          }),
        },
      }),
      credentials: {
        type: 'array',
        description: 'Interim and final credentials earned.',
        items: object('One credential.', { name: text('Credential name.'), earnedOn: date('Date earned.') }),
      },
      va: nullable(
        object('GI Bill benefit data; null when the apprentice trains without VA benefits.', {
          chapter: choice('GI Bill chapter (38 U.S.C.).', ['30', '31', '32', '33', '35', '1606']),
          vaFileNumber: optionalText('VA file number: 7 to 9 digits with an optional leading C.', { pattern: '^[cC]?[0-9]{7,9}$' }),
          facilityCode: optionalText("VA facility code of the approved program: 8 characters, '0' in second place for OJT and apprenticeship.", {
            pattern: '^[0-9A-Z]0[0-9A-Z]{6}$',
          }),
          approvedProgramName: optionalText('Program name as approved by the State Approving Agency.'),
          enrollmentStart: optionalDate('First day of the VA enrollment period.'),
          enrollmentEnd: optionalDate('Last day of the VA enrollment period.'),
          certifiedMonths: {
            type: 'array',
            description: 'Calendar months already certified to VA (22-6553d).',
            uniqueItems: true,
            items: { type: 'string', pattern: MONTH_PATTERN },
          },
        }),
      ),
    },
  ),
};
