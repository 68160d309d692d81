import { AccessScope, Grant } from '@journeyline/auth/access-scope';
import { OrganizationKind, Role } from '@journeyline/auth/roles';

export const TEST_ACTOR_ID = '00000000-0000-4000-8000-000000000000';

/** AccessScopes built directly, for service tests that do not go through login. */
export function scopeOf(
  userId: string | null,
  grants: Array<[organizationId: string, kind: OrganizationKind, role: Role, state?: string]>,
  options: { served?: Record<string, string[]>; apprenticeId?: string } = {},
): AccessScope {
  const list: Grant[] = grants.map(([organizationId, organizationKind, role, state]) => ({
    organizationId,
    organizationKind,
    role,
    organizationState: state ?? null,
  }));
  return new AccessScope(
    userId ?? TEST_ACTOR_ID,
    list,
    new Map(Object.entries(options.served ?? {})),
    options.apprenticeId ?? null,
  );
}

export const platformAdminScope = (platformOrgId: string, userId: string | null = null) =>
  scopeOf(userId, [[platformOrgId, 'platform', Role.PLATFORM_ADMIN]]);

export const sponsorAdminScope = (sponsorId: string, userId: string | null = null) =>
  scopeOf(userId, [[sponsorId, 'sponsor', Role.SPONSOR_ADMIN]]);

export const intermediaryScope = (intermediaryId: string, servedSponsorIds: string[], userId: string | null = null) =>
  scopeOf(userId, [[intermediaryId, 'intermediary', Role.INTERMEDIARY_STAFF]], { served: { [intermediaryId]: servedSponsorIds } });

export const stateAnalystScope = (agencyId: string, state: string, userId: string | null = null) =>
  scopeOf(userId, [[agencyId, 'state_agency', Role.STATE_ANALYST, state]]);
