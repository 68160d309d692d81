import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ErrorCode } from '@journeyline/common/domain-error';
import { insertOrganization } from '../../../test/support/registry-fixtures';
import { platformAdminScope, sponsorAdminScope, TEST_ACTOR_ID } from '../../../test/support/scopes';
import { ServiceHarness, startServices } from '../../../test/support/test-module';
import { DEMO_OCCUPATIONS } from './demo-occupations';
import { importOccupationListFile } from './import-occupation-list';
import { ImportMode, TrainingApproach } from './occupation.models';
import { OccupationsModule } from './occupations.module';
import { MAX_UPLOAD_BYTES, OccupationsService } from './occupations.service';

// Jest runs from the repository root (ES modules have no __dirname).
const FIXTURE_CSV = join(process.cwd(), 'libs/occupations/src/fixtures/apprenticeship-occupations.csv');
const HEADER = 'RAPIDS CODE,ONET SOC CODE,RAPIDS TITLE,ONET SOC TITLE,TIME-BASED,HYBRID,COMPETENCY-BASED,BULLETINS,CAREER LATICE';
const FIXTURE_GOOD_CODES = ['0159', '0419', '0296', '1078CBV1', '2026CB', '1080', '0365HYV1', '0870CBV1'];

describe('OccupationsService', () => {
  let harness: ServiceHarness;
  let service: OccupationsService;
  let fixture: Buffer;
  let platformId: string;
  let sponsorId: string;

  const count = async (): Promise<number> =>
    Number((await harness.dataSource.query(`SELECT count(*) AS n FROM occupations`))[0].n);
  const byCode = async (code: string) =>
    (await harness.dataSource.query(`SELECT * FROM occupations WHERE rapids_code = $1`, [code]))[0];
  const importDemo = () => service.importRows(DEMO_OCCUPATIONS, { source: 'demo' });

  beforeAll(async () => {
    harness = await startServices([OccupationsModule]);
    service = harness.get(OccupationsService);
    fixture = await readFile(FIXTURE_CSV);
    platformId = await insertOrganization(harness.dataSource, 'platform', 'Journeyline');
    sponsorId = await insertOrganization(harness.dataSource, 'sponsor', 'Sponsor', 'MI');
  });

  beforeEach(() => harness.dataSource.query(`DELETE FROM occupations`));

  afterAll(() => harness.close());

  describe('importFile', () => {
    it('writes the good rows of a CSV in valid_rows mode and reports each bad row with its line', async () => {
      const result = await service.importFile('apprenticeship-occupations.csv', fixture, 'valid_rows');

      expect(result).toMatchObject({ inserted: FIXTURE_GOOD_CODES.length, updated: 0 });
      expect(result.problems).toEqual([
        { line: 11, field: 'ONET SOC CODE', reason: expect.stringContaining('"47-211"') },
        { line: 12, field: 'TIME-BASED, HYBRID, COMPETENCY-BASED', reason: expect.stringContaining('no training approach') },
        { line: 13, field: 'RAPIDS CODE', reason: 'duplicate of RAPIDS code 0159 on line 2' },
        { line: 14, field: 'RAPIDS CODE', reason: expect.stringContaining('"12345"') },
        { line: 16, field: 'RAPIDS TITLE', reason: 'title is required' },
      ]);
      const codes = await harness.dataSource.query(`SELECT rapids_code FROM occupations ORDER BY rapids_code`);
      expect(codes.map((row: { rapids_code: string }) => row.rapids_code)).toEqual([...FIXTURE_GOOD_CODES].sort());
      expect(await byCode('0365HYV1')).toMatchObject({
        title: 'Industrial Maintenance Mechanic',
        approaches: ['hybrid'],
        time_based_hours: null,
        hybrid_min_hours: 2500,
        hybrid_max_hours: 4000,
      });
      expect(await byCode('0159')).toMatchObject({
        onet_soc_code: '47-2111.00',
        title: 'Electrician',
        time_based_hours: 8000,
        bulletins: '2019-18',
      });
    });

    it('writes nothing in all_or_nothing mode when any row is bad, and still reports every problem', async () => {
      await importDemo();
      const before = await count();

      const result = await service.importFile('apprenticeship-occupations.csv', fixture, 'all_or_nothing');

      expect(result).toMatchObject({ inserted: 0, updated: 0 });
      expect(result.problems.map((problem) => problem.line)).toEqual([11, 12, 13, 14, 16]);
      expect(await count()).toBe(before);
      expect(await byCode('0365HYV1')).toBeUndefined();
    });

    it('writes a clean file in all_or_nothing mode', async () => {
      const csv = [HEADER, '0159,47-2111.00,Electrician,Electricians,8000,,,,', '0870CB V1,,Maintenance Electrician,,,,X,,'];
      const result = await service.importFile('list.csv', Buffer.from(csv.join('\n')), 'all_or_nothing');
      expect(result).toEqual({ inserted: 2, updated: 0, problems: [] });
      expect(await count()).toBe(2);
    });

    it('updates on re-import instead of duplicating, and moves updated_at of the updated rows only', async () => {
      await service.importFile('apprenticeship-occupations.csv', fixture, 'valid_rows');
      const first = await byCode('0159');
      const csv = [HEADER, '0159,47-2111.00,Electrician (Inside),Electricians,8000,6000 - 8000,,2024-01,', '9999,,New Trade,,2000,,,,'];

      const result = await service.importFile('update.csv', Buffer.from(csv.join('\n')), 'all_or_nothing');

      expect(result).toEqual({ inserted: 1, updated: 1, problems: [] });
      expect(await count()).toBe(FIXTURE_GOOD_CODES.length + 1);
      const second = await byCode('0159');
      expect(second).toMatchObject({
        id: first.id,
        title: 'Electrician (Inside)',
        approaches: ['time_based', 'hybrid'],
        hybrid_min_hours: 6000,
        hybrid_max_hours: 8000,
        bulletins: '2024-01',
      });
      expect(second.created_at).toEqual(first.created_at);
      expect(second.updated_at.getTime()).toBeGreaterThan(first.updated_at.getTime());
      const untouched = await byCode('0419');
      expect(untouched.updated_at).toEqual(untouched.created_at);
    });

    it('imports an XLSX workbook, with line numbers from its rows', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Occupations');
      sheet.addRow(HEADER.split(','));
      sheet.addRow([159, '47-2111.00', 'Electrician', 'Electricians', 8000, null, null, '2019-18']);
      sheet.addRow(['0870CB V1', '47-2111.00', 'Maintenance Electrician', null, null, null, 'X']);
      sheet.addRow(['0419', 'not-a-code', 'Plumber', null, 8000]);
      sheet.addRow(['0365HY V1', '49-9041.00', 'Industrial Maintenance Mechanic', null, null, '2500 - 4000']);
      const content = Buffer.from(await workbook.xlsx.writeBuffer());

      const result = await service.importFile('apprenticeship-occupations.xlsx', content, 'valid_rows');

      expect(result).toEqual({
        inserted: 3,
        updated: 0,
        problems: [{ line: 4, field: 'ONET SOC CODE', reason: expect.stringContaining('"not-a-code"') }],
      });
      expect(await byCode('0159')).toMatchObject({ title: 'Electrician', time_based_hours: 8000, bulletins: '2019-18' });
      expect(await byCode('0870CBV1')).toMatchObject({ approaches: ['competency_based'] });
      expect(await byCode('0365HYV1')).toMatchObject({ hybrid_min_hours: 2500, hybrid_max_hours: 4000 });
    });

    it('imports a 1,500-row list in one call', async () => {
      const lines = Array.from({ length: 1500 }, (_, index) => {
        const code = String(index + 1).padStart(4, '0');
        return `${code},47-2111.00,Trade ${code},Electricians,${2000 + index},,,,`;
      });
      const content = Buffer.from([HEADER, ...lines].join('\n'));

      const result = await service.importFile('generated.csv', content, 'all_or_nothing');

      expect(result).toEqual({ inserted: 1500, updated: 0, problems: [] });
      expect(await count()).toBe(1500);
      expect(await byCode('1500')).toMatchObject({ title: 'Trade 1500', time_based_hours: 3499 });

      const again = await service.importFile('generated.csv', content, 'all_or_nothing');
      expect(again).toEqual({ inserted: 0, updated: 1500, problems: [] });
      expect(await count()).toBe(1500);
    });

    it('refuses a file that is neither CSV nor XLSX, naming fileName', async () => {
      await expect(service.importFile('list.pdf', fixture, 'valid_rows')).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'fileName' }],
      });
    });

    it('reports an unreadable file on its content, with the parser message', async () => {
      await expect(service.importFile('list.xlsx', Buffer.from('not a zip'), 'valid_rows')).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'content', reason: expect.stringContaining('is not a readable XLSX file: ') }],
      });
      expect(await count()).toBe(0);
    });

    it('audits each import with its source and counts', async () => {
      await service.importFile('audited.csv', fixture, 'valid_rows', TEST_ACTOR_ID);
      const audit = await harness.dataSource.query(
        `SELECT actor_user_id, after FROM audit_log WHERE action = 'occupations.imported' AND entity_id = 'audited.csv'`,
      );
      expect(audit).toEqual([{ actor_user_id: TEST_ACTOR_ID, after: { inserted: 8, updated: 0 } }]);
    });
  });

  describe('importRows', () => {
    it('loads the demo occupations, which fit the table constraints', async () => {
      expect(await importDemo()).toEqual({ inserted: DEMO_OCCUPATIONS.length, updated: 0 });
      expect(await byCode('2026CB')).toMatchObject({ approaches: ['hybrid', 'competency_based'], hybrid_min_hours: 2000 });
    });

    it('keeps the last row when a code repeats, instead of failing the statement', async () => {
      const [electrician] = DEMO_OCCUPATIONS;
      const result = await service.importRows([electrician, { ...electrician, title: 'Electrician (last)' }]);
      expect(result).toEqual({ inserted: 1, updated: 0 });
      expect((await byCode('0159')).title).toBe('Electrician (last)');
    });

    it('rolls back every batch when one statement fails', async () => {
      const valid = Array.from({ length: 600 }, (_, index) => ({
        ...DEMO_OCCUPATIONS[1],
        rapidsCode: String(index + 1).padStart(4, '0'),
      }));
      // hybrid_max_hours < hybrid_min_hours breaks a CHECK constraint in the second batch.
      const broken = { ...DEMO_OCCUPATIONS[0], rapidsCode: '9999', hybridMinHours: 5000, hybridMaxHours: 100 };
      await expect(service.importRows([...valid, broken])).rejects.toThrow();
      expect(await count()).toBe(0);
    });
  });

  describe('importUpload', () => {
    const upload = (fileName: string, content: Buffer, mode = ImportMode.ALL_OR_NOTHING) => ({
      fileName,
      contentBase64: content.toString('base64'),
      mode,
    });

    it('imports a base64 upload for a platform administrator, audited under their id', async () => {
      const result = await service.importUpload(
        platformAdminScope(platformId),
        upload('apprenticeship-occupations.csv', fixture, ImportMode.VALID_ROWS),
      );
      expect(result).toMatchObject({ inserted: 8, updated: 0 });
      expect(result.problems).toHaveLength(5);
      const [audit] = await harness.dataSource.query(
        `SELECT actor_user_id FROM audit_log WHERE action = 'occupations.imported' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit.actor_user_id).toBe(TEST_ACTOR_ID);
    });

    it('refuses everyone but platform administrators', async () => {
      await expect(service.importUpload(sponsorAdminScope(sponsorId), upload('list.csv', fixture))).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
      });
      expect(await count()).toBe(0);
    });

    it.each([
      ['a file that is not CSV or XLSX', 'list.txt', Buffer.from('x').toString('base64'), 'fileName', 'must name a .csv or .xlsx file'],
      ['an unreadable workbook', 'list.xlsx', Buffer.from('garbage').toString('base64'), 'contentBase64', 'is not a readable XLSX file'],
      ['content that is not base64', 'list.csv', 'not base64!', 'contentBase64', 'must be base64-encoded'],
      ['an empty file', 'list.csv', '', 'contentBase64', 'the file is empty'],
    ])('reports %s as a field error', async (_case, fileName, contentBase64, field, reason) => {
      await expect(
        service.importUpload(platformAdminScope(platformId), { fileName, contentBase64, mode: ImportMode.VALID_ROWS }),
      ).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field, reason: expect.stringContaining(reason) }],
      });
    });

    it('caps the decoded size at 20 MB', async () => {
      const justOver = 'A'.repeat((Math.ceil(MAX_UPLOAD_BYTES / 3) + 1) * 4);
      await expect(
        service.importUpload(platformAdminScope(platformId), { fileName: 'big.csv', contentBase64: justOver, mode: ImportMode.VALID_ROWS }),
      ).rejects.toMatchObject({ problems: [{ field: 'contentBase64', reason: 'the file is larger than 20 MB' }] });
    });
  });

  describe('importOccupationListFile', () => {
    it('reads the file from disk and imports it under its base name', async () => {
      const result = await importOccupationListFile(service, FIXTURE_CSV, 'valid_rows');
      expect(result).toMatchObject({ inserted: 8, updated: 0 });
      const [audit] = await harness.dataSource.query(
        `SELECT entity_id FROM audit_log WHERE action = 'occupations.imported' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit.entity_id).toBe('apprenticeship-occupations.csv');
    });

    it('defaults to all_or_nothing', async () => {
      const result = await importOccupationListFile(service, FIXTURE_CSV);
      expect(result.inserted).toBe(0);
      expect(await count()).toBe(0);
    });
  });

  describe('list', () => {
    const codes = async (args: Parameters<OccupationsService['list']>[0]) =>
      (await service.list(args)).nodes.map((occupation) => occupation.rapidsCode).sort();

    beforeEach(async () => {
      await importDemo();
      await service.importRows([
        { ...DEMO_OCCUPATIONS[0], rapidsCode: '0870', title: 'Maintenance Electrician', onetSocCode: '47-2111.01' },
        { ...DEMO_OCCUPATIONS[3], rapidsCode: '0870CBV1', title: 'Maintenance Electrician (CB)', onetTitle: null },
      ]);
    });

    it('finds one occupation by its exact code, in any DOL spelling', async () => {
      expect(await codes({ first: 25, rapidsCode: '1078CB V1' })).toEqual(['1078CBV1']);
      expect(await codes({ first: 25, rapidsCode: '870' })).toEqual(['0870']);
    });

    it('rejects an exact code that is not a RAPIDS code', async () => {
      await expect(service.list({ first: 25, rapidsCode: '12345' })).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        problems: [{ field: 'rapidsCode' }],
      });
    });

    it('finds a base code with its CB/HY variants by prefix', async () => {
      expect(await codes({ first: 25, rapidsCodePrefix: '0870' })).toEqual(['0870', '0870CBV1']);
      expect(await codes({ first: 25, rapidsCodePrefix: '0870cb ' })).toEqual(['0870CBV1']);
    });

    it('filters by O*NET-SOC code, exactly or by SOC code across detail codes', async () => {
      expect(await codes({ first: 25, onetSocCode: '47-2111.00' })).toEqual(['0159']);
      expect(await codes({ first: 25, onetSocCode: '47-2111' })).toEqual(['0159', '0870']);
    });

    it('matches titles case-insensitively on the RAPIDS or the O*NET title, wildcards literally', async () => {
      expect(await codes({ first: 25, titleContains: 'pipefitters' })).toEqual(['0419']);
      expect(await codes({ first: 25, titleContains: 'MAINTENANCE' })).toEqual(['0870', '0870CBV1']);
      expect(await codes({ first: 25, titleContains: '%' })).toEqual([]);
    });

    it('filters by allowed training approach', async () => {
      expect(await codes({ first: 25, approach: TrainingApproach.COMPETENCY_BASED })).toEqual([
        '0870CBV1',
        '1078CBV1',
        '2026CB',
      ]);
      expect(await codes({ first: 25, approach: TrainingApproach.HYBRID, titleContains: 'electric' })).toEqual([
        '0159',
        '0870',
      ]);
    });

    it('pages through every occupation once with cursors', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await service.list({ first: 3, after });
        seen.push(...page.nodes.map((occupation) => occupation.rapidsCode));
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual([...DEMO_OCCUPATIONS.map((occupation) => occupation.rapidsCode), '0870', '0870CBV1'].sort());
    });

    it('gets one occupation by id, and answers NOT_FOUND for an unknown id', async () => {
      const [{ id }] = (await service.list({ first: 1, rapidsCode: '0419' })).nodes;
      expect(await service.get(id)).toMatchObject({ rapidsCode: '0419', approaches: ['time_based'], timeBasedHours: 8000 });
      await expect(service.get('00000000-0000-4000-8000-000000000999', 'occupationId')).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        problems: [{ field: 'occupationId' }],
      });
    });

    it('finds several occupations by id in one call', async () => {
      const ids = (await service.list({ first: 2 })).nodes.map((occupation) => occupation.id);
      const found = await service.findByIds([...ids, '00000000-0000-4000-8000-000000000999']);
      expect(found.map((occupation) => occupation.id).sort()).toEqual([...ids].sort());
    });
  });
});
