import { OrganizationKind, Permission, Role, ROLE_PERMISSIONS } from './roles';

/** One role held in one organization. */
export interface Grant {
  organizationId: string;
  organizationKind: OrganizationKind;
  organizationState: string | null;
  role: Role;
}

/**
 * The records a permission reaches for one user. A record is in reach when any list matches;
 * `all` is the platform administrator's.
 */
export interface Reach {
  all: boolean;
  sponsorIds: string[];
  employerIds: string[];
  states: string[];
  apprenticeIds: string[];
}

export interface SqlFilter {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * What the caller may see and do. Built once per request from their memberships; every service
 * query takes its filter from here, so tenancy is decided in one place.
 */
export class AccessScope {
  constructor(
    readonly userId: string,
    readonly grants: Grant[],
    /** Sponsors served by each intermediary the user works for. */
    private readonly servedSponsors: ReadonlyMap<string, readonly string[]>,
    readonly apprenticeId: string | null,
  ) {}

  get isPlatformAdmin(): boolean {
    return this.grants.some((grant) => grant.role === Role.PLATFORM_ADMIN);
  }

  can(permission: Permission): boolean {
    return this.grants.some((grant) => ROLE_PERMISSIONS[grant.role].includes(permission));
  }

  reach(permission: Permission): Reach {
    const reach: Reach = { all: false, sponsorIds: [], employerIds: [], states: [], apprenticeIds: [] };
    for (const grant of this.grants) {
      if (!ROLE_PERMISSIONS[grant.role].includes(permission)) continue;
      if (grant.role === Role.PLATFORM_ADMIN) reach.all = true;
      else if (grant.role === Role.APPRENTICE) {
        if (this.apprenticeId) reach.apprenticeIds.push(this.apprenticeId);
      } else if (grant.organizationKind === 'sponsor') reach.sponsorIds.push(grant.organizationId);
      else if (grant.organizationKind === 'employer') reach.employerIds.push(grant.organizationId);
      else if (grant.organizationKind === 'intermediary')
        reach.sponsorIds.push(...(this.servedSponsors.get(grant.organizationId) ?? []));
      else if (grant.organizationKind === 'state_agency' && grant.organizationState)
        reach.states.push(grant.organizationState);
    }
    return reach;
  }

  /** True when the permission reaches this sponsor's whole program (not just one employer's part). */
  reachesSponsor(permission: Permission, sponsorId: string): boolean {
    const reach = this.reach(permission);
    return reach.all || reach.sponsorIds.includes(sponsorId);
  }

  /** Organizations the user acts for directly with this permission. */
  organizationIdsWith(permission: Permission): string[] {
    return this.grants
      .filter((grant) => ROLE_PERMISSIONS[grant.role].includes(permission))
      .map((grant) => grant.organizationId);
  }

  /** Registrations in reach; `alias` is the registrations table's alias. */
  registrationFilter(permission: Permission, alias: string): SqlFilter {
    const reach = this.reach(permission);
    if (reach.all) return { sql: 'TRUE', params: {} };
    return {
      sql: `(${alias}.sponsor_id = ANY(:reachSponsorIds) OR ${alias}.employer_id = ANY(:reachEmployerIds)
        OR ${alias}.state = ANY(:reachStates) OR ${alias}.apprentice_id = ANY(:reachApprenticeIds))`,
      params: reachParams(reach),
    };
  }

  /** Programs in reach: the sponsor's own, those in an agency's state, and those an employer or apprentice takes part in. */
  programFilter(permission: Permission, alias: string): SqlFilter {
    const reach = this.reach(permission);
    if (reach.all) return { sql: 'TRUE', params: {} };
    return {
      sql: `(${alias}.sponsor_id = ANY(:reachSponsorIds) OR ${alias}.state = ANY(:reachStates)
        OR EXISTS (SELECT 1 FROM registrations reach_r WHERE reach_r.program_id = ${alias}.id
          AND (reach_r.employer_id = ANY(:reachEmployerIds) OR reach_r.apprentice_id = ANY(:reachApprenticeIds))))`,
      params: reachParams(reach),
    };
  }

  /** Apprentices in reach: registered by a sponsor in reach, or holding a registration in reach. */
  apprenticeFilter(permission: Permission, alias: string): SqlFilter {
    const reach = this.reach(permission);
    if (reach.all) return { sql: 'TRUE', params: {} };
    const registrations = this.registrationFilter(permission, 'reach_r');
    return {
      sql: `(${alias}.owner_organization_id = ANY(:reachSponsorIds) OR ${alias}.id = ANY(:reachApprenticeIds)
        OR EXISTS (SELECT 1 FROM registrations reach_r WHERE reach_r.apprentice_id = ${alias}.id AND ${registrations.sql}))`,
      params: reachParams(reach),
    };
  }
}

/**
 * Organizations in reach: those the user belongs to, the sponsors and employers the permission
 * reaches, employers linked to those sponsors, sponsors with programs in an agency's state, and
 * the sponsor and employer of every registration in reach (so a name shown on a registration can
 * always be opened).
 */
export function organizationFilterFor(scope: AccessScope, permission: Permission, alias: string): SqlFilter {
  const reach = scope.reach(permission);
  if (reach.all) return { sql: 'TRUE', params: {} };
  const registrations = scope.registrationFilter(permission, 'reach_r');
  return {
    sql: `(${alias}.id = ANY(:reachOwnOrganizationIds) OR ${alias}.id = ANY(:reachSponsorIds) OR ${alias}.id = ANY(:reachEmployerIds)
      OR EXISTS (SELECT 1 FROM sponsor_employers reach_se WHERE reach_se.employer_id = ${alias}.id AND reach_se.sponsor_id = ANY(:reachSponsorIds))
      OR EXISTS (SELECT 1 FROM programs reach_p WHERE reach_p.sponsor_id = ${alias}.id AND reach_p.state = ANY(:reachStates))
      OR EXISTS (SELECT 1 FROM registrations reach_r WHERE reach_r.employer_id = ${alias}.id AND ${registrations.sql})
      OR EXISTS (SELECT 1 FROM registrations reach_r WHERE reach_r.sponsor_id = ${alias}.id AND ${registrations.sql}))`,
    params: { ...reachParams(reach), reachOwnOrganizationIds: scope.grants.map((grant) => grant.organizationId) },
  };
}

function reachParams(reach: Reach): Record<string, unknown> {
  return {
    reachSponsorIds: reach.sponsorIds,
    reachEmployerIds: reach.employerIds,
    reachStates: reach.states,
    reachApprenticeIds: reach.apprenticeIds,
  };
}
