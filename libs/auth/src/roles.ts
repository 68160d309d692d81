/**
 * Roles a user holds in an organization, and what each role may do. The organization the role is
 * held in decides *which* records it reaches (see access-scope.ts); this table decides *what* it
 * may do with them.
 */
export enum Role {
  PLATFORM_ADMIN = 'platform_admin',
  SPONSOR_ADMIN = 'sponsor_admin',
  SUPERVISOR = 'supervisor',
  APPRENTICE = 'apprentice',
  INTERMEDIARY_STAFF = 'intermediary_staff',
  CERTIFYING_OFFICIAL = 'certifying_official',
  STATE_ANALYST = 'state_analyst',
}

export enum Permission {
  /** See programs, apprentices and registrations in reach. */
  ReadRegistry = 'registry:read',
  /** Create and revise program standards. */
  ManagePrograms = 'programs:manage',
  /** Register apprentices, edit them, move registrations through their statuses. */
  ManageApprentices = 'apprentices:manage',
  /** Add users to an organization, link employers, serve sponsors. */
  ManageOrganization = 'organization:manage',
  /** Log and submit OJT hours. */
  LogHours = 'hours:log',
  /** Approve, reject and correct OJT hours; sign off competencies. */
  ApproveHours = 'hours:approve',
  /** Record RTI. */
  RecordRti = 'rti:record',
  /** Request and download agency reports. */
  RunReports = 'reports:run',
  /** Query program outcomes. */
  ReadOutcomes = 'outcomes:read',
}

const ALL = Object.values(Permission);

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.PLATFORM_ADMIN]: ALL,
  [Role.SPONSOR_ADMIN]: [
    Permission.ReadRegistry,
    Permission.ManagePrograms,
    Permission.ManageApprentices,
    Permission.ManageOrganization,
    Permission.LogHours,
    Permission.ApproveHours,
    Permission.RecordRti,
    Permission.RunReports,
    Permission.ReadOutcomes,
  ],
  [Role.SUPERVISOR]: [Permission.ReadRegistry, Permission.LogHours, Permission.ApproveHours],
  [Role.APPRENTICE]: [Permission.ReadRegistry, Permission.LogHours],
  [Role.INTERMEDIARY_STAFF]: [
    Permission.ReadRegistry,
    Permission.ManagePrograms,
    Permission.ManageApprentices,
    Permission.ManageOrganization,
    Permission.RecordRti,
    Permission.RunReports,
    Permission.ReadOutcomes,
  ],
  [Role.CERTIFYING_OFFICIAL]: [Permission.ReadRegistry, Permission.RunReports],
  [Role.STATE_ANALYST]: [Permission.ReadRegistry, Permission.ReadOutcomes],
};

export const ORGANIZATION_KINDS = ['sponsor', 'employer', 'intermediary', 'rti_provider', 'state_agency', 'platform'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Which roles make sense in which kind of organization. */
export const ROLES_BY_ORGANIZATION_KIND: Record<OrganizationKind, readonly Role[]> = {
  sponsor: [Role.SPONSOR_ADMIN, Role.SUPERVISOR, Role.APPRENTICE, Role.CERTIFYING_OFFICIAL],
  employer: [Role.SUPERVISOR, Role.APPRENTICE, Role.CERTIFYING_OFFICIAL],
  intermediary: [Role.INTERMEDIARY_STAFF, Role.CERTIFYING_OFFICIAL],
  rti_provider: [Role.SUPERVISOR],
  state_agency: [Role.STATE_ANALYST],
  platform: [Role.PLATFORM_ADMIN],
};
