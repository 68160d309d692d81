import { registerEnumType } from '@nestjs/graphql';

// Enum values are the stored codes; each agency format maps them to its own (e.g. RAPIDS upload codes).

export enum Sex {
  FEMALE = 'female',
  MALE = 'male',
  NOT_SELF_IDENTIFIED = 'not_self_identified',
}
registerEnumType(Sex, { name: 'Sex' });

export enum Ethnicity {
  HISPANIC_LATINO = 'hispanic_latino',
  NOT_HISPANIC_LATINO = 'not_hispanic_latino',
  NOT_SELF_IDENTIFIED = 'not_self_identified',
}
registerEnumType(Ethnicity, { name: 'Ethnicity' });

export enum Race {
  AMERICAN_INDIAN_ALASKA_NATIVE = 'american_indian_alaska_native',
  ASIAN = 'asian',
  BLACK_AFRICAN_AMERICAN = 'black_african_american',
  NATIVE_HAWAIIAN_PACIFIC_ISLANDER = 'native_hawaiian_pacific_islander',
  WHITE = 'white',
  NOT_SELF_IDENTIFIED = 'not_self_identified',
}
registerEnumType(Race, { name: 'Race' });

export enum VeteranStatus {
  VETERAN = 'veteran',
  NON_VETERAN = 'non_veteran',
  NON_VETERAN_OTHER_ELIGIBLE = 'non_veteran_other_eligible',
  VETERAN_ELIGIBLE = 'veteran_eligible',
  NOT_SELF_IDENTIFIED = 'not_self_identified',
}
registerEnumType(VeteranStatus, { name: 'VeteranStatus' });

export enum Disability {
  YES = 'yes',
  NO = 'no',
  NOT_SELF_IDENTIFIED = 'not_self_identified',
}
registerEnumType(Disability, { name: 'Disability' });

export enum Education {
  NOT_HS_GRADUATE = 'not_hs_graduate',
  HS_GRADUATE = 'hs_graduate',
  SOME_COLLEGE_OR_ASSOCIATE = 'some_college_or_associate',
  BACHELOR = 'bachelor',
  MASTER = 'master',
  DOCTORATE_OR_PROFESSIONAL = 'doctorate_or_professional',
  NOT_SELF_IDENTIFIED = 'not_self_identified',
}
registerEnumType(Education, { name: 'Education', description: 'Highest education at entry.' });

export enum WageUnit {
  HOURLY = 'hourly',
  WEEKLY = 'weekly',
  MONTHLY = 'monthly',
  QUARTERLY = 'quarterly',
  SEMI_ANNUALLY = 'semi_annually',
  ANNUALLY = 'annually',
}
registerEnumType(WageUnit, { name: 'WageUnit' });

export enum RegistrationStatusEnum {
  PENDING = 'pending',
  REGISTERED = 'registered',
  SUSPENDED = 'suspended',
  REINSTATED = 'reinstated',
  COMPLETED = 'completed',
  CANCELLED = 'cancelled',
  TRANSFERRED = 'transferred',
}
registerEnumType(RegistrationStatusEnum, { name: 'RegistrationStatus' });

export enum EmploymentStatus {
  NEW_EMPLOYEE = 'new_employee',
  EXISTING_EMPLOYEE = 'existing_employee',
}
registerEnumType(EmploymentStatus, { name: 'EmploymentStatus', description: 'ETA-671 item 7a.' });

export enum CareerConnection {
  PRE_APPRENTICESHIP = 'pre_apprenticeship',
  TECHNICAL_TRAINING_SCHOOL = 'technical_training_school',
  MILITARY_VETERANS = 'military_veterans',
  JOB_CORPS = 'job_corps',
  YOUTHBUILD = 'youthbuild',
  HUD_STEP_UP = 'hud_step_up',
  CAREER_CENTER_REFERRAL = 'career_center_referral',
  SCHOOL_TO_REGISTERED_APPRENTICESHIP = 'school_to_registered_apprenticeship',
  NONE = 'none',
}
registerEnumType(CareerConnection, { name: 'CareerConnection', description: 'ETA-671 item 7b.' });

export enum VaChapter {
  CH30 = '30',
  CH31 = '31',
  CH32 = '32',
  CH33 = '33',
  CH35 = '35',
  CH1606 = '1606',
}
registerEnumType(VaChapter, { name: 'VaChapter', description: 'The GI Bill chapter the apprentice trains under.' });
