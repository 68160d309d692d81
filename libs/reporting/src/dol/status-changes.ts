import { centsToDecimal } from '@journeyline/common/money';
import { MapContext, MapResult, ProblemCollector, ReportFormat, Row } from '../formats/report-format';
import { ApprenticeRecord, StatusEventRecord } from '../record/apprentice-record';
import { inPeriod, ojtTotals, rtiTotal, wageOn } from '../record/record-queries';
import { RAPIDS_STATUS, RAPIDS_WAGE_UNIT, hoursText, usDate } from './dol-codes';

const COLUMNS = [
  'Program Number',
  'Apprentice Last Name',
  'Apprentice First Name',
  'Date of Birth',
  'RAPIDS Status Code',
  'Status Description',
  'Effective Date',
  'Reason',
  'Cancelled During Probation',
  'Exit Wage',
  'Exit Wage Units',
  'OJT Hours To Date',
  'RTI Hours To Date',
  'Occupation',
] as const;

/** Exits report the wage the apprentice left at (RAPIDS keeps an exit wage, dol.md §6). */
const EXIT_CODES = new Set(['CO', 'CA']);
/** Notices that must give a reason (29 CFR 29.7(h); 29.5(b)(19)). */
const REASON_REQUIRED = new Set(['CA', 'SU', 'TR']);

/**
 * `dol.status-changes`: a keying worksheet for the status changes a sponsor must notify (dol.md §13
 * row 3): one row per status event effective in the period, except moves into `pending` (the
 * agreement being signed is reported by the registration upload). No DOL file layout exists for
 * these; the worksheet is what someone types into RAPIDS or the SAA system.
 */
export const statusChangesFormat: ReportFormat = {
  id: 'dol.status-changes',
  title: 'RAPIDS status changes (keying worksheet)',
  columns: COLUMNS,
  outputs: ['csv', 'json', 'xlsx'],
  appliesTo: (record, context) => reportableEvents(record, context).length > 0,
  map: mapStatusChanges,
};

function reportableEvents(record: ApprenticeRecord, context: MapContext): StatusEventRecord[] {
  return record.agreement.statusHistory.filter((event) => event.toStatus !== 'pending' && inPeriod(event.effectiveDate, context.period));
}

function mapStatusChanges(record: ApprenticeRecord, context: MapContext): MapResult {
  const problems = new ProblemCollector(record.registrationId);
  const programNumber = record.program.programNumber?.trim() ?? '';
  if (!programNumber) {
    problems.add('program.programNumber', 'status_changes.program_number', 'the program has no number from the registration agency', 'dol.md §4.2, §13');
  }
  const history = record.agreement.statusHistory;
  const rows = reportableEvents(record, context).map((event): Row => {
    const index = history.indexOf(event);
    const status = RAPIDS_STATUS[event.toStatus];
    const month = event.effectiveDate.slice(0, 7);
    if (REASON_REQUIRED.has(status.code) && !event.reason.trim()) {
      problems.add(
        `agreement.statusHistory.${index}.reason`,
        'status_changes.reason_required',
        `a ${status.description.toLowerCase()} notice needs a reason`,
        '29 CFR 29.7(h); 29 CFR 29.5(b)(19) [unverified]',
      );
    }
    let exitWage = '';
    if (EXIT_CODES.has(status.code)) {
      const rate = wageOn(record, event.effectiveDate);
      if (rate === null) {
        problems.add('wages.history', 'status_changes.exit_wage', `no wage step is in force on ${event.effectiveDate}`, 'dol.md §6, §13 row 4');
      } else exitWage = centsToDecimal(rate);
    }
    return {
      'Program Number': programNumber,
      'Apprentice Last Name': record.person.lastName,
      'Apprentice First Name': record.person.firstName,
      'Date of Birth': usDate(record.person.dateOfBirth),
      'RAPIDS Status Code': status.code,
      'Status Description': status.description,
      'Effective Date': usDate(event.effectiveDate),
      Reason: event.reason.trim(),
      'Cancelled During Probation': status.code === 'CA' ? (event.duringProbation ? 'Y' : 'N') : '',
      'Exit Wage': exitWage,
      'Exit Wage Units': exitWage ? RAPIDS_WAGE_UNIT.hourly : '',
      'OJT Hours To Date': hoursText(ojtTotals(record, month).total),
      'RTI Hours To Date': hoursText(rtiTotal(record, month)),
      Occupation: record.occupation.rapidsCode,
    };
  });
  return problems.result(rows);
}
