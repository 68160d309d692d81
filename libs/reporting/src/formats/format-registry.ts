import { pirlFormat } from '../dol/pirl';
import { rapidsUploadFormat } from '../dol/rapids-upload';
import { statusChangesFormat } from '../dol/status-changes';
import { changeOfStatusFormat } from '../va/change-of-status';
import { enrollmentFormat } from '../va/enrollment';
import { monthlyCertificationFormat } from '../va/monthly-certification';
import { vre1905cFormat } from '../va/vre-1905c';
import { ReportFormat } from './report-format';

/** Every format `journeyline map` and report runs can produce. Add one entry per format. */
export const REPORT_FORMATS: ReportFormat[] = [
  rapidsUploadFormat,
  statusChangesFormat,
  pirlFormat,
  enrollmentFormat,
  monthlyCertificationFormat,
  changeOfStatusFormat,
  vre1905cFormat,
];

export function findFormat(id: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((format) => format.id === id);
}
