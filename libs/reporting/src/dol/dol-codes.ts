import {
  CareerConnection,
  Disability,
  Education,
  EmploymentStatus,
  Ethnicity,
  Race,
  RegistrationStatus,
  Sex,
  VeteranStatus,
  WageUnit,
} from '../record/apprentice-record';

/**
 * Journeyline vocabularies → DOL codes, one explicit table per concept (dol.md §4.1, §4.3, §10).
 * No generic "9 = unknown" helper: RAPIDS education uses 5 for "did not self-identify" and 9 for
 * a doctorate.
 */

export const RAPIDS_GENDER: Record<Sex, string> = { female: 'F', male: 'M', not_self_identified: '9' };

export const RAPIDS_ETHNICITY: Record<Ethnicity, string> = { hispanic_latino: '1', not_hispanic_latino: '2', not_self_identified: '9' };

/** The five race columns of the upload, in column order, with the race each one flags. */
export const RAPIDS_RACE_COLUMNS: ReadonlyArray<readonly [column: string, race: Race]> = [
  ['Race-American Indian / Alaskan Native', 'american_indian_alaska_native'],
  ['Asian', 'asian'],
  ['Black / African American', 'black_african_american'],
  ['Native Hawaiian / Other Pacific Islander', 'native_hawaiian_pacific_islander'],
  ['White', 'white'],
];

/** `1`/`0` per race column, or `9` in every column when the apprentice did not self-identify. */
export function rapidsRaceFlags(races: readonly Race[]): Record<string, string> {
  const notIdentified = races.length === 0 || races.includes('not_self_identified');
  return Object.fromEntries(RAPIDS_RACE_COLUMNS.map(([column, race]) => [column, notIdentified ? '9' : races.includes(race) ? '1' : '0']));
}

/** The schema's description says 0 = not a veteran, its code list has no 0: follow the codes (dol.md §5.1). */
export const RAPIDS_VETERAN: Record<VeteranStatus, string> = {
  veteran: '1',
  non_veteran: '2',
  non_veteran_other_eligible: '3',
  veteran_eligible: '4',
  not_self_identified: '9',
};

/** The schema's description says 0 = no, its code list says 2: follow the codes (dol.md §5.1). */
export const RAPIDS_DISABILITY: Record<Disability, string> = { yes: '1', no: '2', not_self_identified: '9' };

export const RAPIDS_EDUCATION: Record<Education, string> = {
  not_hs_graduate: '1',
  hs_graduate: '3',
  not_self_identified: '5',
  some_college_or_associate: '6',
  bachelor: '7',
  master: '8',
  doctorate_or_professional: '9',
};

export const RAPIDS_EMPLOYMENT_STATUS: Record<EmploymentStatus, string> = { existing_employee: 'EE', new_employee: 'NE' };

export const RAPIDS_CAREER_CONNECTION: Record<CareerConnection, string> = {
  pre_apprenticeship: 'P',
  technical_training_school: 'T',
  military_veterans: 'M',
  job_corps: 'J',
  youthbuild: 'Y',
  hud_step_up: 'H',
  career_center_referral: 'C',
  school_to_registered_apprenticeship: 'S',
  none: 'N',
};

export const RAPIDS_WAGE_UNIT: Record<WageUnit, string> = {
  hourly: 'H',
  weekly: 'W',
  monthly: 'M',
  quarterly: 'Q',
  semi_annually: 'S',
  annually: 'A',
};

/** RAPIDS apprentice status codes and their meanings (dol.md §4.1). */
export const RAPIDS_STATUS: Record<RegistrationStatus, { code: string; description: string }> = {
  pending: { code: 'PR', description: 'Pending Registration' },
  registered: { code: 'RE', description: 'Registered' },
  suspended: { code: 'SU', description: 'Suspended' },
  reinstated: { code: 'RI', description: 'Reinstated' },
  completed: { code: 'CO', description: 'Completed' },
  cancelled: { code: 'CA', description: 'Cancelled' },
  transferred: { code: 'TR', description: 'Transferred' },
};

/** PIRL element 201 (dol.md §10). */
export const PIRL_SEX: Record<Sex, string> = { male: '1', female: '2', not_self_identified: '9' };

/** 'YYYY-MM-DD' → 'MM/DD/YYYY', zero-padded (the RAPIDS upload's date text). */
export function usDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${month}/${day}/${year}`;
}

/** 'YYYY-MM-DD' → 'YYYYMMDD' (PIRL DT 8). */
export function compactDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

/** Hours as plain decimal text: 96.5 → '96.5', 1000 → '1000'. */
export function hoursText(hours: number): string {
  return String(hours);
}
