import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ApprenticeRecord } from './apprentice-record';
import { apprenticeRecordSchema } from './apprentice-record.schema';

export interface RecordValidationProblem {
  /** Position of the record in the input array; null when the input itself is not an array. */
  index: number | null;
  /** Dotted path inside the record, array indexes as numbers (e.g. `agreement.statusHistory.2.reason`). */
  path: string;
  message: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ['date', 'email']);
const validateRecord = ajv.compile<ApprenticeRecord>(apprenticeRecordSchema);

/** Checks an untrusted value (e.g. a parsed JSON file) against the ApprenticeRecord schema; only valid records are returned. */
export function validateRecords(json: unknown): { records: ApprenticeRecord[]; problems: RecordValidationProblem[] } {
  if (!Array.isArray(json)) return { records: [], problems: [{ index: null, path: '', message: 'expected an array of apprentice records' }] };
  const records: ApprenticeRecord[] = [];
  const problems: RecordValidationProblem[] = [];
  json.forEach((candidate: unknown, index) => {
    if (validateRecord(candidate)) {
      records.push(candidate);
      return;
    }
    for (const error of validateRecord.errors ?? []) problems.push({ index, path: errorPath(error), message: errorMessage(error) });
  });
  return { records, problems };
}

function errorPath(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty));
  return segments.join('.');
}

function errorMessage(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not a field of the record';
  if (error.keyword === 'enum') return `must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
  return error.message ?? error.keyword;
}
