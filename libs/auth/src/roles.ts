/**
 * Roles a user holds in an organization, and what each role may do. The organization the role is
 * held in decides *which* records it reaches (see access-scope.ts); this table decides *what* it
 * may do with them.
 */
export enum Role {
  PlatformAdmin = 'platform_admin',
  SponsorAdmin = 'sponsor_admin',
  Supervisor = 'supervisor',
  Apprentice = 'apprentice',
  IntermediaryStaff = 'intermediary_staff',
  CertifyingOfficial = 'certifying_official',
  StateAnalyst = 'state_analyst',
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
  [Role.PlatformAdmin]: ALL,
  [Role.SponsorAdmin]: [
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
  [Role.Supervisor]: [Permission.ReadRegistry, Permission.LogHours, Permission.ApproveHours],
  [Role.Apprentice]: [Permission.ReadRegistry, Permission.LogHours],
  [Role.IntermediaryStaff]: [
    Permission.ReadRegistry,
    Permission.ManagePrograms,
    Permission.ManageApprentices,
    Permission.ManageOrganization,
    Permission.RecordRti,
    Permission.RunReports,
    Permission.ReadOutcomes,
  ],
  [Role.CertifyingOfficial]: [Permission.ReadRegistry, Permission.RunReports],
  [Role.StateAnalyst]: [Permission.ReadRegistry, Permission.ReadOutcomes],
};

export const ORGANIZATION_KINDS = ['sponsor', 'employer', 'intermediary', 'rti_provider', 'state_agency', 'platform'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Which roles make sense in which kind of organization. */
export const ROLES_BY_ORGANIZATION_KIND: Record<OrganizationKind, readonly Role[]> = {
  sponsor: [Role.SponsorAdmin, Role.Supervisor, Role.Apprentice, Role.CertifyingOfficial],
  employer: [Role.Supervisor, Role.Apprentice, Role.CertifyingOfficial],
  intermediary: [Role.IntermediaryStaff, Role.CertifyingOfficial],
  rti_provider: [Role.Supervisor],
  state_agency: [Role.StateAnalyst],
  platform: [Role.PlatformAdmin],
};
