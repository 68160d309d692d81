import { FieldProblem } from '@journeyline/common/domain-error';
import { decimalToCents, percentToBasisPoints } from '@journeyline/common/money';
import type { Approach } from './program-occupation.entity';
import { ProgramOccupationInput, WageScheduleStepInput } from './program.models';
import { OccupationStandards } from './standards-rules';

/** What the standards checks need to know about an occupation from the DOL list. */
export interface OccupationFacts {
  id: string;
  rapidsCode: string;
  title: string;
  approaches: Approach[];
  timeBasedHours: number | null;
}

const APPROACH_LABEL: Record<Approach, string> = {
  time_based: 'time-based',
  competency_based: 'competency-based',
  hybrid: 'hybrid',
};

/** VA's WEAM data marks OJT and apprenticeship facilities with 0 as the 2nd character. */
const FACILITY_CODE = /^[0-9A-Z]{8}$/;

/**
 * Problems with the shape of the standards that no rule setting can waive: unknown or repeated
 * occupations, an approach the occupation is not registered for, wage steps out of order, a step
 * with both or neither of percentage and rate, malformed VA approval. Paths are relative to the
 * mutation's `input`.
 */
export function standardsInputProblems(
  occupations: ProgramOccupationInput[],
  catalog: ReadonlyMap<string, OccupationFacts>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  occupations.forEach((occupation, index) => {
    const path = `occupations.${index}`;
    const facts = catalog.get(occupation.occupationId);
    if (!facts) {
      problems.push({ field: `${path}.occupationId`, reason: 'no occupation with this id' });
    } else if (!facts.approaches.includes(occupation.approach)) {
      problems.push({
        field: `${path}.approach`,
        reason: `${facts.title} (${facts.rapidsCode}) is not registered for the ${APPROACH_LABEL[occupation.approach]} approach; it allows ${facts.approaches.map((approach) => APPROACH_LABEL[approach]).join(', ')}`,
      });
    }
    if (seen.has(occupation.occupationId)) {
      problems.push({ field: `${path}.occupationId`, reason: 'is listed twice; list each occupation once' });
    }
    seen.add(occupation.occupationId);
    if (decimalToCents(occupation.journeyworkerRate) <= 0) {
      problems.push({ field: `${path}.journeyworkerRate`, reason: 'journeyworkerRate must be more than 0' });
    }
    occupation.workProcesses.forEach((process, processIndex) => {
      if (process.maxHours < process.minHours) {
        problems.push({
          field: `${path}.workProcesses.${processIndex}.maxHours`,
          reason: `maxHours (${process.maxHours}) must not be below minHours (${process.minHours})`,
        });
      }
    });
    problems.push(...wageScheduleProblems(occupation.wageSchedule, `${path}.wageSchedule`));
    if (occupation.va) problems.push(...vaProblems(occupation.va, `${path}.va`));
  });
  return problems;
}

function wageScheduleProblems(steps: WageScheduleStepInput[], path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const firstKind = steps[0]?.thresholdKind;
  steps.forEach((step, index) => {
    const stepPath = `${path}.${index}`;
    if (step.step !== index + 1) {
      problems.push({ field: `${stepPath}.step`, reason: `steps must be numbered 1, 2, 3… in order; expected ${index + 1}` });
    }
    if (index === 0 && step.thresholdValue !== 0) {
      problems.push({ field: `${stepPath}.thresholdValue`, reason: 'thresholdValue of step 1 must be 0: it is the entry wage' });
    }
    if (step.thresholdKind !== firstKind) {
      problems.push({ field: `${stepPath}.thresholdKind`, reason: "thresholdKind must be the same for every step (step 1's)" });
    }
    const hasPercent = step.percentOfJourneyworker !== undefined && step.percentOfJourneyworker !== null;
    const hasRate = step.rate !== undefined && step.rate !== null;
    if (hasPercent === hasRate) {
      problems.push({
        field: `${stepPath}.rate`,
        reason: hasRate ? 'give either rate or percentOfJourneyworker, not both' : 'give either rate or percentOfJourneyworker',
      });
    } else if (hasPercent && percentToBasisPoints(step.percentOfJourneyworker as string) <= 0) {
      problems.push({ field: `${stepPath}.percentOfJourneyworker`, reason: 'percentOfJourneyworker must be more than 0' });
    } else if (hasRate && decimalToCents(step.rate as string) <= 0) {
      problems.push({ field: `${stepPath}.rate`, reason: 'rate must be more than 0' });
    }
  });
  return problems;
}

function vaProblems(va: { facilityCode?: string | null; approvedProgramName?: string | null }, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const code = va.facilityCode ?? '';
  if (!code) {
    problems.push({ field: `${path}.facilityCode`, reason: 'facilityCode is required with approvedProgramName' });
  } else if (!FACILITY_CODE.test(code)) {
    problems.push({ field: `${path}.facilityCode`, reason: 'facilityCode must be 8 characters, digits or capital letters' });
  } else if (code[1] !== '0') {
    problems.push({
      field: `${path}.facilityCode`,
      reason: 'facilityCode must have 0 as its 2nd character: VA codes OJT and apprenticeship facilities that way',
    });
  }
  if (!va.approvedProgramName) {
    problems.push({ field: `${path}.approvedProgramName`, reason: 'approvedProgramName is required with facilityCode' });
  }
  return problems;
}

/** The input in the units the rules work in: cents and basis points. */
export function toOccupationStandards(input: ProgramOccupationInput): OccupationStandards {
  return {
    approach: input.approach,
    ojtTermHours: input.ojtTermHours,
    termMonths: input.termMonths,
    rtiHoursPerYear: input.rtiHoursPerYear,
    probationMonths: input.probationMonths,
    journeyworkerRateCents: decimalToCents(input.journeyworkerRate),
    workProcesses: input.workProcesses.map((process) => ({ minHours: process.minHours, maxHours: process.maxHours })),
    wageSchedule: input.wageSchedule.map((step) => ({
      thresholdKind: step.thresholdKind,
      thresholdValue: step.thresholdValue,
      percentBasisPoints: step.percentOfJourneyworker ? percentToBasisPoints(step.percentOfJourneyworker) : null,
      rateCents: step.percentOfJourneyworker ? null : decimalToCents(step.rate as string),
    })),
  };
}
