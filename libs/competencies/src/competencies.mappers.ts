import { basisPointsToPercent } from '@journeyline/common/money';
import { ProgramApproach } from '@journeyline/programs/program.models';
import type { CompetencyProgress, SignoffWithEvaluator } from './competencies.service';
import { CompetencyProgressModel, CompetencySignoffModel, InterimCredentialModel } from './competencies.models';
import { InterimCredentialEntity } from './interim-credential.entity';

const percent = (basisPoints: number | null) => (basisPoints === null ? undefined : basisPointsToPercent(basisPoints));

export function toCompetencySignoffModel({ signoff, evaluatorName }: SignoffWithEvaluator): CompetencySignoffModel {
  return {
    id: signoff.id,
    registrationId: signoff.registrationId,
    workProcessId: signoff.workProcessId,
    competency: signoff.competency,
    achievedOn: signoff.achievedOn,
    evaluatorId: signoff.evaluatorUserId,
    evaluatorName,
    note: signoff.note ?? undefined,
    recordedAt: signoff.createdAt,
  };
}

export function toInterimCredentialModel(entity: InterimCredentialEntity): InterimCredentialModel {
  return {
    id: entity.id,
    registrationId: entity.registrationId,
    name: entity.name,
    earnedOn: entity.earnedOn,
    issuedBy: entity.issuedBy ?? undefined,
    recordedAt: entity.createdAt,
  };
}

export function toCompetencyProgressModel(progress: CompetencyProgress): CompetencyProgressModel {
  return {
    registrationId: progress.registrationId,
    approach: progress.approach as ProgramApproach,
    workProcesses: progress.workProcesses.map((workProcess) => ({
      workProcessId: workProcess.workProcessId,
      position: workProcess.position,
      title: workProcess.title,
      requiredCompetencies: workProcess.requiredCompetencies,
      signedOff: workProcess.signedOff.map(toCompetencySignoffModel),
      requiredCount: workProcess.requiredCount,
      signedOffCount: workProcess.signedOffCount,
      percentComplete: percent(workProcess.percentBasisPoints),
    })),
    requiredCount: progress.requiredCount,
    signedOffCount: progress.signedOffCount,
    percentComplete: percent(progress.percentBasisPoints),
    interimCredentials: progress.interimCredentials.map(toInterimCredentialModel),
  };
}
