import { insertProgramWithOccupation } from '@journeyline/apprentices/apprentice-fixtures';
import { Role } from '@journeyline/auth/roles';
import { ErrorCode } from '@journeyline/common/domain-error';
import { insertRegistration } from '@journeyline/wages/wage-fixtures';
import { insertOccupation, insertOrganization } from '../../../test/support/registry-fixtures';
import { intermediaryScope, platformAdminScope, sponsorAdminScope, stateAnalystScope } from '../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { OrganizationKindEnum } from './organization.models';
import { OrganizationsModule } from './organizations.module';
import { OrganizationsService } from './organizations.service';

describe('OrganizationsService', () => {
  let harness: ServiceHarness;
  let service: OrganizationsService;
  let platformId: string;
  let sponsorA: string;
  let sponsorB: string;
  let intermediary: string;

  beforeAll(async () => {
    harness = await startServices([OrganizationsModule]);
    service = harness.get(OrganizationsService);
    platformId = await insertOrganization(harness.dataSource, 'platform', 'Journeyline');
    sponsorA = await insertOrganization(harness.dataSource, 'sponsor', 'Sponsor A', 'MI');
    sponsorB = await insertOrganization(harness.dataSource, 'sponsor', 'Sponsor B', 'OH');
    intermediary = await insertOrganization(harness.dataSource, 'intermediary', 'Intermediary');
    await harness.dataSource.query(`INSERT INTO intermediary_clients (intermediary_id, sponsor_id) VALUES ($1, $2)`, [
      intermediary,
      sponsorA,
    ]);
  });

  afterAll(() => harness.close());

  it('lists only the organizations a sponsor admin reaches', async () => {
    const page = await service.list(sponsorAdminScope(sponsorA), { first: 50 });
    expect(page.nodes.map((organization) => organization.id)).toEqual([sponsorA]);
  });

  it('lets an intermediary see the sponsors it serves and itself, not others', async () => {
    const page = await service.list(intermediaryScope(intermediary, [sponsorA]), { first: 50 });
    expect(new Set(page.nodes.map((organization) => organization.id))).toEqual(new Set([sponsorA, intermediary]));
  });

  it('answers NOT_FOUND, naming the field, for a foreign organization', async () => {
    await expect(service.getVisible(sponsorAdminScope(sponsorA), sponsorB, 'sponsorId')).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      problems: [{ field: 'sponsorId' }],
    });
  });

  it('creates a client sponsor served by the intermediary and visible to it afterwards', async () => {
    const scope = intermediaryScope(intermediary, [sponsorA]);
    const created = await service.createClientSponsor(scope, intermediary, { name: 'New Client', state: 'MI' });
    const [link] = await harness.dataSource.query(
      `SELECT 1 FROM intermediary_clients WHERE intermediary_id = $1 AND sponsor_id = $2`,
      [intermediary, created.id],
    );
    expect(link).toBeDefined();
    expect(created.kind).toBe('sponsor');
  });

  it('records whether an employer is run by a government, false unless said', async () => {
    const scope = sponsorAdminScope(sponsorA);
    const city = await service.createEmployer(scope, sponsorA, { name: 'City of Lansing', state: 'MI', governmentBody: true });
    const shop = await service.createEmployer(scope, sponsorA, { name: 'Corner Shop', state: 'MI' });
    expect([city.governmentBody, shop.governmentBody]).toEqual([true, false]);
    const rows = await harness.dataSource.query(`SELECT government_body FROM organizations WHERE id = ANY($1) ORDER BY name`, [[city.id, shop.id]]);
    expect(rows).toEqual([{ government_body: true }, { government_body: false }]);
  });

  it("corrects an employer's details, keeping what is left out, clearing what is null, with an audit row", async () => {
    const scope = sponsorAdminScope(sponsorA);
    const created = await service.createEmployer(scope, sponsorA, { name: 'Township Works', state: 'MI', ein: '123456789', naicsCode: '921190' });
    const updated = await service.update(scope, created.id, { governmentBody: true, ein: null });
    expect(updated).toMatchObject({ name: 'Township Works', state: 'MI', ein: null, naicsCode: '921190', governmentBody: true });
    expect(await service.getVisible(scope, created.id)).toMatchObject({ ein: null, governmentBody: true });
    const [audit] = await harness.dataSource.query(
      `SELECT actor_user_id, before, after FROM audit_log WHERE action = 'organization.updated' AND entity_id = $1`,
      [created.id],
    );
    expect(audit.before).toMatchObject({ ein: '123456789', governmentBody: false });
    expect(audit.after).toMatchObject({ ein: null, governmentBody: true });
    // Without VA trainees there are no alerts to refresh.
    expect(await harness.dataSource.query(`SELECT 1 FROM outbox WHERE payload->>'employerId' = $1`, [created.id])).toEqual([]);
    await expect(service.update(scope, created.id, { name: null })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      problems: [{ field: 'name' }],
    });
  });

  it("asks the worker to refresh the alerts of the employer's VA trainees when it becomes a government body, or stops being one", async () => {
    const scope = sponsorAdminScope(sponsorA);
    const employer = await service.createEmployer(scope, sponsorA, { name: 'County Roads', state: 'MI' });
    const ds = harness.dataSource;
    // A program outside Michigan: the state analyst case below expects none of sponsor A's there.
    const occupationId = await insertOccupation(ds, '0893', 'Highway Maintenance Worker');
    const { programOccupationId } = await insertProgramWithOccupation(ds, { sponsorId: sponsorA, state: 'WI', occupationId });
    const trainee = await insertRegistration(ds, { programOccupationId, employerId: employer.id, startDate: '2024-03-01', va: { chapter: '33' } });
    await insertRegistration(ds, { programOccupationId, employerId: employer.id, startDate: '2024-03-01' });
    const events = () =>
      ds.query(`SELECT topic, payload FROM outbox WHERE payload->>'employerId' = $1 ORDER BY id`, [employer.id]);

    await service.update(scope, employer.id, { governmentBody: true });
    await service.update(scope, employer.id, { naicsCode: '921190' });
    await service.update(scope, employer.id, { governmentBody: false });
    const refresh = { topic: 'employer.government_body_changed', payload: { registrationId: trainee, employerId: employer.id } };
    expect(await events()).toEqual([refresh, refresh]);
  });

  it("refuses to move a state agency to another state, and another sponsor's organization", async () => {
    const agency = await insertOrganization(harness.dataSource, 'state_agency', 'Agency', 'OH');
    await expect(service.update(platformAdminScope(platformId), agency, { state: 'MI' })).rejects.toMatchObject({
      problems: [{ field: 'state', reason: "a state agency's state cannot change" }],
    });
    await expect(service.update(sponsorAdminScope(sponsorA), sponsorB, { naicsCode: '2382' })).rejects.toMatchObject({
      code: ErrorCode.NotFound,
    });
  });

  it('refuses direct organization creation to non-administrators and allows it to administrators', async () => {
    await expect(
      service.create(sponsorAdminScope(sponsorA), { kind: OrganizationKindEnum.sponsor, name: 'Rogue' }),
    ).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    const agency = await service.create(platformAdminScope(platformId), {
      kind: OrganizationKindEnum.state_agency,
      name: 'Ohio SAA',
      state: 'OH',
    });
    expect(agency.state).toBe('OH');
  });

  it('requires a state for a state agency', async () => {
    await expect(
      service.create(platformAdminScope(platformId), { kind: OrganizationKindEnum.state_agency, name: 'No State' }),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'state' }] });
  });

  it('adds members only with roles that fit the organization kind, and writes an audit row', async () => {
    await expect(
      service.addMember(sponsorAdminScope(sponsorA), {
        organizationId: sponsorA,
        email: 'analyst@example.org',
        displayName: 'Analyst',
        password: 'long-enough-password',
        role: Role.STATE_ANALYST,
      }),
    ).rejects.toMatchObject({ problems: [{ field: 'role' }] });
    const userId = await service.addMember(sponsorAdminScope(sponsorA), {
      organizationId: sponsorA,
      email: 'Supervisor@Example.org',
      displayName: 'Sam Supervisor',
      password: 'long-enough-password',
      role: Role.SUPERVISOR,
    });
    const [user] = await harness.dataSource.query(`SELECT email FROM users WHERE id = $1`, [userId]);
    expect(user.email).toBe('supervisor@example.org');
    const audit = await harness.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [userId]);
    expect(audit).toEqual([{ action: 'membership.added' }]);
  });

  it("refuses to manage another sponsor's members", async () => {
    await expect(
      service.addMember(sponsorAdminScope(sponsorA), {
        organizationId: sponsorB,
        email: 'intruder@example.org',
        displayName: 'Intruder',
        password: 'long-enough-password',
        role: Role.SPONSOR_ADMIN,
      }),
    ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'organizationId' }] });
  });

  it('lets a state analyst see sponsors with programs in the state only', async () => {
    const agency = await insertOrganization(harness.dataSource, 'state_agency', 'Michigan', 'MI');
    const occupation = await harness.dataSource.query(
      `INSERT INTO occupations (rapids_code, title, approaches) VALUES ('0159', 'Electrician', '{time_based}') RETURNING id`,
    );
    expect(occupation).toHaveLength(1);
    await harness.dataSource.query(
      `INSERT INTO programs (sponsor_id, name, state, registration_agency) VALUES ($1, 'Electrical', 'MI', 'OA')`,
      [sponsorB],
    );
    const page = await service.list(stateAnalystScope(agency, 'MI'), { first: 50 });
    expect(page.nodes.map((organization) => organization.id)).toEqual(expect.arrayContaining([agency, sponsorB]));
    expect(page.nodes.map((organization) => organization.id)).not.toContain(sponsorA);
  });

  it('audits linking an intermediary to a sponsor, and answers NOT_FOUND for an unknown id', async () => {
    const admin = platformAdminScope(platformId);
    await service.linkIntermediaryClient(admin, intermediary, sponsorB);
    const audit = await harness.dataSource.query(
      `SELECT action, after FROM audit_log WHERE entity_id = $1 AND action = 'intermediary.client_linked'`,
      [sponsorB],
    );
    expect(audit).toEqual([{ action: 'intermediary.client_linked', after: { intermediaryId: intermediary } }]);
    await expect(
      service.linkIntermediaryClient(admin, intermediary, '6f1d2a43-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'sponsorId' }] });
  });
});
