/**
 * bench:outcomes — the outcome dashboards through the GraphQL api on a large registry, against
 * the same answers computed from the raw tables in the same run.
 *
 *   npm run bench:outcomes -- [--registrations N] [--seed S] [--fresh] [--runs R] [--warmup W]
 *                             [--baseline-runs B] [--concurrency C]
 *
 * The database (scale seed of N apprentices, default 1,000,000, so about 1.02N registrations;
 * rollups rebuilt) is kept between runs as journeyline_bench_outcomes_<N>_<seed>; it is built
 * only when missing or with --fresh (about 15–20 minutes at 1M). Each run (re)creates four users
 * in it: a platform administrator, an analyst of the largest state's agency, the admin of that
 * state's largest sponsor, and the staff of the intermediary serving the most apprentices among
 * those serving a sponsor of that state. The api runs as its own process (the compiled
 * dist/apps/api). Each query type is answered R times in a round-robin mix of sequential requests
 * after W warm-up rounds; every answer is compared with the baseline (bench/support/outcome-baseline.ts),
 * which is timed too (B runs per query type). With C > 0 the mix is also run by C concurrent
 * clients, reported apart. Last line: one JSON object.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { hashPassword } from '@journeyline/auth/password-hasher';
import { Clock } from '@journeyline/common/clock';
import { todayIso } from '@journeyline/common/dates';
import { ensureDatabase, runMigrations } from '@journeyline/database/migrate';
import { OutcomeDimension } from '@journeyline/outcomes/dimensions';
import { DETAIL_MEASURES, MEASURE_NAMES } from '@journeyline/outcomes/measures';
import { OutcomeRollups } from '@journeyline/outcomes/outcome-rollups.service';
import { OutcomeRow } from '@journeyline/outcomes/outcome-table';
import { fiscalQuarter, fiscalYearOf, Period } from '@journeyline/outcomes/periods';
import { seedScale } from '@journeyline/scale-seed/scale-seed';
import { graphqlClient, startApi } from './support/api-process';
import { namedDatabase, NamedDatabase } from './support/named-database';
import { baselineOutcomes, BaselineScope, baselineQuarterlyReport } from './support/outcome-baseline';

const PORT = 4812;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'bench-outcomes-password';
const USERS = {
  admin: 'admin@bench-outcomes.test',
  analyst: 'analyst@bench-outcomes.test',
  intermediary: 'intermediary@bench-outcomes.test',
  sponsor: 'sponsor@bench-outcomes.test',
} as const;
type Who = keyof typeof USERS;

const progress = (message: string) => process.stdout.write(`[outcomes] ${message}\n`);
const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

function argument(names: string[], fallback: number): number {
  for (const name of names) {
    const index = process.argv.indexOf(`--${name}`);
    if (index < 0) continue;
    const value = Number(process.argv[index + 1]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
    return value;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// The persistent database

const BUILD_TABLE = `CREATE TABLE IF NOT EXISTS bench_outcomes_build (
  stage text PRIMARY KEY, seed integer NOT NULL, apprentices integer NOT NULL, today date NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now())`;

async function stages(url: string): Promise<Map<string, { today: string; finishedAt: string }>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT stage, today::text AS today, finished_at::text AS finished_at FROM bench_outcomes_build`,
    ).catch(() => ({ rows: [] as Array<{ stage: string; today: string; finished_at: string }> }));
    return new Map(rows.map((row) => [row.stage, { today: row.today, finishedAt: row.finished_at }]));
  } finally {
    await client.end();
  }
}

async function markStage(url: string, stage: string, seed: number, apprentices: number, today: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(BUILD_TABLE);
    await client.query(
      `INSERT INTO bench_outcomes_build (stage, seed, apprentices, today) VALUES ($1, $2, $3, $4)
       ON CONFLICT (stage) DO UPDATE SET finished_at = now()`,
      [stage, seed, apprentices, today],
    );
  } finally {
    await client.end();
  }
}

async function rebuildRollups(url: string): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url, extra: { max: 2, application_name: 'journeyline-bench' } });
  await dataSource.initialize();
  try {
    const started = process.hrtime.bigint();
    let reported = '';
    const result = await new OutcomeRollups(dataSource, new Clock()).rebuild(async (phase, done, total) => {
      const step = `${phase} ${Math.floor((10 * done) / Math.max(total, 1)) * 10}%`;
      if (step !== reported) progress(`  rollups: ${(reported = step)} (${done}/${total})`);
    });
    if (result.outcome !== 'done') throw new Error('a rollup rebuild is already running on the bench database');
    progress(`rollups rebuilt: ${result.registrations} registrations, ${result.states} states in ${(elapsedMs(started) / 1000).toFixed(0)} s`);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Builds what is missing: the seed (after migrations), then the rollups. A build interrupted
 * after the seed resumes with the rollups. Returns whether the finished database was reused as it was.
 */
async function prepareDatabase(
  database: NamedDatabase,
  apprentices: number,
  seed: number,
  fresh: boolean,
): Promise<{ reused: boolean; seededAsOf: string }> {
  if (fresh) await database.drop();
  let done = (await database.exists()) ? await stages(database.url) : new Map<string, { today: string; finishedAt: string }>();
  if ((await database.exists()) && !done.has('seeded')) {
    progress(`database ${database.name} exists but was never fully seeded: dropping it`);
    await database.drop();
    done = new Map();
  }
  if (!done.has('seeded')) {
    progress(`building ${database.name}: scale seed of ${apprentices} apprentices (seed ${seed}), about 5–6 min per million`);
    await ensureDatabase(database.url);
    await runMigrations(database.url);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const report = await seedScale(client, { apprentices, seed, log: (line) => progress(`  seed: ${line}`) });
      progress(`seeded ${report.registrations} registrations as of ${report.today} in ${report.seconds.toFixed(0)} s`);
      await markStage(database.url, 'seeded', seed, apprentices, report.today);
    } finally {
      await client.end();
    }
    done = await stages(database.url);
  }
  const seededAsOf = done.get('seeded')!.today;
  // Migrations added since the build may change the rollups: rebuild them then.
  const applied = await runMigrations(database.url);
  if (applied.length) progress(`applied migrations ${applied.join(', ')}`);
  const reused = done.has('ready') && !applied.length;
  if (!reused) {
    progress(`rebuilding the outcome rollups (about 10 min per million registrations)`);
    await rebuildRollups(database.url);
    await markStage(database.url, 'ready', seed, apprentices, seededAsOf);
  }
  return { reused, seededAsOf };
}

// ---------------------------------------------------------------------------------------------
// Who asks: the largest state's agency, its largest sponsor, the intermediary serving it

interface Subjects {
  state: string;
  stateRegistrations: number;
  sponsorId: string;
  sponsorRegistrations: number;
  intermediaryId: string;
  intermediarySponsorIds: string[];
  intermediaryRegistrations: number;
  registrations: number;
}

async function chooseSubjects(db: Client): Promise<Subjects> {
  const { rows: states } = await db.query(
    `SELECT state::text AS state, count(*)::int AS n FROM registrations WHERE registration_date IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  const state = states[0].state as string;
  const [sponsor] = (
    await db.query(
      `SELECT sponsor_id::text AS id, count(*)::int AS n FROM registrations WHERE state = $1 AND registration_date IS NOT NULL
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      [state],
    )
  ).rows;
  // The intermediary serving the most apprentices, among those serving a sponsor of that state.
  const [intermediary] = (
    await db.query(
      `SELECT ic.intermediary_id::text AS id, array_agg(DISTINCT ic.sponsor_id::text) AS sponsors,
              sum((SELECT count(*) FROM registrations r WHERE r.registration_date IS NOT NULL AND r.sponsor_id = ic.sponsor_id))::int AS n
         FROM intermediary_clients ic
        WHERE ic.intermediary_id IN (SELECT c.intermediary_id FROM intermediary_clients c JOIN organizations o ON o.id = c.sponsor_id WHERE o.state = $1)
        GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 1`,
      [state],
    )
  ).rows;
  if (!sponsor || !intermediary) throw new Error(`no sponsor or intermediary in ${state}`);
  return {
    state,
    stateRegistrations: states[0].n,
    sponsorId: sponsor.id,
    sponsorRegistrations: sponsor.n,
    intermediaryId: intermediary.id,
    intermediarySponsorIds: intermediary.sponsors,
    intermediaryRegistrations: intermediary.n,
    registrations: states.reduce((sum, row) => sum + row.n, 0),
  };
}

/** One user per role the dashboards serve, in the organizations chosen (idempotent). */
async function ensureUsers(db: Client, subjects: Subjects): Promise<void> {
  const { rows: agencies } = await db.query(`SELECT id FROM organizations WHERE kind = 'state_agency' AND state = $1 ORDER BY name LIMIT 1`, [
    subjects.state,
  ]);
  if (!agencies.length) throw new Error(`no state agency in ${subjects.state}`);
  let [platform] = (await db.query(`SELECT id FROM organizations WHERE kind = 'platform' ORDER BY name LIMIT 1`)).rows;
  if (!platform) [platform] = (await db.query(`INSERT INTO organizations (kind, name) VALUES ('platform', 'Bench platform') RETURNING id`)).rows;
  const passwordHash = await hashPassword(PASSWORD);
  const memberships: Array<[Who, string, string]> = [
    ['admin', platform.id, 'platform_admin'],
    ['analyst', agencies[0].id, 'state_analyst'],
    ['intermediary', subjects.intermediaryId, 'intermediary_staff'],
    ['sponsor', subjects.sponsorId, 'sponsor_admin'],
  ];
  for (const [who, organizationId, role] of memberships) {
    // Memberships are replaced each run, so they follow the subjects chosen.
    const [user] = (
      await db.query(
        `INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
        [USERS[who], `Bench ${who}`, passwordHash],
      )
    ).rows;
    await db.query(`DELETE FROM memberships WHERE user_id = $1`, [user.id]);
    await db.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)`, [user.id, organizationId, role]);
  }
}

// ---------------------------------------------------------------------------------------------
// The api

const graphql = graphqlClient(BASE);

// ---------------------------------------------------------------------------------------------
// The queries and how answers compare

const COUNT_MEASURES = MEASURE_NAMES.filter((name) => !(DETAIL_MEASURES as readonly string[]).includes(name));

const OUTCOMES_QUERY = (measures: readonly string[]) => `
  query($filter: OutcomeFilterInput, $groupBy: [OutcomeDimension!], $period: OutcomePeriodInput!) {
    outcomes(filter: $filter, groupBy: $groupBy, period: $period) {
      asOf minCellSize source
      rows { kind suppressed suppressedMeasures groups { value } measures { ${measures.join(' ')} } }
    }
  }`;

const COUNTS_FIELDS = `periodFrom periodTo newApprentices activeAtStart activeAtEnd completers cancellations probationaryCancellations transfers
  apprenticeCountsSuppressed newPrograms activePrograms programsWithFiveOrMore employers`;
const QUARTERLY_QUERY = `
  query($state: String!, $fiscalYear: Int!, $quarter: Int!) {
    quarterlyStateReport(state: $state, fiscalYear: $fiscalYear, quarter: $quarter) {
      state fiscalYear quarter minCellSize
      quarterCounts { ${COUNTS_FIELDS} } yearToDate { ${COUNTS_FIELDS} }
      newApprenticesByNaics { sector quarter quarterSuppressed yearToDate yearToDateSuppressed }
    }
  }`;

interface GraphqlTable {
  outcomes: {
    asOf: string;
    minCellSize: number;
    source: string;
    rows: Array<{ kind: string; suppressed: boolean; suppressedMeasures: string[]; groups: Array<{ value: string | null }>; measures: Record<string, unknown> }>;
  };
}

/** A table in one comparable shape: rows by key, measures as selected, withheld names sorted. */
function normalTable(minCellSize: number, rows: Array<{ kind: string; key: Array<string | null>; suppressed: boolean; suppressedMeasures: string[]; measures: Record<string, unknown> }>, measures: readonly string[]) {
  return {
    minCellSize,
    rows: rows
      .map((row) => ({
        key: row.key.map((value) => value ?? '*').join('|'),
        kind: row.kind.toLowerCase(),
        suppressed: row.suppressed,
        suppressedMeasures: [...row.suppressedMeasures].filter((name) => measures.includes(name)).sort(),
        measures: Object.fromEntries(measures.map((name) => [name, row.measures[name] ?? null])),
      }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** Non-null and null leaves of an answer: how much a comparison covered. */
function leaves(value: unknown, into = { values: 0, nulls: 0 }): { values: number; nulls: number } {
  if (value === null || value === undefined) into.nulls += 1;
  else if (Array.isArray(value)) value.forEach((item) => leaves(item, into));
  else if (typeof value === 'object') Object.values(value).forEach((item) => leaves(item, into));
  else into.values += 1;
  return into;
}

/** Paths where two JSON values differ, with both sides (the first few). */
function differences(expected: unknown, actual: unknown, path = '', found: string[] = [], limit = 6): string[] {
  if (found.length >= limit) return found;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) found.push(`${path || '.'}: ${expected.length} items expected, ${actual.length} returned`);
    const keyed = (items: unknown[]) => items.every((item) => item && typeof item === 'object' && 'key' in (item as object));
    if (keyed(expected) && keyed(actual)) {
      const byKey = new Map(actual.map((item) => [(item as { key: string }).key, item]));
      for (const item of expected) {
        const key = (item as { key: string }).key;
        if (!byKey.has(key)) found.push(`${path}[${key}]: expected row missing`);
        else differences(item, byKey.get(key), `${path}[${key}]`, found, limit);
      }
      const expectedKeys = new Set(expected.map((item) => (item as { key: string }).key));
      for (const item of actual) if (!expectedKeys.has((item as { key: string }).key)) found.push(`${path}[${(item as { key: string }).key}]: unexpected row`);
      return found;
    }
    expected.forEach((item, index) => differences(item, actual[index], `${path}[${index}]`, found, limit));
    return found;
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)]))
      differences((expected as Record<string, unknown>)[name], (actual as Record<string, unknown>)[name], `${path}.${name}`, found, limit);
    return found;
  }
  if (expected !== actual) found.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  return found;
}

interface Case {
  name: string;
  who: Who;
  query: string;
  variables: object;
  /** The GraphQL answer in the comparable shape. */
  normal(data: unknown): unknown;
  /** The expected answer from the raw tables, in the same shape, and problems inside the baseline. */
  baseline(db: Client, asOf: string): Promise<{ expected: unknown; problems: string[] }>;
}

function outcomesCase(
  name: string,
  who: Who,
  scope: BaselineScope,
  filter: object | undefined,
  groupBy: OutcomeDimension,
  period: Period,
  details: boolean,
): Case {
  const measures = details ? [...COUNT_MEASURES, ...DETAIL_MEASURES] : [...COUNT_MEASURES];
  const dimension = Object.entries(OutcomeDimension).find(([, value]) => value === groupBy)![0];
  return {
    name,
    who,
    query: OUTCOMES_QUERY(measures),
    variables: { filter, groupBy: [dimension], period },
    normal(data) {
      const table = (data as GraphqlTable).outcomes;
      return {
        asOf: table.asOf,
        ...normalTable(
          table.minCellSize,
          table.rows.map((row) => ({ ...row, key: row.groups.map((group) => group.value) })),
          measures,
        ),
      };
    },
    async baseline(db, asOf) {
      const table = await baselineOutcomes(db, { scope, groupBy: [groupBy], period, asOf, details });
      const rows = table.rows.map((row: OutcomeRow) => ({ ...row, measures: row.measures as unknown as Record<string, unknown> }));
      return { expected: { asOf, ...normalTable(table.minCellSize, rows, measures) }, problems: table.problems };
    },
  };
}

function quarterlyCase(state: string, fiscalYear: number, quarter: number): Case {
  return {
    name: 'quarterly-report',
    who: 'analyst',
    query: QUARTERLY_QUERY,
    variables: { state, fiscalYear, quarter },
    normal: (data) => (data as { quarterlyStateReport: unknown }).quarterlyStateReport,
    async baseline(db, asOf) {
      const { report, problems } = await baselineQuarterlyReport(db, state, fiscalYear, quarter, asOf);
      return { expected: report, problems };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Timing

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
const round1 = (value: number) => Math.round(value * 10) / 10;
const summary = (values: number[]) => ({ n: values.length, p50: round1(percentile(values, 0.5)), p95: round1(percentile(values, 0.95)) });
const load = () => loadavg().map((value) => Number(value.toFixed(2)));

/** The last fiscal quarter and year that ended before `today`. */
function lastCompleteQuarter(today: string): { fiscalYear: number; quarter: number } {
  let fiscalYear = fiscalYearOf(today);
  for (let step = 0; step < 8; step += 1) {
    for (let quarter = 4; quarter >= 1; quarter -= 1) {
      if (fiscalQuarter(fiscalYear, quarter).to < today) return { fiscalYear, quarter };
    }
    fiscalYear -= 1;
  }
  throw new Error('no complete quarter');
}

async function main(): Promise<void> {
  const apprentices = argument(['registrations', 'apprentices'], 1_000_000);
  const seed = argument(['seed'], 42);
  const runs = argument(['runs'], 30);
  const warmup = argument(['warmup'], 3);
  const baselineRuns = argument(['baseline-runs'], 5);
  const concurrency = argument(['concurrency'], 4);
  const fresh = process.argv.includes('--fresh');
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL must be set (run it with `npm run bench:outcomes`)');
  if (apprentices < 1 || runs < 1) throw new Error('--registrations and --runs must be positive');

  const database = namedDatabase(serverUrl, `journeyline_bench_outcomes_${apprentices}_${seed}`);
  const buildStarted = process.hrtime.bigint();
  const { reused, seededAsOf } = await prepareDatabase(database, apprentices, seed, fresh);
  progress(
    reused
      ? `database ${database.name}: reused (seeded as of ${seededAsOf}), ${await database.size()}`
      : `database ${database.name}: built in ${(elapsedMs(buildStarted) / 1000).toFixed(0)} s (seeded as of ${seededAsOf}), ${await database.size()}`,
  );

  const db = new Client({ connectionString: database.url, application_name: 'journeyline-bench-baseline' });
  await db.connect();
  let api: ChildProcess | undefined;
  try {
    const subjects = await chooseSubjects(db);
    await ensureUsers(db, subjects);
    const { fiscalYear, quarter } = lastCompleteQuarter(seededAsOf);
    const lastYear = fiscalQuarter(fiscalYear, 4).to < seededAsOf ? fiscalYear : fiscalYear - 1;
    const year: Period = { from: `${lastYear - 1}-10-01`, to: `${lastYear}-09-30` };
    const history: Period = { from: '2013-10-01', to: year.to };
    progress(
      `${subjects.registrations} participant registrations; largest state ${subjects.state} (${subjects.stateRegistrations}); ` +
        `its largest sponsor ${subjects.sponsorRegistrations}; intermediary of ${subjects.intermediarySponsorIds.length} sponsors ` +
        `(${subjects.intermediaryRegistrations}); FY${lastYear}, FY${fiscalYear} Q${quarter}`,
    );

    const states = { states: [subjects.state] };
    const cases: Case[] = [
      outcomesCase('state-by-occupation', 'analyst', states, states, OutcomeDimension.OCCUPATION, year, true),
      outcomesCase('state-by-race', 'analyst', states, states, OutcomeDimension.RACE, year, true),
      quarterlyCase(subjects.state, fiscalYear, quarter),
      outcomesCase('sponsor-cohorts', 'sponsor', { sponsorIds: [subjects.sponsorId] }, undefined, OutcomeDimension.COHORT, history, true),
      outcomesCase('intermediary-cohorts', 'intermediary', { sponsorIds: subjects.intermediarySponsorIds }, undefined, OutcomeDimension.COHORT, history, true),
      outcomesCase('national-by-state', 'admin', { all: true }, undefined, OutcomeDimension.STATE, year, false),
    ];

    const env = { ...process.env, DATABASE_URL: database.url, API_PORT: String(PORT), LOG_LEVEL: 'warn' };
    api = await startApi(BASE, env);
    const tokens = {} as Record<Who, string>;
    for (const who of Object.keys(USERS) as Who[]) {
      const { login } = await graphql<{ login: { token: string } }>(
        `mutation($input: LoginInput!) { login(input: $input) { token } }`,
        { input: { email: USERS[who], password: PASSWORD } },
      );
      tokens[who] = login.token;
    }

    // Baseline: one untimed run (its answer is what the api must return), then timed runs.
    const asOf = todayIso();
    const expected = new Map<string, unknown>();
    const baselineTimes = new Map<string, number[]>(cases.map((entry) => [entry.name, []]));
    const problems: string[] = [];
    const loadBefore = load();
    for (const entry of cases) {
      const answer = await entry.baseline(db, asOf);
      expected.set(entry.name, answer.expected);
      problems.push(...answer.problems.map((problem) => `${entry.name} baseline: ${problem}`));
      for (let run = 0; run < baselineRuns; run += 1) {
        const started = process.hrtime.bigint();
        await entry.baseline(db, asOf);
        baselineTimes.get(entry.name)!.push(elapsedMs(started));
      }
      const covered = leaves(answer.expected);
      progress(
        `baseline ${entry.name}: ${JSON.stringify(summary(baselineTimes.get(entry.name)!))} ms; ` +
          `answer of ${covered.values} values and ${covered.nulls} nulls (withheld or not applicable)`,
      );
    }

    const mismatches = new Map<string, { count: number; first: string[] }>(cases.map((entry) => [entry.name, { count: 0, first: [] }]));
    const sources = new Map<string, string>();
    const ask = async (entry: Case): Promise<number> => {
      const started = process.hrtime.bigint();
      const data = await graphql<unknown>(entry.query, entry.variables, tokens[entry.who]);
      const took = elapsedMs(started);
      sources.set(entry.name, (data as Partial<GraphqlTable>).outcomes?.source ?? 'report');
      const found = differences(expected.get(entry.name), entry.normal(data));
      if (found.length) {
        const mismatch = mismatches.get(entry.name)!;
        mismatch.count += 1;
        if (!mismatch.first.length) mismatch.first = found;
      }
      return took;
    };

    for (let round = 0; round < warmup; round += 1) for (const entry of cases) await ask(entry);
    const times = new Map<string, number[]>(cases.map((entry) => [entry.name, []]));
    for (let round = 0; round < runs; round += 1) for (const entry of cases) times.get(entry.name)!.push(await ask(entry));
    const loadAfter = load();

    let concurrent: { clients: number; requests: number; p50: number; p95: number; seconds: number; load: number[] } | undefined;
    if (concurrency > 0) {
      const concurrentTimes: number[] = [];
      let next = 0;
      const total = runs * cases.length;
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let index = next++; index < total; index = next++) concurrentTimes.push(await ask(cases[index % cases.length]));
        }),
      );
      const seconds = elapsedMs(started) / 1000;
      concurrent = { clients: concurrency, requests: total, ...summary(concurrentTimes), seconds: round1(seconds), load: load() };
    }

    const perQuery = Object.fromEntries(
      cases.map((entry) => {
        const graph = summary(times.get(entry.name)!);
        const base = summary(baselineTimes.get(entry.name)!);
        return [entry.name, { source: sources.get(entry.name), p50_ms: graph.p50, p95_ms: graph.p95, baseline_p50_ms: base.p50, baseline_p95_ms: base.p95, identical: mismatches.get(entry.name)!.count === 0 }];
      }),
    );
    for (const [name, figures] of Object.entries(perQuery)) {
      progress(
        `${name.padEnd(21)} (${figures.source}) api p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms; baseline p50 ${figures.baseline_p50_ms} ms, ` +
          `p95 ${figures.baseline_p95_ms} ms; ${figures.identical ? 'identical' : `DIFFERENT in ${mismatches.get(name)!.count} answers`}`,
      );
      for (const difference of mismatches.get(name)!.first) progress(`    ${difference}`);
    }
    for (const problem of problems.slice(0, 20)) progress(`baseline problem: ${problem}`);
    if (concurrent) {
      progress(
        `concurrent mix: ${concurrent.clients} clients, ${concurrent.requests} requests in ${concurrent.seconds} s, ` +
          `p50 ${concurrent.p50} ms, p95 ${concurrent.p95} ms (load average ${concurrent.load.join(' ')})`,
      );
    }
    const mix = summary([...times.values()].flat());
    const baseline = summary([...baselineTimes.values()].flat());
    const identical = [...mismatches.values()].every((mismatch) => mismatch.count === 0) && problems.length === 0;
    progress(`sequential mix: ${mix.n} requests, p50 ${mix.p50} ms, p95 ${mix.p95} ms; load average ${loadBefore.join(' ')} → ${loadAfter.join(' ')}`);
    console.log(
      JSON.stringify({
        bench: 'outcomes',
        value: mix.p95,
        unit: 'ms',
        baseline: baseline.p95,
        ratio: Number((mix.p95 / baseline.p95).toFixed(4)),
        p50_ms: mix.p50,
        p95_ms: mix.p95,
        baseline_p50_ms: baseline.p50,
        identical,
        goal_p95_ms: 100,
        registrations: subjects.registrations,
        database: database.name,
        reused,
        runs,
        warmup,
        baseline_runs: baselineRuns,
        per_query: perQuery,
        concurrent: concurrent ?? null,
        load_average: { before: loadBefore, after: loadAfter },
      }),
    );
  } finally {
    api?.kill('SIGTERM');
    if (api) await once(api, 'exit');
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
