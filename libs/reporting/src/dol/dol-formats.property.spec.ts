import { addDays } from '@journeyline/common/dates';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { FIXTURES } from '../fixtures/records';
import { MapContext } from '../formats/report-format';
import { ApprenticeRecord, RegistrationStatus, StatusEventRecord } from '../record/apprentice-record';
import { inPeriod, ojtTotals } from '../record/record-queries';
import { validateRecords } from '../record/record-validator';
import { runFormat } from '../writers/run-format';
import { pirlFormat } from './pirl';
import { RAPIDS_UPLOAD_SCHEMA_PATCHED } from './rapids-table-schema';
import { rapidsUploadFormat } from './rapids-upload';
import { statusChangesFormat } from './status-changes';
import { validateTable } from './table-schema-validator';

const day = (from: string, max: number) => fc.integer({ min: 0, max }).map((offset) => addDays(from, offset));
const quarterHours = (max: number) => fc.integer({ min: 0, max: max * 4 }).map((quarters) => quarters / 4);
const text = (maxLength: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength });
/** Usually `usual`, now and then `rare` (e.g. text too long for the upload), so both paths get exercised. */
const mostly = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 9 }, { arbitrary: rare, weight: 1 });
const name = mostly(text(40), text(70));
/** Null about one time in twenty, so most records have everything an export needs. */
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 20 });
const STATUSES: RegistrationStatus[] = ['registered', 'suspended', 'reinstated', 'completed', 'cancelled', 'transferred'];
const WORK_PROCESS_IDS = FIXTURES.obrien.workProcesses.map((process) => process.id);

/** Schema-valid records around the fixture shape, with free-form names, addresses, demographics, credit, wages and histories. */
const recordArbitrary: fc.Arbitrary<Omit<ApprenticeRecord, 'registrationId'> & { hasSsn: boolean }> = fc
  .record({
    firstName: name,
    middleName: nullable(name),
    lastName: name,
    suffix: fc.constantFrom('I', 'II', 'III', 'Jr.', 'Sr.', null),
    dateOfBirth: day('1950-01-01', 365 * 60),
    hasSsn: fc.boolean(),
    email: nullable(fc.emailAddress()),
    phone: nullable(text(20)),
    street: nullable(name),
    city: nullable(name),
    state: nullable(fc.constantFrom('MI', 'CA', 'TX', 'PR')),
    zip: nullable(fc.stringMatching(/^[0-9]{5}(-[0-9]{4})?$/)),
    sex: fc.constantFrom('female', 'male', 'not_self_identified'),
    ethnicity: fc.constantFrom('hispanic_latino', 'not_hispanic_latino', 'not_self_identified'),
    races: fc.oneof(
      fc.constant(['not_self_identified']),
      fc.subarray(['american_indian_alaska_native', 'asian', 'black_african_american', 'native_hawaiian_pacific_islander', 'white'], { minLength: 1 }),
    ),
    veteranStatus: fc.constantFrom('veteran', 'non_veteran', 'non_veteran_other_eligible', 'veteran_eligible', 'not_self_identified'),
    disability: fc.constantFrom('yes', 'no', 'not_self_identified'),
    education: fc.constantFrom('not_hs_graduate', 'hs_graduate', 'some_college_or_associate', 'bachelor', 'master', 'doctorate_or_professional', 'not_self_identified'),
    priorCents: nullable(fc.integer({ min: 0, max: 20_000_000 })),
    priorUnit: fc.constantFrom('hourly', 'weekly', 'monthly', 'quarterly', 'semi_annually', 'annually'),
    programNumber: nullable(fc.constantFrom('2024-MI-136422', 'XD098680001', 'CA_10230-925')),
    agencyIds: fc.record({ employer: nullable(text(12)), occupation: nullable(text(12)), rtiProvider: nullable(text(12)), wageSchedule: nullable(text(12)) }),
    standardsLead: mostly(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: -30, max: -1 })),
    onetSocCode: nullable(fc.constantFrom('47-2111.00', '15-1232.00')),
    startDate: day('2020-01-01', 365 * 6),
    employmentStatus: fc.constantFrom('new_employee', 'existing_employee'),
    careerConnection: nullable(fc.constantFrom('pre_apprenticeship', 'job_corps', 'none', 'school_to_registered_apprenticeship')),
    credit: fc.record({
      description: nullable(mostly(text(100), text(300))),
      ojtHours: quarterHours(4000),
      rtiHours: mostly(fc.integer({ min: 0, max: 400 }), quarterHours(400)),
    }),
    events: fc.array(
      fc.record({
        status: fc.constantFrom(...STATUSES),
        after: fc.integer({ min: 0, max: 400 }),
        reason: mostly(text(40), fc.constant('')),
        duringProbation: fc.boolean(),
      }),
      { maxLength: 5 },
    ),
    wages: mostly(
      fc.array(fc.record({ rateCents: fc.integer({ min: 725, max: 9000 }), after: fc.integer({ min: 0, max: 500 }) }), { minLength: 1, maxLength: 4 }),
      fc.constant<Array<{ rateCents: number; after: number }>>([]),
    ),
    ojt: fc.array(fc.record({ month: day('2020-01-01', 365 * 7).map((date) => date.slice(0, 7)), workProcessId: fc.constantFrom(...WORK_PROCESS_IDS), hours: quarterHours(200) }), {
      maxLength: 12,
    }),
  })
  .map((draw) => {
    const base = FIXTURES.obrien;
    let date = draw.startDate;
    const statusHistory: StatusEventRecord[] = [{ fromStatus: null, toStatus: 'pending', effectiveDate: date, reason: 'Agreement signed', duringProbation: true }];
    for (const next of draw.events) {
      date = addDays(date, next.after);
      statusHistory.push({ fromStatus: statusHistory[statusHistory.length - 1].toStatus, toStatus: next.status, effectiveDate: date, reason: next.reason, duringProbation: next.duringProbation });
    }
    let wageDate = draw.startDate;
    const history = draw.wages.map((step, index) => {
      wageDate = addDays(wageDate, index === 0 ? 0 : step.after);
      return { step: index + 1, rateCents: step.rateCents, effectiveDate: wageDate, trigger: index === 0 ? ('entry' as const) : ('hours_reached' as const) };
    });
    const last = statusHistory[statusHistory.length - 1];
    return {
      ...base,
      hasSsn: draw.hasSsn,
      person: {
        ...base.person,
        firstName: draw.firstName,
        middleName: draw.middleName,
        lastName: draw.lastName,
        suffix: draw.suffix,
        dateOfBirth: draw.dateOfBirth,
        email: draw.email,
        phone: draw.phone,
        address: { street: draw.street, city: draw.city, state: draw.state, zip: draw.zip },
        demographics: {
          sex: draw.sex,
          ethnicity: draw.ethnicity,
          races: draw.races,
          veteranStatus: draw.veteranStatus,
          disability: draw.disability,
          education: draw.education,
        },
        priorWage: { amountCents: draw.priorCents, unit: draw.priorUnit },
      },
      program: { ...base.program, programNumber: draw.programNumber, agencyIds: draw.agencyIds, standardsEffectiveDate: addDays(draw.startDate, -draw.standardsLead) },
      occupation: { ...base.occupation, onetSocCode: draw.onetSocCode },
      agreement: {
        ...base.agreement,
        status: last.toStatus,
        statusDate: last.effectiveDate,
        startDate: draw.startDate,
        employmentStatus: draw.employmentStatus,
        careerConnection: draw.careerConnection,
        priorCredit: draw.credit,
        statusHistory,
      },
      ojt: { approvedByMonth: draw.ojt },
      wages: { ...base.wages, history },
    } as Omit<ApprenticeRecord, 'registrationId'> & { hasSsn: boolean };
  });

/** Distinct registration ids and SSNs (the upload's SSN column is unique). */
const recordsArbitrary = fc.array(recordArbitrary, { minLength: 2, maxLength: 8 }).map((drafts) =>
  drafts.map(({ hasSsn, ...draft }, index): ApprenticeRecord => ({
    ...draft,
    registrationId: `reg-${index}`,
    person: { ...draft.person, apprenticeId: `appr-${index}`, ssn: hasSsn ? `9${String(index).padStart(8, '0')}` : null },
  })),
);

/** A reporting month around a start date (or any status date) of the records, so that the period usually holds some activity. */
function monthContext(records: readonly ApprenticeRecord[], anchorOn: 'start' | 'status', pick: number, shift: number): MapContext {
  const dates = records.flatMap((record) => (anchorOn === 'start' ? [record.agreement.startDate] : record.agreement.statusHistory.map((event) => event.effectiveDate)));
  const anchor = addDays(dates[pick % dates.length], shift);
  const [year, month] = anchor.split('-').map(Number);
  const start = `${anchor.slice(0, 7)}-01`;
  const end = addDays(`${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-01`, -1);
  return { asOf: addDays(end, 5), period: { start, end }, options: { 'pirl.trainingTypeCode': '09' } };
}

const runArbitrary = (anchorOn: 'start' | 'status') =>
  fc
    .tuple(recordsArbitrary, fc.nat(), fc.constantFrom(0, 0, 0, 0, 30, 200, 700))
    .map(([records, pick, shift]) => ({ records, context: monthContext(records, anchorOn, pick, shift) }));

describe('DOL formats on arbitrary valid records', () => {
  it('generates records the ApprenticeRecord schema accepts', () => {
    fc.assert(fc.property(recordsArbitrary, (records) => expect(validateRecords(JSON.parse(JSON.stringify(records))).problems).toEqual([])), { numRuns: 50 });
  });

  it('RAPIDS upload: each applicable record gives one row that passes the table schema, or problems; never a throw', async () => {
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(runArbitrary('start'), async ({ records, context }) => {
        const run = await runFormat(rapidsUploadFormat, records, context, ['csv']);
        rows += run.rows.length;
        expect(run.problems.filter((problem) => problem.rule === 'format.mapping_failed')).toEqual([]);
        const failed = new Set(run.problems.map((problem) => problem.registrationId));
        expect(run.rows.length + failed.size).toBe(run.applicable);
        expect(validateTable(RAPIDS_UPLOAD_SCHEMA_PATCHED, parse(run.artifacts.csv!, { relax_column_count: true }))).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // The property is not vacuous: many generated records do reach the file.
    expect(rows).toBeGreaterThan(30);
  });

  it('status changes: one row per in-period event past pending, for every record without problems', async () => {
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(runArbitrary('status'), async ({ records, context }) => {
        const run = await runFormat(statusChangesFormat, records, context, ['csv']);
        rows += run.rows.length;
        expect(run.problems.filter((problem) => problem.rule === 'format.mapping_failed')).toEqual([]);
        const failed = new Set(run.problems.map((problem) => problem.registrationId));
        const expected = records
          .filter((record) => !failed.has(record.registrationId))
          .flatMap((record) => record.agreement.statusHistory.filter((event) => event.toStatus !== 'pending' && inPeriod(event.effectiveDate, context.period)));
        expect(run.rows).toHaveLength(expected.length);
        expect(parse(run.artifacts.csv!)).toHaveLength(expected.length + 1);
      }),
      { numRuns: 200 },
    );
    expect(rows).toBeGreaterThan(30);
  });

  it('PIRL: never throws, and every row carries a 12-character identifier and 8-digit dates', async () => {
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(runArbitrary('status'), async ({ records, context }) => {
        const run = await runFormat(pirlFormat, records, context, ['json']);
        rows += run.rows.length;
        expect(run.problems.filter((problem) => problem.rule === 'format.mapping_failed')).toEqual([]);
        for (const row of run.rows) {
          expect(row['100 Unique Individual Identifier']).toMatch(/^[0-9A-F]{12}$/);
          expect(row['200 Date of Birth']).toMatch(/^[0-9]{8}$/);
          expect(row['900 Date of Program Entry']! <= context.period.end.replace(/-/g, '')).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
    expect(rows).toBeGreaterThan(30);
  });

  it('OJT totals by work process add up to the sum over the months, and to-date totals never exceed them', () => {
    fc.assert(
      fc.property(recordArbitrary, fc.integer({ min: 0, max: 12 * 7 }), (draft, offset) => {
        const record = { ...draft, registrationId: 'reg' };
        const totals = ojtTotals(record);
        const monthly = record.ojt.approvedByMonth.reduce((sum, entry) => sum + entry.hours, 0);
        expect(totals.total).toBe(monthly);
        expect(Object.values(totals.byWorkProcess).reduce((sum, hours) => sum + hours, 0)).toBe(monthly);
        const month = addDays('2020-01-01', offset * 31).slice(0, 7);
        const toDate = ojtTotals(record, month).total;
        const later = record.ojt.approvedByMonth.filter((entry) => entry.month > month).reduce((sum, entry) => sum + entry.hours, 0);
        expect(toDate + later).toBe(monthly);
      }),
    );
  });
});
