import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import copy from './rapids-apprentice-upload.tableschema.json';
import { RAPIDS_UPLOAD_COLUMNS, RAPIDS_UPLOAD_SCHEMA, RAPIDS_UPLOAD_SCHEMA_PATCHED } from './rapids-table-schema';
import { TableSchema, validateTable } from './table-schema-validator';

const SHARED_SCHEMA = join(process.cwd(), '..', 'shared', 'data', 'rapids-apprentice-upload.tableschema.json');
const LOCAL_COPY = join(process.cwd(), 'libs/reporting/src/dol/rapids-apprentice-upload.tableschema.json');

describe('RAPIDS upload table schema', () => {
  it('is a verbatim copy of shared/data (when that checkout is beside this one) with 42 fields', () => {
    const local = readFileSync(LOCAL_COPY, 'utf8');
    if (existsSync(SHARED_SCHEMA)) expect(local).toBe(readFileSync(SHARED_SCHEMA, 'utf8'));
    expect(JSON.parse(local)).toEqual(copy);
    expect(RAPIDS_UPLOAD_SCHEMA.fields).toHaveLength(42);
    expect(RAPIDS_UPLOAD_SCHEMA.fields.filter((field) => field.constraints?.required)).toHaveLength(27);
    expect(RAPIDS_UPLOAD_COLUMNS[0]).toBe('Date Apprenticeship Begins');
    expect(RAPIDS_UPLOAD_COLUMNS[41]).toBe('Student Status');
  });

  it('patches only the documented defects (dol.md §5.1)', () => {
    const changed = RAPIDS_UPLOAD_SCHEMA_PATCHED.fields.filter((field, index) => JSON.stringify(field) !== JSON.stringify(RAPIDS_UPLOAD_SCHEMA.fields[index]));
    expect(changed.map((field) => field.name)).toEqual(['Date Apprenticeship Begins', 'Date of Birth', 'Telephone', 'Prior Wages', 'Entry Wages']);
    const field = (name: string) => RAPIDS_UPLOAD_SCHEMA_PATCHED.fields.find((candidate) => candidate.name === name)!;
    expect(field('Prior Wages').type).toBe('number');
    expect(field('Telephone').format).toBeUndefined();
    expect(field('Date of Birth').constraints).toEqual({ required: true, pattern: '^(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/[0-9]{4}$' });
    // The published copy is untouched.
    expect(RAPIDS_UPLOAD_SCHEMA.fields.find((candidate) => candidate.name === 'Prior Wages')!.type).toBe('integer');
  });
});

describe('validateTable', () => {
  const schema: TableSchema = {
    fields: [
      { name: 'Id', type: 'string', constraints: { required: true, unique: true, maxLength: 4 } },
      { name: 'Zip', type: 'string', constraints: { pattern: '^[0-9]{5}', maxLength: 5 } },
      { name: 'Count', type: 'integer', categories: [{ value: 1, label: 'one' }, { value: 0, label: 'none' }] },
      { name: 'Wage', type: 'number' },
      { name: 'Suffix', type: 'string', categories: ['Jr.', 'Sr.'] },
      { name: 'Email', type: 'string', format: 'email' },
      { name: 'Key', type: 'any' },
    ],
  };
  const header = ['Id', 'Zip', 'Count', 'Wage', 'Suffix', 'Email', 'Key'];

  it('accepts a table that follows the schema, empty optional cells included', () => {
    expect(validateTable(schema, [header, ['A1', '48226', '1', '18.50', 'Jr.', 'a@b.org', 'x'], ['A2', '', '', '', '', '', '']])).toEqual([]);
  });

  it('requires the exact header in order', () => {
    expect(validateTable(schema, [[...header].reverse()])).toEqual([{ line: 1, column: null, message: expect.stringContaining('header must be exactly') }]);
    expect(validateTable(schema, [header.slice(1)])).toHaveLength(1);
  });

  it('reports each broken constraint with its line and column', () => {
    const problems = validateTable(schema, [
      header,
      ['', '4822', '2', '18,50', 'jr', 'nope', ''],
      ['TOOLONG', '482261', '1.0', 'x', 'Sr.', '', ''],
      ['B', '1', '1'],
      ['A1', '', '0', '1', '', '', ''],
      ['A1', '', '0', '1', '', '', ''],
    ]);
    expect(problems.map((problem) => `${problem.line} ${problem.column}: ${problem.message}`)).toEqual([
      '2 Id: is required',
      '2 Zip: "4822" does not match ^[0-9]{5}',
      '2 Count: "2" is not one of 1, 0',
      '2 Wage: "18,50" is not a number',
      '2 Suffix: "jr" is not one of Jr., Sr.',
      '2 Email: "nope" is not an e-mail address',
      '3 Id: is longer than 4 characters',
      '3 Zip: is longer than 5 characters',
      // Patterns match the whole value (XML Schema semantics), so the missing end anchor does not matter.
      '3 Zip: "482261" does not match ^[0-9]{5}',
      '3 Count: "1.0" is not an integer',
      '3 Wage: "x" is not a number',
      '4 null: has 3 cells; the schema has 7 fields',
      '6 Id: repeats the value on line 5; values must be unique',
    ]);
  });

  it('refuses schemas with types or formats it cannot check', () => {
    expect(() => validateTable({ fields: [{ name: 'When', type: 'date' }] }, [['When']])).toThrow('type "date" is not supported');
    expect(() => validateTable({ fields: [{ name: 'Link', format: 'uuid' }] }, [['Link']])).toThrow('format "uuid" is not supported');
  });

  it('rejects the published schema\'s integer wages and URI phone, which the patch fixes', () => {
    const row = RAPIDS_UPLOAD_COLUMNS.map(() => '');
    const table = [[...RAPIDS_UPLOAD_COLUMNS], row];
    row[RAPIDS_UPLOAD_COLUMNS.indexOf('Prior Wages')] = '18.50';
    row[RAPIDS_UPLOAD_COLUMNS.indexOf('Telephone')] = '(313) 555-0142';
    row[RAPIDS_UPLOAD_COLUMNS.indexOf('Date of Birth')] = '1/9/1994';
    const messages = (schema: TableSchema) => validateTable(schema, table).filter((problem) => ['Prior Wages', 'Telephone', 'Date of Birth'].includes(problem.column!));
    expect(messages(RAPIDS_UPLOAD_SCHEMA).map((problem) => problem.column)).toEqual(['Telephone', 'Prior Wages']);
    expect(messages(RAPIDS_UPLOAD_SCHEMA_PATCHED).map((problem) => problem.column)).toEqual(['Date of Birth']);
  });
});
