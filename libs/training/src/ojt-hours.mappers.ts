import { OjtHourEntryEntity } from './ojt-hour-entry.entity';
import { OjtHourEntryModel, OjtHourSourceEnum, OjtHourStatusEnum, RegistrationProgressModel } from './ojt-hours.models';
import { RegistrationProgress } from './progress.service';

// Entities to API models: only the fields listed here become public.

export function toOjtHourEntryModel(entity: OjtHourEntryEntity): OjtHourEntryModel {
  return {
    id: entity.id,
    registrationId: entity.registrationId,
    workDate: entity.workDate,
    hours: Number(entity.hours),
    workProcessId: entity.workProcessId,
    employerId: entity.employerId,
    worksite: entity.worksite ?? undefined,
    note: entity.note ?? undefined,
    status: entity.status as OjtHourStatusEnum,
    source: entity.source as OjtHourSourceEnum,
    overAllotment: entity.overAllotment,
    submittedAt: entity.submittedAt ?? undefined,
    decidedAt: entity.decidedAt ?? undefined,
    rejectionReason: entity.rejectionReason ?? undefined,
    createdAt: entity.createdAt,
  };
}

export function toRegistrationProgressModel(progress: RegistrationProgress): RegistrationProgressModel {
  return { ...progress, projectedCompletionDate: progress.projectedCompletionDate ?? undefined };
}
