import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { decimalToCents, percentToBasisPoints } from '@journeyline/common/money';
import { Page, paginate } from '@journeyline/common/pagination';
import { escapeLike } from '@journeyline/common/sql';
import { recordAudit } from '@journeyline/database/audit';
import { OrganizationsService } from '@journeyline/organizations/organizations.service';
import { RuleFinding } from '@journeyline/rules/rule-book';
import { enforceFindings, RulesService } from '@journeyline/rules/rules.service';
import { ProgramEntity } from './program.entity';
import { toProgramOccupationModel } from './program.mappers';
import {
  CreateProgramInput,
  OccupationSummaryModel,
  ProgramOccupationInput,
  ProgramOccupationModel,
  ProgramsArgs,
  ReviseProgramInput,
  UpdateProgramDetailsInput,
  WageStepMode,
} from './program.models';
import { Approach, ProgramOccupationEntity } from './program-occupation.entity';
import { ProgramVersionEntity } from './program-version.entity';
import { OccupationFacts, standardsInputProblems, toOccupationStandards } from './standards-input';
import { checkProgramStandards } from './standards-rules';
import { WageScheduleStepEntity } from './wage-schedule-step.entity';
import { WorkProcessEntity } from './work-process.entity';

/** What other capabilities (registrations, hours, wages) need to know about one program occupation. */
export interface ProgramOccupationContext {
  programOccupationId: string;
  programId: string;
  programVersionId: string;
  /** False once the program has been revised: new registrations belong on the current version. */
  isCurrentVersion: boolean;
  sponsorId: string;
  state: string;
  occupationId: string;
  rapidsCode: string;
  approach: Approach;
  ojtTermHours: number;
  termMonths: number;
  probationMonths: number;
  journeyworkerRateCents: number;
  vaFacilityCode: string | null;
}

export interface ProgramWriteResult {
  program: ProgramEntity;
  warnings: RuleFinding[];
}

const PROGRAM_NUMBER_KEY = 'programs_program_number_key';

@Injectable()
export class ProgramsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RulesService,
    private readonly organizations: OrganizationsService,
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(ProgramVersionEntity) private readonly versions: Repository<ProgramVersionEntity>,
    @InjectRepository(ProgramOccupationEntity) private readonly programOccupations: Repository<ProgramOccupationEntity>,
    @InjectRepository(WorkProcessEntity) private readonly workProcesses: Repository<WorkProcessEntity>,
    @InjectRepository(WageScheduleStepEntity) private readonly wageSteps: Repository<WageScheduleStepEntity>,
  ) {}

  // ------------------------------------------------------------------ reads

  async list(scope: AccessScope, args: ProgramsArgs): Promise<Page<ProgramEntity>> {
    const filter = scope.programFilter(Permission.ReadRegistry, 'p');
    const query = this.programs.createQueryBuilder('p').where(filter.sql, filter.params);
    if (args.sponsorId) query.andWhere('p.sponsor_id = :sponsorId', { sponsorId: args.sponsorId });
    if (args.state) query.andWhere('p.state = :state', { state: args.state });
    if (args.nameContains) query.andWhere('p.name ILIKE :name', { name: `%${escapeLike(args.nameContains)}%` });
    if (args.occupationId) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM program_occupations f_po
                  WHERE f_po.program_version_id = p.current_version_id AND f_po.occupation_id = :occupationId)`,
        { occupationId: args.occupationId },
      );
    }
    if (args.rapidsCode) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM program_occupations f_po JOIN occupations f_o ON f_o.id = f_po.occupation_id
                  WHERE f_po.program_version_id = p.current_version_id AND f_o.rapids_code = :rapidsCode)`,
        { rapidsCode: args.rapidsCode },
      );
    }
    return paginate(query, args);
  }

  /** The program if the caller may see it; NOT_FOUND (naming `field`) otherwise. */
  async getVisible(scope: AccessScope, id: string, field = 'id'): Promise<ProgramEntity> {
    const filter = scope.programFilter(Permission.ReadRegistry, 'p');
    const program = await this.programs
      .createQueryBuilder('p')
      .where('p.id = :id', { id })
      .andWhere(filter.sql, filter.params)
      .getOne();
    if (!program) throw DomainError.notFound('program', field);
    return program;
  }

  /** Versions of each program, oldest first. */
  async versionsByProgramIds(programIds: readonly string[]): Promise<ProgramVersionEntity[]> {
    return this.versions
      .createQueryBuilder('v')
      .where('v.program_id = ANY(:programIds)', { programIds: [...programIds] })
      .orderBy('v.version', 'ASC')
      .getMany();
  }

  async occupationsByVersionIds(versionIds: readonly string[]): Promise<ProgramOccupationEntity[]> {
    return this.programOccupations
      .createQueryBuilder('po')
      .innerJoin('occupations', 'o', 'o.id = po.occupation_id')
      .where('po.program_version_id = ANY(:versionIds)', { versionIds: [...versionIds] })
      .orderBy('o.rapids_code', 'ASC')
      .getMany();
  }

  async workProcessesByProgramOccupationIds(ids: readonly string[]): Promise<WorkProcessEntity[]> {
    return this.workProcesses
      .createQueryBuilder('wp')
      .where('wp.program_occupation_id = ANY(:ids)', { ids: [...ids] })
      .orderBy('wp.position', 'ASC')
      .getMany();
  }

  async wageStepsByProgramOccupationIds(ids: readonly string[]): Promise<WageScheduleStepEntity[]> {
    return this.wageSteps
      .createQueryBuilder('ws')
      .where('ws.program_occupation_id = ANY(:ids)', { ids: [...ids] })
      .orderBy('ws.step', 'ASC')
      .getMany();
  }

  /** Occupations are public reference data: no tenancy filter. */
  async occupationSummariesByIds(ids: readonly string[]): Promise<OccupationSummaryModel[]> {
    const rows: Array<{ id: string; rapids_code: string; onet_soc_code: string | null; title: string }> =
      await this.dataSource.query(`SELECT id, rapids_code, onet_soc_code, title FROM occupations WHERE id = ANY($1)`, [
        [...ids],
      ]);
    return rows.map((row) => ({
      id: row.id,
      rapidsCode: row.rapids_code,
      onetSocCode: row.onet_soc_code ?? undefined,
      title: row.title,
    }));
  }

  /**
   * Program occupations by id, in key order (null for an unknown id), ready for DataLoader and the
   * ProgramOccupation GraphQL type. No tenancy filter: the caller has already decided the record
   * that points here (e.g. a registration) is visible.
   */
  async loadProgramOccupations(ids: readonly string[]): Promise<Array<ProgramOccupationModel | null>> {
    const rows = await this.programOccupations
      .createQueryBuilder('po')
      .where('po.id = ANY(:ids)', { ids: [...ids] })
      .getMany();
    const byId = new Map(rows.map((row) => [row.id, toProgramOccupationModel(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Everything a registration needs from its program occupation, in one query; no tenancy filter. */
  async getProgramOccupationContext(id: string): Promise<ProgramOccupationContext | null> {
    const [row] = await this.dataSource.query(
      `SELECT po.id, pv.program_id, po.program_version_id, p.current_version_id = po.program_version_id AS is_current,
              p.sponsor_id, p.state, po.occupation_id, o.rapids_code, po.approach, po.ojt_term_hours, po.term_months,
              po.probation_months, po.journeyworker_rate_cents, po.va_facility_code
         FROM program_occupations po
         JOIN program_versions pv ON pv.id = po.program_version_id
         JOIN programs p ON p.id = pv.program_id
         JOIN occupations o ON o.id = po.occupation_id
        WHERE po.id = $1`,
      [id],
    );
    if (!row) return null;
    return {
      programOccupationId: row.id,
      programId: row.program_id,
      programVersionId: row.program_version_id,
      isCurrentVersion: row.is_current === true,
      sponsorId: row.sponsor_id,
      state: row.state,
      occupationId: row.occupation_id,
      rapidsCode: row.rapids_code,
      approach: row.approach,
      ojtTermHours: row.ojt_term_hours,
      termMonths: row.term_months,
      probationMonths: row.probation_months,
      journeyworkerRateCents: Number(row.journeyworker_rate_cents),
      vaFacilityCode: row.va_facility_code,
    };
  }

  // ------------------------------------------------------------------ writes

  /**
   * Registers a program's standards: the program, version 1 and every occupation's work processes
   * and wage schedule, in one transaction. Rule errors write nothing; warnings come back.
   */
  async create(scope: AccessScope, input: CreateProgramInput): Promise<ProgramWriteResult> {
    const sponsor = await this.organizations.getVisible(scope, input.sponsorId, 'sponsorId');
    if (sponsor.kind !== 'sponsor') throw DomainError.invalidField('sponsorId', 'must be a sponsor organization');
    if (!scope.reachesSponsor(Permission.ManagePrograms, sponsor.id)) {
      throw DomainError.forbidden('You cannot manage programs of this sponsor (sponsorId)');
    }
    const state = input.state ?? sponsor.state;
    if (!state) throw DomainError.invalidField('state', "is required: the sponsor organization has no state");
    const warnings = await this.checkStandards(state, input.effectiveDate, input.occupations);

    const programId = await this.translateUniqueViolation(() =>
      this.dataSource.transaction(async (manager) => {
        const inserted = await manager.insert(ProgramEntity, {
          sponsorId: sponsor.id,
          name: input.name,
          programNumber: input.programNumber ?? null,
          state,
          registrationAgency: input.registrationAgency,
          currentVersionId: null,
        });
        const id: string = inserted.identifiers[0].id;
        const versionId = await this.writeVersion(manager, scope, id, 1, input.effectiveDate, null, input.occupations);
        await manager.update(ProgramEntity, { id }, { currentVersionId: versionId });
        await recordAudit(manager, {
          actorUserId: scope.userId,
          action: 'program.created',
          entity: 'program',
          entityId: id,
          after: {
            sponsorId: sponsor.id,
            name: input.name,
            programNumber: input.programNumber ?? null,
            state,
            registrationAgency: input.registrationAgency,
            version: 1,
            effectiveDate: input.effectiveDate,
          },
        });
        return id;
      }),
    );
    return { program: await this.programs.findOneByOrFail({ id: programId }), warnings };
  }

  /**
   * Writes the standards as a new version and makes it current. Earlier versions, and the rows
   * registrations and hours point at, stay exactly as they were.
   */
  async revise(scope: AccessScope, input: ReviseProgramInput): Promise<ProgramWriteResult> {
    const program = await this.getManageable(scope, input.programId, 'programId');
    const warnings = await this.dataSource.transaction(async (manager) => {
      // Serializes revisions of one program, so version numbers and the date check see the latest.
      const [locked] = await manager.query(`SELECT current_version_id FROM programs WHERE id = $1 FOR UPDATE`, [program.id]);
      if (!locked.current_version_id) throw new Error(`Program ${program.id} has no current version`);
      const current = await manager.findOneByOrFail(ProgramVersionEntity, { id: locked.current_version_id });
      if (input.effectiveDate < current.effectiveDate) {
        throw DomainError.invalidField(
          'effectiveDate',
          `must not be before the current version's effective date (${current.effectiveDate})`,
        );
      }
      const findings = await this.checkStandards(program.state, input.effectiveDate, input.occupations);
      const versionId = await this.writeVersion(
        manager,
        scope,
        program.id,
        current.version + 1,
        input.effectiveDate,
        input.changeNote,
        input.occupations,
      );
      await manager.update(ProgramEntity, { id: program.id }, { currentVersionId: versionId });
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'program.revised',
        entity: 'program',
        entityId: program.id,
        before: { version: current.version, versionId: current.id },
        after: { version: current.version + 1, versionId, effectiveDate: input.effectiveDate, changeNote: input.changeNote },
      });
      return findings;
    });
    return { program: await this.programs.findOneByOrFail({ id: program.id }), warnings };
  }

  /** Name and program number are not part of the standards: they change in place. */
  async updateDetails(scope: AccessScope, input: UpdateProgramDetailsInput): Promise<ProgramEntity> {
    const program = await this.getManageable(scope, input.programId, 'programId');
    const changes: Partial<Pick<ProgramEntity, 'name' | 'programNumber'>> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.programNumber !== undefined) changes.programNumber = input.programNumber;
    if (!Object.keys(changes).length) return program;
    await this.translateUniqueViolation(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.update(ProgramEntity, { id: program.id }, changes);
        await recordAudit(manager, {
          actorUserId: scope.userId,
          action: 'program.details_updated',
          entity: 'program',
          entityId: program.id,
          before: { name: program.name, programNumber: program.programNumber },
          after: changes,
        });
      }),
    );
    return this.programs.findOneByOrFail({ id: program.id });
  }

  /** The program if the caller may change it: visible and in their ManagePrograms reach. */
  async getManageable(scope: AccessScope, id: string, field: string): Promise<ProgramEntity> {
    const program = await this.getVisible(scope, id, field);
    if (!scope.reachesSponsor(Permission.ManagePrograms, program.sponsorId)) {
      throw DomainError.forbidden(`You cannot manage this program (${field})`);
    }
    return program;
  }

  /** Shape problems first (all at once), then the dated rules; returns the warnings. */
  private async checkStandards(state: string, effectiveDate: string, occupations: ProgramOccupationInput[]): Promise<RuleFinding[]> {
    const catalog = await this.occupationFacts(occupations.map((occupation) => occupation.occupationId));
    const problems = standardsInputProblems(occupations, catalog);
    if (problems.length) throw DomainError.validation(problems);
    const book = await this.rules.ruleBook(state, effectiveDate);
    return enforceFindings(
      checkProgramStandards(
        book,
        occupations.map((occupation) => ({
          standards: toOccupationStandards(occupation),
          occupationTimeBasedHours: (catalog.get(occupation.occupationId) as OccupationFacts).timeBasedHours,
        })),
      ),
    );
  }

  private async occupationFacts(ids: string[]): Promise<Map<string, OccupationFacts>> {
    const rows: Array<{ id: string; rapids_code: string; title: string; approaches: Approach[]; time_based_hours: number | null }> =
      await this.dataSource.query(
        `SELECT id, rapids_code, title, approaches, time_based_hours FROM occupations WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    return new Map(
      rows.map((row) => [
        row.id,
        { id: row.id, rapidsCode: row.rapids_code, title: row.title, approaches: row.approaches, timeBasedHours: row.time_based_hours },
      ]),
    );
  }

  private async writeVersion(
    manager: EntityManager,
    scope: AccessScope,
    programId: string,
    version: number,
    effectiveDate: string,
    changeNote: string | null,
    occupations: ProgramOccupationInput[],
  ): Promise<string> {
    const insertedVersion = await manager.insert(ProgramVersionEntity, {
      programId,
      version,
      effectiveDate,
      changeNote,
      createdBy: scope.userId,
    });
    const versionId: string = insertedVersion.identifiers[0].id;
    await this.checkFacilityCodesFree(manager, programId, occupations);
    for (const occupation of occupations) {
      const inserted = await manager.insert(ProgramOccupationEntity, {
        programVersionId: versionId,
        occupationId: occupation.occupationId,
        approach: occupation.approach,
        ojtTermHours: occupation.ojtTermHours,
        termMonths: occupation.termMonths,
        rtiHoursPerYear: occupation.rtiHoursPerYear,
        rtiPaid: occupation.rtiPaid,
        probationMonths: occupation.probationMonths,
        ratioApprentices: occupation.ratio.apprentices,
        ratioJourneyworkers: occupation.ratio.journeyworkers,
        journeyworkerRateCents: decimalToCents(occupation.journeyworkerRate),
        wageStepMode: occupation.wageStepMode ?? WageStepMode.CONFIRM,
        vaFacilityCode: occupation.va?.facilityCode ?? null,
        vaApprovedProgramName: occupation.va?.approvedProgramName ?? null,
      });
      const programOccupationId: string = inserted.identifiers[0].id;
      await manager.insert(
        WorkProcessEntity,
        occupation.workProcesses.map((process, index) => ({
          programOccupationId,
          position: index + 1,
          title: process.title,
          minHours: process.minHours,
          maxHours: process.maxHours,
          competencies: process.competencies ?? [],
        })),
      );
      await manager.insert(
        WageScheduleStepEntity,
        occupation.wageSchedule.map((step) => {
          const percent = step.percentOfJourneyworker ? percentToBasisPoints(step.percentOfJourneyworker) : null;
          return {
            programOccupationId,
            step: step.step,
            thresholdKind: step.thresholdKind,
            thresholdValue: step.thresholdValue,
            rateKind: percent === null ? ('absolute' as const) : ('percent' as const),
            percentBasisPoints: percent,
            rateCents: percent === null ? decimalToCents(step.rate as string) : null,
          };
        }),
      );
    }
    return versionId;
  }

  /** A taken program number is a conflict on that field, whichever transaction got there first. */
  /**
   * A VA facility code belongs to one sponsor. Report runs scoped to a facility code cover every
   * trainee holding it and are reached only when every program holding it is (report-scope.ts), so
   * a sponsor copying another's code would lock that sponsor out of its own VA runs. The lock per
   * code makes two sponsors claiming the same new code at once take turns.
   */
  private async checkFacilityCodesFree(manager: EntityManager, programId: string, occupations: ProgramOccupationInput[]): Promise<void> {
    const codes = [...new Set(occupations.flatMap((occupation) => (occupation.va?.facilityCode ? [occupation.va.facilityCode] : [])))].sort();
    if (!codes.length) return;
    for (const code of codes) await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`va-facility-code:${code}`]);
    const taken: Array<{ code: string }> = await manager.query(
      `SELECT DISTINCT po.va_facility_code AS code
         FROM program_occupations po
         JOIN program_versions pv ON pv.id = po.program_version_id
         JOIN programs p ON p.id = pv.program_id
        WHERE po.va_facility_code = ANY($1)
          AND p.sponsor_id <> (SELECT sponsor_id FROM programs WHERE id = $2)`,
      [codes, programId],
    );
    if (!taken.length) return;
    const takenCodes = new Set(taken.map((row) => row.code));
    throw new DomainError(
      ErrorCode.Conflict,
      'VA facility code already used by another sponsor',
      occupations.flatMap((occupation, index) =>
        occupation.va?.facilityCode && takenCodes.has(occupation.va.facilityCode)
          ? [{ field: `occupations.${index}.va.facilityCode`, reason: "is already used by another sponsor's program; a facility code belongs to one sponsor" }]
          : [],
      ),
    );
  }

  private async translateUniqueViolation<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
      if (driverError?.code === '23505' && driverError.constraint === PROGRAM_NUMBER_KEY) {
        throw new DomainError(ErrorCode.Conflict, 'Another program already has this program number', [
          { field: 'programNumber', reason: 'is already registered to another program' },
        ]);
      }
      throw error;
    }
  }
}
