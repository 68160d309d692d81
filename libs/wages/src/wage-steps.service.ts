import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { registrationVisible } from '@journeyline/auth/registration-visibility';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { Page, PageArgs, paginate } from '@journeyline/common/pagination';
import { publishInTransaction, recordAudit } from '@journeyline/database/audit';
import { WageStepProposalEntity } from './wage-step-proposal.entity';
import { DueStep, dueWageSteps, ScheduleStep } from './wage-steps';
import { DeclineWageStepInput } from './wage.models';

/** Statuses in which an apprentice moves up the wage schedule. */
const PROGRESSING_STATUSES = ['registered', 'reinstated'];

/**
 * Transaction-level advisory lock taken by everything that writes a registration's wage steps,
 * so a job and a confirmation (or two workers) take turns. Key: hashtextextended(this || id, 0).
 */
export const WAGE_STEP_LOCK_PREFIX = 'wage-steps:';

export interface RecomputeResult {
  outcome: 'skipped' | 'done';
  /** Why nothing was done, when skipped. */
  reason?: string;
  /** Steps written to wage_history by this run. */
  applied: number[];
  /** Steps proposed for confirmation by this run. */
  proposed: number[];
}

export interface WageHistoryRow {
  step: number;
  rateCents: number;
  journeyworkerRateCents: number;
  effectiveDate: string;
  trigger: string;
  hoursAtTrigger: number | null;
}

export interface ProposalView {
  proposal: WageStepProposalEntity;
  journeyworkerRateCents: number;
}

@Injectable()
export class WageStepsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @InjectRepository(WageStepProposalEntity) private readonly proposals: Repository<WageStepProposalEntity>,
  ) {}

  /**
   * The RecomputeWageStep job: re-reads the registration and writes every due step that is not in
   * wage_history yet, in order: directly when the program applies steps automatically (and always
   * for the entry wage, which the agreement itself sets), as a proposal when the sponsor confirms
   * steps. Unique keys make every write a no-op the second time, so retries and concurrent
   * workers never apply a step twice.
   */
  async recompute(registrationId: string, today: string = this.clock.today()): Promise<RecomputeResult> {
    return this.dataSource.transaction(async (manager) => {
      await lockWageSteps(manager, registrationId);
      const [registration] = await manager.query(
        `SELECT r.status, r.start_date::text AS start_date, r.prior_credit_ojt_hours, r.program_occupation_id,
                po.journeyworker_rate_cents, po.wage_step_mode
           FROM registrations r JOIN program_occupations po ON po.id = r.program_occupation_id
          WHERE r.id = $1`,
        [registrationId],
      );
      if (!registration) return skipped('no such registration');
      if (!PROGRESSING_STATUSES.includes(registration.status)) return skipped(`registration is ${registration.status}`);

      const schedule: ScheduleStep[] = (
        await manager.query(
          `SELECT step, threshold_kind, threshold_value, percent_basis_points, rate_cents
             FROM wage_schedule_steps WHERE program_occupation_id = $1 ORDER BY step`,
          [registration.program_occupation_id],
        )
      ).map((row: Record<string, unknown>) => ({
        step: row.step as number,
        thresholdKind: row.threshold_kind as ScheduleStep['thresholdKind'],
        thresholdValue: row.threshold_value as number,
        percentBasisPoints: row.percent_basis_points as number | null,
        rateCents: row.rate_cents === null ? null : Number(row.rate_cents),
      }));
      const approvedHours = await manager.query(
        `SELECT work_date::text AS "workDate", sum(hours)::text AS hours
           FROM ojt_hour_entries
          WHERE registration_id = $1 AND status = 'approved' AND work_date <= $2
          GROUP BY work_date ORDER BY work_date`,
        [registrationId, today],
      );
      const due = dueWageSteps({
        schedule,
        journeyworkerRateCents: Number(registration.journeyworker_rate_cents),
        startDate: registration.start_date,
        priorCreditOjtHours: registration.prior_credit_ojt_hours,
        approvedHours,
        today,
      });
      const inHistory = new Set<number>(
        (await manager.query(`SELECT step FROM wage_history WHERE registration_id = $1`, [registrationId])).map(
          (row: { step: number }) => row.step,
        ),
      );

      const result: RecomputeResult = { outcome: 'done', applied: [], proposed: [] };
      for (const step of due) {
        if (inHistory.has(step.step)) continue;
        if (step.trigger === 'entry' || registration.wage_step_mode === 'automatic') {
          if (await applyStep(manager, registrationId, step)) result.applied.push(step.step);
        } else if (await proposeStep(manager, registrationId, step)) {
          result.proposed.push(step.step);
        }
      }
      return result;
    });
  }

  /** The sponsor grants a proposed step; it takes effect from its due date. */
  async confirm(scope: AccessScope, proposalId: string): Promise<WageHistoryRow> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.lockManageableProposal(manager, scope, proposalId);
      const [blocking] = await manager.query(
        `SELECT s.step FROM wage_schedule_steps s
           JOIN registrations r ON r.program_occupation_id = s.program_occupation_id
          WHERE r.id = $1 AND s.step < $2
            AND NOT EXISTS (SELECT 1 FROM wage_history h WHERE h.registration_id = r.id AND h.step = s.step)
            AND NOT EXISTS (SELECT 1 FROM wage_step_proposals p
                             WHERE p.registration_id = r.id AND p.step = s.step AND p.status = 'declined')
          ORDER BY s.step LIMIT 1`,
        [proposal.registration_id, proposal.step],
      );
      if (blocking) {
        throw DomainError.invalidField(
          'proposalId',
          `step ${blocking.step} comes first: confirm or decline it before step ${proposal.step}`,
        );
      }
      const [inserted] = await manager.query(
        `INSERT INTO wage_history (registration_id, step, rate_cents, effective_date, trigger, hours_at_trigger, recorded_by)
         VALUES ($1, $2, $3, $4, 'confirmed', $5, $6)
         ON CONFLICT (registration_id, step) DO NOTHING RETURNING id`,
        [proposal.registration_id, proposal.step, proposal.rate_cents, proposal.due_date, proposal.hours_at_trigger, scope.userId],
      );
      if (!inserted) {
        throw new DomainError(ErrorCode.Conflict, `Step ${proposal.step} is already in the wage history`, [
          { field: 'proposalId', reason: 'the step has already been applied' },
        ]);
      }
      await this.decide(manager, scope, proposal, 'confirmed');
      await publishInTransaction(manager, 'wage.step_applied', { registrationId: proposal.registration_id, step: proposal.step });
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'wage_step.confirmed',
        entity: 'registration',
        entityId: proposal.registration_id,
        after: { step: proposal.step, rateCents: Number(proposal.rate_cents), effectiveDate: proposal.due_date },
      });
      const history = await this.historyRows(manager, proposal.registration_id);
      return history.find((row) => row.step === proposal.step)!;
    });
  }

  /** The sponsor does not grant a proposed step now; later steps may still be confirmed. */
  async decline(scope: AccessScope, input: DeclineWageStepInput): Promise<ProposalView> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.lockManageableProposal(manager, scope, input.proposalId);
      await this.decide(manager, scope, proposal, 'declined');
      await publishInTransaction(manager, 'wage.step_declined', { registrationId: proposal.registration_id, step: proposal.step });
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'wage_step.declined',
        entity: 'registration',
        entityId: proposal.registration_id,
        after: { step: proposal.step, reason: input.reason },
      });
      const entity = await manager.findOneByOrFail(WageStepProposalEntity, { id: proposal.id });
      return { proposal: entity, journeyworkerRateCents: Number(proposal.journeyworker_rate_cents) };
    });
  }

  /** The registration's applied steps, lowest first, if the caller may see the registration. */
  async history(scope: AccessScope, registrationId: string): Promise<WageHistoryRow[]> {
    if (!(await registrationVisible(this.dataSource.manager, scope, registrationId))) {
      throw DomainError.notFound('registration', 'registrationId');
    }
    return this.historyRows(this.dataSource.manager, registrationId);
  }

  /** Proposals waiting for a decision on registrations the caller reaches. */
  async pending(scope: AccessScope, args: PageArgs): Promise<Page<ProposalView>> {
    const filter = scope.registrationFilter(Permission.ReadRegistry, 'r');
    const query = this.proposals
      .createQueryBuilder('p')
      .where(`p.status = 'pending'`)
      .andWhere(`EXISTS (SELECT 1 FROM registrations r WHERE r.id = p.registration_id AND ${filter.sql})`, filter.params);
    const page = await paginate(query, args);
    const rates: Array<{ id: string; rate: string }> = page.nodes.length
      ? await this.dataSource.query(
          `SELECT r.id, po.journeyworker_rate_cents AS rate
             FROM registrations r JOIN program_occupations po ON po.id = r.program_occupation_id
            WHERE r.id = ANY($1)`,
          [[...new Set(page.nodes.map((proposal) => proposal.registrationId))]],
        )
      : [];
    const rateOf = new Map(rates.map((row) => [row.id, Number(row.rate)]));
    return {
      nodes: page.nodes.map((proposal) => ({ proposal, journeyworkerRateCents: rateOf.get(proposal.registrationId)! })),
      pageInfo: page.pageInfo,
    };
  }

  private async historyRows(manager: EntityManager, registrationId: string): Promise<WageHistoryRow[]> {
    const rows = await manager.query(
      `SELECT h.step, h.rate_cents, po.journeyworker_rate_cents, h.effective_date::text AS effective_date, h.trigger,
              h.hours_at_trigger
         FROM wage_history h
         JOIN registrations r ON r.id = h.registration_id
         JOIN program_occupations po ON po.id = r.program_occupation_id
        WHERE h.registration_id = $1
        ORDER BY h.step`,
      [registrationId],
    );
    return rows.map((row: Record<string, unknown>) => ({
      step: row.step as number,
      rateCents: Number(row.rate_cents),
      journeyworkerRateCents: Number(row.journeyworker_rate_cents),
      effectiveDate: row.effective_date as string,
      trigger: row.trigger as string,
      hoursAtTrigger: row.hours_at_trigger === null ? null : Number(row.hours_at_trigger),
    }));
  }

  /** Locks a pending proposal the caller may decide on (sponsor-level ManageApprentices). */
  private async lockManageableProposal(manager: EntityManager, scope: AccessScope, proposalId: string) {
    const [proposal] = await manager.query(
      `SELECT p.id, p.registration_id, p.step, p.rate_cents, p.due_date::text AS due_date, p.hours_at_trigger, p.status,
              r.sponsor_id, po.journeyworker_rate_cents
         FROM wage_step_proposals p
         JOIN registrations r ON r.id = p.registration_id
         JOIN program_occupations po ON po.id = r.program_occupation_id
        WHERE p.id = $1
          FOR UPDATE OF p`,
      [proposalId],
    );
    if (!proposal) throw DomainError.notFound('wage step proposal', 'proposalId');
    if (!scope.reachesSponsor(Permission.ManageApprentices, proposal.sponsor_id)) {
      if (!(await registrationVisible(manager, scope, proposal.registration_id))) {
        throw DomainError.notFound('wage step proposal', 'proposalId');
      }
      throw DomainError.forbidden('Only the sponsor can decide on wage steps (proposalId)');
    }
    await lockWageSteps(manager, proposal.registration_id);
    if (proposal.status !== 'pending') {
      throw new DomainError(ErrorCode.IllegalTransition, `This wage step was already ${proposal.status}`, [
        { field: 'proposalId', reason: `is already ${proposal.status}` },
      ]);
    }
    return proposal;
  }

  private async decide(
    manager: EntityManager,
    scope: AccessScope,
    proposal: { id: string },
    status: 'confirmed' | 'declined',
  ): Promise<void> {
    await manager.query(`UPDATE wage_step_proposals SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [
      proposal.id,
      status,
      scope.userId,
    ]);
  }
}

function skipped(reason: string): RecomputeResult {
  return { outcome: 'skipped', reason, applied: [], proposed: [] };
}

async function lockWageSteps(manager: EntityManager, registrationId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${WAGE_STEP_LOCK_PREFIX}${registrationId}`]);
}

/** Writes the step to wage_history with its outbox event; false when it was already there. */
async function applyStep(manager: EntityManager, registrationId: string, step: DueStep): Promise<boolean> {
  const [inserted] = await manager.query(
    `INSERT INTO wage_history (registration_id, step, rate_cents, effective_date, trigger, hours_at_trigger)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (registration_id, step) DO NOTHING RETURNING id`,
    [registrationId, step.step, step.rateCents, step.dueDate, step.trigger, step.hoursAtTrigger],
  );
  if (!inserted) return false;
  await publishInTransaction(manager, 'wage.step_applied', { registrationId, step: step.step });
  return true;
}

/** Records the step as waiting for the sponsor; false when it was proposed before. */
async function proposeStep(manager: EntityManager, registrationId: string, step: DueStep): Promise<boolean> {
  const [inserted] = await manager.query(
    `INSERT INTO wage_step_proposals (registration_id, step, rate_cents, due_date, trigger, hours_at_trigger)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (registration_id, step) DO NOTHING RETURNING id`,
    [registrationId, step.step, step.rateCents, step.dueDate, step.trigger, step.hoursAtTrigger],
  );
  return Boolean(inserted);
}
