import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURE_RECORDS, FIXTURES } from '../fixtures/records';
import { ApprenticeRecord } from './apprentice-record';
import { apprenticeRecordSchema } from './apprentice-record.schema';
import { validateRecords } from './record-validator';

const SCHEMA_FILE = join(process.cwd(), 'docs/schemas/apprentice-record.schema.json');
/** The fixtures as a ready-to-map input file for `journeyline map` (README "Agency reports"). */
const EXAMPLE_FILE = join(process.cwd(), 'docs/examples/apprentice-records.json');

describe('ApprenticeRecord JSON Schema', () => {
  it('is published as docs/schemas/apprentice-record.schema.json (`UPDATE_SCHEMAS=1` rewrites it)', async () => {
    const printed = `${JSON.stringify(apprenticeRecordSchema, null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === '1') await writeFile(SCHEMA_FILE, printed);
    expect(await readFile(SCHEMA_FILE, 'utf8').catch(() => '(missing)')).toBe(printed);
  });

  it('ships the fixture records as docs/examples/apprentice-records.json (`UPDATE_SCHEMAS=1` rewrites it)', async () => {
    const printed = `${JSON.stringify(FIXTURE_RECORDS, null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === '1') await writeFile(EXAMPLE_FILE, printed);
    expect(await readFile(EXAMPLE_FILE, 'utf8').catch(() => '(missing)')).toBe(printed);
  });

  it('describes every property', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as { properties?: Record<string, { description?: string }>; items?: unknown };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (!property.description) undescribed.push(`${path}.${name}`);
        walk(property, `${path}.${name}`);
      }
      walk(schema.items, `${path}[]`);
    };
    walk(apprenticeRecordSchema, '$');
    expect(undescribed).toEqual([]);
  });

  it('accepts every fixture record, which also type-check as ApprenticeRecord', () => {
    const typed: readonly ApprenticeRecord[] = FIXTURE_RECORDS;
    const { records, problems } = validateRecords(JSON.parse(JSON.stringify(typed)));
    expect(problems).toEqual([]);
    expect(records).toHaveLength(FIXTURE_RECORDS.length);
  });

  it('reports each invalid field with the record index and a dotted path', () => {
    const bad = {
      ...FIXTURES.obrien,
      person: { ...FIXTURES.obrien.person, ssn: '900-12-3456', demographics: { ...FIXTURES.obrien.person.demographics, education: 'phd' } },
      agreement: { ...FIXTURES.obrien.agreement, startDate: '2025-02-30', statusHistory: [{ ...FIXTURES.obrien.agreement.statusHistory[0], reason: undefined }] },
      va: { ...FIXTURES.obrien.va, facilityCode: '31012345' },
      nickname: 'Sean',
    };
    const { records, problems } = validateRecords([FIXTURES.notSelfIdentified, JSON.parse(JSON.stringify(bad))]);
    expect(records).toEqual([FIXTURES.notSelfIdentified]);
    expect(problems.map((problem) => `${problem.index} ${problem.path}`).sort()).toEqual([
      '1 agreement.startDate',
      '1 agreement.statusHistory.0.reason',
      '1 nickname',
      '1 person.demographics.education',
      '1 person.ssn',
      '1 va.facilityCode',
    ]);
    expect(problems.find((problem) => problem.path === 'person.demographics.education')?.message).toContain('"doctorate_or_professional"');
  });

  it('accepts a record without VA benefits and rejects input that is not an array', () => {
    expect(validateRecords([FIXTURES.completer]).problems).toEqual([]);
    expect(FIXTURES.completer.va).toBeNull();
    expect(validateRecords({ records: [] })).toEqual({ records: [], problems: [{ index: null, path: '', message: 'expected an array of apprentice records' }] });
  });

  it('keeps the VA file number and facility code patterns of the brief', () => {
    const withVa = (va: Partial<NonNullable<ApprenticeRecord['va']>>) => [{ ...FIXTURES.vre, va: { ...FIXTURES.vre.va, ...va } }];
    expect(validateRecords(withVa({ vaFileNumber: 'c1234567', facilityCode: 'A0B12345' })).problems).toEqual([]);
    expect(validateRecords(withVa({ vaFileNumber: '123456' })).problems.map((problem) => problem.path)).toEqual(['va.vaFileNumber']);
    expect(validateRecords(withVa({ facilityCode: '308123456' })).problems.map((problem) => problem.path)).toEqual(['va.facilityCode']);
  });
});
