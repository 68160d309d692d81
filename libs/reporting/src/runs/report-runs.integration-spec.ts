import { createHash, randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { Job, Queue, Worker } from 'bullmq';
import { AccessScope } from '@journeyline/auth/access-scope';
import { Role } from '@journeyline/auth/roles';
import { PiiCipher } from '@journeyline/apprentices/pii-cipher';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { JobName, QueueName } from '@journeyline/jobs/job-registry';
import { insertOccupation, insertOrganization } from '../../../../test/support/registry-fixtures';
import { platformAdminScope, scopeOf, sponsorAdminScope, stateAnalystScope, intermediaryScope } from '../../../../test/support/scopes';
import { serviceUrls } from '../../../../test/support/test-database';
import { ServiceHarness, startServices } from '../../../../test/support/test-module';
import { AgencyCrosswalkService } from '../assembler/agency-crosswalk.service';
import { RecordAssembler } from '../assembler/record-assembler';
import { insertOjtEntries, insertReportingProgram, insertReportingRegistration, ProgramFixture } from '../assembler/report-fixtures';
import { RAPIDS_UPLOAD_SCHEMA_PATCHED } from '../dol/rapids-table-schema';
import { validateTable } from '../dol/table-schema-validator';
import { findFormat } from '../formats/format-registry';
import { runFormat } from '../writers/run-format';
import { ReportGenerator } from './report-generator';
import { ReportJobsModule } from './report-jobs.module';
import { ReportScopeKindEnum, RequestReportRunInput } from './report-run.models';
import { ReportRunsService } from './report-runs.service';
import { FORMAT_CANDIDATES, scopeRegistrationsQuery } from './report-scope';
import { ReportsModule } from './reports.module';
import { VaCertificationSchedule } from './va-certification-schedule';

const AS_OF = '2025-07-05';

async function rejection(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

async function bytesOf(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('Report runs', () => {
  let harness: ServiceHarness;
  let runs: ReportRunsService;
  let generator: ReportGenerator;
  let assembler: RecordAssembler;
  let sponsorA: string;
  let sponsorB: string;
  let employerA: string;
  let intermediary: string;
  let agency: string;
  let platform: string;
  let mapped: ProgramFixture;
  let unmapped: ProgramFixture;
  let programB: ProgramFixture;
  let registrations: Record<'sarah' | 'marcus' | 'kim' | 'luke' | 'rosa' | 'gone', string>;

  const adminA = () => sponsorAdminScope(sponsorA);
  const adminB = () => sponsorAdminScope(sponsorB);
  const officialA = () => scopeOf(null, [[sponsorA, 'sponsor', Role.CERTIFYING_OFFICIAL]]);
  const officialAtEmployer = () => scopeOf(null, [[employerA, 'employer', Role.CERTIFYING_OFFICIAL]]);
  const staff = () => intermediaryScope(intermediary, [sponsorA]);
  const query = (sql: string, params: unknown[] = []) => harness.dataSource.query(sql, params);

  const request = (scope: AccessScope, overrides: Partial<RequestReportRunInput> = {}) =>
    runs.request(scope, {
      format: 'dol.rapids-upload',
      scope: { kind: ReportScopeKindEnum.SPONSOR, id: sponsorA },
      period: { start: '2025-01-01', end: '2025-06-30' },
      asOf: AS_OF,
      options: [],
      includeSsn: false,
      ...overrides,
    });
  const vaRequest = (scope: AccessScope, overrides: Partial<RequestReportRunInput> = {}) =>
    request(scope, {
      format: 'va.monthly-certification',
      scope: { kind: ReportScopeKindEnum.FACILITY_CODE, id: '20012345' },
      period: { start: '2025-01-01', end: '2025-06-30' },
      includeSsn: true,
      ...overrides,
    });
  const artifactsOf = async (runId: string) =>
    Object.fromEntries(
      (await query(`SELECT kind, sha256, size::int AS size FROM report_artifacts WHERE run_id = $1 ORDER BY kind`, [runId])).map(
        (row: { kind: string; sha256: string; size: number }) => [row.kind, row.sha256],
      ),
    );

  beforeAll(async () => {
    harness = await startServices([ReportsModule, ReportJobsModule]);
    runs = harness.get(ReportRunsService);
    generator = harness.get(ReportGenerator);
    assembler = harness.get(RecordAssembler);
    const cipher = harness.get(PiiCipher);
    platform = await insertOrganization(harness.dataSource, 'platform', 'Journeyline');
    agency = await insertOrganization(harness.dataSource, 'state_agency', 'Ohio SAA', 'OH');
    sponsorA = await insertOrganization(harness.dataSource, 'sponsor', 'Buckeye Precision', 'OH');
    sponsorB = await insertOrganization(harness.dataSource, 'sponsor', 'Great Lakes JATC', 'MI');
    employerA = await insertOrganization(harness.dataSource, 'employer', 'Ohio Tool & Die', 'OH');
    intermediary = await insertOrganization(harness.dataSource, 'intermediary', 'Midwest Partners', 'OH');
    await query(`INSERT INTO sponsor_employers (sponsor_id, employer_id) VALUES ($1, $2)`, [sponsorA, employerA]);
    await query(`INSERT INTO intermediary_clients (intermediary_id, sponsor_id) VALUES ($1, $2)`, [intermediary, sponsorA]);
    const machinist = await insertOccupation(harness.dataSource, '0296', 'Machinist', { onetSocCode: '51-4041.00' });
    const program = (sponsorId: string, state: string, programNumber: string, facilityCode: string | null) =>
      insertReportingProgram(harness.dataSource, { sponsorId, occupationId: machinist, state, programNumber, facilityCode });
    mapped = await program(sponsorA, 'OH', '2019-OH-77310', '20012345');
    unmapped = await program(sponsorA, 'OH', '2024-OH-00001', null);
    programB = await program(sponsorB, 'MI', '2021-MI-104233', '20099999');
    const gone = await program(sponsorB, 'MI', '2021-MI-555', '20077777');
    await harness.get(AgencyCrosswalkService).set(adminA(), {
      programId: mapped.programId,
      employer: 'EMP-7',
      occupation: 'OCC-0296',
      rtiProvider: 'RTI-12',
      wageSchedule: 'WS-0296-1',
    });

    const register = (fixture: Parameters<typeof insertReportingRegistration>[2]) => insertReportingRegistration(harness.dataSource, cipher, fixture);
    registrations = {
      sarah: await register({ programOccupationId: mapped.programOccupationId, employerId: employerA, firstName: 'Sarah', lastName: 'Bigeagle', startDate: '2025-01-06', ssn: '533-22-9041', vaChapter: '33' }),
      marcus: await register({ programOccupationId: mapped.programOccupationId, employerId: employerA, firstName: 'Marcus', lastName: 'Reed', startDate: '2025-02-03', ssn: '521-41-7788', vaChapter: '33', vaFileNumber: '123456789' }),
      kim: await register({ programOccupationId: mapped.programOccupationId, employerId: sponsorA, firstName: 'Daniel', lastName: 'Kim', startDate: '2025-03-03', ssn: '521-41-7789' }),
      luke: await register({ programOccupationId: unmapped.programOccupationId, employerId: sponsorA, firstName: 'Luke', lastName: 'Jansen', startDate: '2025-04-07' }),
      rosa: await register({ programOccupationId: programB.programOccupationId, employerId: sponsorB, firstName: 'Rosa', lastName: 'Delgado', startDate: '2025-02-03', vaChapter: '30' }),
      gone: await register({ programOccupationId: gone.programOccupationId, employerId: sponsorB, firstName: 'Ann', lastName: 'Gone', startDate: '2024-01-08', vaChapter: '33', status: 'completed', statusDate: '2025-03-01' }),
    };
    const [bench, lathe] = mapped.workProcessIds;
    for (const [id, employer] of [[registrations.sarah, employerA], [registrations.marcus, employerA]]) {
      await insertOjtEntries(harness.dataSource, id, employer, [
        ['2025-03-03', 8, 'approved', bench],
        ['2025-03-04', 8, 'approved', lathe],
        ['2025-04-01', 7.5, 'approved', lathe],
        ['2025-05-05', 8, 'submitted', lathe],
      ]);
    }
  });

  afterAll(() => harness.close());

  describe('requests', () => {
    it('refuses bad requests field by field, before anything is written', async () => {
      const before = await query(`SELECT count(*)::int AS n FROM report_runs`);
      const error = await rejection(
        request(adminA(), { format: 'dol.pirl', period: { start: '2025-01-01', end: '2025-06-30' }, month: '2025-06', includeSsn: true }),
      );
      expect(error.code).toBe(ErrorCode.ValidationFailed);
      expect(error.problems.map((problem) => problem.field).sort()).toEqual(['includeSsn', 'options', 'period']);
      const scopeError = await rejection(request(adminA(), { scope: { kind: ReportScopeKindEnum.FACILITY_CODE, id: '2001234' } }));
      expect(scopeError.problems).toEqual([{ field: 'scope.id', reason: 'must be an 8-character VA facility code with 0 in second place' }]);
      expect(await query(`SELECT count(*)::int AS n FROM report_runs`)).toEqual(before);
    });

    it('returns the run already requested for the same output, and queues one event per new run', async () => {
      const events = async () => (await query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'report.requested'`))[0].n;
      const before = await events();
      const first = await request(adminA(), { month: '2025-01', period: null, options: [{ key: 'ssnFormat', value: 'dashed' }] });
      // Another caller, the same output: the same run.
      const again = await request(staff(), { month: '2025-01', period: null, options: [{ key: 'ssnFormat', value: 'dashed' }] });
      expect(again.id).toBe(first.id);
      expect(first).toMatchObject({ status: 'queued', periodStart: '2025-01-01', periodEnd: '2025-01-31', options: { ssnFormat: 'dashed' } });
      expect(await events()).toBe(before + 1);
      const [event] = await query(`SELECT payload FROM outbox WHERE topic = 'report.requested' ORDER BY id DESC LIMIT 1`);
      expect(event.payload).toEqual({ runId: first.id });

      const otherDay = await request(adminA(), { month: '2025-01', period: null, options: [{ key: 'ssnFormat', value: 'dashed' }], asOf: '2025-07-06' });
      expect(otherDay.id).not.toBe(first.id);
      await query(`UPDATE report_runs SET status = 'failed' WHERE id = $1`, [first.id]);
      const retried = await request(adminA(), { month: '2025-01', period: null, options: [{ key: 'ssnFormat', value: 'dashed' }] });
      expect(retried.id).not.toBe(first.id);
      expect(await events()).toBe(before + 3);
    });

    it('reaches sponsors, programs, intermediaries and facility codes only through the sponsors in reach', async () => {
      const notFound = async (scope: AccessScope, kind: ReportScopeKindEnum, id: string) => {
        const error = await rejection(request(scope, { scope: { kind, id }, format: kind === ReportScopeKindEnum.FACILITY_CODE ? 'va.monthly-certification' : 'dol.rapids-upload' }));
        expect([error.code, error.problems[0].field]).toEqual([ErrorCode.NotFound, 'scope.id']);
      };
      await notFound(adminB(), ReportScopeKindEnum.SPONSOR, sponsorA);
      await notFound(adminB(), ReportScopeKindEnum.PROGRAM, mapped.programId);
      await notFound(adminB(), ReportScopeKindEnum.FACILITY_CODE, '20012345');
      await notFound(adminA(), ReportScopeKindEnum.INTERMEDIARY, intermediary);
      await notFound(adminA(), ReportScopeKindEnum.SPONSOR, employerA);
      await notFound(stateAnalystScope(agency, 'OH'), ReportScopeKindEnum.SPONSOR, sponsorA);
      // A certifying official held at an employer does not reach the facility code (or the sponsor) through it.
      await notFound(officialAtEmployer(), ReportScopeKindEnum.FACILITY_CODE, '20012345');
      await notFound(officialAtEmployer(), ReportScopeKindEnum.SPONSOR, sponsorA);
      await notFound(platformAdminScope(platform), ReportScopeKindEnum.FACILITY_CODE, '20000000');

      expect((await request(adminA(), { scope: { kind: ReportScopeKindEnum.PROGRAM, id: mapped.programId } })).scopeKind).toBe('program');
      expect((await request(staff(), { scope: { kind: ReportScopeKindEnum.INTERMEDIARY, id: intermediary } })).scopeKind).toBe('intermediary');
      expect((await request(staff(), { scope: { kind: ReportScopeKindEnum.SPONSOR, id: sponsorA } })).scopeKind).toBe('sponsor');
      expect((await vaRequest(officialA())).scopeId).toBe('20012345');
      expect((await vaRequest(platformAdminScope(platform), { scope: { kind: ReportScopeKindEnum.FACILITY_CODE, id: '20099999' } })).scopeId).toBe('20099999');
    });

    it('shows a run to whoever reaches its scope, and answers NOT_FOUND to everyone else', async () => {
      const run = await request(adminA(), { scope: { kind: ReportScopeKindEnum.PROGRAM, id: unmapped.programId } });
      expect((await runs.getVisible(staff(), run.id)).id).toBe(run.id);
      expect((await runs.getVisible(officialA(), run.id)).id).toBe(run.id);
      expect((await rejection(runs.getVisible(adminB(), run.id))).code).toBe(ErrorCode.NotFound);
      expect((await rejection(runs.getVisible(officialAtEmployer(), run.id))).code).toBe(ErrorCode.NotFound);

      const scopesOf = async (scope: AccessScope) =>
        new Set((await runs.list(scope, { first: 100 })).nodes.map((listed) => `${listed.scopeKind}:${listed.scopeId}`));
      // B sees only the run the platform administrator made for B's facility code.
      expect(await scopesOf(adminB())).toEqual(new Set(['facility_code:20099999']));
      const seenByA = await scopesOf(adminA());
      expect([...seenByA].sort()).toEqual(
        [`facility_code:20012345`, `program:${mapped.programId}`, `program:${unmapped.programId}`, `sponsor:${sponsorA}`].sort(),
      );
      // The intermediary's own scope is its staff's, not its clients'.
      expect(await scopesOf(staff())).toEqual(new Set([...seenByA, `intermediary:${intermediary}`]));
      expect((await scopesOf(platformAdminScope(platform))).has('facility_code:20099999')).toBe(true);
      const filtered = await runs.list(adminA(), { first: 100, format: 'va.monthly-certification' });
      expect(filtered.nodes.map((listed) => listed.format)).toEqual(['va.monthly-certification']);
    });
  });

  describe('the GenerateReport job', () => {
    it('streams the RAPIDS upload in batches: the same bytes as mapping every record at once, problems, sealed chunks and the SSN audit', async () => {
      const run = await request(adminA(), { includeSsn: true });
      const progress: Array<{ processed: number; total: number }> = [];
      const result = await generator.generate(run.id, { attempt: 1, attempts: 5, progress: (step) => progress.push(step) }, 2);
      expect(result).toEqual({ outcome: 'succeeded', runId: run.id, processed: 4, rows: 3, problems: 4 });
      expect(progress).toEqual([
        { processed: 0, total: 4 },
        { processed: 2, total: 4 },
        { processed: 4, total: 4 },
      ]);
      const stored = await runs.getVisible(adminA(), run.id);
      expect(stored).toMatchObject({ status: 'succeeded', processed: 4, total: 4, error: null });

      const download = await runs.openArtifact(adminA(), run.id, 'csv');
      const csv = await bytesOf(download.chunks);
      expect(download.artifact).toMatchObject({
        size: csv.length,
        sha256: createHash('sha256').update(csv).digest('hex'),
        contentType: 'text/csv; charset=utf-8',
        fileName: `dol.rapids-upload_2025-01-01_2025-06-30_${run.id.slice(0, 8)}.csv`,
      });
      const ids = [registrations.sarah, registrations.marcus, registrations.kim, registrations.luke];
      const records = await assembler.assemble(ids, { asOf: AS_OF, includeSsn: true });
      const whole = await runFormat(findFormat('dol.rapids-upload')!, records, { asOf: AS_OF, period: { start: '2025-01-01', end: '2025-06-30' }, options: {} });
      expect(csv).toEqual(whole.artifacts.csv);
      expect(await bytesOf((await runs.openArtifact(adminA(), run.id, 'json')).chunks)).toEqual(whole.artifacts.json);
      // The workbook is written row by row from the stored CSV, and is the same file `journeyline map` writes.
      expect(await bytesOf((await runs.openArtifact(adminA(), run.id, 'xlsx')).chunks)).toEqual(whole.artifacts.xlsx);
      const table: string[][] = parse(csv);
      expect(validateTable(RAPIDS_UPLOAD_SCHEMA_PATCHED, table)).toEqual([]);
      expect(table.slice(1).map((row) => [row[2], row[5]])).toEqual([
        ['Reed', '521417788'],
        ['Bigeagle', '533229041'],
        ['Kim', '521417789'],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)));

      // The stored chunks never hold an SSN in the clear.
      const chunks: Array<{ bytes: Buffer; key_id: string | null }> = await query(`SELECT bytes, key_id FROM report_artifact_chunks WHERE run_id = $1`, [run.id]);
      expect(chunks.every((chunk) => chunk.key_id !== null && !chunk.bytes.includes(Buffer.from('533229041')))).toBe(true);

      const page1 = await runs.problems(adminA(), run.id, { first: 3 });
      const page2 = await runs.problems(adminA(), run.id, { first: 3, after: page1.pageInfo.endCursor });
      expect(page1.pageInfo.hasNextPage).toBe(true);
      expect([...page1.nodes, ...page2.nodes].map((problem) => [problem.apprenticeName, problem.field, problem.rule])).toEqual(
        ['employer', 'occupation', 'rtiProvider', 'wageSchedule'].map((key) => ['Luke Jansen', `program.agencyIds.${key}`, 'rapids.crosswalk_id']),
      );
      expect(page2.pageInfo.hasNextPage).toBe(false);

      const audit = await query(`SELECT action, actor_user_id, after FROM audit_log WHERE entity = 'report_run' AND entity_id = $1 ORDER BY id`, [run.id]);
      expect(audit[0]).toEqual({ action: 'report.ssn_export', actor_user_id: stored.requestedBy, after: { format: 'dol.rapids-upload', recordsWithSsn: 3 } });
      expect(audit.slice(1).map((row: { action: string; after: { kind: string } }) => [row.action, row.after.kind])).toEqual([
        ['report.ssn_downloaded', 'csv'],
        ['report.ssn_downloaded', 'json'],
        ['report.ssn_downloaded', 'xlsx'],
      ]);
      expect(await generator.generate(run.id)).toEqual({ outcome: 'skipped', runId: run.id, status: 'succeeded' });
    });

    it('gives the same bytes when a run killed mid-way starts over', async () => {
      const run = await vaRequest(officialA(), { asOf: '2025-07-06' });
      await generator.generate(run.id, { attempt: 1, attempts: 5 }, 1);
      const first = await artifactsOf(run.id);
      expect(Object.keys(first)).toEqual(['csv', 'json', 'pdf', 'xlsx']);
      const rows = JSON.parse((await bytesOf((await runs.openArtifact(officialA(), run.id, 'json')).chunks)).toString('utf8'));
      expect(rows.map((row: { traineeLastName: string; month: string }) => `${row.traineeLastName} ${row.month}`)).toContain('Bigeagle 2025-03');

      // What a crash leaves: the run in progress, its artifacts not written, some chunks of the first batches.
      await query(`UPDATE report_runs SET status = 'running', finished_at = NULL WHERE id = $1`, [run.id]);
      await query(`DELETE FROM report_artifacts WHERE run_id = $1`, [run.id]);
      await query(`DELETE FROM report_artifact_chunks WHERE run_id = $1 AND (kind IN ('xlsx', 'pdf') OR seq > 0)`, [run.id]);
      await generator.generate(run.id, { attempt: 2, attempts: 5 }, 2);
      expect(await artifactsOf(run.id)).toEqual(first);
    });

    it('keeps retrying through the queue and marks the run failed, with the error, after the last attempt', async () => {
      const run = await request(adminA(), { asOf: '2025-07-07' });
      await query(`CREATE FUNCTION fail_report_chunks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
      await query(
        `CREATE TRIGGER fail_report_chunks BEFORE INSERT ON report_artifact_chunks FOR EACH ROW
         WHEN (NEW.run_id = '${run.id}'::uuid) EXECUTE FUNCTION fail_report_chunks()`,
      );
      const prefix = `{jl-reports-${randomBytes(4).toString('hex')}}`;
      const connection = { url: serviceUrls().redisUrl };
      const queue = new Queue(QueueName.Reports, { connection, prefix });
      const worker = new Worker(
        QueueName.Reports,
        (job: Job) => generator.generate(job.data.runId, { attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 }),
        { connection, prefix },
      );
      try {
        await expect(generator.generate(run.id, { attempt: 1, attempts: 3 })).rejects.toThrow('disk full (simulated)');
        expect(await runs.getVisible(adminA(), run.id)).toMatchObject({ status: 'running', error: 'attempt 1 of 3 failed: disk full (simulated)' });

        await queue.add(JobName.GenerateReport, { runId: run.id }, { jobId: 'doomed', attempts: 3, backoff: { type: 'fixed', delay: 20 } });
        const deadline = Date.now() + 20000;
        let job = await queue.getJob('doomed');
        while ((await job?.getState()) !== 'failed') {
          if (Date.now() > deadline) throw new Error('the job never failed');
          await new Promise((resolve) => setTimeout(resolve, 50));
          job = await queue.getJob('doomed');
        }
        // Read it again: the read above may predate the move to failed.
        job = await queue.getJob('doomed');
        expect(job!.attemptsMade).toBe(3);
        const failed = await runs.getVisible(adminA(), run.id);
        expect(failed).toMatchObject({ status: 'failed', error: 'disk full (simulated)' });
        expect(failed.finishedAt).toBeInstanceOf(Date);
        expect(await query(`SELECT 1 FROM report_problems WHERE run_id = $1 UNION ALL SELECT 1 FROM report_artifact_chunks WHERE run_id = $1`, [run.id])).toEqual([]);
        // A failed run frees its dedupe key: the same request makes a new run.
        expect((await request(adminA(), { asOf: '2025-07-07' })).id).not.toBe(run.id);
      } finally {
        await worker.close();
        await queue.obliterate({ force: true });
        await queue.close();
        await query(`DROP TRIGGER fail_report_chunks ON report_artifact_chunks`);
        await query(`DROP FUNCTION fail_report_chunks()`);
      }
    });
  });

  describe('format candidates', () => {
    const PERIODS = [
      { start: '2024-01-01', end: '2024-12-31' },
      { start: '2025-01-01', end: '2025-06-30' },
      { start: '2025-03-01', end: '2025-03-31' },
      { start: '2026-01-01', end: '2026-01-31' },
    ];

    // A chapter 31 (VR&E) trainee of a sponsor of its own, in a program without a facility code.
    let vreSponsor: string;
    let vreTrainee: string;
    beforeAll(async () => {
      vreSponsor = await insertOrganization(harness.dataSource, 'sponsor', 'Veterans Works', 'OH');
      const occupation = await insertOccupation(harness.dataSource, '0159', 'Electrician');
      const program = await insertReportingProgram(harness.dataSource, { sponsorId: vreSponsor, occupationId: occupation, state: 'OH', facilityCode: null });
      vreTrainee = await insertReportingRegistration(harness.dataSource, harness.get(PiiCipher), {
        programOccupationId: program.programOccupationId,
        employerId: vreSponsor,
        firstName: 'Vera',
        lastName: 'Rehab',
        startDate: '2025-02-10',
        vaChapter: '31',
      });
      await insertOjtEntries(harness.dataSource, vreTrainee, vreSponsor, [['2025-03-03', 8, 'approved', program.workProcessIds[0]]]);
    });

    it.each(Object.keys(FORMAT_CANDIDATES))('%s: a run reads every registration the format applies to', async (formatId) => {
      const format = findFormat(formatId)!;
      const ids = [...Object.values(registrations), vreTrainee];
      const records = await assembler.assemble(ids, { asOf: AS_OF, includeSsn: false });
      let applicable = 0;
      for (const period of PERIODS) {
        const context = { asOf: AS_OF, period, options: {} };
        const selected = new Set<string>();
        for (const sponsorId of [sponsorA, sponsorB, vreSponsor]) {
          const rows: Array<{ id: string }> = await query(...scopeRegistrationsQuery({ kind: 'sponsor', scopeId: sponsorId, format: formatId, period }));
          for (const row of rows) selected.add(row.id);
        }
        const applying = records.filter((record) => format.appliesTo(record, context)).map((record) => record.registrationId);
        expect({ period, missing: applying.filter((id) => !selected.has(id)) }).toEqual({ period, missing: [] });
        applicable += applying.length;
      }
      // The fixtures give every format something to apply to, so the check is not empty.
      expect(applicable).toBeGreaterThan(0);
    });
  });

  describe('the monthly VA schedule', () => {
    it('requests a draft for the month that ended per facility code with active VA trainees, once', async () => {
      const schedule = harness.get(VaCertificationSchedule);
      const first = await schedule.requestMonthlyRuns('2025-07-01');
      expect(first.month).toBe('2025-06');
      expect(first.runs.map((run) => [run.facilityCode, run.created])).toEqual([
        ['20012345', true],
        ['20099999', true],
      ]);
      const stored = await query(
        `SELECT format, scope_kind, scope_id, period_start::text AS start, period_end::text AS end, as_of::text AS as_of, include_ssn, requested_by
           FROM report_runs WHERE id = ANY($1) ORDER BY scope_id`,
        [first.runs.map((run) => run.runId)],
      );
      expect(stored[0]).toEqual({
        format: 'va.monthly-certification',
        scope_kind: 'facility_code',
        scope_id: '20012345',
        start: '2025-06-01',
        end: '2025-06-30',
        as_of: '2025-07-01',
        include_ssn: false,
        requested_by: null,
      });
      const again = await schedule.requestMonthlyRuns('2025-07-01');
      expect(again.runs).toEqual(first.runs.map((run) => ({ ...run, created: false })));

      const listed = (await runs.list(officialA(), { first: 100 })).nodes.filter((run) => run.requestedBy === null);
      expect(listed.map((run) => run.scopeId)).toEqual(['20012345']);
      // Before anyone started in the program, there is nothing to draft.
      expect((await schedule.requestMonthlyRuns('2024-12-01')).runs.map((run) => run.facilityCode)).toEqual(['20077777']);
    });
  });

  describe('agency ids', () => {
    it('are set and cleared by whoever manages the program, audited, and hidden from other sponsors', async () => {
      const crosswalk = harness.get(AgencyCrosswalkService);
      const set = await crosswalk.set(staff(), { programId: unmapped.programId, employer: 'EMP-9', occupation: 'OCC-1' });
      expect(set).toEqual({ programId: unmapped.programId, employer: 'EMP-9', occupation: 'OCC-1', rtiProvider: null, wageSchedule: null });
      expect(await crosswalk.set(adminA(), { programId: unmapped.programId, employer: null, wageSchedule: 'WS-1' })).toEqual({
        programId: unmapped.programId,
        employer: null,
        occupation: 'OCC-1',
        rtiProvider: null,
        wageSchedule: 'WS-1',
      });
      expect((await rejection(crosswalk.set(adminB(), { programId: unmapped.programId, employer: 'X' }))).code).toBe(ErrorCode.NotFound);
      expect((await rejection(crosswalk.set(officialA(), { programId: unmapped.programId, employer: 'X' }))).code).toBe(ErrorCode.Forbidden);
      const audit = await query(`SELECT after FROM audit_log WHERE action = 'program.agency_ids_set' AND entity_id = $1 ORDER BY id`, [unmapped.programId]);
      expect(audit.map((row: { after: { wageSchedule: string | null } }) => row.after.wageSchedule)).toEqual([null, 'WS-1']);
      expect((await crosswalk.get(officialA(), unmapped.programId)).occupation).toBe('OCC-1');
    });
  });
});
