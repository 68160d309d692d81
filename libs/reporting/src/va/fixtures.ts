import { MapContext } from '../formats/report-format';
import { ApprenticeRecord, RECORD_VERSION, StatusEventRecord, VaRecord } from '../record/apprentice-record';

/**
 * Hand-built VA trainees for the VA format tests and golden files. Each one exercises rules a
 * certifying official would check by hand (see the comments and va-formats.spec.ts).
 */
export interface VaRecordPatch extends Partial<Omit<ApprenticeRecord, 'va' | 'agreement' | 'person'>> {
  va: VaRecord | null;
  person?: Partial<ApprenticeRecord['person']>;
  agreement?: Partial<ApprenticeRecord['agreement']>;
}

export function vaRecord(registrationId: string, patch: VaRecordPatch): ApprenticeRecord {
  const { person, agreement, ...rest } = patch;
  return {
    recordVersion: RECORD_VERSION,
    registrationId,
    person: {
      apprenticeId: `person-${registrationId}`,
      firstName: 'Test',
      middleName: null,
      lastName: 'Trainee',
      suffix: null,
      dateOfBirth: '1995-04-12',
      ssn: null,
      email: null,
      phone: null,
      address: { street: null, city: 'Columbus', state: 'OH', zip: '43215' },
      demographics: {
        sex: 'not_self_identified',
        ethnicity: 'not_self_identified',
        races: ['not_self_identified'],
        veteranStatus: 'veteran',
        disability: 'not_self_identified',
        education: 'hs_graduate',
      },
      priorWage: { amountCents: null, unit: 'hourly' },
      ...person,
    },
    sponsor: { id: 'sponsor-1', name: 'Central Ohio Electrical JATC', ein: '311234567', state: 'OH', naicsCode: '238210', countyFips: '39049' },
    employer: { id: 'employer-1', name: 'Buckeye Electric LLC', ein: '311234568', state: 'OH', naicsCode: '238210', countyFips: '39049' },
    program: {
      id: 'program-1',
      name: 'Electrician standards',
      programNumber: 'OH2025001234',
      state: 'OH',
      registrationAgency: 'SAA',
      standardsVersion: 1,
      standardsEffectiveDate: '2025-01-01',
      agencyIds: { employer: null, occupation: null, rtiProvider: null, wageSchedule: null },
    },
    occupation: {
      rapidsCode: '0159',
      onetSocCode: '47-2111.00',
      title: 'Electrician',
      approach: 'time_based',
      ojtTermHours: 8000,
      termMonths: 48,
      rtiHoursPerYear: 144,
      rtiPaid: true,
      probationMonths: 6,
    },
    agreement: {
      status: 'registered',
      statusDate: '2025-10-06',
      startDate: '2025-10-06',
      registrationDate: '2025-10-06',
      probationEndDate: '2026-04-06',
      expectedCompletionDate: '2029-10-05',
      employmentStatus: 'new_employee',
      careerConnection: 'military_veterans',
      priorCredit: { description: null, ojtHours: 0, rtiHours: 0 },
      cancelledDuringProbation: false,
      transferredFromRegistrationId: null,
      statusHistory: [registered('2025-10-06')],
      ...agreement,
    },
    workProcesses: [
      { id: 'wp-safety', title: 'Safety and first aid', minHours: 40, maxHours: 40 },
      { id: 'wp-residential', title: 'Residential wiring', minHours: 500, maxHours: 600 },
      { id: 'wp-commercial', title: 'Commercial wiring', minHours: 1500, maxHours: 2000 },
    ],
    ojt: { approvedByMonth: [] },
    rti: { priorCreditHours: 0, byMonth: [], courses: [] },
    wages: { journeyworkerRateCents: 3850, history: [{ step: 1, rateCents: 1925, effectiveDate: '2025-10-06', trigger: 'entry' }] },
    credentials: [],
    ...rest,
  };
}

export function registered(effectiveDate: string): StatusEventRecord {
  return { fromStatus: 'pending', toStatus: 'registered', effectiveDate, reason: 'Registered', duringProbation: true };
}

export function vaData(patch: Partial<VaRecord>): VaRecord {
  return {
    chapter: '33',
    vaFileNumber: null,
    facilityCode: '20012345',
    approvedProgramName: 'Inside Wireman (Electrician) Apprenticeship',
    enrollmentStart: null,
    enrollmentEnd: null,
    certifiedMonths: [],
    ...patch,
  };
}

const ojt = (month: string, workProcessId: string, hours: number) => ({ month, workProcessId, hours });

/**
 * Chapter 33, VA file number. Uses up the safety allotment in 2025-11 and the residential one in
 * 2026-03, is interrupted 2026-04-10 to 2026-06-15 (May has no pursuit), gets a raise on 2026-03-15.
 */
export const DANA = vaRecord('reg-dana', {
  person: { firstName: 'Dana', middleName: 'Marie', lastName: 'Reyes', dateOfBirth: '1990-02-17' },
  va: vaData({ chapter: '33', vaFileNumber: 'C12345678', enrollmentStart: '2025-10-06', certifiedMonths: ['2025-10', '2025-11'] }),
  agreement: {
    status: 'reinstated',
    statusDate: '2026-06-15',
    priorCredit: { description: 'Military electrical training (Navy EM "A" school)', ojtHours: 500, rtiHours: 72 },
    statusHistory: [
      registered('2025-10-06'),
      { fromStatus: 'registered', toStatus: 'suspended', effectiveDate: '2026-04-10', reason: 'Medical leave', duringProbation: false },
      { fromStatus: 'suspended', toStatus: 'reinstated', effectiveDate: '2026-06-15', reason: 'Returned from medical leave', duringProbation: false },
    ],
  },
  ojt: {
    approvedByMonth: [
      ojt('2025-10', 'wp-safety', 32),
      ojt('2025-10', 'wp-residential', 80),
      ojt('2025-11', 'wp-safety', 16),
      ojt('2025-11', 'wp-residential', 100),
      ojt('2025-12', 'wp-residential', 120),
      ojt('2026-01', 'wp-residential', 150),
      ojt('2026-02', 'wp-residential', 141),
      ojt('2026-03', 'wp-residential', 19),
      ojt('2026-03', 'wp-commercial', 80),
      ojt('2026-04', 'wp-commercial', 40),
      ojt('2026-06', 'wp-commercial', 62),
      ojt('2026-07', 'wp-commercial', 160),
    ],
  },
  rti: {
    priorCreditHours: 72,
    byMonth: [
      { month: '2025-10', hours: 8, vaCountableHours: 8 },
      { month: '2025-12', hours: 12, vaCountableHours: 6 },
      { month: '2026-02', hours: 16, vaCountableHours: 0 },
    ],
    courses: [{ title: 'Electrical theory I', provider: 'Columbus State CC', status: 'enrolled', grade: null, completedOn: null }],
  },
  wages: {
    journeyworkerRateCents: 3850,
    history: [
      { step: 1, rateCents: 1925, effectiveDate: '2025-10-06', trigger: 'entry' },
      { step: 2, rateCents: 2310, effectiveDate: '2026-03-15', trigger: 'hours_reached' },
    ],
  },
});

/**
 * Chapter 30, SSN only (an agency export). Registered since 2025-06 but VA-enrolled from
 * 2026-01-12, so pursuit months count from January; paid the journeyworker wage from 2026-05-01.
 */
export const MARCUS = vaRecord('reg-marcus', {
  person: { firstName: 'Marcus', lastName: 'Webb', dateOfBirth: '1988-09-30', ssn: '123456789' },
  va: vaData({ chapter: '30', enrollmentStart: '2026-01-12', enrollmentEnd: '2027-06-30' }),
  agreement: { startDate: '2025-06-02', statusDate: '2025-06-02', registrationDate: '2025-06-02', probationEndDate: '2025-12-02', expectedCompletionDate: '2027-06-01', statusHistory: [registered('2025-06-02')] },
  workProcesses: [{ id: 'wp-maintenance', title: 'Industrial maintenance', minHours: 4000, maxHours: 5000 }],
  ojt: {
    approvedByMonth: ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'].map(
      (month) => ojt(month, 'wp-maintenance', 160),
    ),
  },
  wages: {
    journeyworkerRateCents: 3000,
    history: [
      { step: 1, rateCents: 2400, effectiveDate: '2025-06-02', trigger: 'entry' },
      { step: 2, rateCents: 2700, effectiveDate: '2026-03-01', trigger: 'time_elapsed' },
      { step: 3, rateCents: 3000, effectiveDate: '2026-05-01', trigger: 'time_elapsed' },
    ],
  },
});

/** Chapter 31 (VR&E), quarter hours, completed 2026-06-19: the 28-1905c case. */
export const KIM = vaRecord('reg-kim', {
  person: { firstName: 'Kim', middleName: 'Soo', lastName: 'Park', dateOfBirth: '1985-11-03' },
  va: vaData({ chapter: '31', vaFileNumber: '87654321', facilityCode: null, approvedProgramName: null, enrollmentStart: '2026-01-05' }),
  agreement: {
    startDate: '2024-01-08',
    statusDate: '2026-06-19',
    status: 'completed',
    registrationDate: '2024-01-08',
    probationEndDate: '2024-07-08',
    expectedCompletionDate: '2026-06-30',
    statusHistory: [registered('2024-01-08'), { fromStatus: 'registered', toStatus: 'completed', effectiveDate: '2026-06-19', reason: 'Completed term', duringProbation: false }],
  },
  workProcesses: [{ id: 'wp-hvac', title: 'HVAC service', minHours: 3000, maxHours: 4000 }],
  ojt: {
    approvedByMonth: [
      ojt('2026-01', 'wp-hvac', 151.25),
      ojt('2026-02', 'wp-hvac', 136.5),
      ojt('2026-03', 'wp-hvac', 160),
      ojt('2026-04', 'wp-hvac', 148.75),
      ojt('2026-05', 'wp-hvac', 152),
      ojt('2026-06', 'wp-hvac', 96),
    ],
  },
  rti: { priorCreditHours: 0, byMonth: [{ month: '2026-02', hours: 6, vaCountableHours: 6 }], courses: [] },
  wages: {
    journeyworkerRateCents: 3200,
    history: [
      { step: 1, rateCents: 2137, effectiveDate: '2024-01-08', trigger: 'entry' },
      { step: 2, rateCents: 2560, effectiveDate: '2026-04-20', trigger: 'hours_reached' },
    ],
  },
});

/** Chapter 33 with neither facility code nor identifier: refused with both problems. */
export const LEE = vaRecord('reg-lee', {
  person: { firstName: 'Jordan', lastName: 'Lee' },
  va: vaData({ chapter: '33', facilityCode: null, enrollmentStart: '2026-02-02' }),
  agreement: { startDate: '2026-02-02', statusDate: '2026-02-02', statusHistory: [registered('2026-02-02')] },
  ojt: { approvedByMonth: [ojt('2026-02', 'wp-residential', 120)] },
});

/** Chapter 35 (DEA, 4 rate-table steps), transferred to another sponsor on 2026-02-27. */
export const PAT = vaRecord('reg-pat', {
  person: { firstName: 'Pat', lastName: 'Okafor', dateOfBirth: '2001-07-21' },
  va: vaData({ chapter: '35', vaFileNumber: '2345678', facilityCode: '10054321', approvedProgramName: 'Plumber Apprenticeship', enrollmentStart: '2025-12-01' }),
  agreement: {
    status: 'transferred',
    startDate: '2025-12-01',
    statusDate: '2026-02-27',
    statusHistory: [
      registered('2025-12-01'),
      { fromStatus: 'registered', toStatus: 'transferred', effectiveDate: '2026-02-27', reason: 'Moved to a sponsor in another state', duringProbation: true },
    ],
  },
  workProcesses: [{ id: 'wp-rough-in', title: 'Rough-in plumbing', minHours: 1000, maxHours: 1200 }],
  ojt: { approvedByMonth: [ojt('2025-12', 'wp-rough-in', 116), ojt('2026-01', 'wp-rough-in', 101), ojt('2026-02', 'wp-rough-in', 125)] },
  wages: { journeyworkerRateCents: 4100, history: [{ step: 1, rateCents: 2050, effectiveDate: '2025-12-01', trigger: 'entry' }] },
});

/** No GI Bill chapter: no VA output at all. */
export const NON_VA = vaRecord('reg-non-va', { va: null });

export const VA_FIXTURES: readonly ApprenticeRecord[] = [DANA, MARCUS, KIM, LEE, PAT, NON_VA];

/** The context of the golden files: ten whole months, reported a few days after the last one ended. */
export const VA_GOLDEN_CONTEXT: MapContext = { asOf: '2026-08-03', period: { start: '2025-10-01', end: '2026-07-31' }, options: {} };
