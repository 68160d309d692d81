import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { DomainError, FieldProblem } from '@journeyline/common/domain-error';
import { decimalToCents } from '@journeyline/common/money';
import { Page, paginate } from '@journeyline/common/pagination';
import { escapeLike } from '@journeyline/common/sql';
import { recordAudit } from '@journeyline/database/audit';
import { RuleFinding } from '@journeyline/rules/rule-book';
import { enforceFindings, RulesService } from '@journeyline/rules/rules.service';
import { ratioFinding } from '@journeyline/wages/ratio-check';
import { assertEmployerOfSponsor, loadProgramOccupation } from './agreement-lookup';
import { minimumAgeFinding, racesProblem } from './agreement-rules';
import { ApprenticeEntity } from './apprentice.entity';
import { ApprenticesArgs, DemographicsInput, UpdateApprenticeInput } from './apprentice.models';
import { PiiCipher } from './pii-cipher';
import { RegisterApprenticeInput } from './registration.models';
import { RegistrationsService, RegistrationWithWarnings } from './registrations.service';

/** Person fields an update may change, by entity property. */
type ApprenticePatch = Partial<Omit<ApprenticeEntity, 'id' | 'ownerOrganizationId' | 'createdAt'>>;

@Injectable()
export class ApprenticesService {
  constructor(
    @InjectRepository(ApprenticeEntity) private readonly apprentices: Repository<ApprenticeEntity>,
    private readonly dataSource: DataSource,
    private readonly registrations: RegistrationsService,
    private readonly cipher: PiiCipher,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  async list(scope: AccessScope, args: ApprenticesArgs): Promise<Page<ApprenticeEntity>> {
    const filter = scope.apprenticeFilter(Permission.ReadRegistry, 'a');
    const query = this.apprentices.createQueryBuilder('a').where(filter.sql, filter.params);
    if (args.nameContains) {
      query.andWhere(`concat_ws(' ', a.first_name, a.middle_name, a.last_name) ILIKE :name`, {
        name: `%${escapeLike(args.nameContains)}%`,
      });
    }
    if (args.sponsorId || args.status) {
      // Only registrations the caller may see count, so a filter never reveals a hidden agreement.
      const registrations = scope.registrationFilter(Permission.ReadRegistry, 'f');
      const conditions = [`f.apprentice_id = a.id`, registrations.sql];
      if (args.sponsorId) conditions.push('f.sponsor_id = :sponsorId');
      if (args.status) conditions.push('f.status = :status');
      query.andWhere(`EXISTS (SELECT 1 FROM registrations f WHERE ${conditions.join(' AND ')})`, {
        ...registrations.params,
        sponsorId: args.sponsorId,
        status: args.status,
      });
    }
    return paginate(query, args);
  }

  /** The apprentice if the caller may see them; NOT_FOUND (naming `field`) otherwise. */
  async getVisible(scope: AccessScope, id: string, field = 'id'): Promise<ApprenticeEntity> {
    const filter = scope.apprenticeFilter(Permission.ReadRegistry, 'a');
    const apprentice = await this.apprentices
      .createQueryBuilder('a')
      .where('a.id = :id', { id })
      .andWhere(filter.sql, filter.params)
      .getOne();
    if (!apprentice) throw DomainError.notFound('apprentice', field);
    return apprentice;
  }

  /** For batched loading behind records the caller already sees. */
  async findByIds(ids: readonly string[]): Promise<ApprenticeEntity[]> {
    return this.apprentices.createQueryBuilder('a').where('a.id = ANY(:ids)', { ids }).getMany();
  }

  /**
   * Creates the person and their first agreement (pending, under the program's current standards)
   * in one transaction. The sponsor becomes the person's owner organization.
   */
  async registerApprentice(scope: AccessScope, input: RegisterApprenticeInput): Promise<RegistrationWithWarnings> {
    const { person, registration } = input;
    const problems: FieldProblem[] = [];
    const racesInvalid = racesProblem(person.demographics.races, 'person.demographics.races');
    if (racesInvalid) problems.push(racesInvalid);
    if (person.dateOfBirth > this.clock.today()) {
      problems.push({ field: 'person.dateOfBirth', reason: 'must not be in the future' });
    }
    const va = registration.va;
    if (va?.enrollmentStart && va.enrollmentEnd && va.enrollmentEnd < va.enrollmentStart) {
      problems.push({ field: 'registration.va.enrollmentEnd', reason: 'must not be before enrollmentStart' });
    }
    if (problems.length) throw DomainError.validation(problems);
    const sealed = person.ssn != null ? this.cipher.seal(person.ssn, 'person.ssn') : null;
    const priorCredit = registration.priorCredit;

    return this.dataSource.transaction(async (manager) => {
      const terms = await loadProgramOccupation(
        manager,
        scope,
        registration.programOccupationId,
        'registration.programOccupationId',
      );
      await assertEmployerOfSponsor(manager, scope, terms.sponsorId, registration.employerId, 'registration.employerId');
      if (priorCredit && priorCredit.ojtHours >= terms.ojtTermHours) {
        throw DomainError.invalidField(
          'registration.priorCredit.ojtHours',
          `must be less than the occupation's OJT term of ${terms.ojtTermHours} hours`,
        );
      }
      const book = await this.rules.ruleBook(terms.state, registration.startDate, manager);
      const warnings = enforceFindings([
        minimumAgeFinding(book, person.dateOfBirth, registration.startDate, 'person.dateOfBirth'),
      ]);

      const repository = manager.getRepository(ApprenticeEntity);
      const apprentice = await repository.save(
        repository.create({
          ownerOrganizationId: terms.sponsorId,
          firstName: person.firstName,
          middleName: person.middleName ?? null,
          lastName: person.lastName,
          suffix: person.suffix ?? null,
          dateOfBirth: person.dateOfBirth,
          ssnCiphertext: sealed?.ciphertext ?? null,
          ssnKeyId: sealed?.keyId ?? null,
          ssnLast4: sealed?.last4 ?? null,
          email: person.email ?? null,
          phone: person.phone ?? null,
          streetAddress: person.streetAddress ?? null,
          city: person.city ?? null,
          state: person.state ?? null,
          zipCode: person.zipCode ?? null,
          ...demographicsOf(person.demographics),
          priorWageCents: person.priorWage ? String(decimalToCents(person.priorWage)) : null,
          priorWageUnit: person.priorWageUnit,
        }),
      );
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'apprentice.created',
        entity: 'apprentice',
        entityId: apprentice.id,
        after: { firstName: person.firstName, lastName: person.lastName, ssnProvided: sealed !== null },
      });
      const created = await this.registrations.open(manager, scope, {
        apprenticeId: apprentice.id,
        terms,
        employerId: registration.employerId,
        startDate: registration.startDate,
        employmentStatus: registration.employmentStatus,
        careerConnection: registration.careerConnection ?? null,
        priorCredit: {
          text: priorCredit?.description ?? null,
          ojtHours: priorCredit?.ojtHours ?? 0,
          rtiHours: priorCredit?.rtiHours ?? 0,
        },
        va: va
          ? {
              chapter: va.chapter,
              fileNumber: va.vaFileNumber ?? null,
              enrollmentStart: va.enrollmentStart ?? null,
              enrollmentEnd: va.enrollmentEnd ?? null,
            }
          : null,
        transferredFromId: null,
        reason: 'Apprenticeship agreement entered',
      });
      warnings.push(
        ...enforceFindings([
          await ratioFinding(manager, registration.employerId, terms.id, registration.startDate, book, 'registration.employerId'),
        ]),
      );
      return { registration: created, warnings };
    });
  }

  /**
   * Changes the fields present in the input; null clears an optional field. The audit row lists
   * each changed field before and after, except the SSN, which is recorded only as changed.
   */
  async updateApprentice(scope: AccessScope, input: UpdateApprenticeInput): Promise<ApprenticeEntity> {
    const problems: FieldProblem[] = [];
    if (input.demographics) {
      const racesInvalid = racesProblem(input.demographics.races, 'demographics.races');
      if (racesInvalid) problems.push(racesInvalid);
    }
    if (input.dateOfBirth && input.dateOfBirth > this.clock.today()) {
      problems.push({ field: 'dateOfBirth', reason: 'must not be in the future' });
    }
    if (problems.length) throw DomainError.validation(problems);
    const sealed = input.ssn != null ? this.cipher.seal(input.ssn, 'ssn') : null;

    return this.dataSource.transaction(async (manager) => {
      const apprentice = await this.lockManageable(manager, scope, input.apprenticeId);
      const patch: ApprenticePatch = {};
      const optional = ['middleName', 'suffix', 'email', 'phone', 'streetAddress', 'city', 'state', 'zipCode'] as const;
      for (const key of optional) if (input[key] !== undefined) patch[key] = input[key] ?? null;
      for (const key of ['firstName', 'lastName', 'dateOfBirth', 'priorWageUnit'] as const) {
        if (input[key] !== undefined) patch[key] = input[key];
      }
      if (input.demographics) Object.assign(patch, demographicsOf(input.demographics));
      if (input.priorWage !== undefined) {
        patch.priorWageCents = input.priorWage === null ? null : String(decimalToCents(input.priorWage));
      }

      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(patch) as Array<[keyof ApprenticePatch, unknown]>) {
        if (JSON.stringify(apprentice[key]) === JSON.stringify(value)) {
          delete patch[key];
          continue;
        }
        before[key] = apprentice[key];
        after[key] = value;
      }
      if (input.ssn !== undefined && (sealed || apprentice.ssnLast4 !== null)) {
        patch.ssnCiphertext = sealed?.ciphertext ?? null;
        patch.ssnKeyId = sealed?.keyId ?? null;
        patch.ssnLast4 = sealed?.last4 ?? null;
        after.ssnChanged = true;
      }
      if (patch.dateOfBirth) await this.checkAgeAtEachStart(manager, apprentice.id, patch.dateOfBirth);
      if (Object.keys(patch).length) {
        await manager.update(ApprenticeEntity, { id: apprentice.id }, patch);
        await recordAudit(manager, {
          actorUserId: scope.userId,
          action: 'apprentice.updated',
          entity: 'apprentice',
          entityId: apprentice.id,
          before,
          after,
        });
      }
      return manager.findOneByOrFail(ApprenticeEntity, { id: apprentice.id });
    });
  }

  /**
   * The full SSN (nine digits), for an agency export only, or null when none is on file. Every
   * reveal writes an audit row in the caller's transaction, so the export and its record commit
   * together. The caller has already decided the actor may export this apprentice.
   */
  async revealSsnForExport(apprenticeId: string, actorUserId: string, manager: EntityManager): Promise<string | null> {
    const [row] = await manager.query(`SELECT ssn_ciphertext, ssn_key_id FROM apprentices WHERE id = $1`, [apprenticeId]);
    if (!row) throw DomainError.notFound('apprentice', 'apprenticeId');
    if (!row.ssn_ciphertext) return null;
    const ssn = this.cipher.open(row.ssn_ciphertext, row.ssn_key_id);
    await recordAudit(manager, { actorUserId, action: 'ssn.revealed', entity: 'apprentice', entityId: apprenticeId });
    return ssn;
  }

  /** Locks the apprentice row for this transaction, if the caller may manage the person. */
  private async lockManageable(manager: EntityManager, scope: AccessScope, id: string): Promise<ApprenticeEntity> {
    const apprentice = await manager
      .getRepository(ApprenticeEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
    if (!apprentice) throw DomainError.notFound('apprentice', 'apprenticeId');
    const reach = scope.reach(Permission.ManageApprentices);
    if (reach.all || reach.sponsorIds.includes(apprentice.ownerOrganizationId)) return apprentice;
    const [registered] = await manager.query(
      `SELECT 1 FROM registrations WHERE apprentice_id = $1 AND sponsor_id = ANY($2)`,
      [id, reach.sponsorIds],
    );
    if (registered) return apprentice;
    const filter = scope.apprenticeFilter(Permission.ReadRegistry, 'a');
    const visible = await manager
      .createQueryBuilder()
      .select('a.id')
      .from('apprentices', 'a')
      .where('a.id = :id', { id })
      .andWhere(filter.sql, filter.params)
      .getRawOne();
    if (!visible) throw DomainError.notFound('apprentice', 'apprenticeId');
    throw DomainError.forbidden('Only a sponsor of this apprentice can change their record');
  }

  /** A corrected date of birth must still meet the minimum age at the start of every agreement. */
  private async checkAgeAtEachStart(manager: EntityManager, apprenticeId: string, dateOfBirth: string): Promise<void> {
    const starts: Array<{ state: string; start_date: string }> = await manager.query(
      `SELECT DISTINCT state, start_date::text AS start_date FROM registrations WHERE apprentice_id = $1`,
      [apprenticeId],
    );
    const findings: Array<RuleFinding | null> = [];
    for (const start of starts) {
      const book = await this.rules.ruleBook(start.state, start.start_date, manager);
      findings.push(minimumAgeFinding(book, dateOfBirth, start.start_date, 'dateOfBirth'));
    }
    enforceFindings(findings);
  }
}

function demographicsOf(demographics: DemographicsInput) {
  return {
    sex: demographics.sex,
    ethnicity: demographics.ethnicity,
    races: [...demographics.races],
    veteranStatus: demographics.veteranStatus,
    disability: demographics.disability,
    education: demographics.education,
  };
}
