import { RtiAttendanceEntity } from './rti-attendance.entity';
import { RtiCourseEntity } from './rti-course.entity';
import { RtiEnrollmentEntity } from './rti-enrollment.entity';
import { RtiAttendanceModel, RtiCourseModel, RtiEnrollmentModel, RtiEnrollmentStatusEnum, RtiSummaryModel } from './rti.models';
import type { RtiSummary } from './rti.service';
import { isVaCountable } from './va-countable';

export function toRtiCourseModel(entity: RtiCourseEntity): RtiCourseModel {
  return {
    id: entity.id,
    providerId: entity.providerId,
    code: entity.code ?? undefined,
    title: entity.title,
    hours: entity.hours,
  };
}

export function toRtiEnrollmentModel(entity: RtiEnrollmentEntity): RtiEnrollmentModel {
  return {
    id: entity.id,
    registrationId: entity.registrationId,
    courseId: entity.courseId,
    enrolledOn: entity.enrolledOn,
    status: entity.status as RtiEnrollmentStatusEnum,
    completedOn: entity.completedOn ?? undefined,
    grade: entity.grade ?? undefined,
  };
}

export function toRtiAttendanceModel(entity: RtiAttendanceEntity): RtiAttendanceModel {
  return {
    id: entity.id,
    enrollmentId: entity.enrollmentId,
    registrationId: entity.registrationId,
    sessionDate: entity.sessionDate,
    hours: entity.hours,
    paid: entity.paid,
    duringWorkHours: entity.duringWorkHours,
    vaCountable: isVaCountable(entity),
    idempotencyKey: entity.idempotencyKey,
    recordedAt: entity.createdAt,
  };
}

export function toRtiSummaryModel(summary: RtiSummary): RtiSummaryModel {
  return {
    registrationId: summary.registrationId,
    totalHours: summary.totalHours,
    vaCountableHours: summary.vaCountableHours,
    priorCreditHours: summary.priorCreditHours,
    byCourse: summary.byCourse.map(({ enrollment, course, hours }) => ({
      course: toRtiCourseModel(course),
      enrollmentId: enrollment.id,
      status: enrollment.status as RtiEnrollmentStatusEnum,
      enrolledOn: enrollment.enrolledOn,
      completedOn: enrollment.completedOn ?? undefined,
      hours,
      grade: enrollment.grade ?? undefined,
    })),
    byProgramYear: summary.byProgramYear,
  };
}
