import { createHash } from 'node:crypto';
import { MapContext, MapResult, optionValue, ProblemCollector, ReportFormat } from '../formats/report-format';
import { ApprenticeRecord } from '../record/apprentice-record';
import { exitEventBy, statusOn } from '../record/record-queries';
import { PIRL_SEX, compactDate } from './dol-codes';

const COLUMNS = [
  '100 Unique Individual Identifier',
  '101 State Code of Residence',
  '200 Date of Birth',
  '201 Sex',
  '900 Date of Program Entry',
  '901 Date of Program Exit',
  '1300 Received Training',
  '1302 Date Entered Training #1',
  '1303 Type of Training Service #1',
  '1306 Occupational Skills Training Code #1',
  '1307 Training Completed #1',
] as const;

const TRAINING_TYPE = 'pirl.trainingTypeCode';
const PIRL_SOURCE = 'PIRL ETA-9170/9172 element layout; dol.md §10';

/**
 * `dol.pirl`: the PIRL elements dol.md §10 lists, for DOL grant holders, one row per registration
 * active at some point in the period (entered by its end, not exited before its start). The full
 * WIPS schema has many more columns; this is the apprenticeship subset Journeyline can fill.
 */
export const pirlFormat: ReportFormat = {
  id: 'dol.pirl',
  title: 'PIRL apprenticeship elements (DOL grants)',
  columns: COLUMNS,
  outputs: ['csv', 'json', 'xlsx'],
  options: [
    {
      key: TRAINING_TYPE,
      description: "Element 1303's code for Registered Apprenticeship (two digits). '09' is recalled but not confirmed [unverified]; no default on purpose.",
      required: true,
    },
  ],
  checkContext: (context) =>
    /^[0-9]{2}$/.test(context.options[TRAINING_TYPE] ?? '') ? [] : [`option ${TRAINING_TYPE} must be a two-digit code (PIRL element 1303 is IN 2)`],
  appliesTo: (record, context) => {
    const entered = statusOn(record, context.period.end);
    if (entered === null || entered === 'pending' || record.agreement.startDate > context.period.end) return false;
    const exit = exitEventBy(record, context.period.end);
    return exit === null || exit.effectiveDate >= context.period.start;
  },
  map: mapPirl,
};

/** Element 100: the first 12 hex digits of SHA-256 of the apprentice id, stable across registrations and never derived from the SSN. */
export function pirlIndividualId(apprenticeId: string): string {
  return createHash('sha256').update(apprenticeId).digest('hex').slice(0, 12).toUpperCase();
}

function mapPirl(record: ApprenticeRecord, context: MapContext): MapResult {
  const problems = new ProblemCollector(record.registrationId);
  const state = record.person.address.state?.trim() ?? '';
  if (!/^[A-Z]{2}$/.test(state)) problems.add('person.address.state', 'pirl.state_of_residence', 'element 101 needs a two-letter state code', PIRL_SOURCE);
  const onet = record.occupation.onetSocCode ?? '';
  if (!/^[0-9]{2}-[0-9]{4}\.[0-9]{2}$/.test(onet)) {
    problems.add('occupation.onetSocCode', 'pirl.onet_code', 'element 1306 needs the O*NET-SOC code (NN-NNNN.NN)', PIRL_SOURCE);
  }
  const exit = exitEventBy(record, context.period.end);
  return problems.result([
    {
      '100 Unique Individual Identifier': pirlIndividualId(record.person.apprenticeId),
      '101 State Code of Residence': state,
      '200 Date of Birth': compactDate(record.person.dateOfBirth),
      '201 Sex': PIRL_SEX[record.person.demographics.sex],
      '900 Date of Program Entry': compactDate(record.agreement.startDate),
      '901 Date of Program Exit': exit ? compactDate(exit.effectiveDate) : '',
      '1300 Received Training': '1',
      '1302 Date Entered Training #1': compactDate(record.agreement.startDate),
      '1303 Type of Training Service #1': optionValue(pirlFormat, context, TRAINING_TYPE),
      '1306 Occupational Skills Training Code #1': onet,
      '1307 Training Completed #1': exit?.toStatus === 'completed' ? '1' : '0',
    },
  ]);
}
