/**
 * ApprenticeRecord: the one canonical, plain-data snapshot of an apprentice's agreement from which
 * every agency format is mapped. It is what `journeyline map` reads and what the database assembler
 * writes; its JSON Schema is published at docs/schemas/apprentice-record.schema.json.
 *
 * Conventions: dates 'YYYY-MM-DD', months 'YYYY-MM', money in integer cents, hours as numbers in
 * quarter-hour steps, vocabularies in Journeyline's own codes (each format maps them).
 * Bump RECORD_VERSION on any incompatible change.
 */
export const RECORD_VERSION = 1;

export type Sex = 'female' | 'male' | 'not_self_identified';
export type Ethnicity = 'hispanic_latino' | 'not_hispanic_latino' | 'not_self_identified';
export type Race =
  | 'american_indian_alaska_native'
  | 'asian'
  | 'black_african_american'
  | 'native_hawaiian_pacific_islander'
  | 'white'
  | 'not_self_identified';
export type VeteranStatus = 'veteran' | 'non_veteran' | 'non_veteran_other_eligible' | 'veteran_eligible' | 'not_self_identified';
export type Disability = 'yes' | 'no' | 'not_self_identified';
export type Education =
  | 'not_hs_graduate'
  | 'hs_graduate'
  | 'some_college_or_associate'
  | 'bachelor'
  | 'master'
  | 'doctorate_or_professional'
  | 'not_self_identified';
export type WageUnit = 'hourly' | 'weekly' | 'monthly' | 'quarterly' | 'semi_annually' | 'annually';
export type Approach = 'time_based' | 'competency_based' | 'hybrid';
export type RegistrationStatus = 'pending' | 'registered' | 'suspended' | 'reinstated' | 'completed' | 'cancelled' | 'transferred';
export type EmploymentStatus = 'new_employee' | 'existing_employee';
export type CareerConnection =
  | 'pre_apprenticeship'
  | 'technical_training_school'
  | 'military_veterans'
  | 'job_corps'
  | 'youthbuild'
  | 'hud_step_up'
  | 'career_center_referral'
  | 'school_to_registered_apprenticeship'
  | 'none';
export type VaChapter = '30' | '31' | '32' | '33' | '35' | '1606';
export type WageTrigger = 'entry' | 'hours_reached' | 'time_elapsed' | 'credit_granted' | 'confirmed';

export interface ApprenticeRecord {
  recordVersion: typeof RECORD_VERSION;
  /** The registration (apprenticeship agreement) the record describes. */
  registrationId: string;
  person: PersonRecord;
  sponsor: OrganizationRecord;
  employer: OrganizationRecord;
  program: ProgramRecord;
  occupation: OccupationRecord;
  agreement: AgreementRecord;
  workProcesses: WorkProcessRecord[];
  ojt: OjtRecord;
  rti: RtiRecord;
  wages: WagesRecord;
  credentials: CredentialRecord[];
  /** Present only when the apprentice trains under a GI Bill chapter. */
  va: VaRecord | null;
}

export interface PersonRecord {
  apprenticeId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: 'I' | 'II' | 'III' | 'Jr.' | 'Sr.' | null;
  dateOfBirth: string;
  /** Nine digits. Present only in agency exports (each audited); null in every other record. */
  ssn: string | null;
  email: string | null;
  phone: string | null;
  address: { street: string | null; city: string | null; state: string | null; zip: string | null };
  demographics: {
    sex: Sex;
    ethnicity: Ethnicity;
    /** Multi-select; ['not_self_identified'] alone when the apprentice did not answer. */
    races: Race[];
    veteranStatus: VeteranStatus;
    disability: Disability;
    education: Education;
  };
  priorWage: { amountCents: number | null; unit: WageUnit };
}

export interface OrganizationRecord {
  id: string;
  name: string;
  ein: string | null;
  state: string | null;
  naicsCode: string | null;
  countyFips: string | null;
}

export interface ProgramRecord {
  id: string;
  name: string;
  /** Assigned by the registration agency; opaque. */
  programNumber: string | null;
  state: string;
  registrationAgency: 'OA' | 'SAA';
  /** The standards version the agreement was made under. */
  standardsVersion: number;
  standardsEffectiveDate: string;
  /**
   * Ids of this program's rows in the registration agency's own tables (RAPIDS workbook tabs:
   * Employer, Occupation, RTI Providers, Wage Schedules). Exports that need them refuse the
   * record while one is missing.
   */
  agencyIds: { employer: string | null; occupation: string | null; rtiProvider: string | null; wageSchedule: string | null };
}

export interface OccupationRecord {
  rapidsCode: string;
  onetSocCode: string | null;
  title: string;
  approach: Approach;
  ojtTermHours: number;
  termMonths: number;
  rtiHoursPerYear: number;
  /** Whether RTI time is paid (29 CFR 29.7(g)). */
  rtiPaid: boolean;
  probationMonths: number;
}

export interface StatusEventRecord {
  fromStatus: RegistrationStatus | null;
  toStatus: RegistrationStatus;
  effectiveDate: string;
  reason: string;
  duringProbation: boolean;
}

export interface AgreementRecord {
  status: RegistrationStatus;
  statusDate: string;
  startDate: string;
  registrationDate: string | null;
  probationEndDate: string;
  expectedCompletionDate: string;
  employmentStatus: EmploymentStatus;
  careerConnection: CareerConnection | null;
  priorCredit: { description: string | null; ojtHours: number; rtiHours: number };
  cancelledDuringProbation: boolean;
  transferredFromRegistrationId: string | null;
  /** Oldest first. */
  statusHistory: StatusEventRecord[];
}

export interface WorkProcessRecord {
  id: string;
  title: string;
  minHours: number;
  /** Allotted hours: VA stops counting hours on a process past this. */
  maxHours: number;
}

export interface OjtRecord {
  /** Approved OJT hours per calendar month and work process, oldest month first. */
  approvedByMonth: Array<{ month: string; workProcessId: string; hours: number }>;
}

export interface RtiRecord {
  priorCreditHours: number;
  /** RTI attendance per calendar month; vaCountableHours are those both paid and inside working hours. */
  byMonth: Array<{ month: string; hours: number; vaCountableHours: number }>;
  courses: Array<{ title: string; provider: string; status: 'enrolled' | 'completed' | 'withdrawn'; grade: string | null; completedOn: string | null }>;
}

export interface WagesRecord {
  journeyworkerRateCents: number;
  /** Oldest first; step 1 is the entry wage. */
  history: Array<{ step: number; rateCents: number; effectiveDate: string; trigger: WageTrigger }>;
}

export interface CredentialRecord {
  name: string;
  earnedOn: string;
}

export interface VaRecord {
  chapter: VaChapter;
  /** 7–9 digits with an optional leading C. */
  vaFileNumber: string | null;
  /** 8 characters, '0' in second place for OJT and apprenticeship. */
  facilityCode: string | null;
  approvedProgramName: string | null;
  enrollmentStart: string | null;
  enrollmentEnd: string | null;
  /** Calendar months already certified to VA (22-6553d), 'YYYY-MM'. */
  certifiedMonths: string[];
}
