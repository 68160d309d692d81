import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { findFormat } from '../formats/format-registry';
import { runFormat } from '../writers/run-format';
import { VA_FIXTURES, VA_GOLDEN_CONTEXT } from './fixtures';
import { VA_SCHEMAS, monthlyCertificationSchema } from './va-schemas';

const DOCS_DIR = join(process.cwd(), 'docs/schemas');

function validatorFor(schema: Record<string, unknown>) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv, ['date']);
  ajv.addSchema(schema);
  return { document: ajv.compile(schema), row: ajv.getSchema(`${schema.$id}#/$defs/row`)! };
}

describe.each(VA_SCHEMAS)('$file', ({ format: id, file, schema }) => {
  it('is published in docs/schemas exactly as defined (UPDATE_SCHEMAS=1 rewrites it)', async () => {
    const printed = `${JSON.stringify(schema, null, 2)}\n`;
    const path = join(DOCS_DIR, file);
    if (process.env.UPDATE_SCHEMAS === '1') await writeFile(path, printed);
    expect(await readFile(path, 'utf8').catch(() => '(missing schema file)')).toBe(printed);
  });

  it('names every column of the format, in column order, and nothing else', () => {
    const format = findFormat(id)!;
    const row = (schema.$defs as { row: { properties: object; required: string[] } }).row;
    expect(Object.keys(row.properties)).toEqual([...format.columns]);
    expect(row.required).toEqual([...format.columns]);
  });

  it('accepts the JSON artifact and every row generated from the VA fixtures', async () => {
    const format = findFormat(id)!;
    const { document, row } = validatorFor(schema);
    const run = await runFormat(format, VA_FIXTURES, { ...VA_GOLDEN_CONTEXT, options: { 'va.vre1905cChapters': '31,35' } }, ['json']);
    expect(run.rows.length).toBeGreaterThan(0);
    for (const generated of run.rows) {
      expect(row(generated) ? [] : row.errors).toEqual([]);
    }
    expect(document(JSON.parse(run.artifacts.json!.toString('utf8'))) ? [] : document.errors).toEqual([]);
  });
});

describe('va-monthly-certification.schema.json', () => {
  it('rejects rows that break the hours and identifier rules', async () => {
    const { row } = validatorFor(monthlyCertificationSchema);
    const run = await runFormat(findFormat('va.monthly-certification')!, VA_FIXTURES, VA_GOLDEN_CONTEXT, ['json']);
    const good = run.rows.find((candidate) => candidate.identifierType === 'SSN')!;
    expect(row(good)).toBe(true);
    expect(row({ ...good, roundedHours: 100 })).toBe(false);
    expect(row({ ...good, fractionOfFullTime: '1.2000' })).toBe(false);
    expect(row({ ...good, identifier: 'C1234567' })).toBe(false);
    expect(row({ ...good, facilityCode: '21012345' })).toBe(false);
    expect(row({ ...good, chapter: '31' })).toBe(false);
    expect(row({ ...good, extra: 'x' })).toBe(false);
  });
});
