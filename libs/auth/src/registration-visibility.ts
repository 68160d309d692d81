import { EntityManager } from 'typeorm';
import { AccessScope } from './access-scope';
import { Permission } from './roles';

/**
 * Whether the caller may read the registration at all (registry:read reach). Services that need a
 * stronger permission ask it to tell FORBIDDEN (seen, but not theirs to change) from NOT_FOUND.
 */
export async function registrationVisible(manager: EntityManager, scope: AccessScope, registrationId: string): Promise<boolean> {
  const filter = scope.registrationFilter(Permission.ReadRegistry, 'r');
  const row = await manager
    .createQueryBuilder()
    .select('r.id')
    .from('registrations', 'r')
    .where('r.id = :registrationId', { registrationId })
    .andWhere(filter.sql, filter.params)
    .getRawOne();
  return Boolean(row);
}
