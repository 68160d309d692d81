import { insertProgramWithOccupation, linkEmployer } from '@journeyline/apprentices/apprentice-fixtures';
import { stateAnalystScope } from '../../../test/support/scopes';
import { seedOutcomeWorld, OutcomeWorld } from './outcome-fixtures';
import { OutcomeJobsModule } from './outcome-jobs.module';
import { expectedOutcomes } from './outcome-oracle';
import { OutcomeRollups } from './outcome-rollups.service';
import { OutcomeServices, startOutcomeServices } from './outcome-test-services';
import { OutcomesModule } from './outcomes.module';
import { fiscalQuarter, fiscalYearToDate, Period } from './periods';
import { QuarterlyReportService } from './quarterly-report.service';

const AS_OF = '2025-06-30';
/** First standards versions of the small programs: before, on and after quarter boundaries. */
const FIRST_VERSIONS = ['2018-11-15', '2019-01-01', '2019-12-31', '2021-07-01', '2023-10-01', '2025-06-30'];

/**
 * The quarterly report's organization counts against the raw tables, in a world where programs
 * and employers come and go: half of Michigan's registrations are spread over six small programs
 * and five small employers, so each is active in some quarters only. Every quarter is checked,
 * from before the first 1 October anchor to the last (one fiscal year without its anchor), each
 * with its year to date.
 */
describe('Quarterly state report counts', () => {
  let services: OutcomeServices;
  let world: OutcomeWorld;

  beforeAll(async () => {
    services = await startOutcomeServices([OutcomesModule, OutcomeJobsModule], AS_OF);
    world = await seedOutcomeWorld(services.dataSource, { asOf: AS_OF, registrations: 120, seed: 11 });
    const dataSource = services.dataSource;
    const [{ occupation_id: occupationId }] = await dataSource.query(`SELECT occupation_id FROM program_occupations WHERE id = $1`, [
      world.programOccupations.electricalMI,
    ]);
    const programs: string[] = [];
    const programOccupations: string[] = [];
    for (const [index, firstVersion] of FIRST_VERSIONS.entries()) {
      const program = await insertProgramWithOccupation(dataSource, { sponsorId: world.sponsors.construction, state: 'MI', occupationId, name: `Small ${index}` });
      await dataSource.query(`UPDATE program_versions SET effective_date = $2 WHERE program_id = $1`, [program.programId, firstVersion]);
      programs.push(program.programId);
      programOccupations.push(program.programOccupationId);
    }
    const employers: string[] = [];
    for (let index = 0; index < 5; index++) {
      const [employer] = await dataSource.query(
        `INSERT INTO organizations (kind, name, state, county_fips) VALUES ('employer', $1, 'MI', '26163') RETURNING id`,
        [`Small employer ${index}`],
      );
      await linkEmployer(dataSource, world.sponsors.construction, employer.id);
      employers.push(employer.id);
    }
    await dataSource.query(
      `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY start_date, id)::int AS n FROM registrations WHERE state = 'MI')
       UPDATE registrations r
          SET program_id = ($1::uuid[])[1 + (n / 2) % 6], program_occupation_id = ($2::uuid[])[1 + (n / 2) % 6],
              sponsor_id = $4, employer_id = ($3::uuid[])[1 + (n / 2) % 5]
         FROM numbered WHERE r.id = numbered.id AND n % 2 = 0`,
      [programs, programOccupations, employers, world.sponsors.construction],
    );
    // An employer whose only apprentice left during FY2022: active on 1 October 2021, gone all of FY2023.
    const [leaver] = await dataSource.query(`INSERT INTO organizations (kind, name, state) VALUES ('employer', 'Leaver', 'MI') RETURNING id`);
    const [, moved] = await dataSource.query(
      `UPDATE registrations SET employer_id = $1
        WHERE id = (SELECT id FROM registrations
                     WHERE state = 'MI' AND registration_date IS NOT NULL AND start_date < '2021-10-01'
                       AND status IN ('completed', 'cancelled', 'transferred') AND status_date BETWEEN '2021-10-01' AND '2022-09-30'
                     ORDER BY id LIMIT 1)`,
      [leaver.id],
    );
    expect(moved).toBe(1);
    await services.get(OutcomeRollups).rebuild();
    // FY2023 as before a rebuild adds its anchor: its periods start from the previous one.
    await dataSource.query(`DELETE FROM outcome_cube_stock WHERE anchor = '2022-10-01'`);
    await dataSource.query(`DELETE FROM outcome_cube_anchors WHERE anchor = '2022-10-01'`);
    await services.setMinCellSize(1);
  });

  afterAll(() => services.close());

  /** The organization counts of the period from the raw tables (docs/outcomes.md, "Quarterly state report"). */
  async function rawCounts(period: Period) {
    const [counts] = await services.dataSource.query(
      `WITH raw AS (
         SELECT r.program_id, r.employer_id, r.start_date,
                CASE WHEN r.status IN ('completed', 'cancelled', 'transferred') THEN r.status_date END AS exit_date
           FROM registrations r WHERE r.registration_date IS NOT NULL AND r.state = 'MI')
       SELECT count(DISTINCT program_id) FILTER (WHERE start_date <= $2 AND (exit_date IS NULL OR exit_date >= $1))::int AS "activePrograms",
              count(DISTINCT employer_id) FILTER (WHERE start_date <= $2 AND (exit_date IS NULL OR exit_date >= $1))::int AS employers,
              (SELECT count(*)::int FROM (SELECT program_id FROM raw WHERE start_date <= $2 AND (exit_date IS NULL OR exit_date > $2)
                                          GROUP BY program_id HAVING count(*) >= 5) five) AS "programsWithFiveOrMore",
              (SELECT count(*)::int FROM programs p WHERE p.state = 'MI'
                  AND (SELECT min(v.effective_date) FROM program_versions v WHERE v.program_id = p.id) BETWEEN $1 AND $2) AS "newPrograms"
         FROM raw`,
      [period.from, period.to],
    );
    return counts as { activePrograms: number; employers: number; programsWithFiveOrMore: number; newPrograms: number };
  }

  it('counts programs and employers in every quarter and year to date as the raw tables do', async () => {
    const report = services.get(QuarterlyReportService);
    const michigan = stateAnalystScope(world.agencies.MI, 'MI');
    const distinct = { activePrograms: new Set<number>(), employers: new Set<number>(), programsWithFiveOrMore: new Set<number>(), newPrograms: new Set<number>() };
    for (let fiscalYear = 2019; fiscalYear <= 2025; fiscalYear++) {
      for (let quarter = 1; quarter <= 4; quarter++) {
        const actual = await report.report(michigan, 'MI', fiscalYear, quarter);
        for (const [counts, period] of [
          [actual.quarterCounts, fiscalQuarter(fiscalYear, quarter)],
          [actual.yearToDate, fiscalYearToDate(fiscalYear, quarter)],
        ] as const) {
          const expected = await rawCounts(period);
          const [apprentices] = await expectedOutcomes(services.dataSource, [], period, AS_OF, `state = 'MI'`);
          expect(counts).toMatchObject({
            period,
            ...expected,
            newApprentices: apprentices.newRegistrations,
            activeAtStart: apprentices.activeAtStart,
            activeAtEnd: apprentices.activeAtEnd,
          });
          for (const name of Object.keys(distinct) as Array<keyof typeof distinct>) distinct[name].add(expected[name]);
        }
      }
    }
    // Programs and employers do come and go, so the comparison tells the periods apart.
    expect(Object.fromEntries(Object.entries(distinct).map(([name, values]) => [name, values.size > 2]))).toEqual({
      activePrograms: true,
      employers: true,
      programsWithFiveOrMore: true,
      newPrograms: true,
    });
  });
});
