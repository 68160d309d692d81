import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AccessScope, Reach } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { DomainError, ErrorCode, FieldProblem } from '@journeyline/common/domain-error';
import { Page, PageArgs, paginate } from '@journeyline/common/pagination';
import { publishInTransaction, recordAudit } from '@journeyline/database/audit';
import { WorkProcessEntity } from '@journeyline/programs/work-process.entity';
import { RuleBook, RuleFinding } from '@journeyline/rules/rule-book';
import { enforceFindings, RulesService } from '@journeyline/rules/rules.service';
import { dailyCapBreaches, EntryPayload, payloadDifferences, workDateProblem } from './hour-rules';
import { OjtHourEntryEntity } from './ojt-hour-entry.entity';
import {
  LogOjtHoursBatchInput,
  LogOjtHoursInput,
  MAX_ENTRIES_PER_CALL,
  OjtHourEntriesArgs,
  RejectOjtHoursInput,
  UpdateOjtHoursInput,
} from './ojt-hours.models';
import {
  ENTRY_COLUMNS,
  LockedRegistration,
  lockApprenticeRegistrations,
  loggedQuartersByDay,
  refreshOverAllotment,
  rowToEntry,
  updateReturning,
  WorkProcessPair,
} from './ojt-hours.sql';

/** Published when approved hours change; wage steps and alerts recompute from it. */
export const HOURS_APPROVED_TOPIC = 'hours.approved';

const OVER_ALLOTMENT_RULE = 'hours.work_process_over_allotment';
const OVER_ALLOTMENT_SOURCE =
  'VBA "Basic Duties of Certifying Officials" (March 2015): hours past a work process\'s allotment are not certified to VA';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The input field path of entry `index`'s `field` (bare for the single mutation, entries.N.field for the batch). */
type FieldPath = (index: number, field: string) => string;

export interface LoggedEntry {
  entry: OjtHourEntryEntity;
  /** The idempotency key had been used: the stored entry is returned unchanged. */
  duplicate: boolean;
}

export interface LogOutcome {
  entries: LoggedEntry[];
  warnings: RuleFinding[];
}

export interface UpdateOutcome {
  entry: OjtHourEntryEntity;
  warnings: RuleFinding[];
}

interface WorkProcessFacts {
  programOccupationId: string;
  title: string;
  maxHours: number;
}

@Injectable()
export class OjtHoursService {
  constructor(
    @InjectRepository(OjtHourEntryEntity) private readonly entries: Repository<OjtHourEntryEntity>,
    @InjectRepository(WorkProcessEntity) private readonly workProcesses: Repository<WorkProcessEntity>,
    private readonly dataSource: DataSource,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------------ reads

  /** Entries of registrations the caller may read. */
  async list(scope: AccessScope, args: OjtHourEntriesArgs): Promise<Page<OjtHourEntryEntity>> {
    const filter = scope.registrationFilter(Permission.ReadRegistry, 'r');
    const query = this.entries
      .createQueryBuilder('e')
      .innerJoin('registrations', 'r', 'r.id = e.registration_id')
      .where(filter.sql, filter.params);
    if (args.registrationId) query.andWhere('e.registration_id = :registrationId', { registrationId: args.registrationId });
    if (args.status) query.andWhere('e.status = :status', { status: args.status });
    if (args.from) query.andWhere('e.work_date >= :from', { from: args.from });
    if (args.to) query.andWhere('e.work_date <= :to', { to: args.to });
    if (args.employerId) query.andWhere('e.employer_id = :employerId', { employerId: args.employerId });
    return paginate(query, args);
  }

  /** Submitted entries the caller may approve (never their own). */
  async pendingApprovals(scope: AccessScope, args: PageArgs): Promise<Page<OjtHourEntryEntity>> {
    const reach = scope.reach(Permission.ApproveHours);
    const query = this.entries
      .createQueryBuilder('e')
      .innerJoin('registrations', 'r', 'r.id = e.registration_id')
      .where(`e.status = 'submitted'`);
    if (!reach.all) {
      query.andWhere('(r.sponsor_id = ANY(:approverSponsorIds) OR e.employer_id = ANY(:approverEmployerIds))', {
        approverSponsorIds: reach.sponsorIds,
        approverEmployerIds: reach.employerIds,
      });
    }
    if (scope.apprenticeId) query.andWhere('r.apprentice_id <> :ownApprenticeId', { ownApprenticeId: scope.apprenticeId });
    return paginate(query, args);
  }

  async workProcessesByIds(ids: readonly string[]): Promise<WorkProcessEntity[]> {
    return this.workProcesses.findBy({ id: In([...ids]) });
  }

  // ------------------------------------------------------------------ logging

  async log(scope: AccessScope, input: LogOjtHoursInput): Promise<LogOutcome> {
    return this.logEntries(scope, [input], false, (_index, field) => field);
  }

  /** All or nothing: one bad entry and nothing is written; every bad entry is reported by its index path. */
  async logBatch(scope: AccessScope, input: LogOjtHoursBatchInput): Promise<LogOutcome> {
    if (input.entries.length > MAX_ENTRIES_PER_CALL) {
      throw DomainError.invalidField('entries', `at most ${MAX_ENTRIES_PER_CALL} entries per call`);
    }
    return this.logEntries(scope, input.entries, input.submit === true, (index, field) => `entries.${index}.${field}`);
  }

  private async logEntries(
    scope: AccessScope,
    inputs: LogOjtHoursInput[],
    submitAll: boolean,
    path: FieldPath,
  ): Promise<LogOutcome> {
    const today = this.clock.today();
    const registrationIds = [...new Set(inputs.map((input) => input.registrationId))];

    return this.dataSource.transaction(async (manager) => {
      const registrations = await lockApprenticeRegistrations(manager, scope, { registrationIds }, Permission.LogHours);
      const unseen = inputs.flatMap((input, index) =>
        registrations.get(input.registrationId)?.inReach
          ? []
          : [{ field: path(index, 'registrationId'), reason: 'no registration with this id is visible to you' }],
      );
      if (unseen.length) throw new DomainError(ErrorCode.NotFound, 'registration not found', unseen);
      const registrationOf = (input: LogOjtHoursInput) => registrations.get(input.registrationId)!;
      const employerOf = (input: LogOjtHoursInput) => input.employerId ?? registrationOf(input).employerId;

      // Retries first: a key already used returns its entry, or a conflict when the payload differs.
      const stored = await this.findByKeys(manager, inputs);
      const conflicts: FieldProblem[] = [];
      const problems: FieldProblem[] = [];
      const fresh: number[] = [];
      const firstWithKey = new Map<string, number>();
      inputs.forEach((input, index) => {
        const key = keyOf(input.registrationId, input.idempotencyKey);
        const existing = stored.get(key);
        if (existing) {
          const differences = payloadDifferences(storedPayload(existing), { ...input, employerId: employerOf(input) });
          if (differences.length) conflicts.push(keyConflict(path(index, 'idempotencyKey'), differences));
          return;
        }
        const earlier = firstWithKey.get(key);
        if (earlier !== undefined) {
          problems.push({ field: path(index, 'idempotencyKey'), reason: `repeats the key of ${path(earlier, 'idempotencyKey')}` });
          return;
        }
        firstWithKey.set(key, index);
        fresh.push(index);
      });
      if (conflicts.length) throw new DomainError(ErrorCode.Conflict, 'Idempotency key already used for other hours', conflicts);

      let warnings: RuleFinding[] = [];
      const created = new Map<number, OjtHourEntryEntity>();
      if (fresh.length) {
        const freshInputs = fresh.map((index) => inputs[index]);
        const workProcesses = await this.workProcessFacts(
          manager,
          freshInputs.map((input) => input.workProcessId),
        );
        const linked = await this.linkedEmployers(
          manager,
          freshInputs
            .map((input) => ({ registration: registrationOf(input), employerId: employerOf(input) }))
            .filter(({ registration, employerId }) => employerId !== registration.employerId && employerId !== registration.sponsorId)
            .map(({ registration, employerId }) => ({ sponsorId: registration.sponsorId, employerId })),
        );
        for (const index of fresh) {
          const input = inputs[index];
          const registration = registrationOf(input);
          const employerId = employerOf(input);
          const dateProblem = workDateProblem(input.workDate, registration, today);
          if (dateProblem) problems.push({ field: path(index, 'workDate'), reason: dateProblem });
          const workProcessProblem = this.workProcessProblem(workProcesses, input.workProcessId, registration);
          if (workProcessProblem) problems.push({ field: path(index, 'workProcessId'), reason: workProcessProblem });
          if (
            employerId !== registration.employerId &&
            employerId !== registration.sponsorId &&
            !linked.has(`${registration.sponsorId}|${employerId}`)
          ) {
            problems.push({
              field: path(index, 'employerId'),
              reason: "must be the registration's employer, its sponsor or an employer linked to the sponsor",
            });
          }
        }
        const findings = await this.dailyCapFindings(
          manager,
          await this.ruleBooksFor(manager, fresh.map((index) => registrationOf(inputs[index]).state), today),
          fresh.map((index) => ({ input: inputs[index], registration: registrationOf(inputs[index]), field: path(index, 'hours') })),
          null,
        );
        warnings = enforceAll(problems, findings);

        const inserted = await this.insert(
          manager,
          scope,
          fresh.map((index) => ({
            input: inputs[index],
            employerId: employerOf(inputs[index]),
            status: inputs[index].submit === true || submitAll ? 'submitted' : 'draft',
          })),
        );
        // A writer that skipped the registration lock may have used a key meanwhile.
        const raced = fresh.filter((index) => !inserted.has(keyOf(inputs[index].registrationId, inputs[index].idempotencyKey)));
        const racedStored = raced.length ? await this.findByKeys(manager, raced.map((index) => inputs[index])) : new Map();
        for (const index of raced) {
          const input = inputs[index];
          const existing = racedStored.get(keyOf(input.registrationId, input.idempotencyKey))!;
          const differences = payloadDifferences(storedPayload(existing), { ...input, employerId: employerOf(input) });
          if (differences.length) conflicts.push(keyConflict(path(index, 'idempotencyKey'), differences));
          stored.set(keyOf(input.registrationId, input.idempotencyKey), existing);
        }
        if (conflicts.length) throw new DomainError(ErrorCode.Conflict, 'Idempotency key already used for other hours', conflicts);

        const changed = await refreshOverAllotment(manager, [...inserted.values()].map(pairOf));
        for (const index of fresh) {
          const entry = inserted.get(keyOf(inputs[index].registrationId, inputs[index].idempotencyKey));
          if (!entry) continue;
          entry.overAllotment = changed.get(entry.id) ?? entry.overAllotment;
          created.set(index, entry);
          if (entry.overAllotment) {
            warnings.push(overAllotmentWarning(path(index, 'workProcessId'), workProcesses.get(entry.workProcessId)!));
          }
        }
      }
      return {
        entries: inputs.map((input, index) => {
          const entry = created.get(index);
          if (entry) return { entry, duplicate: false };
          return { entry: stored.get(keyOf(input.registrationId, input.idempotencyKey))!, duplicate: true };
        }),
        warnings,
      };
    });
  }

  // ------------------------------------------------------------------ workflow

  /** Drafts go to submitted, by anyone who may log hours on them. All or nothing. */
  async submit(scope: AccessScope, entryIds: string[]): Promise<OjtHourEntryEntity[]> {
    const ids = checkEntryIds(entryIds);
    return this.dataSource.transaction(async (manager) => {
      const { registrations, entries } = await this.lockEntries(manager, scope, ids, Permission.LogHours);
      const unseen: FieldProblem[] = [];
      const illegal: FieldProblem[] = [];
      ids.forEach((id, index) => {
        const entry = entries.get(id);
        const field = `entryIds.${index}`;
        if (!entry || !registrations.get(entry.registrationId)?.inReach) unseen.push(entryNotFound(field));
        else if (entry.status !== 'draft') illegal.push({ field, reason: `is ${entry.status}: only drafts can be submitted` });
      });
      throwEntryProblems('submitted', unseen, [], illegal);
      const updated = await updateReturning(
        manager,
        `UPDATE ojt_hour_entries e SET status = 'submitted', submitted_at = now(), updated_at = now()
          WHERE e.id = ANY($1) RETURNING ${ENTRY_COLUMNS}`,
        [ids],
      );
      await this.auditStatusChanges(manager, scope, ids, 'ojt_hours.submitted', { status: 'draft' }, { status: 'submitted' });
      return inOrder(ids, updated.map(rowToEntry));
    });
  }

  async approve(scope: AccessScope, entryIds: string[]): Promise<OjtHourEntryEntity[]> {
    return this.decide(scope, checkEntryIds(entryIds), 'approved', null);
  }

  async reject(scope: AccessScope, input: RejectOjtHoursInput): Promise<OjtHourEntryEntity[]> {
    const reason = input.reason?.trim();
    if (!reason) throw DomainError.invalidField('reason', 'is required when rejecting hours');
    return this.decide(scope, checkEntryIds(input.entryIds), 'rejected', reason);
  }

  /**
   * Approves or rejects submitted entries. The approver needs the approve permission over the
   * hours' employer (a supervisor there) or over the registration's sponsor, and is never the
   * apprentice. All or nothing: every offending id is reported and nothing changes.
   */
  private async decide(
    scope: AccessScope,
    ids: string[],
    to: 'approved' | 'rejected',
    reason: string | null,
  ): Promise<OjtHourEntryEntity[]> {
    if (!scope.can(Permission.ApproveHours)) {
      throw DomainError.forbidden('Only supervisors and sponsor administrators approve or reject hours');
    }
    const reach = scope.reach(Permission.ApproveHours);
    return this.dataSource.transaction(async (manager) => {
      const { registrations, entries } = await this.lockEntries(manager, scope, ids, Permission.ReadRegistry);
      const unseen: FieldProblem[] = [];
      const forbidden: FieldProblem[] = [];
      const illegal: FieldProblem[] = [];
      ids.forEach((id, index) => {
        const entry = entries.get(id);
        const registration = entry && registrations.get(entry.registrationId);
        const field = `entryIds.${index}`;
        const decidable = entry && registration && mayDecide(scope, reach, entry, registration);
        if (!entry || !registration || (!registration.inReach && !decidable)) unseen.push(entryNotFound(field));
        else if (!decidable) forbidden.push({ field, reason: decisionRefusal(scope, registration) });
        else if (entry.status !== 'submitted') {
          illegal.push({ field, reason: `is ${entry.status}: only submitted entries can be ${to}` });
        }
      });
      throwEntryProblems(to, unseen, forbidden, illegal);

      const updated = (
        await updateReturning(
          manager,
          `UPDATE ojt_hour_entries e
              SET status = $2, decided_by = $3, decided_at = now(), rejection_reason = $4, updated_at = now()
            WHERE e.id = ANY($1) RETURNING ${ENTRY_COLUMNS}`,
          [ids, to, scope.userId, reason],
        )
      ).map(rowToEntry);
      await this.auditStatusChanges(
        manager,
        scope,
        ids,
        to === 'approved' ? 'ojt_hours.approved' : 'ojt_hours.rejected',
        { status: 'submitted' },
        reason ? { status: to, reason } : { status: to },
      );
      // Approval leaves the running sums as they were (submitted hours already count); rejection lowers them.
      if (to === 'rejected') {
        const changed = await refreshOverAllotment(manager, updated.map(pairOf));
        for (const entry of updated) entry.overAllotment = changed.get(entry.id) ?? entry.overAllotment;
      }
      if (to === 'approved') {
        for (const registrationId of new Set(updated.map((entry) => entry.registrationId))) {
          await publishInTransaction(manager, HOURS_APPROVED_TOPIC, { registrationId });
        }
      }
      return inOrder(ids, updated);
    });
  }

  /**
   * Edits an entry under the same limits as logging. Drafts, submitted and rejected entries are
   * edited by whoever may log them (a rejected one returns to draft). Approved entries stay
   * approved and are corrected only by someone who may approve them; the correction is audited
   * with before and after and announced so wages and alerts recompute.
   */
  async update(scope: AccessScope, input: UpdateOjtHoursInput): Promise<UpdateOutcome> {
    const today = this.clock.today();
    const [located] = await this.dataSource.query(
      `SELECT r.state FROM ojt_hour_entries e JOIN registrations r ON r.id = e.registration_id WHERE e.id = $1`,
      [input.entryId],
    );
    if (!located) throw DomainError.notFound('OJT hour entry', 'entryId');
    const book = await this.rules.ruleBook(located.state, today);

    return this.dataSource.transaction(async (manager) => {
      const { registrations, entries } = await this.lockEntries(manager, scope, [input.entryId], Permission.LogHours);
      const before = entries.get(input.entryId)!;
      const registration = registrations.get(before.registrationId)!;
      const reach = scope.reach(Permission.ApproveHours);
      const decidable = scope.can(Permission.ApproveHours) && mayDecide(scope, reach, before, registration);
      const mayLog = registration.inReach;
      if (!mayLog && !decidable) throw DomainError.notFound('OJT hour entry', 'entryId');
      if (before.status === 'approved' && !decidable) {
        throw DomainError.forbidden('Approved hours are corrected only by someone who may approve them, never by the apprentice');
      }
      if (before.status !== 'approved' && !mayLog) {
        throw DomainError.forbidden('Hours not yet approved are edited by whoever may log hours on the registration');
      }

      const next = {
        workDate: input.workDate ?? before.workDate,
        hours: input.hours ?? Number(before.hours),
        workProcessId: input.workProcessId ?? before.workProcessId,
        note: input.note === undefined ? before.note : input.note.trim() || null,
      };
      const reopens = before.status === 'rejected';
      const dayChanged = next.workDate !== before.workDate || next.hours !== Number(before.hours);
      if (!reopens && !dayChanged && next.workProcessId === before.workProcessId && next.note === before.note) {
        return { entry: before, warnings: [] };
      }

      const problems: FieldProblem[] = [];
      if (reopens || next.workDate !== before.workDate) {
        const dateProblem = workDateProblem(next.workDate, registration, today);
        if (dateProblem) problems.push({ field: 'workDate', reason: dateProblem });
      }
      const workProcesses = await this.workProcessFacts(manager, [next.workProcessId]);
      if (next.workProcessId !== before.workProcessId) {
        const workProcessProblem = this.workProcessProblem(workProcesses, next.workProcessId, registration);
        if (workProcessProblem) problems.push({ field: 'workProcessId', reason: workProcessProblem });
      }
      const findings =
        reopens || dayChanged
          ? await this.dailyCapFindings(
              manager,
              new Map([[registration.state, book]]),
              [{ input: next, registration, field: 'hours' }],
              before.id,
            )
          : [];
      const warnings = enforceAll(problems, findings);

      const [row] = await updateReturning(
        manager,
        `UPDATE ojt_hour_entries e
            SET work_date = $2, hours = $3, work_process_id = $4, note = $5, updated_at = now(),
                status = CASE WHEN e.status = 'rejected' THEN 'draft' ELSE e.status END,
                submitted_at = CASE WHEN e.status = 'rejected' THEN NULL ELSE e.submitted_at END,
                decided_by = CASE WHEN e.status = 'rejected' THEN NULL ELSE e.decided_by END,
                decided_at = CASE WHEN e.status = 'rejected' THEN NULL ELSE e.decided_at END,
                rejection_reason = CASE WHEN e.status = 'rejected' THEN NULL ELSE e.rejection_reason END
          WHERE e.id = $1 RETURNING ${ENTRY_COLUMNS}`,
        [before.id, next.workDate, next.hours, next.workProcessId, next.note],
      );
      const entry = rowToEntry(row);
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: before.status === 'approved' ? 'ojt_hours.corrected' : 'ojt_hours.updated',
        entity: 'ojt_hour_entry',
        entityId: entry.id,
        before: auditedFields(before),
        after: auditedFields(entry),
      });
      if (before.status === 'approved') {
        await publishInTransaction(manager, HOURS_APPROVED_TOPIC, { registrationId: entry.registrationId });
      }
      const changed = await refreshOverAllotment(manager, [pairOf(before), pairOf(entry)]);
      entry.overAllotment = changed.get(entry.id) ?? entry.overAllotment;
      if (entry.overAllotment) warnings.push(overAllotmentWarning('workProcessId', workProcesses.get(entry.workProcessId)!));
      return { entry, warnings };
    });
  }

  // ------------------------------------------------------------------ helpers

  /** One rule book per state, read on the transaction's connection (a second one per request could drain the pool). */
  private async ruleBooksFor(manager: EntityManager, states: string[], today: string): Promise<Map<string, RuleBook>> {
    const distinct = [...new Set(states)];
    const books = await Promise.all(distinct.map((state) => this.rules.ruleBook(state, today, manager)));
    return new Map(distinct.map((state, index) => [state, books[index]]));
  }

  /** Locks the apprentices' registrations, then the entries themselves (always in that order). */
  private async lockEntries(
    manager: EntityManager,
    scope: AccessScope,
    entryIds: readonly string[],
    permission: Permission,
  ): Promise<{ registrations: Map<string, LockedRegistration>; entries: Map<string, OjtHourEntryEntity> }> {
    const registrations = await lockApprenticeRegistrations(manager, scope, { entryIds }, permission);
    const rows = await manager.query(`SELECT ${ENTRY_COLUMNS} FROM ojt_hour_entries e WHERE e.id = ANY($1) FOR UPDATE`, [
      [...entryIds],
    ]);
    return { registrations, entries: new Map(rows.map((row: Record<string, unknown>) => [row.id as string, rowToEntry(row)])) };
  }

  private async findByKeys(
    manager: EntityManager,
    inputs: Array<Pick<LogOjtHoursInput, 'registrationId' | 'idempotencyKey'>>,
  ): Promise<Map<string, OjtHourEntryEntity>> {
    const rows = await manager.query(
      `SELECT ${ENTRY_COLUMNS}
         FROM ojt_hour_entries e
         JOIN (SELECT DISTINCT * FROM unnest($1::uuid[], $2::text[])) AS k (registration_id, idempotency_key)
           ON k.registration_id = e.registration_id AND k.idempotency_key = e.idempotency_key`,
      [inputs.map((input) => input.registrationId), inputs.map((input) => input.idempotencyKey)],
    );
    return new Map(
      rows.map((row: Record<string, unknown>) => {
        const entry = rowToEntry(row);
        return [keyOf(entry.registrationId, entry.idempotencyKey), entry];
      }),
    );
  }

  private async workProcessFacts(manager: EntityManager, ids: string[]): Promise<Map<string, WorkProcessFacts>> {
    const rows: Array<{ id: string; program_occupation_id: string; title: string; max_hours: number }> = await manager.query(
      `SELECT id, program_occupation_id, title, max_hours FROM work_processes WHERE id = ANY($1)`,
      [[...new Set(ids)]],
    );
    return new Map(
      rows.map((row) => [row.id, { programOccupationId: row.program_occupation_id, title: row.title, maxHours: row.max_hours }]),
    );
  }

  /** Hours are logged against the work processes of the standards version the agreement was made under. */
  private workProcessProblem(
    workProcesses: Map<string, WorkProcessFacts>,
    workProcessId: string,
    registration: LockedRegistration,
  ): string | null {
    return workProcesses.get(workProcessId)?.programOccupationId === registration.programOccupationId
      ? null
      : 'is not a work process of the standards version this registration was made under';
  }

  private async linkedEmployers(
    manager: EntityManager,
    pairs: Array<{ sponsorId: string; employerId: string }>,
  ): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const rows: Array<{ sponsor_id: string; employer_id: string }> = await manager.query(
      `SELECT se.sponsor_id, se.employer_id
         FROM sponsor_employers se
         JOIN unnest($1::uuid[], $2::uuid[]) AS p (sponsor_id, employer_id)
           ON p.sponsor_id = se.sponsor_id AND p.employer_id = se.employer_id`,
      [pairs.map((pair) => pair.sponsorId), pairs.map((pair) => pair.employerId)],
    );
    return new Set(rows.map((row) => `${row.sponsor_id}|${row.employer_id}`));
  }

  /** Findings of rule hours.max_per_day for the entries, in order, against what each day already holds. */
  private async dailyCapFindings(
    manager: EntityManager,
    books: Map<string, RuleBook>,
    entries: Array<{ input: { workDate: string; hours: number }; registration: LockedRegistration; field: string }>,
    exceptEntryId: string | null,
  ): Promise<RuleFinding[]> {
    const logged = await loggedQuartersByDay(
      manager,
      entries.map(({ registration }) => registration.apprenticeId),
      entries.map(({ input }) => input.workDate),
      exceptEntryId,
    );
    const breaches = dailyCapBreaches(
      logged,
      entries.map(({ input, registration }) => ({
        apprenticeId: registration.apprenticeId,
        workDate: input.workDate,
        hours: input.hours,
        maxHours: books.get(registration.state)!.numberParam('hours.max_per_day', 'maxHours'),
      })),
    );
    return breaches.flatMap((breach) => {
      const { input, registration, field } = entries[breach.index];
      const finding = books
        .get(registration.state)!
        .finding(
          'hours.max_per_day',
          field,
          `would bring the apprentice's OJT and RTI hours on ${input.workDate} to ${breach.totalHours} across all registrations, ` +
            `above the daily maximum of ${breach.maxHours}`,
        );
      return finding ? [finding] : [];
    });
  }

  private async insert(
    manager: EntityManager,
    scope: AccessScope,
    rows: Array<{ input: LogOjtHoursInput; employerId: string; status: 'draft' | 'submitted' }>,
  ): Promise<Map<string, OjtHourEntryEntity>> {
    const column = <T>(pick: (row: (typeof rows)[number]) => T): T[] => rows.map(pick);
    const inserted = await manager.query(
      `INSERT INTO ojt_hour_entries AS e (registration_id, work_process_id, employer_id, worksite, work_date, hours, note, status,
         source, idempotency_key, submitted_at, created_by)
       SELECT x.registration_id, x.work_process_id, x.employer_id, x.worksite, x.work_date, x.hours, x.note, x.status,
              'ui', x.idempotency_key, CASE WHEN x.status = 'submitted' THEN now() END, $10
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[], $6::numeric[], $7::text[], $8::text[], $9::text[])
           AS x (registration_id, work_process_id, employer_id, worksite, work_date, hours, note, status, idempotency_key)
       ON CONFLICT (registration_id, idempotency_key) DO NOTHING
       RETURNING ${ENTRY_COLUMNS}`,
      [
        column((row) => row.input.registrationId),
        column((row) => row.input.workProcessId),
        column((row) => row.employerId),
        column((row) => row.input.worksite?.trim() || null),
        column((row) => row.input.workDate),
        column((row) => row.input.hours),
        column((row) => row.input.note?.trim() || null),
        column((row) => row.status),
        column((row) => row.input.idempotencyKey),
        scope.userId,
      ],
    );
    return new Map(
      inserted.map((row: Record<string, unknown>) => {
        const entry = rowToEntry(row);
        return [keyOf(entry.registrationId, entry.idempotencyKey), entry];
      }),
    );
  }

  /** One audit row per entry, in one statement (bulk decisions touch up to 500 entries). */
  private async auditStatusChanges(
    manager: EntityManager,
    scope: AccessScope,
    ids: string[],
    action: string,
    before: object,
    after: object,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, action, entity, entity_id, before, after)
       SELECT $1, $2, 'ojt_hour_entry', id::text, $4::jsonb, $5::jsonb FROM unnest($3::uuid[]) AS id`,
      [scope.userId, action, ids, JSON.stringify(before), JSON.stringify(after)],
    );
  }
}

const keyOf = (registrationId: string, idempotencyKey: string): string => `${registrationId}|${idempotencyKey}`;

const pairOf = (entry: OjtHourEntryEntity): WorkProcessPair => ({
  registrationId: entry.registrationId,
  workProcessId: entry.workProcessId,
  fromDate: entry.workDate,
});

function storedPayload(entry: OjtHourEntryEntity): EntryPayload {
  return {
    workDate: entry.workDate,
    hours: entry.hours,
    workProcessId: entry.workProcessId,
    employerId: entry.employerId,
    worksite: entry.worksite,
    note: entry.note,
  };
}

function auditedFields(entry: OjtHourEntryEntity) {
  return {
    workDate: entry.workDate,
    hours: Number(entry.hours),
    workProcessId: entry.workProcessId,
    note: entry.note,
    status: entry.status,
  };
}

function keyConflict(field: string, differences: string[]): FieldProblem {
  return { field, reason: `was already used for hours with a different ${differences.join(', ')}` };
}

function entryNotFound(field: string): FieldProblem {
  return { field, reason: 'no OJT hour entry with this id is visible to you' };
}

/** Validation problems and rule errors together in one error; otherwise the rule warnings. */
function enforceAll(problems: FieldProblem[], findings: RuleFinding[]): RuleFinding[] {
  if (problems.length) {
    const ruleErrors = findings
      .filter((finding) => finding.severity === 'error')
      .map(({ field, message, rule, source }) => ({ field, reason: message, rule, source }));
    throw DomainError.validation([...problems, ...ruleErrors]);
  }
  return enforceFindings(findings);
}

function overAllotmentWarning(field: string, workProcess: WorkProcessFacts): RuleFinding {
  return {
    rule: OVER_ALLOTMENT_RULE,
    severity: 'warning',
    field,
    message:
      `"${workProcess.title}" now has more hours logged than its allotted ${workProcess.maxHours}: ` +
      'VA stops counting hours past the allotment',
    source: OVER_ALLOTMENT_SOURCE,
  };
}

/** 1 to 500 distinct UUIDs, problems reported as entryIds.N. */
function checkEntryIds(entryIds: string[]): string[] {
  if (!entryIds.length || entryIds.length > MAX_ENTRIES_PER_CALL) {
    throw DomainError.invalidField('entryIds', `must hold 1 to ${MAX_ENTRIES_PER_CALL} ids`);
  }
  const problems = entryIds.flatMap((id, index) =>
    UUID.test(id) ? [] : [{ field: `entryIds.${index}`, reason: 'must be an id (UUID)' }],
  );
  if (problems.length) throw DomainError.validation(problems);
  return [...new Set(entryIds)];
}

/** Approvers: a supervisor of the employer the hours were worked for, or of the registration's sponsor; never the apprentice. */
function mayDecide(scope: AccessScope, reach: Reach, entry: OjtHourEntryEntity, registration: LockedRegistration): boolean {
  if (scope.apprenticeId !== null && scope.apprenticeId === registration.apprenticeId) return false;
  return reach.all || reach.sponsorIds.includes(registration.sponsorId) || reach.employerIds.includes(entry.employerId);
}

function decisionRefusal(scope: AccessScope, registration: LockedRegistration): string {
  return scope.apprenticeId === registration.apprenticeId
    ? 'apprentices cannot approve or reject their own hours'
    : 'you do not supervise the employer these hours were worked for';
}

/** The most telling code wins; every offending id is listed. */
function throwEntryProblems(action: string, unseen: FieldProblem[], forbidden: FieldProblem[], illegal: FieldProblem[]): void {
  const all = [...unseen, ...forbidden, ...illegal];
  if (!all.length) return;
  const code = unseen.length ? ErrorCode.NotFound : forbidden.length ? ErrorCode.Forbidden : ErrorCode.IllegalTransition;
  throw new DomainError(code, `${all.length} of the entries cannot be ${action}; nothing was changed`, all);
}

function inOrder(ids: string[], entries: OjtHourEntryEntity[]): OjtHourEntryEntity[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return ids.map((id) => byId.get(id)!);
}
