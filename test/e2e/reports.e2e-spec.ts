import { createHash } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import { addDays, addMonths } from '@journeyline/common/dates';
import { AppConfig } from '@journeyline/config/app-config';
import { JobName, QueueName } from '@journeyline/jobs/job-registry';
import { RAPIDS_UPLOAD_SCHEMA_PATCHED } from '@journeyline/reporting/dol/rapids-table-schema';
import { validateTable } from '@journeyline/reporting/dol/table-schema-validator';
import { monthlyCertificationSchema } from '@journeyline/reporting/va/va-schemas';
import { VA_MONTHLY_PATTERN, VA_MONTHLY_SCHEDULER } from '../../apps/worker/src/va-certification-scheduler';
import { bootDemoWorld, DemoWorld } from '../support/e2e-demo-world';
import { startTestWorker, TestWorker } from '../support/test-worker';

/**
 * Agency reports end to end: the api and a worker (in this process, on a queue prefix of its own)
 * over the demo world. Hours logged and approved over GraphQL become a VA monthly certification;
 * the RAPIDS upload lists the demo programs' missing RAPIDS ids until they are set.
 */

const REQUEST = `mutation($input: RequestReportRunInput!) { requestReportRun(input: $input) { id status } }`;
const RUN = `query($id: ID!) {
  reportRun(id: $id) { id format status processed total error includeSsn problemCount artifacts { kind size sha256 contentType fileName url } }
}`;
const PROBLEMS = `query($runId: ID!, $after: String) {
  reportProblems(runId: $runId, first: 100, after: $after) { nodes { registrationId apprenticeName field rule message source } pageInfo { hasNextPage endCursor } }
}`;
const RUNS = `{ reportRuns(first: 100) { nodes { id format scope { kind id } scheduled } } }`;

const BUCKEYE_ADMIN = 'admin@buckeye-precision.test';
const CERTIFYING = 'certifying@buckeye-precision.test';
const GREAT_LAKES_ADMIN = 'admin@greatlakes-jatc.test';

interface Artifact {
  kind: string;
  size: number;
  sha256: string;
  contentType: string;
  fileName: string;
  url: string;
}

describe('agency reports (e2e)', () => {
  let world: DemoWorld;
  let worker: TestWorker;
  let config: AppConfig;
  let today: string;
  let lastMonth: string;
  let monthBefore: string;

  const gql = async <T = Record<string, any>>(email: Parameters<DemoWorld['token']>[0], query: string, variables?: Record<string, unknown>) => {
    const result = await world.api.gql<T>(query, variables, world.token(email));
    if (result.errors?.length || !result.data) throw new Error(`${email}: ${JSON.stringify(result.errors)}`);
    return result.data;
  };

  /** Polls the run every 100 ms until it has succeeded (or failed), for at most a minute. */
  async function succeeded(email: Parameters<DemoWorld['token']>[0], id: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { reportRun } = await gql(email, RUN, { id });
      if (reportRun.status === 'SUCCEEDED') return reportRun as { processed: number; total: number; problemCount: number; artifacts: Artifact[] };
      if (reportRun.status === 'FAILED') throw new Error(`run failed: ${reportRun.error}`);
      if (Date.now() > deadline) throw new Error(`run still ${reportRun.status} (${reportRun.processed}/${reportRun.total})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function download(email: Parameters<DemoWorld['token']>[0] | null, artifact: Pick<Artifact, 'url'>) {
    const response = await fetch(`${world.api.url}${artifact.url}`, {
      headers: email ? { authorization: `Bearer ${world.token(email)}` } : {},
    });
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  }

  /** Downloads the artifact and checks the checksum headers against the bytes received. */
  async function verifiedDownload(email: Parameters<DemoWorld['token']>[0], artifact: Artifact): Promise<Buffer> {
    const { response, body } = await download(email, artifact);
    expect(response.status).toBe(200);
    const sha256 = createHash('sha256').update(body).digest();
    expect({
      checksum: response.headers.get('x-checksum-sha256'),
      digest: response.headers.get('digest'),
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      size: body.length,
    }).toEqual({
      checksum: sha256.toString('hex'),
      digest: `sha-256=${sha256.toString('base64')}`,
      type: artifact.contentType,
      disposition: `attachment; filename="${artifact.fileName}"`,
      size: artifact.size,
    });
    expect(artifact.sha256).toBe(sha256.toString('hex'));
    return body;
  }

  async function problemsOf(email: Parameters<DemoWorld['token']>[0], runId: string) {
    const { reportProblems } = await gql(email, PROBLEMS, { runId });
    expect(reportProblems.pageInfo.hasNextPage).toBe(false);
    return reportProblems.nodes as Array<{ registrationId: string; apprenticeName: string; field: string; rule: string }>;
  }

  beforeAll(async () => {
    world = await bootDemoWorld();
    today = world.today;
    lastMonth = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    monthBefore = addMonths(`${today.slice(0, 7)}-01`, -2).slice(0, 7);
    worker = await startTestWorker(world.api.database.url, 'reports-e2e');
    config = worker.config;
  });

  afterAll(async () => {
    await worker?.close();
    await world?.api.close();
  });

  it('registers the monthly VA certification drafts with the worker', async () => {
    const queue = new Queue(QueueName.Reports, { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX });
    try {
      expect(await queue.getJobSchedulers()).toEqual([
        expect.objectContaining({ key: VA_MONTHLY_SCHEDULER, name: JobName.RequestVaMonthlyRuns, pattern: VA_MONTHLY_PATTERN }),
      ]);
    } finally {
      await queue.close();
    }
  });

  it('certifies the hours approved over GraphQL to VA, with SSNs for the certifying official only', async () => {
    const sarah = world.sides.buckeye.registrationId;
    const [first, second] = await world.dataSource.query(
      `SELECT wp.id FROM work_processes wp JOIN registrations r ON r.program_occupation_id = wp.program_occupation_id
        WHERE r.id = $1 ORDER BY wp.position`,
      [sarah],
    );
    const days: Array<[string, number, string]> = [
      [`${monthBefore}-04`, 8, first.id],
      [`${monthBefore}-05`, 7.5, second.id],
      [`${lastMonth}-03`, 8, first.id],
      [`${lastMonth}-04`, 8, first.id],
      [`${lastMonth}-05`, 6.25, second.id],
    ];
    const { logOjtHoursBatch } = await gql(
      BUCKEYE_ADMIN,
      `mutation($input: LogOjtHoursBatchInput!) { logOjtHoursBatch(input: $input) { entries { id status } } }`,
      {
        input: {
          submit: true,
          entries: days.map(([workDate, hours, workProcessId], index) => ({
            registrationId: sarah,
            workDate,
            hours,
            workProcessId,
            idempotencyKey: `reports-e2e-${index}`,
          })),
        },
      },
    );
    const { approveOjtHours } = await gql(BUCKEYE_ADMIN, `mutation($ids: [ID!]!) { approveOjtHours(entryIds: $ids) { status } }`, {
      ids: logOjtHoursBatch.entries.map((entry: { id: string }) => entry.id),
    });
    expect(approveOjtHours.map((entry: { status: string }) => entry.status)).toEqual(days.map(() => 'APPROVED'));

    const input = {
      format: 'va.monthly-certification',
      scope: { kind: 'FACILITY_CODE', id: '20012345' },
      period: { start: `${monthBefore}-01`, end: addDays(`${today.slice(0, 7)}-01`, -1) },
      includeSsn: true,
    };
    // The sponsor's neighbours do not reach Buckeye's facility code.
    const foreign = await world.api.gql(REQUEST, { input }, world.token(GREAT_LAKES_ADMIN));
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });

    const { requestReportRun } = await gql(CERTIFYING, REQUEST, { input });
    const run = await succeeded(CERTIFYING, requestReportRun.id);
    expect(run.artifacts.map((artifact) => artifact.kind)).toEqual(['CSV', 'JSON', 'XLSX', 'PDF']);
    const json = run.artifacts.find((artifact) => artifact.kind === 'JSON')!;
    expect(json.fileName).toBe(`va.monthly-certification_${monthBefore}-01_${addDays(`${today.slice(0, 7)}-01`, -1)}_${requestReportRun.id.slice(0, 8)}.json`);
    const rows = JSON.parse((await verifiedDownload(CERTIFYING, json)).toString('utf8'));

    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv, ['date']);
    const validate = ajv.compile(monthlyCertificationSchema);
    expect(validate(rows) ? [] : validate.errors).toEqual([]);
    const sarahRows = rows.filter((row: { traineeLastName: string }) => row.traineeLastName === 'Bigeagle');
    expect(sarahRows.map((row: Record<string, unknown>) => [row.month, row.ojtHoursWorked, row.identifierType, row.identifier])).toEqual([
      [monthBefore, 15.5, 'SSN', '533229041'],
      [lastMonth, 22.25, 'SSN', '533229041'],
    ]);

    // Every download of an SSN-carrying artifact is audited; other sponsors get 404, no token 401.
    const [{ count }] = await world.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'report.ssn_downloaded' AND entity_id = $1`,
      [requestReportRun.id],
    );
    expect(count).toBe(1);
    expect((await download(GREAT_LAKES_ADMIN, json)).response.status).toBe(404);
    expect((await download(null, json)).response.status).toBe(401);
    const listed = await gql(CERTIFYING, RUNS);
    expect(listed.reportRuns.nodes.map((node: { id: string }) => node.id)).toContain(requestReportRun.id);
    const [exported] = await world.dataSource.query(`SELECT after FROM audit_log WHERE action = 'report.ssn_export' AND entity_id = $1`, [
      requestReportRun.id,
    ]);
    expect(exported.after.recordsWithSsn).toBeGreaterThanOrEqual(1);
  });

  it('lists the missing RAPIDS ids as problems until setAgencyIds records them', async () => {
    const buckeye = world.sides.buckeye;
    const input = (asOf: string) => ({
      format: 'dol.rapids-upload',
      scope: { kind: 'SPONSOR', id: buckeye.sponsorId },
      period: { start: addMonths(today, -12), end: today },
      asOf,
    });
    const { requestReportRun: before } = await gql(BUCKEYE_ADMIN, REQUEST, { input: input(today) });
    // The same request again is the same run.
    expect((await gql(BUCKEYE_ADMIN, REQUEST, { input: input(today) })).requestReportRun.id).toBe(before.id);
    const firstRun = await succeeded(BUCKEYE_ADMIN, before.id);
    // The run reads the sponsor's registrations the upload can apply to: those that started in the period.
    const [{ registrations }] = await world.dataSource.query(
      `SELECT count(*)::int AS registrations FROM registrations WHERE sponsor_id = $1 AND start_date BETWEEN $2 AND $3`,
      [buckeye.sponsorId, addMonths(today, -12), today],
    );
    expect(registrations).toBeGreaterThan(0);
    expect([firstRun.processed, firstRun.total]).toEqual([registrations, registrations]);
    const crosswalkProblems = (await problemsOf(BUCKEYE_ADMIN, before.id)).filter((problem) => problem.rule === 'rapids.crosswalk_id');
    expect(crosswalkProblems.length).toBeGreaterThan(0);
    expect(crosswalkProblems.map((problem) => problem.apprenticeName)).toContain('Sarah Bigeagle');
    expect(new Set(crosswalkProblems.map((problem) => problem.field))).toEqual(
      new Set(['program.agencyIds.employer', 'program.agencyIds.occupation', 'program.agencyIds.rtiProvider', 'program.agencyIds.wageSchedule']),
    );
    const emptyCsv = await verifiedDownload(BUCKEYE_ADMIN, firstRun.artifacts.find((artifact) => artifact.kind === 'CSV')!);
    expect((parse(emptyCsv) as string[][]).slice(1).map((row) => row[2])).not.toContain('Bigeagle');

    // Record the ids for every program with a new agreement in the period, and Sarah's street.
    const programs: Array<{ program_id: string }> = await world.dataSource.query(
      `SELECT DISTINCT program_id FROM registrations WHERE sponsor_id = $1 AND start_date >= $2`,
      [buckeye.sponsorId, addMonths(today, -12)],
    );
    for (const [index, { program_id }] of programs.entries()) {
      const { setAgencyIds } = await gql(
        BUCKEYE_ADMIN,
        `mutation($input: SetAgencyIdsInput!) { setAgencyIds(input: $input) { programId employer occupation rtiProvider wageSchedule } }`,
        { input: { programId: program_id, employer: `EMP-${index}`, occupation: `OCC-${index}`, rtiProvider: 'RTI-1', wageSchedule: `WS-${index}` } },
      );
      expect(setAgencyIds).toEqual({ programId: program_id, employer: `EMP-${index}`, occupation: `OCC-${index}`, rtiProvider: 'RTI-1', wageSchedule: `WS-${index}` });
    }
    await gql(BUCKEYE_ADMIN, `mutation($input: UpdateApprenticeInput!) { updateApprentice(input: $input) { id } }`, {
      input: { apprenticeId: buckeye.apprenticeId, streetAddress: '400 Mill Street' },
    });

    // A new run: the finished one keeps its output, so the rerun asks as of another day.
    const { requestReportRun: after } = await gql(BUCKEYE_ADMIN, REQUEST, { input: input(addDays(today, -1)) });
    expect(after.id).not.toBe(before.id);
    const secondRun = await succeeded(BUCKEYE_ADMIN, after.id);
    expect((await problemsOf(BUCKEYE_ADMIN, after.id)).filter((problem) => problem.rule === 'rapids.crosswalk_id')).toEqual([]);
    const csv = await verifiedDownload(BUCKEYE_ADMIN, secondRun.artifacts.find((artifact) => artifact.kind === 'CSV')!);
    const table: string[][] = parse(csv);
    expect(validateTable(RAPIDS_UPLOAD_SCHEMA_PATCHED, table)).toEqual([]);
    const sarah = table.find((row) => row[2] === 'Bigeagle');
    expect(sarah && [sarah[1], sarah[9], sarah[15], sarah[25]]).toEqual([
      'Sarah',
      '400 Mill Street',
      expect.stringMatching(/^EMP-\d$/),
      expect.stringMatching(/^OCC-\d$/),
    ]);
    // Without SSNs asked for, the SSN column stays empty.
    expect(sarah![5]).toBe('');
  });
});
