import { parse } from 'csv-parse/sync';
import { AccessScope } from '@journeyline/auth/access-scope';
import { platformAdminScope, stateAnalystScope } from '../../../test/support/scopes';
import { DIMENSIONS, OutcomeDimension } from './dimensions';
import { determinedVariables, LinearEquation } from './disclosure-audit';
import { FLOW_COUNTS } from './measures';
import { exportOutcomeTable } from './outcome-export';
import { OutcomeWorld, seedOutcomeWorld } from './outcome-fixtures';
import { OutcomeJobsModule } from './outcome-jobs.module';
import { OutcomeRollups } from './outcome-rollups.service';
import { OutcomeServices, startOutcomeServices } from './outcome-test-services';
import { OutcomesModule } from './outcomes.module';
import { OutcomesService, OutcomeTable } from './outcomes.service';
import { Period } from './periods';
import { QuarterlyReportService } from './quarterly-report.service';
import { RepresentationService } from './representation.service';

const AS_OF = '2025-06-30';
const MIN = 10;
const PERIODS: Period[] = [
  { from: '2022-10-01', to: '2023-09-30' },
  { from: '2024-01-01', to: '2024-03-31' },
  { from: '2019-01-01', to: '2025-06-30' },
];
/** Signs of the flow identity: active at start + new − completers − cancellations − probationary − transfers − active at end = 0. */
const IDENTITY = [1, 1, -1, -1, -1, -1, -1];
const COHORT_MEASURES = ['completionRate', 'cohortCompletionRate', 'retention6Months', 'retention12Months', 'retention24Months', 'medianEntryWage'];
const COMPLETER_MEASURES = [
  'medianMonthsToCompletion',
  'p25MonthsToCompletion',
  'p75MonthsToCompletion',
  'medianCompletionWage',
  'medianWageGain',
  'rtiHoursPerYear',
];

const keyText = (key: Array<string | null>) => key.map((value) => value ?? '*').join('|');
const variable = (key: Array<string | null>, measure: number) => `${keyText(key)}#${measure}`;

/**
 * Everything a reader can combine: for each flow measure, each line of the table (cells add up to
 * their margin; not for race, where a person counts under each race they chose) and each row's
 * identity across the flows.
 */
function equations(table: OutcomeTable): LinearEquation[] {
  const lines = new Map<string, Map<string, number>>();
  const add = (line: string, name: string, coefficient: number) => {
    const equation = lines.get(line) ?? new Map<string, number>();
    equation.set(name, (equation.get(name) ?? 0) + coefficient);
    lines.set(line, equation);
  };
  const additive = table.dimensions.map((dimension) => !DIMENSIONS[dimension].multi);
  for (const row of table.rows) {
    FLOW_COUNTS.forEach((_, measure) => {
      const name = variable(row.key, measure);
      add(`identity ${keyText(row.key)}`, name, IDENTITY[measure]);
      table.dimensions.forEach((_, summed) => {
        if (!additive[summed]) return;
        // The line through this row that sums over dimension `summed`.
        const line = row.key.map((value, index) => (index === summed ? '·' : (value ?? '*'))).join('|');
        add(`measure ${measure} line ${summed} ${line}`, name, row.key[summed] === null ? -1 : 1);
      });
    });
  }
  return [...lines.values()];
}

describe('No outcome query reveals a small cell', () => {
  let services: OutcomeServices;
  let world: OutcomeWorld;
  let outcomes: OutcomesService;
  let scopes: Array<[string, AccessScope]>;
  let withheldSmall = 0;
  let withheldComplementary = 0;

  beforeAll(async () => {
    services = await startOutcomeServices([OutcomesModule, OutcomeJobsModule], AS_OF);
    world = await seedOutcomeWorld(services.dataSource, { asOf: AS_OF, registrations: 320, seed: 77 });
    outcomes = services.get(OutcomesService);
    scopes = [
      ['platform admin', platformAdminScope(world.platform)],
      ['Michigan analyst', stateAnalystScope(world.agencies.MI, 'MI')],
    ];
    await services.get(OutcomeRollups).rebuild();
  });

  afterAll(async () => {
    await services.close();
  });

  /** The table as published (threshold 10) and the truth behind it (threshold 1, which withholds nothing). */
  async function publishedAndTrue(scope: AccessScope, groupBy: OutcomeDimension[], period: Period) {
    await services.setMinCellSize(1);
    const truth = await outcomes.outcomes(scope, { groupBy, period }, { details: true, source: 'facts' });
    await services.setMinCellSize(MIN);
    const published = await outcomes.outcomes(scope, { groupBy, period }, { details: true });
    return { truth, published };
  }

  function audit(truth: OutcomeTable, published: OutcomeTable): void {
    const trueValue = new Map(
      truth.rows.flatMap((row) => FLOW_COUNTS.map((name, measure) => [variable(row.key, measure), row.measures[name] as number] as const)),
    );
    expect(published.rows.map((row) => keyText(row.key))).toEqual(truth.rows.map((row) => keyText(row.key)));
    const withheld = new Set<string>();
    for (const row of published.rows) {
      FLOW_COUNTS.forEach((name, measure) => {
        const value = row.measures[name];
        const truthValue = trueValue.get(variable(row.key, measure))!;
        if (value === null) {
          withheld.add(variable(row.key, measure));
          expect(row.suppressedMeasures).toContain(name);
          if (truthValue > 0 && truthValue < MIN) withheldSmall++;
          else withheldComplementary++;
        } else {
          // Shown counts are the true counts, and never small.
          expect({ row: row.key, name, value }).toEqual({ row: row.key, name, value: truthValue });
          expect(value === 0 || value >= MIN).toBe(true);
        }
      });
      // Measures derived from a withheld count are withheld too.
      if (row.measures.newRegistrations === null) for (const name of COHORT_MEASURES) expect(row.measures).toHaveProperty(name, null);
      if (row.measures.completers === null) for (const name of COMPLETER_MEASURES) expect(row.measures).toHaveProperty(name, null);
    }

    // The brief's test: a total minus the visible cells of its line never equals a lone withheld small cell.
    if (published.dimensions.length === 1 && !DIMENSIONS[published.dimensions[0]].multi) {
      const total = published.rows.find((row) => row.kind === 'total')!;
      FLOW_COUNTS.forEach((name) => {
        const cells = published.rows.filter((row) => row.kind === 'cell');
        const hidden = cells.filter((row) => row.measures[name] === null);
        if (total.measures[name] === null || hidden.length !== 1) return;
        const trueHidden = truth.rows.find((row) => keyText(row.key) === keyText(hidden[0].key))!.measures[name] as number;
        expect(trueHidden === 0 || trueHidden >= MIN).toBe(true);
      });
    }

    // And the stronger one: no combination of published equations pins down a small count.
    const determined = determinedVariables(equations(published), withheld);
    const exposed = [...determined].filter((name) => {
      const value = trueValue.get(name)!;
      return value > 0 && value < MIN;
    });
    expect(exposed).toEqual([]);
  }

  const oneWay = Object.values(OutcomeDimension).map((dimension): [string, OutcomeDimension[]] => [dimension, [dimension]]);
  const twoWay: Array<[string, OutcomeDimension[]]> = [
    ['sex × race', [OutcomeDimension.SEX, OutcomeDimension.RACE]],
    ['age band × NAICS', [OutcomeDimension.AGE_BAND, OutcomeDimension.NAICS]],
    ['program × sex', [OutcomeDimension.PROGRAM, OutcomeDimension.SEX]],
    ['cohort × ethnicity', [OutcomeDimension.COHORT, OutcomeDimension.ETHNICITY]],
    ['state × education', [OutcomeDimension.STATE, OutcomeDimension.EDUCATION]],
  ];

  const cases: Array<[string, OutcomeDimension[]]> = [['total', []], ...oneWay, ...twoWay];

  it.each(cases)('grouped by %s', async (_name, groupBy) => {
    for (const [, scope] of scopes) {
      for (const period of PERIODS) {
        const { truth, published } = await publishedAndTrue(scope, groupBy, period);
        audit(truth, published);
      }
    }
  });

  it('withheld small counts and complements along the way (the audit above was not vacuous)', () => {
    expect(withheldSmall).toBeGreaterThan(100);
    expect(withheldComplementary).toBeGreaterThan(50);
  });

  it('shows in representation, the quarterly report and exports only what the outcome table shows', async () => {
    const michigan = stateAnalystScope(world.agencies.MI, 'MI');
    const period = PERIODS[0];
    await services.setMinCellSize(MIN);
    const table = await outcomes.outcomes(michigan, { groupBy: [OutcomeDimension.RACE], period }, { details: true });
    const representation = await services.get(RepresentationService).representation(michigan, {
      state: 'MI',
      dimension: OutcomeDimension.RACE,
      period,
      population: 'new_registrations',
    });
    for (const row of representation.rows) {
      const cell = table.rows.find((candidate) => candidate.key[0] === row.value);
      expect(row.apprentices).toBe(cell ? cell.measures.newRegistrations : 0);
      if (row.apprentices === null) expect([row.apprenticeShare, row.index]).toEqual([null, null]);
    }
    expect(representation.rows.some((row) => row.apprentices === null)).toBe(true);

    const report = await services.get(QuarterlyReportService).report(michigan, 'MI', 2024, 2);
    const byNaics = await outcomes.outcomes(
      michigan,
      { groupBy: [OutcomeDimension.NAICS], period: { from: '2024-01-01', to: '2024-03-31' }, filter: { states: ['MI'] } },
      { details: false },
    );
    for (const row of report.newApprenticesByNaics) {
      const cell = byNaics.rows.find((candidate) => candidate.key[0] === row.sector);
      expect(row.quarter).toBe(cell ? cell.measures.newRegistrations : 0);
      expect(row.quarter === null || row.quarter === 0 || row.quarter >= MIN).toBe(true);
    }

    const csv: Array<Record<string, string>> = parse((await exportOutcomeTable(table, 'csv')).content, { columns: true });
    table.rows.forEach((row, index) => {
      expect(csv[index].new_registrations).toBe(row.measures.newRegistrations === null ? '' : String(row.measures.newRegistrations));
      expect(csv[index].completers).toBe(row.measures.completers === null ? '' : String(row.measures.completers));
    });
  });
});
