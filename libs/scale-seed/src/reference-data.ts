/**
 * The vocabularies and proportions generated data is drawn from. Sources and assumptions:
 *
 * - States: 2020 Census apportionment populations (millions, rounded) of the 40 most populous
 *   states; the OA/SAA split follows apprenticeship.gov's state map as remembered, not checked
 *   (illustrative). FIPS codes are real; zip prefixes are one real prefix per state; county codes
 *   are made up from the state code. Wage factors are rough regional cost levels (assumption).
 * - Occupations: only 0159 Electrician is a documented RAPIDS code (dol.md §4.2); 0419, 0296, 0062
 *   and 1080 come from the seed brief and the demo list; every other RAPIDS code is ILLUSTRATIVE.
 *   O*NET-SOC codes and titles are real. Weights mimic RAPIDS's construction-heavy mix (about 60%
 *   construction, 14% manufacturing); women's shares per occupation are assumptions tuned so the
 *   total is near the ~13% women among apprentices on apprenticeship.gov's dashboards.
 * - Demographics: proportions near apprenticeship.gov national figures (FY2019–FY2024) as
 *   remembered: ~13% women, ~7% veterans, Hispanic ~20%, Black ~12%; about 5% "did not
 *   self-identify" per field; education mostly high school. Unverified: treat as plausible, not
 *   as statistics.
 */

export interface StateInfo {
  code: string;
  name: string;
  fips: string;
  populationMillions: number;
  agency: 'OA' | 'SAA';
  zip3: string;
  /** Multiplier on national journeyworker rates. */
  wageFactor: number;
}

const state = (
  code: string,
  name: string,
  fips: string,
  populationMillions: number,
  agency: 'OA' | 'SAA',
  zip3: string,
  wageFactor: number,
): StateInfo => ({ code, name, fips, populationMillions, agency, zip3, wageFactor });

export const STATES: readonly StateInfo[] = [
  state('CA', 'California', '06', 39.5, 'SAA', '900', 1.25),
  state('TX', 'Texas', '48', 29.1, 'OA', '750', 0.95),
  state('FL', 'Florida', '12', 21.5, 'SAA', '330', 0.92),
  state('NY', 'New York', '36', 20.2, 'SAA', '100', 1.22),
  state('PA', 'Pennsylvania', '42', 13.0, 'SAA', '191', 1.02),
  state('IL', 'Illinois', '17', 12.8, 'OA', '606', 1.1),
  state('OH', 'Ohio', '39', 11.8, 'SAA', '432', 0.98),
  state('GA', 'Georgia', '13', 10.7, 'OA', '303', 0.92),
  state('NC', 'North Carolina', '37', 10.4, 'SAA', '275', 0.9),
  state('MI', 'Michigan', '26', 10.1, 'OA', '482', 1.0),
  state('NJ', 'New Jersey', '34', 9.3, 'OA', '070', 1.18),
  state('VA', 'Virginia', '51', 8.6, 'SAA', '232', 1.0),
  state('WA', 'Washington', '53', 7.7, 'SAA', '981', 1.18),
  state('AZ', 'Arizona', '04', 7.2, 'SAA', '850', 0.95),
  state('MA', 'Massachusetts', '25', 7.0, 'SAA', '021', 1.2),
  state('TN', 'Tennessee', '47', 6.9, 'OA', '372', 0.9),
  state('IN', 'Indiana', '18', 6.8, 'OA', '462', 0.95),
  state('MD', 'Maryland', '24', 6.2, 'SAA', '212', 1.08),
  state('MO', 'Missouri', '29', 6.2, 'OA', '631', 0.95),
  state('WI', 'Wisconsin', '55', 5.9, 'SAA', '532', 1.0),
  state('CO', 'Colorado', '08', 5.8, 'OA', '802', 1.05),
  state('MN', 'Minnesota', '27', 5.7, 'SAA', '554', 1.08),
  state('SC', 'South Carolina', '45', 5.1, 'OA', '292', 0.88),
  state('AL', 'Alabama', '01', 5.0, 'OA', '352', 0.87),
  state('LA', 'Louisiana', '22', 4.7, 'SAA', '701', 0.9),
  state('KY', 'Kentucky', '21', 4.5, 'SAA', '402', 0.9),
  state('OR', 'Oregon', '41', 4.2, 'SAA', '972', 1.1),
  state('OK', 'Oklahoma', '40', 4.0, 'OA', '731', 0.88),
  state('CT', 'Connecticut', '09', 3.6, 'SAA', '061', 1.15),
  state('UT', 'Utah', '49', 3.3, 'OA', '841', 0.97),
  state('IA', 'Iowa', '19', 3.2, 'OA', '503', 0.93),
  state('NV', 'Nevada', '32', 3.1, 'SAA', '891', 1.02),
  state('AR', 'Arkansas', '05', 3.0, 'OA', '722', 0.85),
  state('MS', 'Mississippi', '28', 3.0, 'OA', '392', 0.84),
  state('KS', 'Kansas', '20', 2.9, 'SAA', '666', 0.92),
  state('NM', 'New Mexico', '35', 2.1, 'SAA', '871', 0.9),
  state('NE', 'Nebraska', '31', 2.0, 'OA', '681', 0.93),
  state('ID', 'Idaho', '16', 1.8, 'OA', '837', 0.9),
  state('WV', 'West Virginia', '54', 1.8, 'OA', '253', 0.88),
  state('HI', 'Hawaii', '15', 1.5, 'SAA', '968', 1.15),
];

export type Sector = 'construction' | 'manufacturing' | 'healthcare' | 'education' | 'technology' | 'services';
export type Approach = 'time_based' | 'competency_based' | 'hybrid';

export interface OccupationInfo {
  rapidsCode: string;
  onetSocCode: string;
  title: string;
  onetTitle: string;
  approach: Approach;
  ojtTermHours: number;
  termMonths: number;
  sector: Sector;
  /** Share of apprentices who are women. */
  femaleShare: number;
  /** National journeyworker rate, in cents. */
  journeyworkerRateCents: number;
  /** Relative share of programs. */
  weight: number;
}

const occupation = (
  rapidsCode: string,
  onetSocCode: string,
  title: string,
  onetTitle: string,
  approach: Approach,
  ojtTermHours: number,
  termMonths: number,
  sector: Sector,
  femaleShare: number,
  journeyworkerRateCents: number,
  weight: number,
): OccupationInfo => ({
  rapidsCode,
  onetSocCode,
  title,
  onetTitle,
  approach,
  ojtTermHours,
  termMonths,
  sector,
  femaleShare,
  journeyworkerRateCents,
  weight,
});

export const OCCUPATIONS: readonly OccupationInfo[] = [
  occupation('0159', '47-2111.00', 'Electrician', 'Electricians', 'time_based', 8000, 48, 'construction', 0.035, 4000, 13),
  occupation('0062', '47-2031.00', 'Carpenter', 'Carpenters', 'time_based', 8000, 48, 'construction', 0.035, 3600, 8),
  occupation('0419', '47-2152.00', 'Plumber', 'Plumbers, Pipefitters, and Steamfitters', 'time_based', 8000, 48, 'construction', 0.025, 4000, 6),
  occupation('0510', '47-2211.00', 'Sheet Metal Worker', 'Sheet Metal Workers', 'time_based', 8000, 48, 'construction', 0.03, 3800, 4),
  occupation('0550', '47-2221.00', 'Structural Steel Worker', 'Structural Iron and Steel Workers', 'time_based', 6000, 36, 'construction', 0.02, 3900, 3),
  occupation('0041', '47-2021.00', 'Bricklayer', 'Brickmasons and Blockmasons', 'time_based', 6000, 36, 'construction', 0.02, 3400, 2),
  occupation('0919', '47-2061.00', 'Construction Craft Laborer', 'Construction Laborers', 'time_based', 4000, 24, 'construction', 0.06, 3000, 6),
  occupation('0406', '47-2073.00', 'Operating Engineer', 'Operating Engineers and Other Construction Equipment Operators', 'time_based', 6000, 36, 'construction', 0.05, 4000, 4),
  occupation('0402', '47-2141.00', 'Painter', 'Painters, Construction and Maintenance', 'time_based', 6000, 36, 'construction', 0.08, 3100, 3),
  occupation('0466', '47-2181.00', 'Roofer', 'Roofers', 'time_based', 4000, 24, 'construction', 0.02, 3000, 2),
  occupation('0235', '49-9021.00', 'Heating and Air Conditioning Installer', 'Heating, Air Conditioning, and Refrigeration Mechanics and Installers', 'time_based', 8000, 48, 'construction', 0.02, 3300, 3),
  occupation('0167', '47-4021.00', 'Elevator Constructor', 'Elevator and Escalator Installers and Repairers', 'time_based', 8000, 48, 'construction', 0.02, 5600, 1),
  occupation('0275', '49-9051.00', 'Line Erector', 'Electrical Power-Line Installers and Repairers', 'time_based', 7000, 42, 'construction', 0.02, 4800, 3),
  occupation('0264', '47-2132.00', 'Insulation Worker', 'Insulation Workers, Mechanical', 'time_based', 8000, 48, 'construction', 0.04, 3600, 1.5),
  occupation('0296', '51-4041.00', 'Machinist', 'Machinists', 'time_based', 8000, 48, 'manufacturing', 0.06, 3200, 3),
  occupation('0586', '51-4111.00', 'Tool and Die Maker', 'Tool and Die Makers', 'time_based', 8000, 48, 'manufacturing', 0.04, 3300, 1),
  occupation('0252', '49-9041.00', 'Industrial Maintenance Mechanic', 'Industrial Machinery Mechanics', 'hybrid', 8000, 48, 'manufacturing', 0.04, 3300, 4),
  occupation('0615', '51-4121.00', 'Welder, Combination', 'Welders, Cutters, Solderers, and Brazers', 'time_based', 6000, 36, 'manufacturing', 0.06, 2800, 3),
  occupation('1078CBV1', '51-9161.00', 'CNC Operator', 'Computer Numerically Controlled Tool Operators', 'competency_based', 2000, 12, 'manufacturing', 0.08, 2700, 2),
  occupation('1080', '31-9092.00', 'Medical Assistant', 'Medical Assistants', 'time_based', 2000, 12, 'healthcare', 0.88, 2100, 2.5),
  occupation('1059', '29-2052.00', 'Pharmacy Technician', 'Pharmacy Technicians', 'hybrid', 2000, 12, 'healthcare', 0.78, 2100, 1),
  occupation('1079', '29-2061.00', 'Licensed Practical Nurse', 'Licensed Practical and Licensed Vocational Nurses', 'time_based', 3000, 18, 'healthcare', 0.88, 2900, 1),
  occupation('1084', '31-1122.00', 'Direct Support Specialist', 'Personal Care Aides', 'hybrid', 3000, 18, 'healthcare', 0.8, 1800, 1.5),
  occupation('0805', '25-2011.00', 'Child Care Development Specialist', 'Preschool Teachers, Except Special Education', 'time_based', 4000, 24, 'education', 0.94, 1900, 1.5),
  occupation('1132', '15-1252.00', 'Software Developer', 'Software Developers', 'hybrid', 2000, 12, 'technology', 0.22, 4800, 1.5),
  occupation('1135', '15-1232.00', 'Computer User Support Specialist', 'Computer User Support Specialists', 'hybrid', 2000, 12, 'technology', 0.25, 2700, 2),
  occupation('2042', '15-1212.00', 'Cybersecurity Support Technician', 'Information Security Analysts', 'hybrid', 2000, 12, 'technology', 0.2, 4000, 1.5),
  occupation('0103', '35-2014.00', 'Cook', 'Cooks, Restaurant', 'time_based', 6000, 36, 'services', 0.35, 1900, 1.5),
  occupation('0105', '33-3012.00', 'Correctional Officer', 'Correctional Officers and Jailers', 'time_based', 2000, 12, 'services', 0.3, 2700, 3),
  occupation('1096', '53-3032.00', 'Heavy Truck Driver', 'Heavy and Tractor-Trailer Truck Drivers', 'time_based', 2000, 12, 'services', 0.07, 2800, 3),
  occupation('0027', '49-3023.00', 'Automotive Technician', 'Automotive Service Technicians and Mechanics', 'time_based', 8000, 48, 'services', 0.03, 2800, 2.5),
  occupation('2026CB', '13-1071.00', 'Human Resource Specialist', 'Human Resources Specialists', 'competency_based', 2000, 12, 'services', 0.7, 3200, 0.5),
];

/** NAICS codes for sponsors and employers, by sector. */
export const SECTOR_NAICS: Record<Sector, readonly string[]> = {
  construction: ['238210', '238220', '238130', '236220', '238120', '238140', '237130', '238310'],
  manufacturing: ['332710', '333517', '336390', '332999', '333249', '331110'],
  healthcare: ['621111', '622110', '623110', '446110', '624120'],
  education: ['624410', '611110'],
  technology: ['541511', '541512', '518210', '541519'],
  services: ['722511', '922140', '484121', '811111', '561330'],
};

/** Words that make sponsor and employer names, by sector. */
export const SECTOR_NAME_WORDS: Record<Sector, { trades: readonly string[]; suffixes: readonly string[] }> = {
  construction: {
    trades: ['Electrical', 'Building Trades', 'Mechanical', 'Construction', 'Pipe Trades', 'Contractors', 'Builders'],
    suffixes: ['JATC', 'Joint Apprenticeship Committee', 'Training Trust', 'Inc.', 'LLC', 'Association'],
  },
  manufacturing: {
    trades: ['Precision', 'Manufacturing', 'Machine Works', 'Tool & Die', 'Fabrication', 'Industries'],
    suffixes: ['Inc.', 'LLC', 'Corporation', 'Co.'],
  },
  healthcare: { trades: ['Health', 'Medical Group', 'Care Partners', 'Health System', 'Clinics'], suffixes: ['', 'Inc.', 'Network'] },
  education: { trades: ['Early Learning', 'Child Development', 'Head Start'], suffixes: ['Center', 'Council', 'Inc.'] },
  technology: { trades: ['Technologies', 'Digital', 'Software', 'Cyber', 'Systems'], suffixes: ['Inc.', 'LLC', 'Group'] },
  services: { trades: ['Logistics', 'Hospitality', 'Corrections', 'Auto Group', 'Services', 'Transport'], suffixes: ['Inc.', 'LLC', 'Department', 'Co.'] },
};

export const PLACE_WORDS: readonly string[] = [
  'Great Lakes', 'Riverside', 'Summit', 'Heartland', 'Pioneer', 'Valley', 'Coastal', 'Northern', 'Southern', 'Prairie',
  'Mountain', 'Lakeshore', 'Capital', 'Metro', 'Tri-County', 'Bay Area', 'Gulf Coast', 'Piedmont', 'Cascade', 'Keystone',
  'Frontier', 'Liberty', 'Golden', 'Evergreen', 'Red River', 'Blue Ridge', 'Harbor', 'Central', 'Eastern', 'Western',
  'Midland', 'Canyon', 'Sierra', 'Ozark', 'Cumberland', 'Mesa', 'Desert', 'Atlantic', 'Pacific', 'Union',
];

/** Work processes by sector, in the order a program lists them. */
export const SECTOR_WORK_PROCESSES: Record<Sector, readonly string[]> = {
  construction: [
    'Orientation, safety and tools',
    'Blueprint reading and layout',
    'Material handling and rigging',
    'Rough-in installation',
    'Finish installation',
    'Testing, inspection and code compliance',
    'Service, repair and maintenance',
    'Jobsite coordination and estimating',
  ],
  manufacturing: [
    'Safety and shop practices',
    'Bench work and layout',
    'Machine setup',
    'Machine operation',
    'Programming',
    'Inspection and quality control',
    'Preventive maintenance',
    'Troubleshooting and repair',
  ],
  healthcare: [
    'Orientation, infection control and safety',
    'Clinical procedures',
    'Patient care and communication',
    'Administrative duties',
    'Laboratory procedures',
    'Medication and pharmacology',
    'Documentation and records',
    'Professional conduct and ethics',
  ],
  education: [
    'Health, safety and nutrition',
    'Child growth and development',
    'Learning environment',
    'Curriculum planning',
    'Family and community relations',
    'Observation and assessment',
    'Program management',
    'Professionalism',
  ],
  technology: [
    'Workplace orientation and security',
    'Operating systems and hardware',
    'Networking',
    'Customer support',
    'Scripting and automation',
    'Security monitoring',
    'Software development practices',
    'Documentation and change control',
  ],
  services: [
    'Orientation and safety',
    'Equipment operation',
    'Core procedures',
    'Customer and public interaction',
    'Inspection and maintenance',
    'Regulations and compliance',
    'Records and reporting',
    'Supervision and teamwork',
  ],
};

export const MALE_FIRST_NAMES: readonly string[] = [
  'James', 'Michael', 'Robert', 'John', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Christopher', 'Charles',
  'Daniel', 'Matthew', 'Anthony', 'Mark', 'Steven', 'Andrew', 'Joshua', 'Kevin', 'Brian', 'Ryan', 'Jacob', 'Nicholas',
  'Tyler', 'Brandon', 'Justin', 'Austin', 'Dylan', 'Ethan', 'Noah', 'Logan', 'Caleb', 'Cody', 'Kyle', 'Jose', 'Luis',
  'Carlos', 'Juan', 'Miguel', 'Angel', 'Jesus', 'Diego', 'Marcus', 'Jamal', 'Darnell', 'Andre', 'Terrell', 'Minh',
  'Wei', 'Raj', 'Ahmed', 'Omar', 'Hunter', 'Connor', 'Zachary', 'Trevor', 'Devin', 'Aaron', 'Jordan', 'Travis',
];

export const FEMALE_FIRST_NAMES: readonly string[] = [
  'Mary', 'Jennifer', 'Jessica', 'Sarah', 'Ashley', 'Emily', 'Amanda', 'Samantha', 'Elizabeth', 'Megan', 'Hannah',
  'Taylor', 'Lauren', 'Brittany', 'Rachel', 'Stephanie', 'Nicole', 'Kayla', 'Alexis', 'Madison', 'Olivia', 'Emma',
  'Maria', 'Ana', 'Rosa', 'Gabriela', 'Daniela', 'Alejandra', 'Keisha', 'Aaliyah', 'Imani', 'Jasmine', 'Tiana',
  'Linh', 'Mei', 'Priya', 'Fatima', 'Aisha', 'Courtney', 'Danielle', 'Amber', 'Heather', 'Kelsey', 'Morgan', 'Brianna',
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
  'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker',
  'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez',
  'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward',
  'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', "O'Brien", 'Kowalski',
  'Jansen', 'Bigeagle', 'Tran', 'Chen', 'Singh', 'Begay', 'Kealoha',
];

/** Why a registration changed status; free text, as RAPIDS's apprstatusreason is (dol.md §4.1). */
export const REASONS = {
  entered: 'Apprenticeship agreement entered',
  registered: 'Registered by the registration agency',
  completed: 'Completed all work processes and related instruction',
  withdrawn: ['Applicant withdrew before registration', 'Registration not approved: incomplete agreement'],
  probationCancel: [
    'Cancelled during probation: did not report to work',
    'Cancelled during probation: left for other employment',
    'Cancelled during probation: not suited to the trade',
    'Cancelled during probation: attendance',
  ],
  cancel: [
    'Left for other employment',
    'Laid off: lack of work',
    'Voluntary quit: personal reasons',
    'Failed to meet program requirements',
    'Attendance',
    'Moved out of the area',
    'Terminated for cause',
    'Did not complete related instruction',
  ],
  suspend: ['Laid off: lack of work', 'Extended medical leave', 'Called to military service', 'Family leave'],
  reinstate: 'Returned to work',
  cancelFromSuspension: 'Did not return from suspension',
  transferOut: ['Transferred to another sponsor', 'Transferred to another employer', 'Employer closed: transferred'],
} as const;
