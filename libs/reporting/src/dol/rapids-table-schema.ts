import { TableSchema, TableSchemaField } from './table-schema-validator';
import upload from './rapids-apprentice-upload.tableschema.json';

/** The RAPIDS apprentice-upload Table Schema exactly as published (a verbatim copy; see README.md here). */
export const RAPIDS_UPLOAD_SCHEMA: TableSchema = upload;

export const US_DATE_PATTERN = '^(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/[0-9]{4}$';

const asNumber = (field: TableSchemaField): TableSchemaField => ({ ...field, type: 'number' });
const withDatePattern = (field: TableSchemaField): TableSchemaField => ({ ...field, constraints: { ...field.constraints, pattern: US_DATE_PATTERN } });

/**
 * The documented defects of the published schema and Journeyline's patch for each (dol.md §5.1):
 * wages have cents, so they are numbers, not integers; a telephone number is not a URI; dates
 * are 'MM/DD/YYYY' text, which the schema only shows as an example.
 */
export const RAPIDS_UPLOAD_OVERRIDES: Readonly<Record<string, (field: TableSchemaField) => TableSchemaField>> = {
  'Prior Wages': asNumber,
  'Entry Wages': asNumber,
  Telephone: ({ format: _uri, ...field }) => field,
  'Date Apprenticeship Begins': withDatePattern,
  'Date of Birth': withDatePattern,
};

/** The schema Journeyline validates its RAPIDS upload CSV with: the published one plus the overrides above. */
export const RAPIDS_UPLOAD_SCHEMA_PATCHED: TableSchema = patch(RAPIDS_UPLOAD_SCHEMA, RAPIDS_UPLOAD_OVERRIDES);

/** The 42 column headers, in order. */
export const RAPIDS_UPLOAD_COLUMNS: readonly string[] = RAPIDS_UPLOAD_SCHEMA.fields.map((field) => field.name);

function patch(schema: TableSchema, overrides: typeof RAPIDS_UPLOAD_OVERRIDES): TableSchema {
  const names = new Set(schema.fields.map((field) => field.name));
  for (const name of Object.keys(overrides)) if (!names.has(name)) throw new Error(`override for unknown RAPIDS upload field "${name}"`);
  return { ...schema, fields: schema.fields.map((field) => overrides[field.name]?.(field) ?? field) };
}
