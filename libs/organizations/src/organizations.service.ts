import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccessScope, organizationFilterFor } from '@journeyline/auth/access-scope';
import { hashPassword } from '@journeyline/auth/password-hasher';
import { OrganizationKind, Permission, Role, ROLES_BY_ORGANIZATION_KIND } from '@journeyline/auth/roles';
import { DomainError } from '@journeyline/common/domain-error';
import { Page, paginate } from '@journeyline/common/pagination';
import { escapeLike } from '@journeyline/common/sql';
import { recordAudit } from '@journeyline/database/audit';
import { OrganizationEntity } from './organization.entity';
import {
  AddMemberInput,
  CreateOrganizationInput,
  OrganizationDetailsInput,
  OrganizationsArgs,
  UpdateOrganizationInput,
} from './organization.models';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    private readonly dataSource: DataSource,
  ) {}

  async list(scope: AccessScope, args: OrganizationsArgs): Promise<Page<OrganizationEntity>> {
    const filter = organizationFilterFor(scope, Permission.ReadRegistry, 'o');
    const query = this.organizations.createQueryBuilder('o').where(filter.sql, filter.params);
    if (args.kind) query.andWhere('o.kind = :kind', { kind: args.kind });
    if (args.state) query.andWhere('o.state = :state', { state: args.state });
    if (args.nameContains) query.andWhere('o.name ILIKE :name', { name: `%${escapeLike(args.nameContains)}%` });
    return paginate(query, args);
  }

  /** The organization if the caller may see it; NOT_FOUND (naming `field`) otherwise. */
  async getVisible(scope: AccessScope, id: string, field = 'id'): Promise<OrganizationEntity> {
    const filter = organizationFilterFor(scope, Permission.ReadRegistry, 'o');
    const organization = await this.organizations
      .createQueryBuilder('o')
      .where('o.id = :id', { id })
      .andWhere(filter.sql, filter.params)
      .getOne();
    if (!organization) throw DomainError.notFound('organization', field);
    return organization;
  }

  async findByIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    return this.organizations.createQueryBuilder('o').where('o.id = ANY(:ids)', { ids }).getMany();
  }

  /** Platform administrators create organizations of any kind. */
  async create(scope: AccessScope, input: CreateOrganizationInput): Promise<OrganizationEntity> {
    if (!scope.isPlatformAdmin) throw DomainError.forbidden('Only platform administrators create organizations directly');
    return this.dataSource.transaction((manager) => this.insert(manager, scope, input.kind, input));
  }

  /** An intermediary takes on a new sponsor: the sponsor is created and served in one step. */
  async createClientSponsor(scope: AccessScope, intermediaryId: string, input: OrganizationDetailsInput) {
    const intermediary = await this.getManageable(scope, intermediaryId, 'intermediaryId');
    if (intermediary.kind !== 'intermediary') {
      throw DomainError.invalidField('intermediaryId', 'must be an intermediary organization');
    }
    return this.dataSource.transaction(async (manager) => {
      const sponsor = await this.insert(manager, scope, 'sponsor', input);
      await manager.query(`INSERT INTO intermediary_clients (intermediary_id, sponsor_id) VALUES ($1, $2)`, [
        intermediaryId,
        sponsor.id,
      ]);
      return sponsor;
    });
  }

  /** A sponsor (or its intermediary) adds an employer that takes part in its programs. */
  async createEmployer(scope: AccessScope, sponsorId: string, input: OrganizationDetailsInput) {
    const sponsor = await this.getManageable(scope, sponsorId, 'sponsorId');
    if (sponsor.kind !== 'sponsor') throw DomainError.invalidField('sponsorId', 'must be a sponsor organization');
    return this.dataSource.transaction(async (manager) => {
      const employer = await this.insert(manager, scope, 'employer', input);
      await manager.query(`INSERT INTO sponsor_employers (sponsor_id, employer_id) VALUES ($1, $2)`, [sponsorId, employer.id]);
      return employer;
    });
  }

  /** Platform administrators decide which intermediary serves which sponsor. */
  async linkIntermediaryClient(scope: AccessScope, intermediaryId: string, sponsorId: string): Promise<boolean> {
    if (!scope.isPlatformAdmin) throw DomainError.forbidden('Only platform administrators link intermediaries to sponsors');
    const [intermediary, sponsor] = await Promise.all([
      this.organizations.findOne({ where: { id: intermediaryId } }),
      this.organizations.findOne({ where: { id: sponsorId } }),
    ]);
    if (!intermediary) throw DomainError.notFound('organization', 'intermediaryId');
    if (!sponsor) throw DomainError.notFound('organization', 'sponsorId');
    if (intermediary.kind !== 'intermediary') throw DomainError.invalidField('intermediaryId', 'must be an intermediary organization');
    if (sponsor.kind !== 'sponsor') throw DomainError.invalidField('sponsorId', 'must be a sponsor organization');
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query(
        `INSERT INTO intermediary_clients (intermediary_id, sponsor_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
        [intermediaryId, sponsorId],
      );
      // Serving a sponsor widens what the intermediary's staff reach, so it is audited.
      if (inserted.length) {
        await recordAudit(manager, {
          actorUserId: scope.userId,
          action: 'intermediary.client_linked',
          entity: 'organization',
          entityId: sponsorId,
          after: { intermediaryId },
        });
      }
    });
    return true;
  }

  /**
   * Corrects an organization's details: omitted fields keep their value, null clears an optional
   * one. The same callers as addMember; audited with before and after.
   */
  async update(scope: AccessScope, id: string, input: UpdateOrganizationInput): Promise<OrganizationEntity> {
    const before = await this.getManageable(scope, id, 'id');
    if (input.name === null) throw DomainError.invalidField('name', 'cannot be cleared');
    if (input.governmentBody === null) throw DomainError.invalidField('governmentBody', 'must be true or false');
    // A state agency's state is what its analysts reach.
    if (before.kind === 'state_agency' && input.state !== undefined && input.state !== before.state) {
      throw DomainError.invalidField('state', "a state agency's state cannot change");
    }
    const keep = <T>(next: T | null | undefined, current: T | null): T | null => (next === undefined ? current : next);
    const after = Object.assign(new OrganizationEntity(), before, {
      name: input.name ?? before.name,
      state: keep(input.state, before.state),
      ein: keep(input.ein, before.ein),
      naicsCode: keep(input.naicsCode, before.naicsCode),
      countyFips: keep(input.countyFips, before.countyFips),
      governmentBody: input.governmentBody ?? before.governmentBody,
    });
    const details = (organization: OrganizationEntity) => ({
      name: organization.name,
      state: organization.state,
      ein: organization.ein,
      naicsCode: organization.naicsCode,
      countyFips: organization.countyFips,
      governmentBody: organization.governmentBody,
    });
    return this.dataSource.transaction(async (manager) => {
      await manager.getRepository(OrganizationEntity).update(id, details(after));
      if (after.governmentBody !== before.governmentBody) {
        // VA's wage rule depends on it: the worker refreshes the alerts of the employer's VA trainees.
        await manager.query(
          `INSERT INTO outbox (topic, payload)
           SELECT 'employer.government_body_changed', jsonb_build_object('registrationId', r.id, 'employerId', r.employer_id)
             FROM registrations r WHERE r.employer_id = $1 AND r.va_chapter IS NOT NULL`,
          [id],
        );
      }
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'organization.updated',
        entity: 'organization',
        entityId: id,
        before: details(before),
        after: details(after),
      });
      return after;
    });
  }

  /**
   * Gives a person a role in an organization, creating their account when the e-mail is new.
   * Callers manage their own organization, the sponsors they serve, and those sponsors' employers.
   */
  async addMember(scope: AccessScope, input: AddMemberInput): Promise<string> {
    const organization = await this.getManageable(scope, input.organizationId, 'organizationId');
    if (!ROLES_BY_ORGANIZATION_KIND[organization.kind].includes(input.role)) {
      throw DomainError.invalidField('role', `a ${organization.kind} organization cannot hold the ${input.role} role`);
    }
    if (input.role === Role.APPRENTICE && !input.apprenticeId) {
      throw DomainError.invalidField('apprenticeId', 'is required for the apprentice role');
    }
    if (input.role !== Role.APPRENTICE && input.apprenticeId) {
      throw DomainError.invalidField('apprenticeId', 'is only for the apprentice role');
    }
    const email = input.email.toLowerCase();
    return this.dataSource.transaction(async (manager) => {
      if (input.apprenticeId) await this.assertApprenticeOfOrganization(manager, input.apprenticeId, organization.id);
      const [existing] = await manager.query(`SELECT id FROM users WHERE email = $1`, [email]);
      let userId: string = existing?.id;
      if (!userId) {
        if (!input.password) throw DomainError.invalidField('password', 'is required for a new account');
        const [created] = await manager.query(
          `INSERT INTO users (email, display_name, password_hash, apprentice_id) VALUES ($1, $2, $3, $4) RETURNING id`,
          [email, input.displayName, await hashPassword(input.password), input.apprenticeId ?? null],
        );
        userId = created.id;
      } else if (input.password) {
        throw DomainError.invalidField('password', 'must be left out: this e-mail already has an account');
      }
      await manager.query(
        `INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [userId, organization.id, input.role],
      );
      await recordAudit(manager, {
        actorUserId: scope.userId,
        action: 'membership.added',
        entity: 'user',
        entityId: userId,
        after: { organizationId: organization.id, role: input.role },
      });
      return userId;
    });
  }

  /**
   * The organization if the caller may manage it: their own (with the organization:manage
   * permission), a sponsor in their reach, or an employer of such a sponsor.
   */
  async getManageable(scope: AccessScope, id: string, field: string): Promise<OrganizationEntity> {
    const organization = await this.getVisible(scope, id, field);
    if (scope.isPlatformAdmin || scope.organizationIdsWith(Permission.ManageOrganization).includes(id)) return organization;
    const reach = scope.reach(Permission.ManageOrganization);
    if (reach.sponsorIds.includes(id)) return organization;
    const [link] = await this.dataSource.query(
      `SELECT 1 FROM sponsor_employers WHERE employer_id = $1 AND sponsor_id = ANY($2)`,
      [id, reach.sponsorIds],
    );
    if (link) return organization;
    throw DomainError.forbidden(`You cannot manage this organization (${field})`);
  }

  private async insert(
    manager: EntityManager,
    scope: AccessScope,
    kind: OrganizationKind,
    input: OrganizationDetailsInput,
  ): Promise<OrganizationEntity> {
    if (kind === 'state_agency' && !input.state) throw DomainError.invalidField('state', 'is required for a state agency');
    const organization = await manager.getRepository(OrganizationEntity).save(
      manager.getRepository(OrganizationEntity).create({
        kind,
        name: input.name,
        state: input.state ?? null,
        ein: input.ein ?? null,
        naicsCode: input.naicsCode ?? null,
        countyFips: input.countyFips ?? null,
        governmentBody: input.governmentBody ?? false,
      }),
    );
    await recordAudit(manager, {
      actorUserId: scope.userId,
      action: 'organization.created',
      entity: 'organization',
      entityId: organization.id,
      after: { kind, name: input.name, governmentBody: input.governmentBody ?? false },
    });
    return organization;
  }

  private async assertApprenticeOfOrganization(manager: EntityManager, apprenticeId: string, organizationId: string) {
    const [row] = await manager.query(
      `SELECT 1 FROM apprentices a WHERE a.id = $1 AND (a.owner_organization_id = $2
         OR EXISTS (SELECT 1 FROM registrations r WHERE r.apprentice_id = a.id AND (r.sponsor_id = $2 OR r.employer_id = $2)))`,
      [apprenticeId, organizationId],
    );
    if (!row) throw DomainError.notFound('apprentice', 'apprenticeId');
  }
}
