import { ApprenticeRecord } from '../record/apprentice-record';
import { RecordProblem } from '../formats/report-format';

export type VaIdentifierType = 'VA_FILE_NUMBER' | 'SSN';

export interface VaIdentifier {
  type: VaIdentifierType;
  /** VA file number as recorded, or the SSN as 9 digits. */
  value: string;
}

/** VA file number: 7–9 digits with an optional leading C (vets-json-schema definitions.json, va.md §7). */
export const VA_FILE_NUMBER_PATTERN = /^[cC]?\d{7,9}$/;
export const SSN_PATTERN = /^\d{9}$/;
/** 8 characters with '0' in second place: an OJT/apprenticeship facility (gibct-data-service weam.rb, va.md §1.1). */
export const FACILITY_CODE_PATTERN = /^[0-9A-Z]0[0-9A-Z]{6}$/;

/**
 * The trainee's identifier for VA: the VA file number when recorded, else the SSN (present only
 * in agency exports). VA may need the file number for dependents [unverified], so it wins.
 */
export function vaIdentifier(record: ApprenticeRecord): VaIdentifier | null {
  if (record.va?.vaFileNumber) return { type: 'VA_FILE_NUMBER', value: record.va.vaFileNumber };
  if (record.person.ssn) return { type: 'SSN', value: record.person.ssn };
  return null;
}

export function dashedSsn(ssn: string): string {
  return `${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}`;
}

export function middleInitial(record: ApprenticeRecord): string | null {
  const middle = record.person.middleName?.trim();
  return middle ? middle[0].toUpperCase() : null;
}

export interface VaRequirements {
  facilityCode: 'required' | 'if-present';
  approvedProgramName: boolean;
}

/** Problems that make a VA record unreportable as a whole: the facility, the program name, the identifier. */
export function vaRecordProblems(record: ApprenticeRecord, needs: VaRequirements): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const problem = (field: string, rule: string, message: string, source: string) =>
    problems.push({ registrationId: record.registrationId, field, rule, message, source });
  const facilityCode = record.va?.facilityCode ?? null;
  if (facilityCode === null || facilityCode.trim() === '') {
    if (needs.facilityCode === 'required') {
      problem('va.facilityCode', 'va.facility_code_required', 'A GI Bill trainee needs the facility code VA issued for the SAA-approved program', 'va.md §1.1, §13 (VA letter with the facility code after SAA approval)');
    }
  } else if (!FACILITY_CODE_PATTERN.test(facilityCode)) {
    problem('va.facilityCode', 'va.facility_code_format', `Facility code "${facilityCode}" must be 8 characters with 0 in second place (OJT/apprenticeship)`, 'va.md §1.1 (gibct-data-service app/models/weam.rb)');
  }
  if (needs.approvedProgramName && !record.va?.approvedProgramName?.trim()) {
    problem('va.approvedProgramName', 'va.approved_program_name_required', 'The SAA-approved program name is needed; it must match the training agreement exactly', 'va.md §3.4, §11');
  }
  const fileNumber = record.va?.vaFileNumber ?? null;
  if (fileNumber !== null && !VA_FILE_NUMBER_PATTERN.test(fileNumber)) {
    problem('va.vaFileNumber', 'va.file_number_format', `VA file number "${fileNumber}" must be 7–9 digits with an optional leading C`, 'va.md §7 (vets-json-schema dist/definitions.json vaFileNumber)');
  } else if (fileNumber === null && record.person.ssn !== null && !SSN_PATTERN.test(record.person.ssn)) {
    problem('person.ssn', 'va.ssn_format', 'The SSN must be 9 digits', 'va.md §7 (vets-json-schema dist/definitions.json ssn)');
  } else if (fileNumber === null && record.person.ssn === null) {
    problem('va.vaFileNumber', 'va.identifier_required', 'VA needs the VA file number or the SSN; neither is in this record (SSNs appear only in agency exports)', 'va.md §3.2, §7');
  }
  return problems;
}

/** Problems for OJT hours logged against a work process the record does not list, in the given months. */
export function unknownProcessProblems(record: ApprenticeRecord, months: ReadonlySet<string>): RecordProblem[] {
  const known = new Set(record.workProcesses.map((process) => process.id));
  return record.ojt.approvedByMonth.flatMap((entry, index) =>
    months.has(entry.month) && !known.has(entry.workProcessId) && entry.hours > 0
      ? [
          {
            registrationId: record.registrationId,
            field: `ojt.approvedByMonth.${index}.workProcessId`,
            rule: 'va.work_process_unknown',
            message: `Hours in ${entry.month} are logged against work process ${entry.workProcessId}, which is not in the approved work process schedule`,
            source: 'va.md §3.3 (only hours in approved work processes are certified)',
          },
        ]
      : [],
  );
}
