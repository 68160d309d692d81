import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessScope, organizationFilterFor } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { Clock } from '@journeyline/common/clock';
import { DomainError } from '@journeyline/common/domain-error';
import { publishInTransaction, recordAudit } from '@journeyline/database/audit';
import { RecordJourneyworkersInput } from './wage.models';

export interface JourneyworkerCountRow {
  employerId: string;
  /** '' for the employer as a whole. */
  worksite: string;
  effectiveDate: string;
  journeyworkers: number;
}

const COLUMNS = `employer_id AS "employerId", worksite, effective_date::text AS "effectiveDate", journeyworkers`;

/** Journeyworkers on hand per employer (and worksite), dated, for the ratio check. */
@Injectable()
export class JourneyworkersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Records (or corrects) the count from a date. Allowed to the employer's own managers and to
   * sponsors that have the employer in their programs.
   */
  async record(scope: AccessScope, input: RecordJourneyworkersInput): Promise<JourneyworkerCountRow> {
    if (input.effectiveDate > this.clock.today()) throw DomainError.invalidField('effectiveDate', 'must not be in the future');
    return this.dataSource.transaction(async (manager) => {
      await this.assertMayRecord(manager, scope, input.employerId);
      const [before] = await manager.query(
        `SELECT journeyworkers FROM journeyworker_counts WHERE employer_id = $1 AND worksite = $2 AND effective_date = $3`,
        [input.employerId, input.worksite ?? '', input.effectiveDate],
      );
      const [row] = await manager.query(
        `INSERT INTO journeyworker_counts (employer_id, worksite, effective_date, journeyworkers, recorded_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (employer_id, worksite, effective_date)
         DO UPDATE SET journeyworkers = EXCLUDED.journeyworkers, recorded_by = EXCLUDED.recorded_by, created_at = now()
         RETURNING ${COLUMNS}`,
        [input.employerId, input.worksite ?? '', input.effectiveDate, input.journeyworkers, scope.userId],
      );
      await publishInTransaction(manager, 'journeyworkers.recorded', { employerId: input.employerId });
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'journeyworkers.recorded',
        entity: 'organization',
        entityId: input.employerId,
        before: before ? { journeyworkers: before.journeyworkers } : undefined,
        after: { worksite: row.worksite, effectiveDate: row.effectiveDate, journeyworkers: row.journeyworkers },
      });
      return row;
    });
  }

  /** Every count the employer reported, newest first, if the caller may see the employer. */
  async list(scope: AccessScope, employerId: string): Promise<JourneyworkerCountRow[]> {
    await this.assertVisible(this.dataSource.manager, scope, employerId);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM journeyworker_counts WHERE employer_id = $1 ORDER BY effective_date DESC, worksite`,
      [employerId],
    );
  }

  private async assertVisible(manager: EntityManager, scope: AccessScope, employerId: string): Promise<string> {
    const filter = organizationFilterFor(scope, Permission.ReadRegistry, 'o');
    const organization = await manager
      .createQueryBuilder()
      .select('o.kind', 'kind')
      .from('organizations', 'o')
      .where('o.id = :employerId', { employerId })
      .andWhere(filter.sql, filter.params)
      .getRawOne();
    if (!organization) throw DomainError.notFound('employer', 'employerId');
    return organization.kind;
  }

  private async assertMayRecord(manager: EntityManager, scope: AccessScope, employerId: string): Promise<void> {
    const kind = await this.assertVisible(manager, scope, employerId);
    // A sponsor that employs its own apprentices is its own employer.
    if (kind !== 'employer' && kind !== 'sponsor') throw DomainError.invalidField('employerId', 'must be an employer');
    if (scope.isPlatformAdmin || scope.organizationIdsWith(Permission.ManageOrganization).includes(employerId)) return;
    const sponsorIds = scope.reach(Permission.ManageApprentices).sponsorIds;
    if (sponsorIds.includes(employerId)) return;
    const [link] = await manager.query(`SELECT 1 FROM sponsor_employers WHERE employer_id = $1 AND sponsor_id = ANY($2)`, [
      employerId,
      sponsorIds,
    ]);
    if (!link) throw DomainError.forbidden("Only the employer or a sponsor in whose programs it takes part can record its journeyworkers (employerId)");
  }
}
