import { ApprenticeRecord, StatusEventRecord } from '../record/apprentice-record';
import { MapContext, MapResult, ReportFormat, Row } from '../formats/report-format';
import { blankCertifyingOfficial, traineeColumns, yesNo } from './va-format-support';
import { vaRecordProblems } from './va-identity';
import { VaChange, enrollmentWindow, vaChanges } from './va-status';

/**
 * VA 22-1999b "Notice of Change in Student Status" (va.md §9, §11): one row per status event in
 * the period that VA must hear of "without delay", effective on the last date of pursuit.
 */
export const CHANGE_OF_STATUS_COLUMNS = [
  'facilityCode',
  'approvedProgramName',
  'traineeLastName',
  'traineeFirstName',
  'traineeMiddleInitial',
  'identifierType',
  'identifier',
  'chapter',
  'changeType',
  'effectiveDateOfChange',
  'lastDateOfPursuit',
  'dolStatusFrom',
  'dolStatusTo',
  'reason',
  'duringProbation',
  'mappingVerified',
  'followUp',
  'certifyingOfficialName',
  'certifyingOfficialSignature',
  'certificationDate',
] as const;

/** What the certifying official still has to do or confirm where va.md marks the mapping unverified. */
function followUp(event: StatusEventRecord, change: VaChange): string | null {
  if (change.changeType === 'reentrance') {
    return 'Re-entrance: certify a new enrollment (22-1999, see va.enrollment); whether VA also wants a 22-1999b is unverified';
  }
  if (event.toStatus === 'transferred') return 'Transfer reported as a termination at this facility: unverified, confirm with the ELR';
  return null;
}

function changeRow(record: ApprenticeRecord, event: StatusEventRecord, change: VaChange): Row {
  const va = record.va!;
  return {
    facilityCode: va.facilityCode,
    approvedProgramName: va.approvedProgramName,
    ...traineeColumns(record),
    chapter: va.chapter,
    changeType: change.changeType,
    effectiveDateOfChange: event.effectiveDate,
    lastDateOfPursuit: change.lastDateOfPursuit,
    dolStatusFrom: event.fromStatus,
    dolStatusTo: event.toStatus,
    reason: event.reason,
    duringProbation: yesNo(event.duringProbation),
    mappingVerified: yesNo(change.verified),
    followUp: followUp(event, change),
    ...blankCertifyingOfficial(),
  };
}

export const changeOfStatusFormat: ReportFormat = {
  id: 'va.change-of-status',
  title: 'VA 22-1999b notice of change in status',
  columns: CHANGE_OF_STATUS_COLUMNS,
  outputs: ['csv', 'json', 'xlsx'],
  // GI Bill chapters; a VR&E (ch. 31) trainee's changes go through the case manager.
  appliesTo: (record) => record.va !== null && record.va.chapter !== '31',
  map(record: ApprenticeRecord, context: MapContext): MapResult {
    const begin = enrollmentWindow(record).from;
    const changes = vaChanges(record).filter(
      ({ event }) => event.effectiveDate >= begin && event.effectiveDate >= context.period.start && event.effectiveDate <= context.period.end,
    );
    if (changes.length === 0) return { rows: [] };
    const problems = vaRecordProblems(record, { facilityCode: 'required', approvedProgramName: true });
    if (problems.length > 0) return { problems };
    return { rows: changes.map(({ event, change }) => changeRow(record, event, change)) };
  },
};
