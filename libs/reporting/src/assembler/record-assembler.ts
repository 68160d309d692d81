import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PiiCipher } from '@journeyline/apprentices/pii-cipher';
import { RecordProblem } from '../formats/report-format';
import {
  ApprenticeRecord,
  CredentialRecord,
  RECORD_VERSION,
  RegistrationStatus,
  StatusEventRecord,
  WorkProcessRecord,
} from '../record/apprentice-record';

/**
 * isVaCountable (libs/rti/src/va-countable.ts) as a SQL predicate on rti_attendance: VA counts RTI
 * only when it is paid AND inside working hours (va.md §3.3). record-assembler.integration-spec
 * checks that the SQL sums equal vaCountableHours() on the same rows.
 */
export const vaCountableSql = (alias: string): string => `(${alias}.paid AND ${alias}.during_work_hours)`;

/** The agency_crosswalk kinds, in ProgramRecord.agencyIds' terms. */
export const AGENCY_ID_KINDS = { employer: 'employer', occupation: 'occupation', rtiProvider: 'rti_provider', wageSchedule: 'wage_schedule' } as const;
export type AgencyIdKey = keyof typeof AGENCY_ID_KINDS;

export interface AssembleOptions {
  /** The reporting date: facts dated after it (hours, RTI, wages, statuses, credentials, certified months) are left out. */
  asOf: string;
  /** Decrypt SSNs into `person.ssn`; otherwise it is null. Only agency exports ask for this. */
  includeSsn: boolean;
  /** Reads through this manager (e.g. a run's snapshot transaction); otherwise in a REPEATABLE READ transaction of its own. */
  manager?: EntityManager;
  /**
   * Receives a problem for each record whose SSN cannot be decrypted; that record is left out.
   * Without it, an unreadable SSN throws.
   */
  onUnreadableSsn?: (problem: RecordProblem) => void;
}

/**
 * Builds ApprenticeRecords from the database with a fixed number of set-based queries per call
 * (nine, whatever the number of registrations), so a batch of 500 costs the same round trips as a
 * batch of 5. Records come back in the order of `registrationIds`; unknown ids are skipped.
 */
@Injectable()
export class RecordAssembler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  async assemble(registrationIds: readonly string[], options: AssembleOptions): Promise<ApprenticeRecord[]> {
    if (!registrationIds.length) return [];
    if (options.manager) return this.assembleWith(options.manager, registrationIds, options);
    // One snapshot for the nine queries, so a record never mixes two moments.
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.assembleWith(manager, registrationIds, options));
  }

  private async assembleWith(manager: EntityManager, ids: readonly string[], options: AssembleOptions): Promise<ApprenticeRecord[]> {
    const idList = [...ids];
    const { asOf } = options;
    const main: MainRow[] = await manager.query(MAIN_SQL, [idList, options.includeSsn]);
    const programOccupationIds = [...new Set(main.map((row) => row.program_occupation_id))];
    const events = groupBy<EventRow>(await manager.query(EVENTS_SQL, [idList]), 'registration_id');
    const workProcesses = groupBy<WorkProcessRow>(await manager.query(WORK_PROCESSES_SQL, [programOccupationIds]), 'program_occupation_id');
    const ojt = groupBy<OjtRow>(await manager.query(OJT_SQL, [idList, asOf]), 'registration_id');
    const rti = groupBy<RtiRow>(await manager.query(RTI_SQL, [idList, asOf]), 'registration_id');
    const courses = groupBy<CourseRow>(await manager.query(COURSES_SQL, [idList, asOf]), 'registration_id');
    const wages = groupBy<WageRow>(await manager.query(WAGES_SQL, [idList, asOf]), 'registration_id');
    const credentials = groupBy<CredentialRow>(await manager.query(CREDENTIALS_SQL, [idList, asOf]), 'registration_id');
    const certified = groupBy<CertifiedRow>(await manager.query(CERTIFIED_SQL, [idList, asOf]), 'registration_id');

    const byId = new Map(main.map((row) => [row.id, row]));
    const records: ApprenticeRecord[] = [];
    for (const id of idList) {
      const row = byId.get(id);
      if (!row) continue;
      let ssn: string | null = null;
      if (options.includeSsn && row.ssn_ciphertext) {
        try {
          ssn = this.cipher.open(row.ssn_ciphertext, row.ssn_key_id as string);
        } catch (error) {
          // The message names the key or the failed authentication, never the value.
          const message = `the SSN cannot be decrypted (${error instanceof Error ? error.message : String(error)})`;
          if (!options.onUnreadableSsn) throw new Error(`Registration ${id}: ${message}`);
          options.onUnreadableSsn({ registrationId: id, field: 'person.ssn', rule: 'record.ssn_unreadable', message, source: 'Journeyline PII key ring (PII_KEYS)' });
          continue;
        }
      }
      records.push(
        toRecord(row, ssn, asOf, {
          events: events.get(id) ?? [],
          workProcesses: workProcesses.get(row.program_occupation_id) ?? [],
          ojt: ojt.get(id) ?? [],
          rti: rti.get(id) ?? [],
          courses: courses.get(id) ?? [],
          wages: wages.get(id) ?? [],
          credentials: credentials.get(id) ?? [],
          certified: certified.get(id) ?? [],
        }),
      );
    }
    return records;
  }
}

const agencyIdColumn = (key: AgencyIdKey) =>
  `(SELECT x.external_id FROM agency_crosswalk x WHERE x.program_id = p.id AND x.kind = '${AGENCY_ID_KINDS[key]}') AS agency_${AGENCY_ID_KINDS[key]}`;

const organizationColumns = (alias: string) =>
  `${alias}.id AS ${alias}_id, ${alias}.name AS ${alias}_name, ${alias}.ein AS ${alias}_ein, ${alias}.state AS ${alias}_state,
   ${alias}.naics_code AS ${alias}_naics_code, ${alias}.county_fips AS ${alias}_county_fips`;

const MAIN_SQL = `
  SELECT r.id, r.apprentice_id, r.program_occupation_id, r.status, r.status_date::text AS status_date,
         r.start_date::text AS start_date, r.registration_date::text AS registration_date,
         r.probation_end_date::text AS probation_end_date, r.expected_completion_date::text AS expected_completion_date,
         r.employment_status, r.career_connection, r.prior_credit_text, r.prior_credit_ojt_hours, r.prior_credit_rti_hours,
         r.cancelled_during_probation, r.transferred_from_id, r.va_chapter, r.va_file_number,
         r.va_enrollment_start::text AS va_enrollment_start, r.va_enrollment_end::text AS va_enrollment_end,
         a.first_name, a.middle_name, a.last_name, a.suffix, a.date_of_birth::text AS date_of_birth, a.email, a.phone,
         a.street_address, a.city, a.state AS address_state, a.zip_code, a.sex, a.ethnicity, a.races, a.veteran_status,
         a.disability, a.education, a.prior_wage_cents::text AS prior_wage_cents, a.prior_wage_unit,
         CASE WHEN $2::boolean THEN a.ssn_ciphertext END AS ssn_ciphertext,
         CASE WHEN $2::boolean THEN a.ssn_key_id END AS ssn_key_id,
         ${organizationColumns('s')}, ${organizationColumns('e')},
         p.id AS program_id, p.name AS program_name, p.program_number, p.state AS program_state, p.registration_agency,
         pv.version AS standards_version, pv.effective_date::text AS standards_effective_date,
         o.rapids_code, o.onet_soc_code, o.title AS occupation_title,
         po.approach, po.ojt_term_hours, po.term_months, po.rti_hours_per_year, po.rti_paid, po.probation_months,
         po.journeyworker_rate_cents::text AS journeyworker_rate_cents, po.va_facility_code, po.va_approved_program_name,
         ${(Object.keys(AGENCY_ID_KINDS) as AgencyIdKey[]).map(agencyIdColumn).join(', ')}
    FROM registrations r
    JOIN apprentices a ON a.id = r.apprentice_id
    JOIN organizations s ON s.id = r.sponsor_id
    JOIN organizations e ON e.id = r.employer_id
    JOIN programs p ON p.id = r.program_id
    JOIN program_occupations po ON po.id = r.program_occupation_id
    JOIN program_versions pv ON pv.id = po.program_version_id
    JOIN occupations o ON o.id = po.occupation_id
   WHERE r.id = ANY($1::uuid[])`;

// Every event: the ones after asOf are needed to tell the status in force on asOf.
const EVENTS_SQL = `
  SELECT registration_id, from_status, to_status, effective_date::text AS effective_date, reason, during_probation
    FROM registration_status_events WHERE registration_id = ANY($1::uuid[]) ORDER BY registration_id, id`;

const WORK_PROCESSES_SQL = `
  SELECT program_occupation_id, id, title, min_hours, max_hours
    FROM work_processes WHERE program_occupation_id = ANY($1::uuid[]) ORDER BY program_occupation_id, position`;

const OJT_SQL = `
  SELECT h.registration_id, to_char(h.work_date, 'YYYY-MM') AS month, h.work_process_id, sum(h.hours)::text AS hours
    FROM ojt_hour_entries h
   WHERE h.registration_id = ANY($1::uuid[]) AND h.status = 'approved' AND h.work_date <= $2::date
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

const RTI_SQL = `
  SELECT t.registration_id, to_char(t.session_date, 'YYYY-MM') AS month, sum(t.hours)::text AS hours,
         coalesce(sum(t.hours) FILTER (WHERE ${vaCountableSql('t')}), 0)::text AS va_countable_hours
    FROM rti_attendance t
   WHERE t.registration_id = ANY($1::uuid[]) AND t.session_date <= $2::date
   GROUP BY 1, 2 ORDER BY 1, 2`;

// A course completed after asOf reads as still enrolled on asOf.
const COURSES_SQL = `
  SELECT en.registration_id, c.title, prov.name AS provider,
         CASE WHEN en.completed_on > $2::date THEN 'enrolled' ELSE en.status END AS status,
         CASE WHEN en.completed_on > $2::date THEN NULL ELSE en.grade END AS grade,
         CASE WHEN en.completed_on <= $2::date THEN en.completed_on::text END AS completed_on
    FROM rti_enrollments en
    JOIN rti_courses c ON c.id = en.course_id
    JOIN organizations prov ON prov.id = c.provider_id
   WHERE en.registration_id = ANY($1::uuid[]) AND en.enrolled_on <= $2::date
   ORDER BY en.registration_id, en.enrolled_on, c.title, en.id`;

const WAGES_SQL = `
  SELECT registration_id, step, rate_cents::text AS rate_cents, effective_date::text AS effective_date, trigger
    FROM wage_history WHERE registration_id = ANY($1::uuid[]) AND effective_date <= $2::date
   ORDER BY registration_id, effective_date, step`;

const CREDENTIALS_SQL = `
  SELECT registration_id, name, earned_on::text AS earned_on
    FROM interim_credentials WHERE registration_id = ANY($1::uuid[]) AND earned_on <= $2::date
   ORDER BY registration_id, earned_on, name, id`;

const CERTIFIED_SQL = `
  SELECT registration_id, to_char(month, 'YYYY-MM') AS month
    FROM va_month_certifications WHERE registration_id = ANY($1::uuid[]) AND month <= $2::date
   ORDER BY registration_id, month`;

/** The number of statements one assemble() sends (the transaction's BEGIN/COMMIT aside). */
export const ASSEMBLER_QUERIES_PER_BATCH = 9;

interface OrganizationColumns {
  s_id: string;
  s_name: string;
  s_ein: string | null;
  s_state: string | null;
  s_naics_code: string | null;
  s_county_fips: string | null;
  e_id: string;
  e_name: string;
  e_ein: string | null;
  e_state: string | null;
  e_naics_code: string | null;
  e_county_fips: string | null;
}

interface MainRow extends OrganizationColumns {
  id: string;
  apprentice_id: string;
  program_occupation_id: string;
  status: RegistrationStatus;
  status_date: string;
  start_date: string;
  registration_date: string | null;
  probation_end_date: string;
  expected_completion_date: string;
  employment_status: ApprenticeRecord['agreement']['employmentStatus'];
  career_connection: ApprenticeRecord['agreement']['careerConnection'];
  prior_credit_text: string | null;
  prior_credit_ojt_hours: number;
  prior_credit_rti_hours: number;
  cancelled_during_probation: boolean;
  transferred_from_id: string | null;
  va_chapter: NonNullable<ApprenticeRecord['va']>['chapter'] | null;
  va_file_number: string | null;
  va_enrollment_start: string | null;
  va_enrollment_end: string | null;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  suffix: ApprenticeRecord['person']['suffix'];
  date_of_birth: string;
  email: string | null;
  phone: string | null;
  street_address: string | null;
  city: string | null;
  address_state: string | null;
  zip_code: string | null;
  sex: ApprenticeRecord['person']['demographics']['sex'];
  ethnicity: ApprenticeRecord['person']['demographics']['ethnicity'];
  races: ApprenticeRecord['person']['demographics']['races'];
  veteran_status: ApprenticeRecord['person']['demographics']['veteranStatus'];
  disability: ApprenticeRecord['person']['demographics']['disability'];
  education: ApprenticeRecord['person']['demographics']['education'];
  prior_wage_cents: string | null;
  prior_wage_unit: ApprenticeRecord['person']['priorWage']['unit'];
  ssn_ciphertext: Buffer | null;
  ssn_key_id: string | null;
  program_id: string;
  program_name: string;
  program_number: string | null;
  program_state: string;
  registration_agency: 'OA' | 'SAA';
  standards_version: number;
  standards_effective_date: string;
  rapids_code: string;
  onet_soc_code: string | null;
  occupation_title: string;
  approach: ApprenticeRecord['occupation']['approach'];
  ojt_term_hours: number;
  term_months: number;
  rti_hours_per_year: number;
  rti_paid: boolean;
  probation_months: number;
  journeyworker_rate_cents: string;
  va_facility_code: string | null;
  va_approved_program_name: string | null;
  agency_employer: string | null;
  agency_occupation: string | null;
  agency_rti_provider: string | null;
  agency_wage_schedule: string | null;
}

interface EventRow {
  registration_id: string;
  from_status: RegistrationStatus | null;
  to_status: RegistrationStatus;
  effective_date: string;
  reason: string;
  during_probation: boolean;
}

interface WorkProcessRow {
  program_occupation_id: string;
  id: string;
  title: string;
  min_hours: number;
  max_hours: number;
}

interface OjtRow {
  registration_id: string;
  month: string;
  work_process_id: string;
  hours: string;
}

interface RtiRow {
  registration_id: string;
  month: string;
  hours: string;
  va_countable_hours: string;
}

interface CourseRow {
  registration_id: string;
  title: string;
  provider: string;
  status: 'enrolled' | 'completed' | 'withdrawn';
  grade: string | null;
  completed_on: string | null;
}

interface WageRow {
  registration_id: string;
  step: number;
  rate_cents: string;
  effective_date: string;
  trigger: ApprenticeRecord['wages']['history'][number]['trigger'];
}

interface CredentialRow {
  registration_id: string;
  name: string;
  earned_on: string;
}

interface CertifiedRow {
  registration_id: string;
  month: string;
}

interface Related {
  events: EventRow[];
  workProcesses: WorkProcessRow[];
  ojt: OjtRow[];
  rti: RtiRow[];
  courses: CourseRow[];
  wages: WageRow[];
  credentials: CredentialRow[];
  certified: CertifiedRow[];
}

function toRecord(row: MainRow, ssn: string | null, asOf: string, related: Related): ApprenticeRecord {
  const history: StatusEventRecord[] = [];
  let firstLater: EventRow | undefined;
  for (const event of related.events) {
    if (event.effective_date > asOf) {
      firstLater ??= event;
      continue;
    }
    history.push({
      fromStatus: event.from_status,
      toStatus: event.to_status,
      effectiveDate: event.effective_date,
      reason: event.reason,
      duringProbation: event.during_probation,
    });
  }
  // With changes dated after asOf left out, the status is the one in force on asOf.
  const status = firstLater ? (firstLater.from_status ?? row.status) : row.status;
  const statusDate = firstLater ? (history[history.length - 1]?.effectiveDate ?? row.start_date) : row.status_date;

  return {
    recordVersion: RECORD_VERSION,
    registrationId: row.id,
    person: {
      apprenticeId: row.apprentice_id,
      firstName: row.first_name,
      middleName: row.middle_name,
      lastName: row.last_name,
      suffix: row.suffix,
      dateOfBirth: row.date_of_birth,
      ssn,
      email: row.email,
      phone: row.phone,
      address: { street: row.street_address, city: row.city, state: row.address_state, zip: row.zip_code },
      demographics: {
        sex: row.sex,
        ethnicity: row.ethnicity,
        races: row.races,
        veteranStatus: row.veteran_status,
        disability: row.disability,
        education: row.education,
      },
      priorWage: { amountCents: row.prior_wage_cents === null ? null : Number(row.prior_wage_cents), unit: row.prior_wage_unit },
    },
    sponsor: organization(row, 's'),
    employer: organization(row, 'e'),
    program: {
      id: row.program_id,
      name: row.program_name,
      programNumber: row.program_number,
      state: row.program_state,
      registrationAgency: row.registration_agency,
      standardsVersion: row.standards_version,
      standardsEffectiveDate: row.standards_effective_date,
      agencyIds: {
        employer: row.agency_employer,
        occupation: row.agency_occupation,
        rtiProvider: row.agency_rti_provider,
        wageSchedule: row.agency_wage_schedule,
      },
    },
    occupation: {
      rapidsCode: row.rapids_code,
      onetSocCode: row.onet_soc_code,
      title: row.occupation_title,
      approach: row.approach,
      ojtTermHours: row.ojt_term_hours,
      termMonths: row.term_months,
      rtiHoursPerYear: row.rti_hours_per_year,
      rtiPaid: row.rti_paid,
      probationMonths: row.probation_months,
    },
    agreement: {
      status,
      statusDate,
      startDate: row.start_date,
      registrationDate: row.registration_date,
      probationEndDate: row.probation_end_date,
      expectedCompletionDate: row.expected_completion_date,
      employmentStatus: row.employment_status,
      careerConnection: row.career_connection,
      priorCredit: { description: row.prior_credit_text, ojtHours: row.prior_credit_ojt_hours, rtiHours: row.prior_credit_rti_hours },
      cancelledDuringProbation: status === 'cancelled' && row.cancelled_during_probation,
      transferredFromRegistrationId: row.transferred_from_id,
      statusHistory: history,
    },
    workProcesses: related.workProcesses.map(
      (process): WorkProcessRecord => ({ id: process.id, title: process.title, minHours: process.min_hours, maxHours: process.max_hours }),
    ),
    ojt: {
      approvedByMonth: related.ojt.map((entry) => ({ month: entry.month, workProcessId: entry.work_process_id, hours: Number(entry.hours) })),
    },
    rti: {
      priorCreditHours: row.prior_credit_rti_hours,
      byMonth: related.rti.map((entry) => ({ month: entry.month, hours: Number(entry.hours), vaCountableHours: Number(entry.va_countable_hours) })),
      courses: related.courses.map((course) => ({
        title: course.title,
        provider: course.provider,
        status: course.status,
        grade: course.grade,
        completedOn: course.completed_on,
      })),
    },
    wages: {
      journeyworkerRateCents: Number(row.journeyworker_rate_cents),
      history: related.wages.map((wage) => ({
        step: wage.step,
        rateCents: Number(wage.rate_cents),
        effectiveDate: wage.effective_date,
        trigger: wage.trigger,
      })),
    },
    credentials: related.credentials.map((credential): CredentialRecord => ({ name: credential.name, earnedOn: credential.earned_on })),
    va: row.va_chapter
      ? {
          chapter: row.va_chapter,
          vaFileNumber: row.va_file_number,
          facilityCode: row.va_facility_code,
          approvedProgramName: row.va_approved_program_name,
          enrollmentStart: row.va_enrollment_start,
          enrollmentEnd: row.va_enrollment_end,
          certifiedMonths: related.certified.map((certified) => certified.month),
        }
      : null,
  };
}

function organization(row: OrganizationColumns, prefix: 's' | 'e'): ApprenticeRecord['sponsor'] {
  return {
    id: row[`${prefix}_id`],
    name: row[`${prefix}_name`],
    ein: row[`${prefix}_ein`],
    state: row[`${prefix}_state`],
    naicsCode: row[`${prefix}_naics_code`],
    countyFips: row[`${prefix}_county_fips`],
  };
}

function groupBy<T extends object>(rows: T[], key: keyof T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const value = String(row[key]);
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}
