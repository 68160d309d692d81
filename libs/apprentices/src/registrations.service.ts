import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { registrationVisible } from '@journeyline/auth/registration-visibility';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { DomainError } from '@journeyline/common/domain-error';
import { Page, paginate } from '@journeyline/common/pagination';
import { publishInTransaction, recordAudit } from '@journeyline/database/audit';
import { RuleFinding } from '@journeyline/rules/rule-book';
import { enforceFindings, RulesService } from '@journeyline/rules/rules.service';
import { ratioFinding } from '@journeyline/wages/ratio-check';
import { assertEmployerOfSponsor, loadProgramOccupation, ProgramOccupationTerms } from './agreement-lookup';
import { agreementDates, transferOccupationFinding } from './agreement-rules';
import { RegistrationEntity } from './registration.entity';
import { RegistrationsArgs, TransferRegistrationInput, TransitionRegistrationInput } from './registration.models';
import { RegistrationStatusEventEntity } from './registration-status-event.entity';
import { checkReason, MAX_REASON_LENGTH, planTransition, RegistrationStatus, TransitionPlan } from './registration-status';

const MAX_PRIOR_CREDIT_TEXT = 255;

export interface NewAgreement {
  apprenticeId: string;
  terms: ProgramOccupationTerms;
  employerId: string;
  startDate: string;
  employmentStatus: string;
  careerConnection: string | null;
  priorCredit: { text: string | null; ojtHours: number; rtiHours: number };
  va: { chapter: string; fileNumber: string | null; enrollmentStart: string | null; enrollmentEnd: string | null } | null;
  transferredFromId: string | null;
  /** Reason on the status entry that opens the registration. */
  reason: string;
}

export interface TranscriptHours {
  ojtHours: number;
  rtiHours: number;
}

export interface RegistrationWithWarnings {
  registration: RegistrationEntity;
  warnings: RuleFinding[];
}

@Injectable()
export class RegistrationsService {
  constructor(
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(RegistrationStatusEventEntity) private readonly events: Repository<RegistrationStatusEventEntity>,
    private readonly dataSource: DataSource,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  async list(scope: AccessScope, args: RegistrationsArgs): Promise<Page<RegistrationEntity>> {
    const filter = scope.registrationFilter(Permission.ReadRegistry, 'r');
    const query = this.registrations.createQueryBuilder('r').where(filter.sql, filter.params);
    if (args.sponsorId) query.andWhere('r.sponsor_id = :sponsorId', { sponsorId: args.sponsorId });
    if (args.programId) query.andWhere('r.program_id = :programId', { programId: args.programId });
    if (args.employerId) query.andWhere('r.employer_id = :employerId', { employerId: args.employerId });
    if (args.status) query.andWhere('r.status = :status', { status: args.status });
    if (args.state) query.andWhere('r.state = :state', { state: args.state });
    return paginate(query, args);
  }

  /** The registration if the caller may see it; NOT_FOUND (naming `field`) otherwise. */
  async getVisible(scope: AccessScope, id: string, field = 'id'): Promise<RegistrationEntity> {
    const filter = scope.registrationFilter(Permission.ReadRegistry, 'r');
    const registration = await this.registrations
      .createQueryBuilder('r')
      .where('r.id = :id', { id })
      .andWhere(filter.sql, filter.params)
      .getOne();
    if (!registration) throw DomainError.notFound('registration', field);
    return registration;
  }

  /** The caller's visible registrations of each apprentice, oldest first (for batched loading). */
  async visibleForApprentices(scope: AccessScope, apprenticeIds: readonly string[]): Promise<RegistrationEntity[]> {
    const filter = scope.registrationFilter(Permission.ReadRegistry, 'r');
    return this.registrations
      .createQueryBuilder('r')
      .where('r.apprentice_id = ANY(:apprenticeIds)', { apprenticeIds })
      .andWhere(filter.sql, filter.params)
      .orderBy('r.start_date', 'ASC')
      .addOrderBy('r.created_at', 'ASC')
      .getMany();
  }

  /** Status histories of the given registrations, each in the order recorded. */
  async statusHistories(registrationIds: readonly string[]): Promise<RegistrationStatusEventEntity[]> {
    return this.events
      .createQueryBuilder('e')
      .where('e.registration_id = ANY(:registrationIds)', { registrationIds })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /**
   * Moves a registration to another status. The row is locked first, so concurrent changes to one
   * registration run one after the other and the second is judged against the first's result.
   */
  async transition(scope: AccessScope, input: TransitionRegistrationInput): Promise<RegistrationEntity> {
    const reason = checkReason(input.reason);
    const to = input.toStatus as RegistrationStatus;
    if (to === 'transferred') {
      throw DomainError.invalidField('toStatus', 'a transfer also opens the new agreement: use transferRegistration');
    }
    return this.dataSource.transaction(async (manager) => {
      const registration = await this.lockManageable(manager, scope, input.registrationId, 'registrationId');
      const plan = planTransition(registration, to, input.effectiveDate, this.clock.today());
      await this.applyTransition(manager, scope, registration, to, input.effectiveDate, reason, plan);
      if (to === 'registered' || to === 'reinstated') {
        // Blocks only if the ratio rule is set to 'error'; a warning is left to the compliance alert.
        const book = await this.rules.ruleBook(registration.state, input.effectiveDate, manager);
        enforceFindings([
          await ratioFinding(manager, registration.employerId, registration.programOccupationId, input.effectiveDate, book, 'registrationId'),
        ]);
      }
      return manager.findOneByOrFail(RegistrationEntity, { id: registration.id });
    });
  }

  /**
   * Ends a registration as transferred and opens a new pending one for the same apprentice at
   * another program occupation or employer, starting on the effective date and crediting the
   * hours earned so far. The caller must manage both the old and the new sponsor.
   */
  async transfer(scope: AccessScope, input: TransferRegistrationInput): Promise<RegistrationWithWarnings> {
    const reason = checkReason(input.reason);
    return this.dataSource.transaction(async (manager) => {
      const old = await this.lockManageable(manager, scope, input.registrationId, 'registrationId');
      const plan = planTransition(old, 'transferred', input.effectiveDate, this.clock.today());
      const terms = await loadProgramOccupation(manager, scope, input.newProgramOccupationId, 'newProgramOccupationId');
      await assertEmployerOfSponsor(manager, scope, terms.sponsorId, input.newEmployerId, 'newEmployerId');
      if (terms.id === old.programOccupationId && input.newEmployerId === old.employerId) {
        throw DomainError.invalidField(
          'newProgramOccupationId',
          'is the agreement being transferred: change the program occupation or the employer',
        );
      }
      const transcript = await this.transcriptHours(old.id, manager);
      if (transcript.ojtHours >= terms.ojtTermHours) {
        throw DomainError.invalidField(
          'newProgramOccupationId',
          `the ${transcript.ojtHours} OJT hours carried over already cover this occupation's term of ${terms.ojtTermHours} hours`,
        );
      }
      const [{ occupation_id: oldOccupationId }] = await manager.query(
        `SELECT occupation_id FROM program_occupations WHERE id = $1`,
        [old.programOccupationId],
      );
      const book = await this.rules.ruleBook(terms.state, input.effectiveDate, manager);
      const warnings = enforceFindings([
        transferOccupationFinding(book, oldOccupationId, terms.occupationId, 'newProgramOccupationId'),
      ]);

      await this.applyTransition(manager, scope, old, 'transferred', input.effectiveDate, reason, plan);
      const priorText = [`Transcript from registration ${old.id}`, old.priorCreditText].filter(Boolean).join('; ');
      const registration = await this.open(manager, scope, {
        apprenticeId: old.apprenticeId,
        terms,
        employerId: input.newEmployerId,
        startDate: input.effectiveDate,
        // At a new employer the apprentice is a new hire there.
        employmentStatus: input.newEmployerId === old.employerId ? old.employmentStatus : 'new_employee',
        careerConnection: old.careerConnection,
        priorCredit: {
          text: priorText.slice(0, MAX_PRIOR_CREDIT_TEXT),
          ojtHours: transcript.ojtHours,
          rtiHours: transcript.rtiHours,
        },
        // The GI Bill entitlement follows the person; the enrollment period is per training facility.
        va: old.vaChapter
          ? { chapter: old.vaChapter, fileNumber: old.vaFileNumber, enrollmentStart: null, enrollmentEnd: null }
          : null,
        transferredFromId: old.id,
        reason: `Transferred in: ${reason}`.slice(0, MAX_REASON_LENGTH),
      });
      warnings.push(
        ...enforceFindings([await ratioFinding(manager, input.newEmployerId, terms.id, input.effectiveDate, book, 'newEmployerId')]),
      );
      return { registration, warnings };
    });
  }

  /**
   * Hours an apprentice has earned under a registration, carried to the next one on transfer: the
   * prior credit it started with plus approved OJT hours (draft, submitted and rejected ones do
   * not count) plus attended RTI hours. Whole hours, rounded down, because prior credit is
   * recorded in whole hours and a transcript never credits time not worked.
   */
  async transcriptHours(registrationId: string, manager: EntityManager = this.dataSource.manager): Promise<TranscriptHours> {
    const [row] = await manager.query(
      `SELECT floor(r.prior_credit_ojt_hours + coalesce((SELECT sum(e.hours) FROM ojt_hour_entries e
                                                          WHERE e.registration_id = r.id AND e.status = 'approved'), 0))::int AS ojt_hours,
              floor(r.prior_credit_rti_hours + coalesce((SELECT sum(a.hours) FROM rti_attendance a
                                                          WHERE a.registration_id = r.id), 0))::int AS rti_hours
         FROM registrations r WHERE r.id = $1`,
      [registrationId],
    );
    if (!row) throw DomainError.notFound('registration', 'registrationId');
    return { ojtHours: row.ojt_hours, rtiHours: row.rti_hours };
  }

  /**
   * Writes a new pending registration with its opening status entry, an outbox event and an audit
   * row, inside the caller's transaction. Callers have checked the terms and the employer.
   */
  async open(manager: EntityManager, scope: AccessScope, agreement: NewAgreement): Promise<RegistrationEntity> {
    const { terms } = agreement;
    const dates = agreementDates({
      startDate: agreement.startDate,
      termMonths: terms.termMonths,
      ojtTermHours: terms.ojtTermHours,
      probationMonths: terms.probationMonths,
      priorCreditOjtHours: agreement.priorCredit.ojtHours,
    });
    const repository = manager.getRepository(RegistrationEntity);
    const { id } = await repository.save(
      repository.create({
        apprenticeId: agreement.apprenticeId,
        programOccupationId: terms.id,
        programId: terms.programId,
        sponsorId: terms.sponsorId,
        state: terms.state,
        employerId: agreement.employerId,
        status: 'pending',
        startDate: agreement.startDate,
        registrationDate: null,
        probationEndDate: dates.probationEndDate,
        expectedCompletionDate: dates.expectedCompletionDate,
        statusDate: agreement.startDate,
        employmentStatus: agreement.employmentStatus,
        careerConnection: agreement.careerConnection,
        priorCreditText: agreement.priorCredit.text,
        priorCreditOjtHours: agreement.priorCredit.ojtHours,
        priorCreditRtiHours: agreement.priorCredit.rtiHours,
        cancelledDuringProbation: false,
        vaChapter: agreement.va?.chapter ?? null,
        vaFileNumber: agreement.va?.fileNumber ?? null,
        vaEnrollmentStart: agreement.va?.enrollmentStart ?? null,
        vaEnrollmentEnd: agreement.va?.enrollmentEnd ?? null,
        transferredFromId: agreement.transferredFromId,
      }),
    );
    await this.appendEvent(manager, scope, id, null, 'pending', agreement.startDate, agreement.reason, false);
    await publishInTransaction(manager, 'registration.created', { registrationId: id });
    await recordAudit(manager, {
      actorUserId: scope.userId,
      action: 'registration.created',
      entity: 'registration',
      entityId: id,
      after: {
        apprenticeId: agreement.apprenticeId,
        programOccupationId: terms.id,
        employerId: agreement.employerId,
        startDate: agreement.startDate,
        priorCreditOjtHours: agreement.priorCredit.ojtHours,
        transferredFromId: agreement.transferredFromId,
      },
    });
    return manager.findOneByOrFail(RegistrationEntity, { id });
  }

  /** Locks the registration row for this transaction, if the caller may manage it. */
  private async lockManageable(
    manager: EntityManager,
    scope: AccessScope,
    id: string,
    field: string,
  ): Promise<RegistrationEntity> {
    const registration = await manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
    if (!registration) throw DomainError.notFound('registration', field);
    if (scope.reachesSponsor(Permission.ManageApprentices, registration.sponsorId)) return registration;
    if (!(await registrationVisible(manager, scope, id))) throw DomainError.notFound('registration', field);
    throw DomainError.forbidden(`Only the sponsor can change this registration's status (${field})`);
  }

  private async applyTransition(
    manager: EntityManager,
    scope: AccessScope,
    registration: RegistrationEntity,
    to: RegistrationStatus,
    effectiveDate: string,
    reason: string,
    plan: TransitionPlan,
  ): Promise<void> {
    await manager.query(
      `UPDATE registrations
          SET status = $2::text,
              status_date = $3::date,
              registration_date = CASE WHEN $2::text = 'registered' THEN $3::date ELSE registration_date END,
              cancelled_during_probation = ($2::text = 'cancelled' AND $4::boolean),
              updated_at = now()
        WHERE id = $1`,
      [registration.id, to, effectiveDate, plan.duringProbation],
    );
    await this.appendEvent(manager, scope, registration.id, registration.status, to, effectiveDate, reason, plan.duringProbation);
    await publishInTransaction(manager, 'registration.status_changed', {
      registrationId: registration.id,
      from: registration.status,
      to,
      effectiveDate,
    });
    await recordAudit(manager, {
      actorUserId: scope.userId,
      action: 'registration.status_changed',
      entity: 'registration',
      entityId: registration.id,
      before: { status: registration.status, statusDate: registration.statusDate },
      after: { status: to, statusDate: effectiveDate, reason, duringProbation: plan.duringProbation },
    });
  }

  private async appendEvent(
    manager: EntityManager,
    scope: AccessScope,
    registrationId: string,
    from: RegistrationStatus | null,
    to: RegistrationStatus,
    effectiveDate: string,
    reason: string,
    duringProbation: boolean,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO registration_status_events
         (registration_id, from_status, to_status, effective_date, reason, during_probation, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [registrationId, from, to, effectiveDate, reason, duringProbation, scope.userId],
    );
  }
}
