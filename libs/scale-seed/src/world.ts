import { percentOfRate } from '@journeyline/common/money';
import { Day, dayFromCivil, isoOf } from './day-calendar';
import { Prng, Weighted } from './prng';
import {
  OCCUPATIONS,
  OccupationInfo,
  PLACE_WORDS,
  SECTOR_NAICS,
  SECTOR_NAME_WORDS,
  SECTOR_WORK_PROCESSES,
  Sector,
  STATES,
  StateInfo,
} from './reference-data';

/**
 * The organizations and program standards apprentices are drawn into: sponsors spread over the
 * states by population, each with one to three programs (one standards version, one occupation,
 * 4–8 work processes and a percentage wage schedule each), their employers, a few intermediaries,
 * one state agency and one RTI provider per state. Small next to the apprentices, so it is built
 * once in memory; every apprentice is then generated from it independently.
 */

export const STREAM_WORLD = 1;
export const STREAM_APPRENTICE = 2;
export const STREAM_HOURS = 3;

export interface WageStep {
  id: string;
  step: number;
  thresholdKind: 'hours' | 'months';
  thresholdValue: number;
  /** Percent steps carry basis points; absolute steps only a rate. */
  percentBasisPoints: number | null;
  /** The hourly rate the step pays, in cents (for percent steps, derived from the journeyworker rate). */
  rateCents: number;
}

export interface WorkProcess {
  id: string;
  position: number;
  title: string;
  minHours: number;
  maxHours: number;
}

export interface ProgramOccupation {
  index: number;
  id: string;
  programId: string;
  versionId: string;
  programName: string;
  programNumber: string;
  effectiveDate: Day;
  sponsor: Sponsor;
  occupationIndex: number;
  occupation: OccupationInfo;
  ojtTermHours: number;
  termMonths: number;
  rtiHoursPerYear: number;
  rtiPaid: boolean;
  probationMonths: number;
  ratioApprentices: number;
  ratioJourneyworkers: number;
  journeyworkerRateCents: number;
  wageStepMode: 'automatic' | 'confirm';
  vaFacilityCode: string | null;
  steps: WageStep[];
  workProcesses: WorkProcess[];
  /** Running totals of the work processes' minimum hours, to place an hour of progress in one. */
  cumulativeMinHours: number[];
  courseId: string;
}

export interface Sponsor {
  index: number;
  id: string;
  name: string;
  state: StateInfo;
  sector: Sector;
  naicsCode: string;
  countyFips: string;
  ein: string;
  programOccupations: ProgramOccupation[];
  programPicker: Weighted<ProgramOccupation>;
  /** Employers of its apprentices; a single-employer sponsor employs them itself. */
  employerIds: string[];
}

export interface OrganizationRow {
  id: string;
  kind: 'sponsor' | 'employer' | 'intermediary' | 'rti_provider' | 'state_agency';
  name: string;
  state: string | null;
  ein: string | null;
  naicsCode: string | null;
  countyFips: string | null;
}

export interface World {
  sponsors: Sponsor[];
  sponsorPicker: Weighted<Sponsor>;
  programOccupations: ProgramOccupation[];
  /** Program occupations by `${state}|${occupationIndex}`, for transfers within an occupation. */
  byStateOccupation: Map<string, ProgramOccupation[]>;
  byState: Map<string, ProgramOccupation[]>;
  /** Every organization to insert, sponsors first. */
  organizations: OrganizationRow[];
  intermediaryClients: Array<[intermediaryId: string, sponsorId: string]>;
  sponsorEmployers: Array<[sponsorId: string, employerId: string]>;
  /** [employerId, journeyworkers on hand] for ratio checks. */
  journeyworkerCounts: Array<[employerId: string, journeyworkers: number]>;
  courses: Array<{ id: string; providerId: string; code: string; title: string; hours: number }>;
}

export const STANDARDS_EFFECTIVE_FROM = dayFromCivil(2008, 1, 1);
export const STANDARDS_EFFECTIVE_TO = dayFromCivil(2013, 9, 30);

const INTERMEDIARY_NAMES = ['Apprenticeship Partners', 'Workforce Alliance', 'Apprenticeship Network', 'Industry Training Council'];
const stateWeights = new Weighted(STATES.map((info) => [info, info.populationMillions] as const));
const occupationWeights = new Weighted(OCCUPATIONS.map((info, index) => [index, info.weight] as const));

const digits = (prng: Prng, count: number): string => {
  let text = '';
  for (let index = 0; index < count; index += 1) text += String(prng.int(0, 9));
  return text;
};

/** Whole hours rounded to the nearest multiple of `unit`. */
const roundTo = (value: number, unit: number): number => Math.round(value / unit) * unit;

/** Sponsors for N apprentices: about one per 200 (at least 5), as the brief's proportions suggest. */
export function sponsorCount(apprentices: number): number {
  return Math.max(5, Math.round(apprentices / 200));
}

export function buildWorld(seed: number, apprentices: number): World {
  const prng = new Prng(seed, STREAM_WORLD, 0);
  const organizations: OrganizationRow[] = [];
  const sponsorEmployers: World['sponsorEmployers'] = [];
  const journeyworkerCounts: World['journeyworkerCounts'] = [];
  const programOccupations: ProgramOccupation[] = [];
  const sponsors: Sponsor[] = [];
  const sponsorTotal = sponsorCount(apprentices);

  // Sponsor sizes are lognormal: most are small, a few joint committees train hundreds.
  const sizes = Array.from({ length: sponsorTotal }, () => Math.exp(1.1 * prng.normal()));
  const sizeTotal = sizes.reduce((sum, size) => sum + size, 0);

  for (let index = 0; index < sponsorTotal; index += 1) {
    const home = stateWeights.draw(prng);
    const firstOccupation = occupationWeights.draw(prng);
    const sector = OCCUPATIONS[firstOccupation].sector;
    const words = SECTOR_NAME_WORDS[sector];
    const suffix = prng.pick(words.suffixes);
    const sponsor: Sponsor = {
      index,
      id: prng.uuid(),
      name: `${prng.pick(PLACE_WORDS)} ${prng.pick(words.trades)}${suffix ? ` ${suffix}` : ''}`,
      state: home,
      sector,
      naicsCode: prng.pick(SECTOR_NAICS[sector]),
      countyFips: `${home.fips}${String(prng.int(0, 99) * 2 + 1).padStart(3, '0')}`,
      ein: digits(prng, 9),
      programOccupations: [],
      programPicker: undefined as unknown as Weighted<ProgramOccupation>,
      employerIds: [],
    };
    organizations.push({
      id: sponsor.id,
      kind: 'sponsor',
      name: sponsor.name,
      state: home.code,
      ein: sponsor.ein,
      naicsCode: sponsor.naicsCode,
      countyFips: sponsor.countyFips,
    });

    const programTotal = prng.next() < 0.6 ? 1 : prng.next() < 0.75 ? 2 : 3;
    const occupationIndexes = [firstOccupation];
    for (let attempt = 0; occupationIndexes.length < programTotal && attempt < 20; attempt += 1) {
      const candidate = occupationWeights.draw(prng);
      // Sponsors mostly stay in their own sector.
      if (occupationIndexes.includes(candidate)) continue;
      if (OCCUPATIONS[candidate].sector !== sector && prng.next() < 0.8) continue;
      occupationIndexes.push(candidate);
    }
    const programWeights: Array<[ProgramOccupation, number]> = [];
    occupationIndexes.forEach((occupationIndex, position) => {
      const programOccupation = buildProgramOccupation(prng, sponsor, occupationIndex, programOccupations.length);
      programOccupations.push(programOccupation);
      sponsor.programOccupations.push(programOccupation);
      programWeights.push([programOccupation, position === 0 ? 3 : 1]);
    });
    sponsor.programPicker = new Weighted(programWeights);

    // Group and joint programs place apprentices with many employers; others employ them directly.
    const expectedApprentices = (apprentices * sizes[index]) / sizeTotal;
    if (prng.next() < 0.45 && expectedApprentices >= 10) {
      const employerTotal = Math.min(60, Math.max(2, Math.round(expectedApprentices / 25)));
      for (let position = 0; position < employerTotal; position += 1) {
        const employerId = prng.uuid();
        const tradeWords = SECTOR_NAME_WORDS[sector];
        organizations.push({
          id: employerId,
          kind: 'employer',
          name: `${prng.pick(PLACE_WORDS)} ${prng.pick(tradeWords.trades)} ${prng.pick(['Inc.', 'LLC', 'Co.', 'Corp.'])}`,
          state: home.code,
          ein: digits(prng, 9),
          naicsCode: prng.pick(SECTOR_NAICS[sector]),
          countyFips: `${home.fips}${String(prng.int(0, 99) * 2 + 1).padStart(3, '0')}`,
        });
        sponsorEmployers.push([sponsor.id, employerId]);
        sponsor.employerIds.push(employerId);
        journeyworkerCounts.push([employerId, prng.int(2, 12) * Math.max(1, Math.round(expectedApprentices / employerTotal / 4))]);
      }
    } else {
      sponsor.employerIds.push(sponsor.id);
      journeyworkerCounts.push([sponsor.id, Math.max(2, Math.round(expectedApprentices * (0.5 + prng.next())))]);
    }
    sponsors.push(sponsor);
  }

  // A few intermediaries, each serving sponsors of one region (or nationally).
  const intermediaryClients: World['intermediaryClients'] = [];
  const intermediaryTotal = Math.max(1, Math.round(sponsorTotal / 80));
  for (let index = 0; index < intermediaryTotal; index += 1) {
    const id = prng.uuid();
    const home = stateWeights.draw(prng);
    const local = sponsors.filter((sponsor) => sponsor.state === home);
    const national = prng.next() < 0.3 || local.length < 3;
    organizations.push({
      id,
      kind: 'intermediary',
      name: `${national ? 'National' : home.name} ${prng.pick(INTERMEDIARY_NAMES)}`,
      state: national ? null : home.code,
      ein: digits(prng, 9),
      naicsCode: '611430',
      countyFips: null,
    });
    const pool = national ? sponsors : local;
    const clients = new Set<Sponsor>();
    const wanted = Math.min(pool.length, prng.int(3, 30));
    for (let attempt = 0; clients.size < wanted && attempt < wanted * 4; attempt += 1) clients.add(prng.pick(pool));
    for (const client of clients) intermediaryClients.push([id, client.id]);
  }

  const courses: World['courses'] = [];
  for (const home of STATES) {
    organizations.push({
      id: prng.uuid(),
      kind: 'state_agency',
      name: home.agency === 'SAA' ? `${home.name} State Apprenticeship Agency` : `Office of Apprenticeship, ${home.name}`,
      state: home.code,
      ein: null,
      naicsCode: '926150',
      countyFips: null,
    });
    const providerId = prng.uuid();
    organizations.push({
      id: providerId,
      kind: 'rti_provider',
      name: `${home.name} Technical College`,
      state: home.code,
      ein: digits(prng, 9),
      naicsCode: '611210',
      countyFips: `${home.fips}${String(prng.int(0, 99) * 2 + 1).padStart(3, '0')}`,
    });
    const courseIds = new Map<number, string>();
    for (const programOccupation of programOccupations) {
      if (programOccupation.sponsor.state !== home) continue;
      let courseId = courseIds.get(programOccupation.occupationIndex);
      if (!courseId) {
        courseId = prng.uuid();
        courseIds.set(programOccupation.occupationIndex, courseId);
        courses.push({
          id: courseId,
          providerId,
          code: `${programOccupation.occupation.rapidsCode}-RI`,
          title: `${programOccupation.occupation.title} related instruction`,
          hours: programOccupation.rtiHoursPerYear,
        });
      }
      programOccupation.courseId = courseId;
    }
  }

  const byStateOccupation = new Map<string, ProgramOccupation[]>();
  const byState = new Map<string, ProgramOccupation[]>();
  for (const programOccupation of programOccupations) {
    const state = programOccupation.sponsor.state.code;
    const key = `${state}|${programOccupation.occupationIndex}`;
    byStateOccupation.set(key, [...(byStateOccupation.get(key) ?? []), programOccupation]);
    byState.set(state, [...(byState.get(state) ?? []), programOccupation]);
  }

  return {
    sponsors,
    sponsorPicker: new Weighted(sponsors.map((sponsor, index) => [sponsor, sizes[index]] as const)),
    programOccupations,
    byStateOccupation,
    byState,
    organizations,
    intermediaryClients,
    sponsorEmployers,
    journeyworkerCounts,
    courses,
  };
}

function buildProgramOccupation(prng: Prng, sponsor: Sponsor, occupationIndex: number, index: number): ProgramOccupation {
  const occupation = OCCUPATIONS[occupationIndex];
  const { ojtTermHours, termMonths } = occupation;
  const effectiveDate = prng.int(STANDARDS_EFFECTIVE_FROM, STANDARDS_EFFECTIVE_TO);
  // Probation: at most a quarter of the term and a year (29 CFR 29.5(b)(8)).
  const maxProbation = Math.min(12, Math.floor(termMonths / 4));
  const probationChoices = [3, 6, 9, 12].filter((months) => months <= maxProbation);
  const [ratioApprentices, ratioJourneyworkers] = prng.pick([[1, 1], [1, 1], [1, 2], [1, 3], [2, 1], [3, 1]] as const);
  const journeyworkerRateCents = roundTo(occupation.journeyworkerRateCents * sponsor.state.wageFactor * (0.85 + 0.3 * prng.next()), 25);

  // A progressively increasing schedule (29 CFR 29.7(g)): semi-annual steps for multi-year terms.
  const stepTotal = termMonths >= 24 ? termMonths / 6 : 3;
  const byHours = occupation.approach === 'time_based';
  const firstBasisPoints = prng.int(45, 60) * 100;
  const lastBasisPoints = prng.int(85, 95) * 100;
  const percentSteps = prng.next() < 0.8;
  const steps: WageStep[] = [];
  for (let position = 0; position < stepTotal; position += 1) {
    const basisPoints = roundTo(firstBasisPoints + ((lastBasisPoints - firstBasisPoints) * position) / (stepTotal - 1), 100);
    const rateCents = percentOfRate(journeyworkerRateCents, basisPoints);
    steps.push({
      id: prng.uuid(),
      step: position + 1,
      thresholdKind: byHours ? 'hours' : 'months',
      thresholdValue: byHours ? roundTo((ojtTermHours * position) / stepTotal, 100) : Math.round((termMonths * position) / stepTotal),
      percentBasisPoints: percentSteps ? basisPoints : null,
      rateCents,
    });
  }

  const sectorProcesses = SECTOR_WORK_PROCESSES[occupation.sector];
  const processTotal = prng.int(4, 8);
  const shares = Array.from({ length: processTotal }, () => 0.5 + prng.next());
  const shareTotal = shares.reduce((sum, share) => sum + share, 0);
  const workProcesses: WorkProcess[] = [];
  // Rounded running boundaries: the minimums add up to the term exactly, each at least 50 hours.
  let shareSoFar = 0;
  let previousBoundary = 0;
  for (let position = 0; position < processTotal; position += 1) {
    shareSoFar += shares[position];
    const boundary = position === processTotal - 1 ? ojtTermHours : roundTo((ojtTermHours * shareSoFar) / shareTotal, 50);
    const minHours = boundary - previousBoundary;
    previousBoundary = boundary;
    workProcesses.push({
      id: prng.uuid(),
      position: position + 1,
      title: sectorProcesses[position],
      minHours,
      maxHours: minHours + roundTo(minHours * 0.25, 50),
    });
  }
  let running = 0;
  const cumulativeMinHours = workProcesses.map((process) => (running += process.minHours));

  const programId = prng.uuid();
  const effectiveYear = Number(isoOf(effectiveDate).slice(0, 4));
  const vaApproved = prng.next() < 0.42;
  return {
    index,
    id: prng.uuid(),
    programId,
    versionId: prng.uuid(),
    programName: `${occupation.title} Apprenticeship`,
    programNumber: `${effectiveYear}-${sponsor.state.code}-${200000 + index}`,
    effectiveDate,
    sponsor,
    occupationIndex,
    occupation,
    ojtTermHours,
    termMonths,
    rtiHoursPerYear: prng.pick([144, 144, 144, 160, 180, 216]),
    rtiPaid: prng.next() < 0.55,
    probationMonths: prng.pick(probationChoices.length ? probationChoices : [Math.max(1, maxProbation)]),
    ratioApprentices,
    ratioJourneyworkers,
    journeyworkerRateCents,
    wageStepMode: prng.next() < 0.4 ? 'automatic' : 'confirm',
    vaFacilityCode: vaApproved ? `${prng.int(1, 3)}0${digits(prng, 6)}` : null,
    steps,
    workProcesses,
    cumulativeMinHours,
    courseId: '',
  };
}
