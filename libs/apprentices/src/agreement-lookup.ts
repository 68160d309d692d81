import { EntityManager } from 'typeorm';
import { AccessScope, organizationFilterFor } from '@journeyline/auth/access-scope';
import { Permission } from '@journeyline/auth/roles';
import { DomainError } from '@journeyline/common/domain-error';

/** What an agreement takes from the program standards it is made under. */
export interface ProgramOccupationTerms {
  id: string;
  occupationId: string;
  programId: string;
  sponsorId: string;
  state: string;
  ojtTermHours: number;
  termMonths: number;
  probationMonths: number;
}

/**
 * The program occupation an agreement will be made under, when the caller may register
 * apprentices with its sponsor (NOT_FOUND on `field` otherwise). Agreements are only made under
 * the program's current standards version. Reads the programs tables directly so this capability
 * does not depend on the programs library.
 */
export async function loadProgramOccupation(
  manager: EntityManager,
  scope: AccessScope,
  programOccupationId: string,
  field: string,
): Promise<ProgramOccupationTerms> {
  const [row] = await manager.query(
    `SELECT po.id, po.occupation_id, po.ojt_term_hours, po.term_months, po.probation_months,
            p.id AS program_id, p.sponsor_id, p.state, (p.current_version_id = po.program_version_id) AS is_current
       FROM program_occupations po
       JOIN program_versions pv ON pv.id = po.program_version_id
       JOIN programs p ON p.id = pv.program_id
      WHERE po.id = $1`,
    [programOccupationId],
  );
  if (!row || !scope.reachesSponsor(Permission.ManageApprentices, row.sponsor_id)) {
    throw DomainError.notFound('program occupation', field);
  }
  if (!row.is_current) {
    throw DomainError.invalidField(field, "belongs to a superseded version of the program's standards: use the current version");
  }
  return {
    id: row.id,
    occupationId: row.occupation_id,
    programId: row.program_id,
    sponsorId: row.sponsor_id,
    state: row.state,
    ojtTermHours: row.ojt_term_hours,
    termMonths: row.term_months,
    probationMonths: row.probation_months,
  };
}

/**
 * The employer must be the sponsor itself or an employer linked to it. An employer the caller
 * cannot see reads as missing, so foreign ids cannot be probed.
 */
export async function assertEmployerOfSponsor(
  manager: EntityManager,
  scope: AccessScope,
  sponsorId: string,
  employerId: string,
  field: string,
): Promise<void> {
  if (employerId === sponsorId) return;
  const [link] = await manager.query(`SELECT 1 FROM sponsor_employers WHERE sponsor_id = $1 AND employer_id = $2`, [
    sponsorId,
    employerId,
  ]);
  if (link) return;
  const filter = organizationFilterFor(scope, Permission.ReadRegistry, 'o');
  const visible = await manager
    .createQueryBuilder()
    .select('o.id')
    .from('organizations', 'o')
    .where('o.id = :employerId', { employerId })
    .andWhere(filter.sql, filter.params)
    .getRawOne();
  if (!visible) throw DomainError.notFound('employer', field);
  throw DomainError.invalidField(field, "is not an employer in this sponsor's programs: link the employer to the sponsor first");
}
