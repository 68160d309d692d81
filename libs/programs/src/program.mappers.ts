import { centsToDecimal, basisPointsToPercent } from '@journeyline/common/money';
import { ProgramEntity } from './program.entity';
import { ProgramOccupationEntity } from './program-occupation.entity';
import { ProgramVersionEntity } from './program-version.entity';
import {
  ProgramApproach,
  ProgramModel,
  ProgramOccupationModel,
  ProgramVersionModel,
  RegistrationAgency,
  WageScheduleStepModel,
  WageStepMode,
  WageThresholdKind,
  WorkProcessModel,
} from './program.models';
import { stepRateCents } from './standards-rules';
import { WageScheduleStepEntity } from './wage-schedule-step.entity';
import { WorkProcessEntity } from './work-process.entity';

export function toProgramModel(entity: ProgramEntity): ProgramModel {
  return {
    id: entity.id,
    name: entity.name,
    programNumber: entity.programNumber ?? undefined,
    state: entity.state,
    registrationAgency: entity.registrationAgency as RegistrationAgency,
    sponsorId: entity.sponsorId,
    currentVersionId: entity.currentVersionId,
  };
}

export function toProgramVersionModel(entity: ProgramVersionEntity): ProgramVersionModel {
  return {
    id: entity.id,
    version: entity.version,
    effectiveDate: entity.effectiveDate,
    changeNote: entity.changeNote ?? undefined,
    programId: entity.programId,
  };
}

export function toProgramOccupationModel(entity: ProgramOccupationEntity): ProgramOccupationModel {
  return {
    id: entity.id,
    approach: entity.approach as ProgramApproach,
    ojtTermHours: entity.ojtTermHours,
    termMonths: entity.termMonths,
    rtiHoursPerYear: entity.rtiHoursPerYear,
    rtiPaid: entity.rtiPaid,
    probationMonths: entity.probationMonths,
    ratio: { apprentices: entity.ratioApprentices, journeyworkers: entity.ratioJourneyworkers },
    journeyworkerRate: centsToDecimal(entity.journeyworkerRateCents),
    wageStepMode: entity.wageStepMode as WageStepMode,
    va:
      entity.vaFacilityCode && entity.vaApprovedProgramName
        ? { facilityCode: entity.vaFacilityCode, approvedProgramName: entity.vaApprovedProgramName }
        : undefined,
    occupationId: entity.occupationId,
    programVersionId: entity.programVersionId,
    journeyworkerRateCents: entity.journeyworkerRateCents,
  };
}

export function toWorkProcessModel(entity: WorkProcessEntity): WorkProcessModel {
  return {
    id: entity.id,
    position: entity.position,
    title: entity.title,
    minHours: entity.minHours,
    maxHours: entity.maxHours,
    competencies: entity.competencies,
  };
}

export function toWageScheduleStepModel(entity: WageScheduleStepEntity, journeyworkerRateCents: number): WageScheduleStepModel {
  return {
    id: entity.id,
    step: entity.step,
    thresholdKind: entity.thresholdKind as WageThresholdKind,
    thresholdValue: entity.thresholdValue,
    percentOfJourneyworker: entity.percentBasisPoints === null ? undefined : basisPointsToPercent(entity.percentBasisPoints),
    rate: centsToDecimal(stepRateCents(entity, journeyworkerRateCents)),
  };
}
