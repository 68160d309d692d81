import { centsToDecimal } from '@journeyline/common/money';
import { ApprenticeEntity } from './apprentice.entity';
import { ApprenticeModel } from './apprentice.models';
import { maskSsn } from './pii-cipher';
import { RegistrationEntity } from './registration.entity';
import { RegistrationModel, RegistrationStatusEventModel } from './registration.models';
import { RegistrationStatusEventEntity } from './registration-status-event.entity';
import { RAPIDS_STATUS_CODE } from './registration-status';
import {
  CareerConnection,
  Disability,
  Education,
  EmploymentStatus,
  Ethnicity,
  Race,
  RegistrationStatusEnum,
  Sex,
  VaChapter,
  VeteranStatus,
  WageUnit,
} from './vocabulary.models';

// Entities to API models: only the fields listed here become public (never the sealed SSN).

export function toApprenticeModel(entity: ApprenticeEntity): ApprenticeModel {
  return {
    id: entity.id,
    firstName: entity.firstName,
    middleName: entity.middleName ?? undefined,
    lastName: entity.lastName,
    suffix: entity.suffix ?? undefined,
    dateOfBirth: entity.dateOfBirth,
    ssnMasked: maskSsn(entity.ssnLast4) ?? undefined,
    email: entity.email ?? undefined,
    phone: entity.phone ?? undefined,
    streetAddress: entity.streetAddress ?? undefined,
    city: entity.city ?? undefined,
    state: entity.state ?? undefined,
    zipCode: entity.zipCode ?? undefined,
    demographics: {
      sex: entity.sex as Sex,
      ethnicity: entity.ethnicity as Ethnicity,
      races: entity.races as Race[],
      veteranStatus: entity.veteranStatus as VeteranStatus,
      disability: entity.disability as Disability,
      education: entity.education as Education,
    },
    priorWage: entity.priorWageCents === null ? undefined : centsToDecimal(entity.priorWageCents),
    priorWageUnit: entity.priorWageUnit as WageUnit,
  };
}

export function toRegistrationModel(entity: RegistrationEntity): RegistrationModel {
  return {
    id: entity.id,
    status: entity.status as RegistrationStatusEnum,
    rapidsStatusCode: RAPIDS_STATUS_CODE[entity.status],
    startDate: entity.startDate,
    registrationDate: entity.registrationDate ?? undefined,
    statusDate: entity.statusDate,
    probationEndDate: entity.probationEndDate,
    expectedCompletionDate: entity.expectedCompletionDate,
    cancelledDuringProbation: entity.cancelledDuringProbation,
    employmentStatus: entity.employmentStatus as EmploymentStatus,
    careerConnection: (entity.careerConnection as CareerConnection | null) ?? undefined,
    priorCredit: {
      description: entity.priorCreditText ?? undefined,
      ojtHours: entity.priorCreditOjtHours,
      rtiHours: entity.priorCreditRtiHours,
    },
    va: entity.vaChapter
      ? {
          chapter: entity.vaChapter as VaChapter,
          vaFileNumber: entity.vaFileNumber ?? undefined,
          enrollmentStart: entity.vaEnrollmentStart ?? undefined,
          enrollmentEnd: entity.vaEnrollmentEnd ?? undefined,
        }
      : undefined,
    programOccupationId: entity.programOccupationId,
    programId: entity.programId,
    sponsorId: entity.sponsorId,
    employerId: entity.employerId,
    apprenticeId: entity.apprenticeId,
    state: entity.state,
    transferredFromId: entity.transferredFromId ?? undefined,
  };
}

export function toStatusEventModel(entity: RegistrationStatusEventEntity): RegistrationStatusEventModel {
  return {
    fromStatus: (entity.fromStatus as RegistrationStatusEnum | null) ?? undefined,
    toStatus: entity.toStatus as RegistrationStatusEnum,
    effectiveDate: entity.effectiveDate,
    reason: entity.reason,
    duringProbation: entity.duringProbation,
    recordedAt: entity.recordedAt,
  };
}
