import { AccessScope } from '@journeyline/auth/access-scope';
import { Role } from '@journeyline/auth/roles';

/**
 * RTI provider organizations whose courses the user may keep records for: a supervisor of the
 * provider (its instructor or registrar) records attendance and results in the provider's own
 * courses, without reaching anything else of the sponsor.
 */
export function rtiProviderIds(scope: AccessScope): string[] {
  return scope.grants
    .filter((grant) => grant.organizationKind === 'rti_provider' && grant.role === Role.SUPERVISOR)
    .map((grant) => grant.organizationId);
}
