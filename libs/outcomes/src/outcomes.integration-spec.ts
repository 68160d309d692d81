import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { ErrorCode } from '@journeyline/common/domain-error';
import { centsToDecimal } from '@journeyline/common/money';
import {
  intermediaryScope,
  platformAdminScope,
  sponsorAdminScope,
  stateAnalystScope,
} from '../../../test/support/scopes';
import { OutcomeDimension } from './dimensions';
import { exportOutcomeTable } from './outcome-export';
import { seedOutcomeWorld, OutcomeWorld } from './outcome-fixtures';
import { OutcomeJobsModule } from './outcome-jobs.module';
import { expectedOutcomes, ExpectedRow } from './outcome-oracle';
import { OutcomeRollups } from './outcome-rollups.service';
import { OutcomeJobs, OutcomeRunsService } from './outcome-runs';
import { OutcomeServices, startOutcomeServices } from './outcome-test-services';
import { OutcomesModule } from './outcomes.module';
import { OutcomeFilterValues } from './outcome-sql';
import { LabelledOutcomeRow, OutcomesService, OutcomeTable } from './outcomes.service';
import { Period } from './periods';
import { QuarterlyReportService } from './quarterly-report.service';
import { RepresentationService } from './representation.service';
import { AccessScope } from '@journeyline/auth/access-scope';

const AS_OF = '2025-06-30';
const FY2023: Period = { from: '2022-10-01', to: '2023-09-30' };
const FIRST_HALF_2024: Period = { from: '2024-01-01', to: '2024-06-30' };
const EVERYTHING: Period = { from: '2019-01-01', to: '2025-06-30' };
const D = OutcomeDimension;

const FLOWS = ['activeAtStart', 'newRegistrations', 'completers', 'cancellations', 'probationaryCancellations', 'transfers', 'activeAtEnd'] as const;
const RATES = ['completionRate', 'cohortCompletionRate', 'retention6Months', 'retention12Months', 'retention24Months'] as const;

const keyText = (key: Array<string | null>) => key.map((value) => value ?? '*').join('|');

/** The measures of a table the raw oracle also computes, by row key. */
function comparable(rows: LabelledOutcomeRow[]) {
  return Object.fromEntries(
    rows.map((row) => [
      keyText(row.key),
      Object.fromEntries([...FLOWS, ...RATES].map((name) => [name, row.measures[name]])),
    ]),
  );
}

function expectedComparable(rows: ExpectedRow[]) {
  return Object.fromEntries(rows.map((row) => [keyText(row.key), Object.fromEntries([...FLOWS, ...RATES].map((name) => [name, row[name]]))]));
}

describe('Outcomes over the rollups', () => {
  let services: OutcomeServices;
  let world: OutcomeWorld;
  let outcomes: OutcomesService;
  let admin: AccessScope;
  let michigan: AccessScope;

  const both = async (scope: AccessScope, groupBy: OutcomeDimension[], period: Period, filter?: OutcomeFilterValues) => {
    const request = { groupBy, period, filter };
    const facts = await outcomes.outcomes(scope, request, { details: true, source: 'facts' });
    const planned = await outcomes.outcomes(scope, request, { details: true });
    return { facts, planned };
  };

  beforeAll(async () => {
    services = await startOutcomeServices([OutcomesModule, OutcomeJobsModule], AS_OF);
    world = await seedOutcomeWorld(services.dataSource, { asOf: AS_OF, registrations: 320 });
    outcomes = services.get(OutcomesService);
    admin = platformAdminScope(world.platform);
    michigan = stateAnalystScope(world.agencies.MI, 'MI');
    await services.get(OutcomeRollups).rebuild();
    // Exact numbers first: with a threshold of 1 nothing is small.
    await services.setMinCellSize(1);
  });

  afterAll(() => services.close());

  it('rebuilds rollups that agree with a recomputation from the raw tables', async () => {
    const result = await services.get(OutcomeRollups).checkConsistency();
    expect(result).toEqual({ differences: 0, factDifferences: 0, cubeDifferences: 0, sample: [] });
    const [{ facts, participants }] = await services.dataSource.query(
      `SELECT (SELECT count(*)::int FROM outcome_registration_facts) AS facts,
              (SELECT count(*)::int FROM registrations WHERE registration_date IS NOT NULL) AS participants`,
    );
    expect(facts).toBe(world.registrations.length);
    expect(participants).toBeLessThan(facts);
  });

  const groupings: OutcomeDimension[][] = [
    [],
    [D.STATE],
    [D.SEX],
    [D.RACE],
    [D.RACE_COMBINATION],
    [D.ETHNICITY],
    [D.VETERAN],
    [D.DISABILITY],
    [D.EDUCATION],
    [D.AGE_BAND],
    [D.COHORT],
    [D.NAICS],
    [D.COUNTY],
    [D.OCCUPATION],
    [D.PROGRAM],
    [D.SPONSOR],
    [D.SEX, D.RACE],
    [D.COHORT, D.AGE_BAND],
    [D.STATE, D.SEX],
    [D.PROGRAM, D.SEX],
  ];

  it.each(groupings.map((groupBy) => [groupBy.join(' × ') || 'total', groupBy]))(
    'by %s: the cube and the fact table agree, and both match the raw tables',
    async (_name, groupBy) => {
      for (const period of [FY2023, FIRST_HALF_2024, EVERYTHING]) {
        const { facts, planned } = await both(admin, groupBy as OutcomeDimension[], period);
        expect(planned.rows).toEqual(facts.rows);
        const expected = await expectedOutcomes(services.dataSource, groupBy as OutcomeDimension[], period, AS_OF);
        expect(comparable(facts.rows)).toEqual(expectedComparable(expected));
      }
    },
  );

  it('plans the cube for state-wide groupings it holds and the fact table otherwise', async () => {
    const source = async (scope: AccessScope, groupBy: OutcomeDimension[], filter?: OutcomeFilterValues) =>
      (await outcomes.outcomes(scope, { groupBy, period: FY2023, filter }, { details: false })).source;
    expect(await source(admin, [D.SEX, D.RACE])).toBe('cube');
    expect(await source(michigan, [D.PROGRAM])).toBe('cube');
    expect(await source(michigan, [D.SEX], { cohortYears: [2021] })).toBe('cube');
    expect(await source(michigan, [D.SEX], { programIds: [world.programs.electricalMI] })).toBe('facts');
    expect(await source(admin, [D.PROGRAM, D.SEX])).toBe('facts');
    expect(await source(admin, [D.AGE_BAND_DETAILED])).toBe('facts');
    expect(await source(intermediaryScope(world.intermediary, [world.sponsors.manufacturing]), [D.SEX])).toBe('facts');
  });

  it.each<[string, OutcomeFilterValues, string]>([
    ['programs', { programIds: ['electricalMI'] }, `program = '%electricalMI%'`],
    ['a RAPIDS base code, matching its competency-based variant', { occupationCodes: ['0870'] }, `occupation = '0870'`],
    ['a full RAPIDS code', { occupationCodes: ['0870CBV1'] }, `rapids_code = '0870CBV1'`],
    ['an O*NET code', { onetSocCodes: ['47-2111.00'] }, `onet_soc_code = '47-2111.00'`],
    ['a 2-digit NAICS sector', { naicsPrefix: '23' }, `naics_code LIKE '23%'`],
    ['a longer NAICS prefix', { naicsPrefix: '3361' }, `naics_code LIKE '3361%'`],
    ['counties', { countyFips: ['26099', '26125'] }, `county IN ('26099', '26125')`],
    ['cohorts', { cohortYears: [2020, 2021] }, `cohort IN ('2020', '2021')`],
    ['a sponsor', { sponsorIds: ['construction'] }, `sponsor = '%construction%'`],
  ])('filters by %s the same way on both paths', async (_name, rawFilter, condition) => {
    const filter: OutcomeFilterValues = {
      ...rawFilter,
      programIds: rawFilter.programIds?.map((key) => world.programs[key as keyof OutcomeWorld['programs']]),
      sponsorIds: rawFilter.sponsorIds?.map((key) => world.sponsors[key as keyof OutcomeWorld['sponsors']]),
    };
    const where = `state = 'MI' AND ${condition
      .replace('%electricalMI%', world.programs.electricalMI)
      .replace('%construction%', world.sponsors.construction)}`;
    for (const groupBy of [[], [D.SEX], [D.COHORT]]) {
      const { facts, planned } = await both(michigan, groupBy, EVERYTHING, filter);
      expect(planned.rows).toEqual(facts.rows);
      const expected = await expectedOutcomes(services.dataSource, groupBy, EVERYTHING, AS_OF, where);
      expect(comparable(facts.rows)).toEqual(expectedComparable(expected));
    }
  });

  it('computes medians and RTI hours from the period\'s completers and new registrations as in the raw tables', async () => {
    const table = await outcomes.outcomes(admin, { groupBy: [D.SEX], period: EVERYTHING }, { details: true });
    const expected = await expectedOutcomes(services.dataSource, [D.SEX], EVERYTHING, AS_OF);
    expect(expected.some((row) => row.months.length > 10)).toBe(true);
    const money = (cents: string | null) => (cents === null ? null : centsToDecimal(cents));
    // PostgreSQL interpolates months in floating point; Journeyline exactly: they may differ by a hundredth at a tie.
    const near = (actual: string | null, wanted: string | null) =>
      actual === wanted || (actual !== null && wanted !== null && Math.abs(Number(actual) - Number(wanted)) <= 0.011);
    for (const row of expected) {
      const actual = table.rows.find((candidate) => keyText(candidate.key) === keyText(row.key))!;
      expect(actual.measures).toMatchObject({
        medianEntryWage: money(row.medianEntryWageCents),
        medianCompletionWage: money(row.medianCompletionWageCents),
        medianWageGain: money(row.medianWageGainCents),
        rtiHoursPerYear: row.rtiHoursPerYear,
      });
      for (const [name, wanted] of [
        ['p25MonthsToCompletion', row.p25MonthsToCompletion],
        ['medianMonthsToCompletion', row.medianMonthsToCompletion],
        ['p75MonthsToCompletion', row.p75MonthsToCompletion],
      ] as const) {
        expect({ row: row.key, name, near: near(actual.measures[name], wanted) }).toEqual({ row: row.key, name, near: true });
      }
    }
  });

  describe('reach', () => {
    const total = (table: OutcomeTable) => table.rows.find((row) => row.kind === 'total')!.measures;

    it("limits a state analyst to their state's registrations", async () => {
      const mine = await outcomes.outcomes(michigan, { groupBy: [D.STATE], period: EVERYTHING }, { details: false });
      expect(mine.rows.filter((row) => row.kind === 'cell').map((row) => row.key)).toEqual([['MI']]);
      const expected = await expectedOutcomes(services.dataSource, [], EVERYTHING, AS_OF, `state = 'MI'`);
      expect(total(mine).newRegistrations).toBe(expected[0].newRegistrations);
    });

    it('answers NOT_FOUND when a state analyst asks for another state, program or sponsor', async () => {
      const ask = (filter: OutcomeFilterValues) => outcomes.outcomes(michigan, { groupBy: [], period: EVERYTHING, filter }, { details: false });
      await expect(ask({ states: ['OH'] })).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'filter.states.0' }] });
      await expect(ask({ programIds: [world.programs.nursingOH] })).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'filter.programIds.0' }],
      });
      await expect(ask({ sponsorIds: [world.sponsors.health] })).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'filter.sponsorIds.0' }],
      });
      await expect(
        services.get(QuarterlyReportService).report(michigan, 'OH', 2024, 2),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, problems: [{ field: 'state' }] });
    });

    it('limits an intermediary to the sponsors it serves and a sponsor to itself', async () => {
      const served = await outcomes.outcomes(intermediaryScope(world.intermediary, [world.sponsors.manufacturing]), {
        groupBy: [D.SPONSOR],
        period: EVERYTHING,
      }, { details: false });
      expect(served.rows.filter((row) => row.kind === 'cell').map((row) => row.key[0])).toEqual([world.sponsors.manufacturing]);
      const own = await outcomes.outcomes(sponsorAdminScope(world.sponsors.health), { groupBy: [D.STATE], period: EVERYTHING }, { details: false });
      expect(own.rows.filter((row) => row.kind === 'cell').map((row) => row.key)).toEqual([['OH']]);
      const expected = await expectedOutcomes(services.dataSource, [], EVERYTHING, AS_OF, `sponsor = '${world.sponsors.health}'`);
      expect(total(own).activeAtEnd).toBe(expected[0].activeAtEnd);
    });

    it('labels groups with names and vocabularies', async () => {
      const table = await outcomes.outcomes(admin, { groupBy: [D.PROGRAM], period: EVERYTHING }, { details: false });
      expect(table.rows.map((row) => row.groups[0].label).sort()).toEqual(
        ['All', 'Facilities Electrician', 'Inside Wireman', 'Nurse Aide', 'Plant Nurse Aide'].sort(),
      );
      const naics = await outcomes.outcomes(admin, { groupBy: [D.NAICS], period: EVERYTHING }, { details: false });
      expect(naics.rows.find((row) => row.key[0] === '23')?.groups[0].label).toBe('Construction');
    });
  });

  it('rejects more than two dimensions and periods that are not whole months', async () => {
    await expect(
      outcomes.outcomes(admin, { groupBy: [D.SEX, D.RACE, D.COHORT], period: FY2023 }, { details: false }),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'groupBy' }] });
    await expect(outcomes.outcomes(admin, { groupBy: [], period: { from: '2024-01-02', to: '2024-03-31' } }, { details: false })).rejects.toMatchObject(
      { code: ErrorCode.ValidationFailed, problems: [{ field: 'period.from' }] },
    );
  });

  describe('quarterly state report (ETA-9186)', () => {
    it('counts the quarter and the year to date from the raw tables', async () => {
      const report = await services.get(QuarterlyReportService).report(michigan, 'MI', 2024, 2);
      const quarter = { from: '2024-01-01', to: '2024-03-31' };
      const yearToDate = { from: '2023-10-01', to: '2024-03-31' };
      for (const [counts, period] of [
        [report.quarterCounts, quarter],
        [report.yearToDate, yearToDate],
      ] as const) {
        const [expected] = await expectedOutcomes(services.dataSource, [], period, AS_OF, `state = 'MI'`);
        expect(counts).toMatchObject({
          period,
          newApprentices: expected.newRegistrations,
          activeAtStart: expected.activeAtStart,
          activeAtEnd: expected.activeAtEnd,
          completers: expected.completers,
          cancellations: expected.cancellations,
          probationaryCancellations: expected.probationaryCancellations,
          transfers: expected.transfers,
          apprenticeCountsSuppressed: false,
        });
        const [programs] = await services.dataSource.query(
          `WITH raw AS (
             SELECT r.program_id, r.employer_id, r.start_date,
                    CASE WHEN r.status IN ('completed', 'cancelled', 'transferred') THEN r.status_date END AS exit_date
               FROM registrations r WHERE r.registration_date IS NOT NULL AND r.state = 'MI')
           SELECT count(DISTINCT program_id) FILTER (WHERE start_date <= $2 AND (exit_date IS NULL OR exit_date >= $1))::int AS active,
                  count(DISTINCT employer_id) FILTER (WHERE start_date <= $2 AND (exit_date IS NULL OR exit_date >= $1))::int AS employers,
                  (SELECT count(*)::int FROM (SELECT program_id FROM raw WHERE start_date <= $2 AND (exit_date IS NULL OR exit_date > $2)
                                              GROUP BY program_id HAVING count(*) >= 5) five) AS five
             FROM raw`,
          [period.from, period.to],
        );
        expect(counts).toMatchObject({ activePrograms: programs.active, employers: programs.employers, programsWithFiveOrMore: programs.five });
      }
      const expectedByNaics = await expectedOutcomes(services.dataSource, [D.NAICS], quarter, AS_OF, `state = 'MI'`);
      expect(Object.fromEntries(report.newApprenticesByNaics.map((row) => [row.sector, row.quarter]))).toEqual(
        Object.fromEntries(expectedByNaics.filter((row) => row.key[0] !== null).map((row) => [row.key[0], row.newRegistrations])),
      );
    });

    it('counts programs registered in the period by their first standards version', async () => {
      await services.dataSource.query(`UPDATE program_versions SET effective_date = '2024-02-15' WHERE program_id = $1`, [
        world.programs.nursingMI,
      ]);
      const report = await services.get(QuarterlyReportService).report(admin, 'MI', 2024, 2);
      expect([report.quarterCounts.newPrograms, report.yearToDate.newPrograms]).toEqual([1, 1]);
      expect((await services.get(QuarterlyReportService).report(admin, 'MI', 2024, 1)).quarterCounts.newPrograms).toBe(0);
    });
  });

  describe('representation', () => {
    it('divides each group\'s share of apprentices by its baseline share, and keeps a baseline per year', async () => {
      const representation = services.get(RepresentationService);
      await representation.setBaseline(michigan, {
        state: 'MI',
        dimension: D.SEX,
        year: 2023,
        shares: [
          { value: 'female', share: '0.5' },
          { value: 'male', share: '0.49' },
        ],
        source: 'ACS 2023 1-year, table S0101',
      });
      const result = await representation.representation(michigan, {
        state: 'MI',
        dimension: D.SEX,
        period: FY2023,
        population: 'active_at_end',
      });
      const expected = await expectedOutcomes(services.dataSource, [D.SEX], FY2023, AS_OF, `state = 'MI'`);
      const total = expected.find((row) => row.key[0] === null)!.activeAtEnd;
      const female = expected.find((row) => row.key[0] === 'female')!.activeAtEnd;
      expect(result.baseline).toEqual({ year: 2023, source: 'ACS 2023 1-year, table S0101' });
      expect(result.apprentices).toBe(total);
      const row = result.rows.find((candidate) => candidate.value === 'female')!;
      expect(row).toMatchObject({ apprentices: female, baselineShare: '0.500000', suppressed: false });
      expect(Number(row.apprenticeShare)).toBeCloseTo(female / total, 4);
      expect(Number(row.index)).toBeCloseTo(female / total / 0.5, 2);
      // A group with no baseline share still shows its share, without an index.
      expect(result.rows.find((candidate) => candidate.value === 'not_self_identified')).toMatchObject({ baselineShare: null, index: null });
    });

    it('lets only the state\'s agency or a platform administrator set its baseline, with valid shares', async () => {
      const representation = services.get(RepresentationService);
      const input = { state: 'MI', dimension: D.SEX, year: 2024, shares: [{ value: 'female', share: '0.5' }], source: 'test' };
      await expect(representation.setBaseline(stateAnalystScope(world.agencies.OH, 'OH'), input)).rejects.toMatchObject({ code: ErrorCode.Forbidden });
      await expect(representation.setBaseline(michigan, { ...input, state: 'US' })).rejects.toMatchObject({ code: ErrorCode.Forbidden });
      await expect(
        representation.setBaseline(michigan, { ...input, shares: [{ value: 'female', share: '0.6' }, { value: 'male', share: '0.5' }] }),
      ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, problems: [{ field: 'shares' }] });
      await expect(representation.setBaseline(michigan, { ...input, shares: [{ value: 'woman', share: '0.5' }] })).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'shares.0.value' }],
      });
      await expect(representation.setBaseline(michigan, { ...input, dimension: D.PROGRAM })).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'dimension' }],
      });
      // Races are chosen in combination: shares may add up past 1.
      await representation.setBaseline(admin, {
        state: 'US',
        dimension: D.RACE,
        year: 2024,
        shares: [
          { value: 'white', share: '0.7' },
          { value: 'black_african_american', share: '0.15' },
          { value: 'asian', share: '0.2' },
        ],
        source: 'test',
      });
      const [audit] = await services.dataSource.query(
        `SELECT entity_id FROM audit_log WHERE action = 'outcomes.population_baseline_set' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit.entity_id).toBe('US/race/2024');
    });
  });

  describe('exports', () => {
    it('writes the table as CSV with a checksum, withheld values left empty', async () => {
      await services.setMinCellSize(10);
      try {
        const table = await outcomes.outcomes(michigan, { groupBy: [D.RACE], period: FY2023 }, { details: true });
        const file = await exportOutcomeTable(table, 'csv');
        expect(file.fileName).toBe('outcomes-race-2022-10-01-to-2023-09-30.csv');
        expect(file.sha256).toBe(createHash('sha256').update(file.content).digest('hex'));
        const records: Array<Record<string, string>> = parse(file.content, { columns: true });
        expect(records).toHaveLength(table.rows.length);
        const withheld = table.rows.findIndex((row) => row.suppressedMeasures.includes('newRegistrations'));
        expect(withheld).toBeGreaterThanOrEqual(0);
        expect(records[withheld].new_registrations).toBe('');
        expect(records[withheld].suppressed_measures.split(';')).toContain('new_registrations');
        const visible = table.rows.findIndex((row) => row.measures.activeAtEnd !== null);
        expect(records[visible].active_at_end).toBe(String(table.rows[visible].measures.activeAtEnd));
        expect(records[visible].race_label).toBe(table.rows[visible].groups[0].label);
      } finally {
        await services.setMinCellSize(1);
      }
    });

    it('writes the same table as XLSX, the same bytes every time', async () => {
      const table = await outcomes.outcomes(admin, { groupBy: [D.STATE, D.SEX], period: FY2023 }, { details: true });
      const file = await exportOutcomeTable(table, 'xlsx');
      expect((await exportOutcomeTable(table, 'xlsx')).sha256).toBe(file.sha256);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.content as never);
      const sheet = workbook.getWorksheet('Outcomes')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('state');
      expect(sheet.rowCount).toBe(table.rows.length + 1);
    });
  });

  describe('rebuild and consistency runs', () => {
    it('queues one run per kind for platform administrators, and the job records its progress and result', async () => {
      const runs = services.get(OutcomeRunsService);
      await expect(runs.request(michigan, 'rebuild')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
      const run = await runs.request(admin, 'rebuild');
      expect(run).toMatchObject({ kind: 'rebuild', status: 'queued' });
      await expect(runs.request(admin, 'rebuild')).rejects.toMatchObject({ code: ErrorCode.Conflict });
      const [event] = await services.dataSource.query(`SELECT topic, payload FROM outbox WHERE payload->>'runId' = $1`, [run.id]);
      expect(event).toEqual({ topic: 'outcomes.rebuild_requested', payload: { runId: run.id } });

      await services.get(OutcomeJobs).rebuild(run.id, { attempt: 1, attempts: 5 });
      const done = await runs.status(admin, 'rebuild', run.id);
      expect(done).toMatchObject({ status: 'succeeded', phase: 'cube', progressDone: 2, progressTotal: 2 });
      expect(done!.sample).toEqual({ registrations: world.registrations.length, states: 2 });
      expect((await runs.status(admin, 'rebuild'))!.id).toBe(run.id);
      await expect(runs.status(admin, 'rebuild', world.platform)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('records a failure on the last attempt only', async () => {
      const runs = services.get(OutcomeRunsService);
      const run = await runs.request(admin, 'consistency_check');
      const jobs = new OutcomeJobs(services.dataSource, {
        checkConsistency: () => Promise.reject(new Error('disk full')),
      } as unknown as OutcomeRollups);
      await expect(jobs.check(run.id, { attempt: 1, attempts: 2 })).rejects.toThrow('disk full');
      expect(await runs.status(admin, 'consistency_check', run.id)).toMatchObject({ status: 'running', error: null });
      await expect(jobs.check(run.id, { attempt: 2, attempts: 2 })).rejects.toThrow('disk full');
      expect(await runs.status(admin, 'consistency_check', run.id)).toMatchObject({ status: 'failed', error: 'disk full' });
    });

    it('finds a corrupted fact row and a corrupted cube row, and stores them with the run', async () => {
      const victim = (await services.dataSource.query(
        `SELECT registration_id FROM outcome_registration_facts WHERE participant AND sex = 'female' ORDER BY registration_id LIMIT 1`,
      ))[0].registration_id;
      await services.dataSource.query(`UPDATE outcome_registration_facts SET sex = 'male' WHERE registration_id = $1`, [victim]);
      const [{ month }] = await services.dataSource.query(
        `UPDATE outcome_cube_events SET starts = starts + 1
          WHERE state = 'MI' AND grouping = '' AND month = (SELECT min(month) FROM outcome_cube_events WHERE state = 'MI' AND grouping = '')
          RETURNING month::text`,
      ).then(([rows]: [Array<{ month: string }>]) => rows);
      const runs = services.get(OutcomeRunsService);
      const run = await runs.request(admin, 'consistency_check');
      await services.get(OutcomeJobs).check(run.id, { attempt: 1, attempts: 5 });
      const checked = await runs.status(admin, 'consistency_check', run.id);
      // The fact row differs from the raw tables; the cube differs from the facts in every
      // grouping by sex (the fact moved) and in the one corrupted row.
      expect(checked).toMatchObject({ status: 'succeeded' });
      const sample = checked!.sample as { factDifferences: number; cubeDifferences: number; differences: Array<Record<string, unknown>> };
      expect(sample.factDifferences).toBe(1);
      expect(sample.cubeDifferences).toBeGreaterThan(1);
      expect(checked!.differences).toBe(sample.factDifferences + sample.cubeDifferences);
      expect(sample.differences[0]).toEqual({ kind: 'fact', subject: victim, columns: ['sex'] });
      expect(sample.differences).toContainEqual({ kind: 'cube_events', subject: `MI////${month}`, columns: [] });

      // A rebuild puts everything right.
      await services.get(OutcomeRollups).rebuild();
      expect((await services.get(OutcomeRollups).checkConsistency()).differences).toBe(0);
    });
  });
});
