import { ApprenticesModule } from '@journeyline/apprentices/apprentices.module';
import { ApprenticesService } from '@journeyline/apprentices/apprentices.service';
import {
  Disability,
  Education,
  EmploymentStatus,
  Ethnicity,
  Race,
  RegistrationStatusEnum,
  Sex,
  VeteranStatus,
  WageUnit,
} from '@journeyline/apprentices/vocabulary.models';
import { RegistrationsService } from '@journeyline/apprentices/registrations.service';
import { publishInTransaction } from '@journeyline/database/audit';
import { OUTBOX_EVENT_ROUTES } from '@journeyline/jobs/event-routes';
import { parseJobPayload } from '@journeyline/jobs/job-payloads';
import { JobName } from '@journeyline/jobs/job-registry';
import { platformAdminScope, sponsorAdminScope } from '../../../test/support/scopes';
import { OutcomeDimension } from './dimensions';
import { OutcomeWorld, seedOutcomeWorld } from './outcome-fixtures';
import { OutcomeJobsModule } from './outcome-jobs.module';
import { expectedOutcomes } from './outcome-oracle';
import { OutcomeRollups } from './outcome-rollups.service';
import { OutcomeJobs } from './outcome-runs';
import { OutcomeServices, startOutcomeServices } from './outcome-test-services';
import { OutcomesModule } from './outcomes.module';
import { OutcomesService } from './outcomes.service';

const AS_OF = '2025-06-30';
const PERIOD = { from: '2024-01-01', to: '2025-06-30' };

describe('Outcome rollups kept current from outbox events', () => {
  let services: OutcomeServices;
  let world: OutcomeWorld;
  let jobs: OutcomeJobs;
  /** A person with two registrations (the transfer below). */
  let transferred: { apprenticeId: string; registrationId: string };

  /**
   * What the worker does: takes the unpublished events, routes them with the real routing table,
   * and runs the RefreshOutcomeFacts jobs (payloads checked as the worker checks them).
   */
  async function relay(): Promise<Array<{ topic: string; result: unknown }>> {
    const events: Array<{ id: string; topic: string; payload: Record<string, unknown> }> = await services.dataSource.query(
      `UPDATE outbox SET published_at = now() WHERE published_at IS NULL RETURNING id::text, topic, payload`,
    ).then(([rows]: [unknown[]]) => (rows as never[]).sort((a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id)));
    const results: Array<{ topic: string; result: unknown }> = [];
    for (const event of events) {
      for (const item of OUTBOX_EVENT_ROUTES[event.topic]?.(event.payload) ?? []) {
        if (item.name !== JobName.RefreshOutcomeFacts) continue;
        const data = parseJobPayload(JobName.RefreshOutcomeFacts, item.data);
        results.push({ topic: event.topic, result: await jobs.refresh(data.registrationId) });
      }
    }
    return results;
  }

  async function matchesRawTables(): Promise<void> {
    const outcomes = services.get(OutcomesService);
    for (const groupBy of [[], [OutcomeDimension.SEX], [OutcomeDimension.PROGRAM]]) {
      const table = await outcomes.outcomes(platformAdminScope(world.platform), { groupBy, period: PERIOD }, { details: false });
      const expected = await expectedOutcomes(services.dataSource, groupBy, PERIOD, AS_OF);
      expect(table.source).toBe('cube');
      for (const row of expected) {
        const actual = table.rows.find((candidate) => candidate.key.join() === row.key.join())!;
        const names = ['activeAtStart', 'newRegistrations', 'activeAtEnd', 'probationaryCancellations', 'transfers'] as const;
        expect({ key: row.key, ...Object.fromEntries(names.map((name) => [name, actual.measures[name]])) }).toEqual({
          key: row.key,
          ...Object.fromEntries(names.map((name) => [name, row[name]])),
        });
      }
    }
    expect(await services.get(OutcomeRollups).checkConsistency()).toMatchObject({ differences: 0 });
  }

  beforeAll(async () => {
    services = await startOutcomeServices([ApprenticesModule, OutcomesModule, OutcomeJobsModule], AS_OF);
    world = await seedOutcomeWorld(services.dataSource, { asOf: AS_OF, registrations: 60, seed: 5 });
    jobs = services.get(OutcomeJobs);
    await services.get(OutcomeRollups).rebuild();
    await services.setMinCellSize(1);
  });

  afterAll(() => services.close());

  it('routes registration, status, hours, RTI and wage events to a refresh of the registration', () => {
    const refresh = { name: JobName.RefreshOutcomeFacts, data: { registrationId: world.registrations[0] } };
    for (const topic of ['registration.created', 'registration.status_changed', 'hours.approved', 'hours.imported', 'wage.step_applied', 'rti.recorded']) {
      expect(OUTBOX_EVENT_ROUTES[topic]({ registrationId: world.registrations[0] })).toContainEqual(refresh);
    }
  });

  it('follows a registration from agreement to probationary cancellation, and a transfer, through the job handler', async () => {
    const sponsor = sponsorAdminScope(world.sponsors.construction);
    const { registration } = await services.get(ApprenticesService).registerApprentice(sponsor, {
      person: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        dateOfBirth: '2003-02-11',
        demographics: {
          sex: Sex.FEMALE,
          ethnicity: Ethnicity.NOT_HISPANIC_LATINO,
          races: [Race.ASIAN, Race.WHITE],
          veteranStatus: VeteranStatus.NON_VETERAN,
          disability: Disability.NO,
          education: Education.HS_GRADUATE,
        },
        priorWageUnit: WageUnit.HOURLY,
        priorWage: '15.00',
      },
      registration: {
        programOccupationId: world.programOccupations.electricalMI,
        employerId: world.employers.constructionNorth,
        startDate: '2024-03-04',
        employmentStatus: EmploymentStatus.NEW_EMPLOYEE,
      },
    });
    // Pending: a fact row, but not a participant, so the cube does not move.
    expect(await relay()).toEqual([{ topic: 'registration.created', result: 'cube' }]);
    const [pending] = await services.dataSource.query(`SELECT participant, race_combination FROM outcome_registration_facts WHERE registration_id = $1`, [
      registration.id,
    ]);
    expect(pending).toEqual({ participant: false, race_combination: 'two_or_more' });
    await matchesRawTables();

    const registrations = services.get(RegistrationsService);
    await registrations.transition(sponsor, {
      registrationId: registration.id,
      toStatus: RegistrationStatusEnum.REGISTERED,
      effectiveDate: '2024-03-04',
      reason: 'Registered with OA',
    });
    expect(await relay()).toEqual([{ topic: 'registration.status_changed', result: 'cube' }]);
    await matchesRawTables();

    // Approved hours change the fact row only.
    await services.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO ojt_hour_entries (registration_id, work_process_id, employer_id, work_date, hours, status, idempotency_key)
         SELECT $1, wp.id, $2, '2024-03-05', 8, 'approved', 'event-test' FROM work_processes wp WHERE wp.program_occupation_id = $3`,
        [registration.id, world.employers.constructionNorth, world.programOccupations.electricalMI],
      );
      await publishInTransaction(manager, 'hours.approved', { registrationId: registration.id });
    });
    expect(await relay()).toEqual([{ topic: 'hours.approved', result: 'fact' }]);
    const [withHours] = await services.dataSource.query(`SELECT ojt_hours FROM outcome_registration_facts WHERE registration_id = $1`, [
      registration.id,
    ]);
    expect(withHours.ojt_hours).toBe('8.00');

    await registrations.transition(sponsor, {
      registrationId: registration.id,
      toStatus: RegistrationStatusEnum.CANCELLED,
      effectiveDate: '2024-05-01',
      reason: 'Left during probation',
    });
    expect(await relay()).toEqual([{ topic: 'registration.status_changed', result: 'cube' }]);
    const [cancelled] = await services.dataSource.query(
      `SELECT exit_kind, end_date::text FROM outcome_registration_facts WHERE registration_id = $1`,
      [registration.id],
    );
    expect(cancelled).toEqual({ exit_kind: 'probationary_cancellation', end_date: '2024-05-01' });
    await matchesRawTables();

    // A transfer ends one registration and opens another: two events, two refreshes.
    const [active] = await services.dataSource.query(
      `SELECT r.id, r.apprentice_id FROM registrations r JOIN apprentices a ON a.id = r.apprentice_id
        WHERE r.status = 'registered' AND r.program_id = $1 AND r.employer_id = $2 AND r.start_date < '2024-01-01' AND a.sex = 'male'
        ORDER BY r.start_date LIMIT 1`,
      [world.programs.electricalMI, world.employers.constructionNorth],
    );
    const transfer = await registrations.transfer(sponsor, {
      registrationId: active.id,
      effectiveDate: '2025-02-03',
      reason: 'Moved to the south shop',
      newProgramOccupationId: world.programOccupations.electricalMI,
      newEmployerId: world.employers.constructionSouth,
    });
    transferred = { apprenticeId: active.apprentice_id, registrationId: active.id };
    expect((await relay()).map((event) => event.topic).sort()).toEqual(['registration.created', 'registration.status_changed']);
    await registrations.transition(sponsor, {
      registrationId: transfer.registration.id,
      toStatus: RegistrationStatusEnum.REGISTERED,
      effectiveDate: '2025-02-03',
      reason: 'Registered at the new employer',
    });
    await relay();
    await matchesRawTables();
  });

  it('is idempotent: a repeated refresh moves nothing', async () => {
    const totals = () => services.dataSource.query(`SELECT sum(starts)::int AS starts, sum(completions)::int AS completions FROM outcome_cube_events`);
    const before = await totals();
    expect(await jobs.refresh(world.registrations[3])).toBe('fact');
    expect(await jobs.refresh(world.registrations[3])).toBe('fact');
    expect(await totals()).toEqual(before);
    expect(await jobs.refresh('00000000-0000-4000-8000-00000000dead')).toBe('missing');
  });

  it('moves every registration of a person whose demographics were corrected, on the next event for any of them', async () => {
    await services.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE apprentices SET sex = 'female', races = '{native_hawaiian_pacific_islander}' WHERE id = $1`, [
        transferred.apprenticeId,
      ]);
      await publishInTransaction(manager, 'rti.recorded', { registrationId: transferred.registrationId });
    });
    expect(await relay()).toEqual([{ topic: 'rti.recorded', result: 'cube' }]);
    const facts = await services.dataSource.query(`SELECT sex FROM outcome_registration_facts WHERE apprentice_id = $1`, [
      transferred.apprenticeId,
    ]);
    expect(facts).toEqual([{ sex: 'female' }, { sex: 'female' }]);
    await matchesRawTables();
  });
});
