import { createHash } from 'node:crypto';
import { Role } from '@journeyline/auth/roles';
import { platformAdminScope, scopeOf, stateAnalystScope } from '../../../test/support/scopes';
import { GraphqlTestApp, startGraphqlServices } from '../../../test/support/test-graphql';
import { OutcomeWorld, seedOutcomeWorld } from './outcome-fixtures';
import { OutcomeRollups } from './outcome-rollups.service';
import { OutcomeJobsModule } from './outcome-jobs.module';
import { OutcomesModule } from './outcomes.module';

const OUTCOMES = `
  query($filter: OutcomeFilterInput, $groupBy: [OutcomeDimension!], $period: OutcomePeriodInput!) {
    outcomes(filter: $filter, groupBy: $groupBy, period: $period) {
      dimensions periodFrom periodTo minCellSize rtiRecommendedHoursPerYear source
      rows { kind suppressed suppressedMeasures groups { dimension value label } measures { newRegistrations activeAtEnd completionRate } }
    }
  }`;
const WITH_MEDIANS = `
  query($period: OutcomePeriodInput!) {
    outcomes(period: $period) { rows { kind ...details } }
  }
  fragment details on OutcomeRow { measures { medianEntryWage } }`;
const EXPORT = `
  query($groupBy: [OutcomeDimension!], $period: OutcomePeriodInput!, $format: OutcomeExportFormat!) {
    exportOutcomes(groupBy: $groupBy, period: $period, format: $format) { fileName contentType contentBase64 sha256 rows }
  }`;
const BASELINE = `
  mutation($input: PopulationBaselineInput!) { setPopulationBaseline(input: $input) { state dimension year source shares { value share } } }`;
const REPRESENTATION = `
  query($state: String!, $dimension: OutcomeDimension!, $period: OutcomePeriodInput!) {
    representation(state: $state, dimension: $dimension, period: $period) {
      state population baselineYear baselineSource apprentices rows { value label apprentices apprenticeShare baselineShare index suppressed }
    }
  }`;
const REPORT = `
  query($state: String!, $fiscalYear: Int!, $quarter: Int!) {
    quarterlyStateReport(state: $state, fiscalYear: $fiscalYear, quarter: $quarter) {
      state fiscalYear quarter
      quarterCounts { periodFrom periodTo newApprentices activePrograms employers apprenticeCountsSuppressed }
      yearToDate { periodFrom periodTo }
      newApprenticesByNaics { sector label quarter quarterSuppressed }
    }
  }`;
const REBUILD = `mutation { rebuildOutcomes { id kind status } }`;
const REBUILD_STATUS = `query($runId: ID) { outcomeRebuildStatus(runId: $runId) { id status progressDone progressTotal } }`;

const FY2024 = { from: '2023-10-01', to: '2024-09-30' };

describe('Outcomes GraphQL', () => {
  let harness: GraphqlTestApp;
  let world: OutcomeWorld;

  beforeAll(async () => {
    harness = await startGraphqlServices([OutcomesModule, OutcomeJobsModule]);
    world = await seedOutcomeWorld(harness.dataSource, { asOf: '2025-06-30', registrations: 200 });
    await harness.app.get(OutcomeRollups).rebuild();
    harness.scope = stateAnalystScope(world.agencies.MI, 'MI');
  });

  afterAll(() => harness.close());

  it('answers a state analyst with a suppressed table of their state, cells then the total', async () => {
    const result = await harness.gql(OUTCOMES, { groupBy: ['SEX'], period: FY2024 });
    expect(result.errors).toBeUndefined();
    const table = result.data!.outcomes;
    expect(table).toMatchObject({
      dimensions: ['SEX'],
      periodFrom: '2023-10-01',
      periodTo: '2024-09-30',
      minCellSize: 10,
      rtiRecommendedHoursPerYear: 144,
      source: 'CUBE',
    });
    expect(table.rows.map((row: { kind: string }) => row.kind)).toEqual([...Array(table.rows.length - 1).fill('CELL'), 'TOTAL']);
    expect(table.rows[table.rows.length - 1].groups).toEqual([{ dimension: 'SEX', value: null, label: 'All' }]);
    for (const row of table.rows) {
      const count = row.measures.newRegistrations;
      expect(count === null ? row.suppressedMeasures.includes('newRegistrations') : count === 0 || count >= 10).toBe(true);
    }
  });

  it('computes medians only when they are asked for, through fragments too', async () => {
    const result = await harness.gql(WITH_MEDIANS, { period: { from: '2019-01-01', to: '2025-06-30' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.outcomes.rows[0].measures.medianEntryWage).toMatch(/^\d+\.\d{2}$/);
  });

  it('names the input field at fault', async () => {
    const fields = async (variables: Record<string, unknown>) => (await harness.gql(OUTCOMES, variables)).errors?.[0].extensions;
    expect(await fields({ groupBy: ['SEX', 'RACE', 'COHORT'], period: FY2024 })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'groupBy' }] });
    expect(await fields({ period: { from: '2023-10-02', to: '2024-09-30' } })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'period.from' }] });
    expect(await fields({ period: FY2024, filter: { states: ['XX'] } })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.states' }] });
    expect(await fields({ period: FY2024, filter: { states: ['OH'] } })).toMatchObject({ code: 'NOT_FOUND', fields: [{ field: 'filter.states.0' }] });
  });

  it('refuses roles without outcomes:read', async () => {
    harness.scope = scopeOf(null, [[world.employers.health, 'employer', Role.SUPERVISOR]]);
    try {
      expect((await harness.gql(OUTCOMES, { period: FY2024 })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      harness.scope = stateAnalystScope(world.agencies.MI, 'MI');
    }
  });

  it('exports a table as base64 CSV with its SHA-256', async () => {
    const result = await harness.gql(EXPORT, { groupBy: ['AGE_BAND'], period: FY2024, format: 'CSV' });
    expect(result.errors).toBeUndefined();
    const file = result.data!.exportOutcomes;
    const content = Buffer.from(file.contentBase64, 'base64');
    expect(file).toMatchObject({ fileName: 'outcomes-age_band-2023-10-01-to-2024-09-30.csv', contentType: 'text/csv; charset=utf-8' });
    expect(file.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(content.toString('utf8').split('\r\n')[0]).toMatch(/^age_band,age_band_label,row_kind,suppressed,active_at_start,/);
  });

  it('sets a baseline and returns the representation index against it', async () => {
    const set = await harness.gql(BASELINE, {
      input: {
        state: 'MI',
        dimension: 'SEX',
        year: 2024,
        shares: [
          { value: 'female', share: '0.505' },
          { value: 'male', share: '0.495' },
        ],
        source: ' ACS 2024 ',
      },
    });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setPopulationBaseline).toEqual({
      state: 'MI',
      dimension: 'SEX',
      year: 2024,
      source: 'ACS 2024',
      shares: [{ value: 'female', share: '0.505000' }, { value: 'male', share: '0.495000' }],
    });
    const bad = await harness.gql(BASELINE, {
      input: { state: 'MI', dimension: 'SEX', year: 2024, shares: [{ value: 'female', share: '50%' }], source: 'x' },
    });
    expect(bad.errors?.[0].extensions.fields?.[0].field).toBe('shares.0.share');
    const result = await harness.gql(REPRESENTATION, { state: 'MI', dimension: 'SEX', period: { from: '2019-01-01', to: '2025-06-30' } });
    expect(result.errors).toBeUndefined();
    const representation = result.data!.representation;
    expect(representation).toMatchObject({ state: 'MI', population: 'ACTIVE_AT_END', baselineYear: 2024, baselineSource: 'ACS 2024' });
    const male = representation.rows.find((row: { value: string }) => row.value === 'male');
    expect(male).toMatchObject({ label: 'Male', baselineShare: '0.495000', suppressed: false });
    expect(Number(male.index)).toBeCloseTo(male.apprentices / representation.apprentices / 0.495, 2);
    // Few apprentices did not self-identify: that count is withheld, and so is a second one, with their shares.
    const withheld = representation.rows.filter((row: { suppressed: boolean }) => row.suppressed);
    expect(withheld.map((row: { value: string }) => row.value).sort()).toEqual(['female', 'not_self_identified']);
    for (const row of withheld) expect([row.apprentices, row.apprenticeShare, row.index]).toEqual([null, null, null]);
  });

  it('serves the quarterly state report to the state\'s analyst only', async () => {
    const result = await harness.gql(REPORT, { state: 'MI', fiscalYear: 2024, quarter: 2 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.quarterlyStateReport).toMatchObject({
      state: 'MI',
      fiscalYear: 2024,
      quarter: 2,
      quarterCounts: { periodFrom: '2024-01-01', periodTo: '2024-03-31' },
      yearToDate: { periodFrom: '2023-10-01', periodTo: '2024-03-31' },
    });
    expect((await harness.gql(REPORT, { state: 'OH', fiscalYear: 2024, quarter: 2 })).errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ field: 'state' }],
    });
    expect((await harness.gql(REPORT, { state: 'MI', fiscalYear: 2024, quarter: 5 })).errors?.[0].extensions.fields?.[0].field).toBe('quarter');
  });

  it('lets a platform administrator queue a rebuild and follow it', async () => {
    expect((await harness.gql(REBUILD)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    harness.scope = platformAdminScope(world.platform);
    try {
      const queued = await harness.gql(REBUILD);
      expect(queued.data!.rebuildOutcomes).toMatchObject({ kind: 'REBUILD', status: 'QUEUED' });
      const status = await harness.gql(REBUILD_STATUS, { runId: queued.data!.rebuildOutcomes.id });
      expect(status.data!.outcomeRebuildStatus).toEqual({ id: queued.data!.rebuildOutcomes.id, status: 'QUEUED', progressDone: 0, progressTotal: 0 });
      expect((await harness.gql(REBUILD_STATUS, { runId: 'nope' })).errors?.[0].extensions.fields?.[0].field).toBe('runId');
      expect((await harness.gql(REBUILD)).errors?.[0].extensions.code).toBe('CONFLICT');
    } finally {
      harness.scope = stateAnalystScope(world.agencies.MI, 'MI');
    }
  });
});
