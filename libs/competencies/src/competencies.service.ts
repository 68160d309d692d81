import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { registrationVisible } from '@journeyline/auth/registration-visibility';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { publishInTransaction, recordAudit } from '@journeyline/database/audit';
import type { Approach } from '@journeyline/programs/program-occupation.entity';
import { combineTallies, CompetencyTally, tallyCompetencies } from './competency-progress';
import { CompetencySignoffEntity } from './competency-signoff.entity';
import { InterimCredentialEntity } from './interim-credential.entity';
import { RecordInterimCredentialInput, SignOffCompetencyInput } from './competencies.models';

/** Registration statuses after which nothing more is achieved under the agreement. */
const ENDED_STATUSES = ['completed', 'cancelled', 'transferred'];

interface RegistrationFacts {
  id: string;
  sponsorId: string;
  employerId: string;
  status: string;
  startDate: string;
  statusDate: string;
  programOccupationId: string;
  approach: Approach;
}

export interface SignoffWithEvaluator {
  signoff: CompetencySignoffEntity;
  evaluatorName: string;
}

export interface WorkProcessProgress extends CompetencyTally {
  workProcessId: string;
  position: number;
  title: string;
  requiredCompetencies: string[];
  signedOff: SignoffWithEvaluator[];
}

export interface CompetencyProgress extends CompetencyTally {
  registrationId: string;
  approach: Approach;
  workProcesses: WorkProcessProgress[];
  interimCredentials: InterimCredentialEntity[];
}

const REGISTRATION_QUERY = `
  SELECT r.id, r.sponsor_id, r.employer_id, r.status, r.start_date::text AS start_date, r.status_date::text AS status_date,
         r.program_occupation_id, po.approach
    FROM registrations r JOIN program_occupations po ON po.id = r.program_occupation_id
   WHERE r.id = $1`;

/**
 * Competency sign-offs and interim credentials, the progress record of competency-based and
 * hybrid programs (29 CFR 29.5(b)(2)). Writes lock the registration row, so two evaluators
 * signing off the same competency at once get one success and one CONFLICT.
 */
@Injectable()
export class CompetenciesService {
  constructor(
    @InjectRepository(CompetencySignoffEntity) private readonly signoffs: Repository<CompetencySignoffEntity>,
    @InjectRepository(InterimCredentialEntity) private readonly credentials: Repository<InterimCredentialEntity>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The caller is the evaluator: a supervisor or sponsor admin whose hours:approve reaches the registration. */
  async signOff(scope: AccessScope, input: SignOffCompetencyInput): Promise<SignoffWithEvaluator> {
    return this.dataSource.transaction(async (manager) => {
      const registration = await this.lockRegistration(manager, scope, input.registrationId, [Permission.ApproveHours]);
      assertCompetencyBased(registration);
      const [workProcess] = await manager.query(
        `SELECT competencies FROM work_processes WHERE id = $1 AND program_occupation_id = $2`,
        [input.workProcessId, registration.programOccupationId],
      );
      if (!workProcess) {
        throw DomainError.invalidField('workProcessId', "is not a work process of the registration's program occupation");
      }
      if (!(workProcess.competencies as string[]).includes(input.competency)) {
        throw DomainError.invalidField('competency', 'is not one of the competencies listed for this work process');
      }
      this.checkDate(registration, input.achievedOn, 'achievedOn');
      const [row] = await manager.query(
        `INSERT INTO competency_signoffs (registration_id, work_process_id, competency, achieved_on, evaluator_user_id, note)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (registration_id, work_process_id, competency) DO NOTHING RETURNING id`,
        [registration.id, input.workProcessId, input.competency, input.achievedOn, scope.userId, input.note ?? null],
      );
      if (!row) {
        throw new DomainError(ErrorCode.Conflict, 'This competency is already signed off', [
          { field: 'competency', reason: 'is already signed off for this registration and work process' },
        ]);
      }
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'competency.signed_off',
        entity: 'competency_signoff',
        entityId: row.id,
        after: {
          registrationId: registration.id,
          workProcessId: input.workProcessId,
          competency: input.competency,
          achievedOn: input.achievedOn,
        },
      });
      const signoff = await manager.findOneByOrFail(CompetencySignoffEntity, { id: row.id });
      return (await this.withEvaluators([signoff], manager))[0];
    });
  }

  async recordInterimCredential(scope: AccessScope, input: RecordInterimCredentialInput): Promise<InterimCredentialEntity> {
    return this.dataSource.transaction(async (manager) => {
      const registration = await this.lockRegistration(manager, scope, input.registrationId, [
        Permission.ApproveHours,
        Permission.ManageApprentices,
      ]);
      assertCompetencyBased(registration);
      this.checkDate(registration, input.earnedOn, 'earnedOn');
      const [duplicate] = await manager.query(
        `SELECT 1 FROM interim_credentials WHERE registration_id = $1 AND lower(name) = lower($2)`,
        [registration.id, input.name],
      );
      if (duplicate) {
        throw new DomainError(ErrorCode.Conflict, 'This interim credential is already recorded', [
          { field: 'name', reason: 'is already recorded for this registration' },
        ]);
      }
      const repository = manager.getRepository(InterimCredentialEntity);
      const credential = await repository.save(
        repository.create({
          registrationId: registration.id,
          name: input.name,
          earnedOn: input.earnedOn,
          issuedBy: input.issuedBy ?? null,
          recordedBy: scope.userId,
        }),
      );
      await publishInTransaction(manager, 'credential.earned', { registrationId: registration.id });
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'credential.recorded',
        entity: 'interim_credential',
        entityId: credential.id,
        after: { registrationId: registration.id, name: input.name, earnedOn: input.earnedOn, issuedBy: input.issuedBy ?? null },
      });
      return manager.findOneByOrFail(InterimCredentialEntity, { id: credential.id });
    });
  }

  /** Per work process of the registration's program occupation: required and signed-off competencies. */
  async progress(scope: AccessScope, registrationId: string): Promise<CompetencyProgress> {
    const filter = scope.registrationFilter(Permission.ReadRegistry, 'r');
    const registration = await this.dataSource
      .createQueryBuilder()
      .select('r.program_occupation_id', 'program_occupation_id')
      .addSelect('po.approach', 'approach')
      .from('registrations', 'r')
      .innerJoin('program_occupations', 'po', 'po.id = r.program_occupation_id')
      .where('r.id = :registrationId', { registrationId })
      .andWhere(filter.sql, filter.params)
      .getRawOne();
    if (!registration) throw DomainError.notFound('registration', 'registrationId');
    const [workProcesses, signoffs, interimCredentials] = await Promise.all([
      this.dataSource.query(
        `SELECT id, position, title, competencies FROM work_processes WHERE program_occupation_id = $1 ORDER BY position`,
        [registration.program_occupation_id],
      ) as Promise<Array<{ id: string; position: number; title: string; competencies: string[] }>>,
      this.signoffs.find({ where: { registrationId }, order: { achievedOn: 'ASC', createdAt: 'ASC' } }),
      this.credentials.find({ where: { registrationId }, order: { earnedOn: 'ASC', createdAt: 'ASC' } }),
    ]);
    const withEvaluators = await this.withEvaluators(signoffs, this.dataSource.manager);
    const progress = workProcesses.map((workProcess) => {
      const signedOff = withEvaluators.filter(({ signoff }) => signoff.workProcessId === workProcess.id);
      return {
        workProcessId: workProcess.id,
        position: workProcess.position,
        title: workProcess.title,
        requiredCompetencies: workProcess.competencies,
        signedOff,
        ...tallyCompetencies(
          workProcess.competencies,
          signedOff.map(({ signoff }) => signoff.competency),
        ),
      };
    });
    return {
      registrationId,
      approach: registration.approach,
      workProcesses: progress,
      ...combineTallies(progress),
      interimCredentials,
    };
  }

  private async withEvaluators(signoffs: CompetencySignoffEntity[], manager: EntityManager): Promise<SignoffWithEvaluator[]> {
    const users: Array<{ id: string; display_name: string }> = await manager.query(
      `SELECT id, display_name FROM users WHERE id = ANY($1)`,
      [[...new Set(signoffs.map((signoff) => signoff.evaluatorUserId))]],
    );
    const names = new Map(users.map((user) => [user.id, user.display_name]));
    return signoffs.map((signoff) => ({ signoff, evaluatorName: names.get(signoff.evaluatorUserId) ?? '' }));
  }

  /**
   * Locks the registration if one of the permissions reaches it (through its sponsor or its
   * employer). A registration the caller sees without such reach is FORBIDDEN; one they cannot
   * see at all is NOT_FOUND.
   */
  private async lockRegistration(
    manager: EntityManager,
    scope: AccessScope,
    registrationId: string,
    permissions: Permission[],
  ): Promise<RegistrationFacts> {
    const [row] = await manager.query(`${REGISTRATION_QUERY} FOR UPDATE OF r`, [registrationId]);
    if (!row) throw DomainError.notFound('registration', 'registrationId');
    const registration: RegistrationFacts = {
      id: row.id,
      sponsorId: row.sponsor_id,
      employerId: row.employer_id,
      status: row.status,
      startDate: row.start_date,
      statusDate: row.status_date,
      programOccupationId: row.program_occupation_id,
      approach: row.approach,
    };
    const reaches = permissions.some((permission) => {
      const reach = scope.reach(permission);
      return (
        reach.all || reach.sponsorIds.includes(registration.sponsorId) || reach.employerIds.includes(registration.employerId)
      );
    });
    if (reaches) return registration;
    if (await registrationVisible(manager, scope, registrationId)) {
      throw DomainError.forbidden(`Recording this needs ${permissions.join(' or ')} for the registration's sponsor or employer`);
    }
    throw DomainError.notFound('registration', 'registrationId');
  }

  /** Not in the future, and within the agreement: on or after its start, not after it ended. */
  private checkDate(registration: RegistrationFacts, date: string, field: string): void {
    if (date > this.clock.today()) throw DomainError.invalidField(field, 'is in the future');
    if (date < registration.startDate) {
      throw DomainError.invalidField(field, `is before the registration start date ${registration.startDate}`);
    }
    if (ENDED_STATUSES.includes(registration.status) && date > registration.statusDate) {
      throw DomainError.invalidField(
        field,
        `is after the registration ended (${registration.status}) on ${registration.statusDate}`,
      );
    }
  }
}

function assertCompetencyBased(registration: RegistrationFacts): void {
  if (registration.approach === 'time_based') {
    throw DomainError.invalidField(
      'registrationId',
      'is under a time-based program occupation: competency sign-offs and interim credentials are for ' +
        'competency-based or hybrid programs',
      undefined,
      '29 CFR 29.5(b)(2)',
    );
  }
}
