import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { registrationVisible } from '@journeyline/auth/registration-visibility';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { Page, paginate } from '@journeyline/common/pagination';
import { publishInTransaction, recordAudit } from '@journeyline/database/audit';
import { enforceFindings, RulesService } from '@journeyline/rules/rules.service';
import { dayKey, fromQuarters, toQuarters } from '@journeyline/training/hour-rules';
import { loggedQuartersByDay } from '@journeyline/training/ojt-hours.sql';
import { rtiProviderIds } from './rti-access';
import { RtiAttendanceEntity } from './rti-attendance.entity';
import { RtiCourseEntity } from './rti-course.entity';
import { RtiEnrollmentEntity } from './rti-enrollment.entity';
import {
  CompleteRtiEnrollmentInput,
  CreateRtiCourseInput,
  EnrollInRtiInput,
  RecordRtiAttendanceInput,
  RtiCoursesArgs,
  WithdrawRtiEnrollmentInput,
} from './rti.models';
import { ProgramYearHours, summarizeRtiSessions } from './rti-summary';

/** Registration statuses after which no training happens under the agreement. */
const ENDED_STATUSES = ['completed', 'cancelled', 'transferred'];

interface RegistrationFacts {
  id: string;
  apprenticeId: string;
  sponsorId: string;
  state: string;
  status: string;
  startDate: string;
  statusDate: string;
}

interface EnrollmentFacts {
  id: string;
  courseId: string;
  providerId: string;
  enrolledOn: string;
  status: string;
  completedOn: string | null;
  registration: RegistrationFacts;
}

export interface RtiProvider {
  id: string;
  name: string;
}

export interface RtiCourseHours {
  enrollment: RtiEnrollmentEntity;
  course: RtiCourseEntity;
  hours: number;
}

export interface RtiSummary {
  registrationId: string;
  totalHours: number;
  vaCountableHours: number;
  priorCreditHours: number;
  byCourse: RtiCourseHours[];
  byProgramYear: ProgramYearHours[];
}

const REGISTRATION_COLUMNS = `r.id AS registration_id, r.apprentice_id, r.sponsor_id, r.state, r.status AS registration_status,
  r.start_date::text AS start_date, r.status_date::text AS status_date`;

function registrationFacts(row: Record<string, string>): RegistrationFacts {
  return {
    id: row.registration_id,
    apprenticeId: row.apprentice_id,
    sponsorId: row.sponsor_id,
    state: row.state,
    status: row.registration_status,
    startDate: row.start_date,
    statusDate: row.status_date,
  };
}

/**
 * Related technical instruction: courses at RTI providers, enrollments of registrations in them,
 * and attended sessions. Every write locks the registration row first, so writes for one
 * apprentice run one after the other (enrollment status, daily caps and idempotency keys are
 * judged against the previous write's result).
 */
@Injectable()
export class RtiService {
  constructor(
    @InjectRepository(RtiCourseEntity) private readonly courses: Repository<RtiCourseEntity>,
    @InjectRepository(RtiEnrollmentEntity) private readonly enrollments: Repository<RtiEnrollmentEntity>,
    @InjectRepository(RtiAttendanceEntity) private readonly attendance: Repository<RtiAttendanceEntity>,
    private readonly dataSource: DataSource,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  /** Courses are a public catalogue: every signed-in user may read them. */
  listCourses(args: RtiCoursesArgs): Promise<Page<RtiCourseEntity>> {
    const query = this.courses.createQueryBuilder('c');
    if (args.providerId) query.where('c.provider_id = :providerId', { providerId: args.providerId });
    return paginate(query, args);
  }

  coursesByIds(ids: readonly string[]): Promise<RtiCourseEntity[]> {
    return this.courses.createQueryBuilder('c').where('c.id = ANY(:ids)', { ids }).getMany();
  }

  /** Names of RTI providers; like the courses they give, providers are public. */
  async providersByIds(ids: readonly string[]): Promise<RtiProvider[]> {
    return this.dataSource.query(`SELECT id, name FROM organizations WHERE id = ANY($1) AND kind = 'rti_provider'`, [ids]);
  }

  attendanceOfEnrollments(enrollmentIds: readonly string[]): Promise<RtiAttendanceEntity[]> {
    return this.attendance
      .createQueryBuilder('a')
      .where('a.enrollment_id = ANY(:enrollmentIds)', { enrollmentIds })
      .orderBy('a.session_date', 'ASC')
      .addOrderBy('a.created_at', 'ASC')
      .getMany();
  }

  async createCourse(scope: AccessScope, input: CreateRtiCourseInput): Promise<RtiCourseEntity> {
    if (!scope.can(Permission.RecordRti)) throw DomainError.forbidden('Defining RTI courses needs the rti:record permission');
    return this.dataSource.transaction(async (manager) => {
      const [provider] = await manager.query(`SELECT id FROM organizations WHERE id = $1 AND kind = 'rti_provider'`, [
        input.providerId,
      ]);
      if (!provider) throw DomainError.notFound('RTI provider', 'providerId');
      const repository = manager.getRepository(RtiCourseEntity);
      const course = await repository.save(
        repository.create({ providerId: input.providerId, code: input.code ?? null, title: input.title, hours: input.hours }),
      );
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'rti.course_created',
        entity: 'rti_course',
        entityId: course.id,
        after: { providerId: input.providerId, code: input.code ?? null, title: input.title, hours: input.hours },
      });
      return manager.findOneByOrFail(RtiCourseEntity, { id: course.id });
    });
  }

  async enroll(scope: AccessScope, input: EnrollInRtiInput): Promise<RtiEnrollmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const registration = await this.lockRegistration(manager, scope, input.registrationId, 'registrationId');
      if (ENDED_STATUSES.includes(registration.status)) {
        throw DomainError.invalidField(
          'registrationId',
          `the registration is ${registration.status}: it takes no new RTI enrollments`,
        );
      }
      if (input.enrolledOn < registration.startDate) {
        throw DomainError.invalidField('enrolledOn', `is before the registration start date ${registration.startDate}`);
      }
      const [course] = await manager.query(`SELECT id FROM rti_courses WHERE id = $1`, [input.courseId]);
      if (!course) throw DomainError.notFound('RTI course', 'courseId');
      const [row] = await manager.query(
        `INSERT INTO rti_enrollments (registration_id, course_id, enrolled_on) VALUES ($1, $2, $3)
         ON CONFLICT (registration_id, course_id) DO NOTHING RETURNING id`,
        [registration.id, input.courseId, input.enrolledOn],
      );
      if (!row) {
        throw new DomainError(ErrorCode.Conflict, 'The apprentice already has an enrollment in this course', [
          { field: 'courseId', reason: 'this registration already has an enrollment in this course' },
        ]);
      }
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'rti.enrolled',
        entity: 'rti_enrollment',
        entityId: row.id,
        after: { registrationId: registration.id, courseId: input.courseId, enrolledOn: input.enrolledOn },
      });
      return manager.findOneByOrFail(RtiEnrollmentEntity, { id: row.id });
    });
  }

  async complete(scope: AccessScope, input: CompleteRtiEnrollmentInput): Promise<RtiEnrollmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const enrollment = await this.lockEnrollment(manager, scope, input.enrollmentId);
      this.assertOpen(enrollment);
      await this.checkClosingDate(manager, enrollment, input.completedOn, 'completedOn');
      await manager.query(`UPDATE rti_enrollments SET status = 'completed', completed_on = $2, grade = $3 WHERE id = $1`, [
        enrollment.id,
        input.completedOn,
        input.grade ?? null,
      ]);
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'rti.enrollment_completed',
        entity: 'rti_enrollment',
        entityId: enrollment.id,
        before: { status: enrollment.status },
        after: { status: 'completed', completedOn: input.completedOn, grade: input.grade ?? null },
      });
      return manager.findOneByOrFail(RtiEnrollmentEntity, { id: enrollment.id });
    });
  }

  /**
   * Ends an enrollment without completion. The effective date lives in the audit row (the table
   * has no column for it); attendance can no longer be added afterwards, and the date may not
   * precede sessions already recorded.
   */
  async withdraw(scope: AccessScope, input: WithdrawRtiEnrollmentInput): Promise<RtiEnrollmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const enrollment = await this.lockEnrollment(manager, scope, input.enrollmentId);
      this.assertOpen(enrollment);
      await this.checkClosingDate(manager, enrollment, input.effectiveDate, 'effectiveDate');
      await manager.query(`UPDATE rti_enrollments SET status = 'withdrawn' WHERE id = $1`, [enrollment.id]);
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'rti.enrollment_withdrawn',
        entity: 'rti_enrollment',
        entityId: enrollment.id,
        before: { status: enrollment.status },
        after: { status: 'withdrawn', effectiveDate: input.effectiveDate },
      });
      return manager.findOneByOrFail(RtiEnrollmentEntity, { id: enrollment.id });
    });
  }

  /**
   * Records one attended session. A retry with the same idempotency key returns the first record
   * and writes nothing; the same key with a different session is a CONFLICT.
   */
  async recordAttendance(scope: AccessScope, input: RecordRtiAttendanceInput): Promise<RtiAttendanceEntity> {
    return this.dataSource.transaction(async (manager) => {
      const enrollment = await this.lockEnrollment(manager, scope, input.enrollmentId);
      const registration = enrollment.registration;
      const [existing] = await manager.query(
        `SELECT id, enrollment_id, session_date::text AS session_date, hours, paid, during_work_hours
           FROM rti_attendance WHERE registration_id = $1 AND idempotency_key = $2`,
        [registration.id, input.idempotencyKey],
      );
      if (existing) {
        const same =
          existing.enrollment_id === input.enrollmentId &&
          existing.session_date === input.sessionDate &&
          Number(existing.hours) === input.hours &&
          existing.paid === input.paid &&
          existing.during_work_hours === input.duringWorkHours;
        if (!same) {
          throw new DomainError(ErrorCode.Conflict, 'This idempotency key was already used for a different session', [
            { field: 'idempotencyKey', reason: 'was already used for a different RTI session of this registration' },
          ]);
        }
        return manager.findOneByOrFail(RtiAttendanceEntity, { id: existing.id });
      }

      this.checkSessionDate(enrollment, input.sessionDate);
      await this.checkDailyHours(manager, registration, input.sessionDate, input.hours);

      const repository = manager.getRepository(RtiAttendanceEntity);
      const saved = await repository.save(
        repository.create({
          enrollmentId: enrollment.id,
          registrationId: registration.id,
          sessionDate: input.sessionDate,
          hours: input.hours,
          paid: input.paid,
          duringWorkHours: input.duringWorkHours,
          idempotencyKey: input.idempotencyKey,
          recordedBy: scope.userId,
        }),
      );
      await publishInTransaction(manager, 'rti.recorded', { registrationId: registration.id });
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'rti.attendance_recorded',
        entity: 'rti_attendance',
        entityId: saved.id,
        after: {
          enrollmentId: enrollment.id,
          sessionDate: input.sessionDate,
          hours: input.hours,
          paid: input.paid,
          duringWorkHours: input.duringWorkHours,
        },
      });
      return manager.findOneByOrFail(RtiAttendanceEntity, { id: saved.id });
    });
  }

  /**
   * A registration's enrollments. Whoever sees the registration sees all of them; a provider's
   * supervisor sees only those in the provider's courses.
   */
  async listEnrollments(scope: AccessScope, registrationId: string): Promise<RtiEnrollmentEntity[]> {
    const query = this.enrollments
      .createQueryBuilder('e')
      .where('e.registration_id = :registrationId', { registrationId })
      .orderBy('e.enrolled_on', 'ASC')
      .addOrderBy('e.id', 'ASC');
    if (await registrationVisible(this.dataSource.manager, scope, registrationId)) return query.getMany();
    const providerIds = rtiProviderIds(scope);
    const rows = providerIds.length
      ? await query
          .andWhere('EXISTS (SELECT 1 FROM rti_courses c WHERE c.id = e.course_id AND c.provider_id = ANY(:providerIds))', {
            providerIds,
          })
          .getMany()
      : [];
    if (!rows.length) throw DomainError.notFound('registration', 'registrationId');
    return rows;
  }

  async summary(scope: AccessScope, registrationId: string): Promise<RtiSummary> {
    const filter = scope.registrationFilter(Permission.ReadRegistry, 'r');
    const registration = await this.dataSource
      .createQueryBuilder()
      .select('r.start_date::text', 'start_date')
      .addSelect('r.prior_credit_rti_hours', 'prior_credit_rti_hours')
      .from('registrations', 'r')
      .where('r.id = :registrationId', { registrationId })
      .andWhere(filter.sql, filter.params)
      .getRawOne();
    if (!registration) throw DomainError.notFound('registration', 'registrationId');
    const [enrollments, sessions] = await Promise.all([
      this.enrollments.find({ where: { registrationId }, order: { enrolledOn: 'ASC', id: 'ASC' } }),
      this.attendance.find({ where: { registrationId } }),
    ]);
    const courses = new Map(
      (await this.coursesByIds(enrollments.map((enrollment) => enrollment.courseId))).map((course) => [course.id, course]),
    );
    const totals = summarizeRtiSessions(registration.start_date, sessions);
    return {
      registrationId,
      totalHours: totals.totalHours,
      vaCountableHours: totals.vaCountableHours,
      priorCreditHours: registration.prior_credit_rti_hours,
      byCourse: enrollments.map((enrollment) => ({
        enrollment,
        course: courses.get(enrollment.courseId)!,
        hours: totals.hoursByEnrollment.get(enrollment.id) ?? 0,
      })),
      byProgramYear: totals.byProgramYear,
    };
  }

  /** Locks the registration for an enrollment by the sponsor's side (rti:record over its sponsor). */
  private async lockRegistration(
    manager: EntityManager,
    scope: AccessScope,
    registrationId: string,
    field: string,
  ): Promise<RegistrationFacts> {
    const [row] = await manager.query(`SELECT ${REGISTRATION_COLUMNS} FROM registrations r WHERE r.id = $1 FOR UPDATE`, [
      registrationId,
    ]);
    if (!row) throw DomainError.notFound('registration', field);
    const registration = registrationFacts(row);
    if (scope.reachesSponsor(Permission.RecordRti, registration.sponsorId)) return registration;
    if (await registrationVisible(manager, scope, registrationId)) {
      throw DomainError.forbidden(`Recording RTI needs the rti:record permission for the registration's sponsor (${field})`);
    }
    throw DomainError.notFound('registration', field);
  }

  /**
   * Locks the enrollment's registration and loads the enrollment, if the caller keeps RTI records
   * for the registration's sponsor or is a supervisor of the course's provider.
   */
  private async lockEnrollment(manager: EntityManager, scope: AccessScope, enrollmentId: string): Promise<EnrollmentFacts> {
    const [ref] = await manager.query(`SELECT registration_id FROM rti_enrollments WHERE id = $1`, [enrollmentId]);
    if (!ref) throw DomainError.notFound('RTI enrollment', 'enrollmentId');
    // Every registration of the apprentice, in id order: the lock every writer of OJT hours takes
    // (lockApprenticeRegistrations), so the daily cap over OJT and RTI holds under concurrency.
    await manager.query(
      `SELECT 1 FROM registrations
        WHERE apprentice_id = (SELECT apprentice_id FROM registrations WHERE id = $1)
        ORDER BY id FOR UPDATE`,
      [ref.registration_id],
    );
    const [row] = await manager.query(
      `SELECT e.id, e.course_id, c.provider_id, e.enrolled_on::text AS enrolled_on, e.status,
              e.completed_on::text AS completed_on,
              ${REGISTRATION_COLUMNS}
         FROM rti_enrollments e
         JOIN rti_courses c ON c.id = e.course_id
         JOIN registrations r ON r.id = e.registration_id
        WHERE e.id = $1`,
      [enrollmentId],
    );
    const enrollment: EnrollmentFacts = {
      id: row.id,
      courseId: row.course_id,
      providerId: row.provider_id,
      enrolledOn: row.enrolled_on,
      status: row.status,
      completedOn: row.completed_on,
      registration: registrationFacts(row),
    };
    if (
      scope.reachesSponsor(Permission.RecordRti, enrollment.registration.sponsorId) ||
      rtiProviderIds(scope).includes(enrollment.providerId)
    ) {
      return enrollment;
    }
    if (await registrationVisible(manager, scope, enrollment.registration.id)) {
      throw DomainError.forbidden("Only the registration's sponsor or the course's provider keeps this enrollment's records");
    }
    throw DomainError.notFound('RTI enrollment', 'enrollmentId');
  }

  private assertOpen(enrollment: EnrollmentFacts): void {
    if (enrollment.status !== 'enrolled') {
      throw new DomainError(ErrorCode.IllegalTransition, `The enrollment is already ${enrollment.status}`, [
        { field: 'enrollmentId', reason: `is already ${enrollment.status}` },
      ]);
    }
  }

  /** A completion or withdrawal date: not in the future, not before enrollment or recorded sessions. */
  private async checkClosingDate(manager: EntityManager, enrollment: EnrollmentFacts, date: string, field: string) {
    if (date > this.clock.today()) throw DomainError.invalidField(field, 'is in the future');
    if (date < enrollment.enrolledOn) {
      throw DomainError.invalidField(field, `is before the enrollment date ${enrollment.enrolledOn}`);
    }
    const [{ last }] = await manager.query(
      `SELECT max(session_date)::text AS last FROM rti_attendance WHERE enrollment_id = $1`,
      [enrollment.id],
    );
    if (last && date < last) throw DomainError.invalidField(field, `is before the last recorded session on ${last}`);
  }

  private checkSessionDate(enrollment: EnrollmentFacts, sessionDate: string): void {
    const { registration } = enrollment;
    if (enrollment.status === 'withdrawn') {
      throw DomainError.invalidField(
        'enrollmentId',
        'the apprentice withdrew from this course: no further attendance can be recorded',
      );
    }
    if (sessionDate > this.clock.today()) throw DomainError.invalidField('sessionDate', 'is in the future');
    if (sessionDate < enrollment.enrolledOn) {
      throw DomainError.invalidField('sessionDate', `is before the enrollment date ${enrollment.enrolledOn}`);
    }
    if (enrollment.completedOn && sessionDate > enrollment.completedOn) {
      throw DomainError.invalidField('sessionDate', `is after the course was completed on ${enrollment.completedOn}`);
    }
    if (ENDED_STATUSES.includes(registration.status) && sessionDate > registration.statusDate) {
      throw DomainError.invalidField(
        'sessionDate',
        `is after the registration ended (${registration.status}) on ${registration.statusDate}`,
      );
    }
  }

  /**
   * A day has only so many hours (rule hours.max_per_day): the apprentice's RTI and OJT (not
   * rejected) on the day, across all their registrations, stay within the maximum. The day's
   * hours so far are counted as the OJT writers count them.
   */
  private async checkDailyHours(manager: EntityManager, registration: RegistrationFacts, date: string, hours: number) {
    const book = await this.rules.ruleBook(registration.state, date, manager);
    const maxHours = book.numberParam('hours.max_per_day', 'maxHours');
    const logged = await loggedQuartersByDay(manager, [registration.apprenticeId], [date]);
    const total = fromQuarters((logged.get(dayKey(registration.apprenticeId, date)) ?? 0) + toQuarters(hours));
    if (total <= maxHours) return;
    enforceFindings([
      book.finding(
        'hours.max_per_day',
        'hours',
        `would bring the apprentice's RTI and OJT hours on ${date} to ${total} across all registrations, ` +
          `above the daily maximum of ${maxHours}`,
      ),
    ]);
  }
}
