import { registerEnumType } from '@nestjs/graphql';

/**
 * The dimensions outcomes can be grouped or filtered by, and how each reads from a fact row
 * (alias `f` of outcome_registration_facts). Values are the stored codes; labels are for people.
 *
 * `cube` says how the pre-aggregated cube holds the dimension:
 * - `partition`: every cube row carries it (state), so grouping by it is free;
 * - `low`: few values; the cube holds it alone and in every pair with another `low` dimension;
 * - `high`: many values (ids, codes); the cube holds it alone only;
 * - `none`: only the fact table answers it.
 */
export enum OutcomeDimension {
  STATE = 'state',
  PROGRAM = 'program',
  SPONSOR = 'sponsor',
  OCCUPATION = 'occupation',
  NAICS = 'naics',
  COUNTY = 'county',
  COHORT = 'cohort',
  SEX = 'sex',
  ETHNICITY = 'ethnicity',
  RACE = 'race',
  RACE_COMBINATION = 'race_combination',
  VETERAN = 'veteran',
  DISABILITY = 'disability',
  AGE_BAND = 'age_band',
  AGE_BAND_DETAILED = 'age_band_detailed',
  EDUCATION = 'education',
}
registerEnumType(OutcomeDimension, {
  name: 'OutcomeDimension',
  description:
    'What outcome rows are grouped by. NAICS is the 2-digit sector of the sponsor; COUNTY the employer\'s county (else the sponsor\'s); ' +
    'COHORT the calendar year of the start date; OCCUPATION the 4-digit RAPIDS base code. RACE counts a person under every race they selected.',
});

/** The cube also holds employers (for the quarterly report's employer count); not a public grouping. */
export type CubeDimension = Exclude<OutcomeDimension, OutcomeDimension.STATE | OutcomeDimension.AGE_BAND_DETAILED> | 'employer';

/** What the rollup queries can group by: the public dimensions plus employers. */
export type GroupDimension = OutcomeDimension | 'employer';

export type CubeClass = 'partition' | 'low' | 'high' | 'none';

export interface DimensionSpec {
  /** SQL for the value on fact alias `f`; for a multi-valued dimension, an array expression. */
  sql: string;
  /** The fact column it reads. */
  column: string;
  cube: CubeClass;
  /** A person can hold several values (race): totals by it can exceed the headcount. */
  multi: boolean;
  /** The closed list of values, in display order; null when values are ids or open codes. */
  values: readonly string[] | null;
}

export const NOT_SELF_IDENTIFIED = 'not_self_identified';
export const UNKNOWN = 'unknown';

export const RACES = [
  'american_indian_alaska_native',
  'asian',
  'black_african_american',
  'native_hawaiian_pacific_islander',
  'white',
  NOT_SELF_IDENTIFIED,
] as const;

export const RACE_COMBINATIONS = [...RACES.slice(0, 5), 'two_or_more', NOT_SELF_IDENTIFIED] as const;

/**
 * ETA-9173 age bands at the start date, plus a band for records below the registration minimum
 * age (bad data stays visible rather than being folded into 16–24).
 */
export const AGE_BANDS = [
  { value: 'under_16', max: 15 },
  { value: '16_24', max: 24 },
  { value: '25_54', max: 54 },
  { value: '55_plus', max: Infinity },
] as const;

export const AGE_BANDS_DETAILED = [
  { value: 'under_16', max: 15 },
  { value: '16_19', max: 19 },
  { value: '20_24', max: 24 },
  { value: '25_34', max: 34 },
  { value: '35_44', max: 44 },
  { value: '45_54', max: 54 },
  { value: '55_64', max: 64 },
  { value: '65_plus', max: Infinity },
] as const;

export interface AgeBandSpec {
  value: string;
  max: number;
}

/** The banding as a SQL CASE over an integer age expression: the first band whose max the age does not exceed. */
export function ageBandSql(ageExpression: string, bands: readonly AgeBandSpec[] = AGE_BANDS): string {
  const whens = bands
    .filter((band) => Number.isFinite(band.max))
    .map((band) => `WHEN ${ageExpression} <= ${band.max} THEN '${band.value}'`);
  return `CASE ${whens.join(' ')} ELSE '${bands[bands.length - 1].value}' END`;
}

const SEXES = ['female', 'male', NOT_SELF_IDENTIFIED] as const;
const ETHNICITIES = ['hispanic_latino', 'not_hispanic_latino', NOT_SELF_IDENTIFIED] as const;
const VETERAN_STATUSES = ['veteran', 'non_veteran', 'non_veteran_other_eligible', 'veteran_eligible', NOT_SELF_IDENTIFIED] as const;
const DISABILITIES = ['yes', 'no', NOT_SELF_IDENTIFIED] as const;
const EDUCATIONS = [
  'not_hs_graduate',
  'hs_graduate',
  'some_college_or_associate',
  'bachelor',
  'master',
  'doctorate_or_professional',
  NOT_SELF_IDENTIFIED,
] as const;

export const DIMENSIONS: Record<GroupDimension, DimensionSpec> = {
  [OutcomeDimension.STATE]: { sql: 'f.state::text', column: 'state', cube: 'partition', multi: false, values: null },
  [OutcomeDimension.COHORT]: { sql: 'f.start_year::text', column: 'start_year', cube: 'low', multi: false, values: null },
  [OutcomeDimension.NAICS]: { sql: 'f.naics_sector', column: 'naics_sector', cube: 'low', multi: false, values: null },
  [OutcomeDimension.SEX]: { sql: 'f.sex', column: 'sex', cube: 'low', multi: false, values: SEXES },
  [OutcomeDimension.ETHNICITY]: { sql: 'f.ethnicity', column: 'ethnicity', cube: 'low', multi: false, values: ETHNICITIES },
  [OutcomeDimension.RACE]: { sql: 'f.races', column: 'races', cube: 'low', multi: true, values: RACES },
  [OutcomeDimension.RACE_COMBINATION]: { sql: 'f.race_combination', column: 'race_combination', cube: 'low', multi: false, values: RACE_COMBINATIONS },
  [OutcomeDimension.VETERAN]: { sql: 'f.veteran_status', column: 'veteran_status', cube: 'low', multi: false, values: VETERAN_STATUSES },
  [OutcomeDimension.DISABILITY]: { sql: 'f.disability', column: 'disability', cube: 'low', multi: false, values: DISABILITIES },
  [OutcomeDimension.EDUCATION]: { sql: 'f.education', column: 'education', cube: 'low', multi: false, values: EDUCATIONS },
  [OutcomeDimension.AGE_BAND]: { sql: 'f.age_band', column: 'age_band', cube: 'low', multi: false, values: AGE_BANDS.map((band) => band.value) },
  [OutcomeDimension.AGE_BAND_DETAILED]: {
    sql: 'f.age_band_detailed',
    column: 'age_band_detailed',
    cube: 'none',
    multi: false,
    values: AGE_BANDS_DETAILED.map((band) => band.value),
  },
  [OutcomeDimension.PROGRAM]: { sql: 'f.program_id::text', column: 'program_id', cube: 'high', multi: false, values: null },
  [OutcomeDimension.SPONSOR]: { sql: 'f.sponsor_id::text', column: 'sponsor_id', cube: 'high', multi: false, values: null },
  [OutcomeDimension.OCCUPATION]: { sql: 'f.rapids_base_code', column: 'rapids_base_code', cube: 'high', multi: false, values: null },
  [OutcomeDimension.COUNTY]: { sql: 'f.county_fips', column: 'county_fips', cube: 'high', multi: false, values: null },
  employer: { sql: 'f.employer_id::text', column: 'employer_id', cube: 'high', multi: false, values: null },
};

/** Cube dimensions in catalog order: a grouping key lists its dimensions in this order. */
export const CUBE_DIMENSIONS: readonly CubeDimension[] = [
  OutcomeDimension.COHORT,
  OutcomeDimension.NAICS,
  OutcomeDimension.SEX,
  OutcomeDimension.ETHNICITY,
  OutcomeDimension.RACE,
  OutcomeDimension.RACE_COMBINATION,
  OutcomeDimension.VETERAN,
  OutcomeDimension.DISABILITY,
  OutcomeDimension.EDUCATION,
  OutcomeDimension.AGE_BAND,
  OutcomeDimension.PROGRAM,
  OutcomeDimension.SPONSOR,
  OutcomeDimension.OCCUPATION,
  OutcomeDimension.COUNTY,
  'employer',
];

/** A set of cube dimensions, as stored in outcome_cube_* .grouping: catalog order, '|'-joined; '' is the total. */
export function groupingKey(dimensions: readonly CubeDimension[]): string {
  return [...dimensions].sort((a, b) => CUBE_DIMENSIONS.indexOf(a) - CUBE_DIMENSIONS.indexOf(b)).join('|');
}

/** Every grouping the cube holds: the total, each dimension alone, and each pair of `low` dimensions. */
export function cubeGroupings(): CubeDimension[][] {
  const low = CUBE_DIMENSIONS.filter((dimension) => DIMENSIONS[dimension].cube === 'low');
  const sets: CubeDimension[][] = [[], ...CUBE_DIMENSIONS.map((dimension) => [dimension])];
  for (let i = 0; i < low.length; i++) {
    for (let j = i + 1; j < low.length; j++) sets.push([low[i], low[j]]);
  }
  return sets;
}

/** True when the cube holds exactly this set of dimensions (in any order). */
export function isCubeGrouping(dimensions: readonly CubeDimension[]): boolean {
  if (new Set(dimensions).size !== dimensions.length) return false;
  if (dimensions.length <= 1) return dimensions.every((dimension) => DIMENSIONS[dimension].cube !== 'none');
  return dimensions.length === 2 && dimensions.every((dimension) => DIMENSIONS[dimension].cube === 'low');
}

const LABELS: Record<string, string> = {
  [NOT_SELF_IDENTIFIED]: 'Did not self-identify',
  [UNKNOWN]: 'Unknown',
  female: 'Female',
  male: 'Male',
  hispanic_latino: 'Hispanic or Latino',
  not_hispanic_latino: 'Not Hispanic or Latino',
  american_indian_alaska_native: 'American Indian or Alaska Native',
  asian: 'Asian',
  black_african_american: 'Black or African American',
  native_hawaiian_pacific_islander: 'Native Hawaiian or Other Pacific Islander',
  white: 'White',
  two_or_more: 'Two or more races',
  veteran: 'Veteran',
  non_veteran: 'Non-veteran',
  non_veteran_other_eligible: 'Non-veteran, other eligible person',
  veteran_eligible: 'Eligible veteran',
  yes: 'Yes',
  no: 'No',
  not_hs_graduate: 'Not a high school graduate',
  hs_graduate: 'High school graduate (incl. equivalency)',
  some_college_or_associate: "Some college or associate's degree",
  bachelor: "Bachelor's degree",
  master: "Master's degree",
  doctorate_or_professional: 'Doctorate or professional degree',
  under_16: 'Under 16',
  '16_24': '16–24',
  '25_54': '25–54',
  '55_plus': '55 and over',
  '16_19': '16–19',
  '20_24': '20–24',
  '25_34': '25–34',
  '35_44': '35–44',
  '45_54': '45–54',
  '55_64': '55–64',
  '65_plus': '65 and over',
};

/** 2-digit NAICS sectors (2022). Manufacturing, retail and transportation span several codes. */
export const NAICS_SECTORS: Record<string, string> = {
  '11': 'Agriculture, Forestry, Fishing and Hunting',
  '21': 'Mining, Quarrying, and Oil and Gas Extraction',
  '22': 'Utilities',
  '23': 'Construction',
  '31': 'Manufacturing',
  '32': 'Manufacturing',
  '33': 'Manufacturing',
  '42': 'Wholesale Trade',
  '44': 'Retail Trade',
  '45': 'Retail Trade',
  '48': 'Transportation and Warehousing',
  '49': 'Transportation and Warehousing',
  '51': 'Information',
  '52': 'Finance and Insurance',
  '53': 'Real Estate and Rental and Leasing',
  '54': 'Professional, Scientific, and Technical Services',
  '55': 'Management of Companies and Enterprises',
  '56': 'Administrative and Support and Waste Management and Remediation Services',
  '61': 'Educational Services',
  '62': 'Health Care and Social Assistance',
  '71': 'Arts, Entertainment, and Recreation',
  '72': 'Accommodation and Food Services',
  '81': 'Other Services (except Public Administration)',
  '92': 'Public Administration',
};

/** A label for a closed-vocabulary value; ids and codes are labelled from the database instead. */
export function valueLabel(dimension: OutcomeDimension, value: string): string {
  if (dimension === OutcomeDimension.NAICS) return NAICS_SECTORS[value] ?? LABELS[value] ?? value;
  return LABELS[value] ?? value;
}
