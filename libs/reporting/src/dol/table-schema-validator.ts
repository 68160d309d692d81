/**
 * A validator for CSV tables described by a Frictionless Table Schema (datapackage.org, v2): the
 * header must list the fields' names exactly and in order; each cell is checked for `required`,
 * type (`string`, `integer`, `number`, `boolean`, `any`), string `format` (`email`, `uri`),
 * `minLength`/`maxLength`, `pattern` (whole value, as in XML Schema), `enum`, `minimum`/`maximum`,
 * `categories` (plain values or `{ value }`) and `unique`. An empty cell is a missing value.
 * Keywords outside this list throw, so a schema this validator cannot fully check is noticed.
 */
export type TableSchemaCategory = string | number | { value: string | number; label?: string };

export interface TableSchemaField {
  name: string;
  type?: string;
  format?: string;
  description?: string;
  example?: string;
  categories?: TableSchemaCategory[];
  categoriesOrdered?: boolean;
  constraints?: {
    required?: boolean;
    unique?: boolean;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    enum?: Array<string | number>;
    minimum?: number;
    maximum?: number;
  };
}

export interface TableSchema {
  $schema?: string;
  fields: TableSchemaField[];
}

export interface TableProblem {
  /** 1-based line of the table: 1 is the header, 2 the first data row. */
  line: number;
  /** Field name, or null for a problem with the whole line. */
  column: string | null;
  message: string;
}

const INTEGER = /^[+-]?[0-9]+$/;
const NUMBER = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const TRUE_VALUES = ['true', 'True', 'TRUE', '1'];
const FALSE_VALUES = ['false', 'False', 'FALSE', '0'];
const SUPPORTED_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'any']);
const SUPPORTED_FORMATS = new Set(['default', 'email', 'uri']);

/** `table[0]` is the header row. */
export function validateTable(schema: TableSchema, table: readonly (readonly string[])[]): TableProblem[] {
  const checks = schema.fields.map(compileField);
  const problems: TableProblem[] = [];
  const [header = [], ...rows] = table;
  const expected = schema.fields.map((field) => field.name);
  if (header.length !== expected.length || header.some((name, index) => name !== expected[index])) {
    problems.push({ line: 1, column: null, message: `header must be exactly: ${expected.join(' | ')}` });
    return problems;
  }
  const seen = schema.fields.map(() => new Map<string, number>());
  rows.forEach((row, rowIndex) => {
    const line = rowIndex + 2;
    if (row.length !== expected.length) {
      problems.push({ line, column: null, message: `has ${row.length} cells; the schema has ${expected.length} fields` });
      return;
    }
    row.forEach((cell, index) => {
      const field = schema.fields[index];
      for (const message of checks[index](cell)) problems.push({ line, column: field.name, message });
      if (field.constraints?.unique && cell !== '') {
        const first = seen[index].get(cell);
        if (first === undefined) seen[index].set(cell, line);
        else problems.push({ line, column: field.name, message: `repeats the value on line ${first}; values must be unique` });
      }
    });
  });
  return problems;
}

function compileField(field: TableSchemaField): (cell: string) => string[] {
  const type = field.type ?? 'string';
  if (!SUPPORTED_TYPES.has(type)) throw new Error(`table schema field "${field.name}": type "${type}" is not supported`);
  const format = field.format ?? 'default';
  if (!SUPPORTED_FORMATS.has(format)) throw new Error(`table schema field "${field.name}": format "${format}" is not supported`);
  const constraints = field.constraints ?? {};
  const pattern = constraints.pattern === undefined ? null : new RegExp(`^(?:${constraints.pattern})$`, 'u');
  const allowed = field.categories?.map((category) => String(typeof category === 'object' ? category.value : category));
  const enumValues = constraints.enum?.map(String);
  const numeric = type === 'integer' || type === 'number';
  const sameValue = (cell: string, value: string) => (numeric ? Number(cell) === Number(value) : cell === value);

  return (cell) => {
    if (cell === '') return constraints.required ? ['is required'] : [];
    const problems: string[] = [];
    if (type === 'integer' && !INTEGER.test(cell)) problems.push(`"${cell}" is not an integer`);
    if (type === 'number' && !NUMBER.test(cell)) problems.push(`"${cell}" is not a number`);
    if (type === 'boolean' && !TRUE_VALUES.includes(cell) && !FALSE_VALUES.includes(cell)) problems.push(`"${cell}" is not a boolean`);
    if (type === 'string' && format === 'email' && !EMAIL.test(cell)) problems.push(`"${cell}" is not an e-mail address`);
    if (type === 'string' && format === 'uri' && !URI.test(cell)) problems.push(`"${cell}" is not a URI`);
    if (constraints.minLength !== undefined && [...cell].length < constraints.minLength) problems.push(`is shorter than ${constraints.minLength} characters`);
    if (constraints.maxLength !== undefined && [...cell].length > constraints.maxLength) problems.push(`is longer than ${constraints.maxLength} characters`);
    if (pattern && !pattern.test(cell)) problems.push(`"${cell}" does not match ${constraints.pattern}`);
    if (numeric && NUMBER.test(cell)) {
      if (constraints.minimum !== undefined && Number(cell) < constraints.minimum) problems.push(`is below ${constraints.minimum}`);
      if (constraints.maximum !== undefined && Number(cell) > constraints.maximum) problems.push(`is above ${constraints.maximum}`);
    }
    if (enumValues && !enumValues.some((value) => sameValue(cell, value))) problems.push(`"${cell}" is not one of ${enumValues.join(', ')}`);
    if (allowed && !allowed.some((value) => sameValue(cell, value))) problems.push(`"${cell}" is not one of ${allowed.join(', ')}`);
    return problems;
  };
}
