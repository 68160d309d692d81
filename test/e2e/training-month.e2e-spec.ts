import { seedDemo } from '../../apps/cli/src/seed-demo';
import { Clock } from '@journeyline/common/clock';
import { addDays, daysBetween, isWeekday } from '@journeyline/common/dates';
import { startTestApi, TestApi } from '../support/test-api';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { waitFor } from '../support/wait-for';

/**
 * The demo tried as its users would, through the api with the worker running: Maria Lopez (880
 * approved hours from her first months, seed-demo.ts) logs last month's working days, her
 * supervisor approves them, the worker applies the wage step they cross, and her sponsor imports a
 * timesheet with bad rows. Every figure is checked against a calculation by hand.
 */
describe('a month of training (e2e, api and worker)', () => {
  let api: TestApi;
  let worker: TestWorker;
  let today: string;
  let maria: string;
  let supervisor: string;
  let sponsorAdmin: string;
  let registrationId: string;
  let residentialWiring: string;

  const ask = async <T = any>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> => {
    const result = await api.gql<T>(query, variables, token);
    if (result.errors?.length || !result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };

  /** Monday to Friday of the month before today's. */
  const lastMonthsWorkdays = (): string[] => {
    const first = `${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
    const days: string[] = [];
    for (let day = first; day < `${today.slice(0, 7)}-01`; day = addDays(day, 1)) {
      if (isWeekday(day)) days.push(day);
    }
    return days;
  };

  beforeAll(async () => {
    api = await startTestApi();
    await seedDemo(api.app);
    today = api.app.get(Clock).today();
    worker = await startTestWorker(api.database.url, 'training-month');
    maria = await api.login('apprentice@greatlakes-jatc.test');
    supervisor = await api.login('supervisor@greatlakes-jatc.test');
    sponsorAdmin = await api.login('admin@greatlakes-jatc.test');
    const { registrations } = await ask(maria, `{ registrations(first: 5) { nodes { id progress { byWorkProcess { workProcess { id title } } } } } }`);
    registrationId = registrations.nodes[0].id;
    residentialWiring = registrations.nodes[0].progress.byWorkProcess.find(
      (row: { workProcess: { title: string } }) => row.workProcess.title === 'Residential wiring',
    ).workProcess.id;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('logs, submits and approves a month of hours, crossing the second wage step, with progress and alerts as calculated', async () => {
    const days = lastMonthsWorkdays();
    const logged = await ask(
      maria,
      `mutation($input: LogOjtHoursBatchInput!) { logOjtHoursBatch(input: $input) { entries { id status } duplicateIndexes warnings { rule } } }`,
      {
        input: {
          submit: true,
          entries: days.map((workDate) => ({ registrationId, workDate, hours: 8, workProcessId: residentialWiring, idempotencyKey: `month-${workDate}` })),
        },
      },
    );
    expect(logged.logOjtHoursBatch.entries.every((entry: { status: string }) => entry.status === 'SUBMITTED')).toBe(true);
    expect(logged.logOjtHoursBatch.duplicateIndexes).toEqual([]);

    const { pendingApprovals } = await ask(supervisor, `{ pendingApprovals(first: 100) { nodes { id } } }`);
    expect(pendingApprovals.nodes).toHaveLength(days.length);
    await ask(supervisor, `mutation($ids: [ID!]!) { approveOjtHours(entryIds: $ids) { id } }`, {
      ids: pendingApprovals.nodes.map((node: { id: string }) => node.id),
    });

    // 880 hours before; the 15th working day brings her to 1,000, the second step: 55% of $42.00.
    const wageHistory = await waitFor('the second wage step', async () => {
      const { wageHistory: rows } = await ask(
        sponsorAdmin,
        `query($id: ID!) { wageHistory(registrationId: $id) { step rate percentOfJourneyworker trigger effectiveDate hoursAtTrigger } }`,
        { id: registrationId },
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(wageHistory[1]).toEqual({
      step: 2,
      rate: '23.10',
      percentOfJourneyworker: '55.00',
      trigger: 'HOURS_REACHED',
      effectiveDate: days[14],
      hoursAtTrigger: 1000,
    });

    const total = 880 + 8 * days.length;
    const { registration } = await ask(
      maria,
      `query($id: ID!) { registration(id: $id) { progress { approvedOjtHours pendingOjtHours percentOfTerm approvedHoursLast90Days
         projectedCompletionDate byWorkProcess { workProcess { title } approvedHours remainingToMin } } } }`,
      { id: registrationId },
    );
    const recent = 8 * days.length;
    expect(registration.progress).toMatchObject({
      approvedOjtHours: total,
      pendingOjtHours: 0,
      percentOfTerm: ((total / 8000) * 100).toFixed(1),
      approvedHoursLast90Days: recent,
      projectedCompletionDate: addDays(today, Math.ceil(((8000 - total) * 90) / recent)),
    });
    expect(registration.progress.byWorkProcess.slice(0, 2)).toEqual([
      { workProcess: { title: 'Orientation, safety and tools' }, approvedHours: 480, remainingToMin: 20 },
      { workProcess: { title: 'Residential wiring' }, approvedHours: 400 + recent, remainingToMin: 1500 - 400 - recent },
    ]);

    // The worker refreshed her alerts: before, nothing since her first months; now "no hours
    // logged" only once 14 days (the demo threshold) have passed since the last working day.
    const lastDay = days[days.length - 1];
    const quiet = daysBetween(lastDay, today);
    const expected = quiet >= 14 ? [`No OJT hours logged since ${lastDay} (${quiet} days)`] : [];
    const open = await waitFor('her alerts refreshed after the approval', async () => {
      const { complianceAlerts } = await ask(
        sponsorAdmin,
        `query($id: ID!) { complianceAlerts(first: 20, registrationId: $id, kind: NO_HOURS_LOGGED) { nodes { message } } }`,
        { id: registrationId },
      );
      const messages = complianceAlerts.nodes.map((alert: { message: string }) => alert.message);
      return JSON.stringify(messages) === JSON.stringify(expected) ? messages : undefined;
    });
    expect(open).toEqual(expected);
  });

  it('imports a timesheet with bad rows: every bad row by line and reason, the good ones awaiting approval', async () => {
    // 100 to 106 days back: after her first months and before last month, so no hours yet.
    const day = (back: number) => addDays(today, -back);
    const [y, m, d] = day(103).split('-');
    const csv = [
      'Employee,Registration_ID,Work_Date,Hours,Work_Process,Note',
      `Maria Lopez,${registrationId},${day(102)},8,Residential wiring,`,
      `Maria Lopez,${registrationId},${m}/${d}/${y},7.5,Residential wiring,US date`,
      `Maria Lopez,${registrationId},${day(104)},7.3,Residential wiring,not a quarter hour`,
      `Maria Lopez,${registrationId},${addDays(today, 3)},8,Residential wiring,future`,
      `Maria Lopez,${registrationId},${day(105)},8,Plumbing,unknown work process`,
      `Maria Lopez,,${day(106)},8,Residential wiring,no agreement`,
      `Maria Lopez,${registrationId},${day(102)},17,Residential wiring,past the daily maximum`,
    ].join('\n');
    const { importOjtHours } = await ask(
      sponsorAdmin,
      `mutation($input: ImportOjtHoursInput!) { importOjtHours(input: $input) { status totalRows importedRows errorRows errors(first: 20) { line field reason } } }`,
      { input: { fileName: 'timesheet.csv', mode: 'VALID_ROWS', contentBase64: Buffer.from(csv).toString('base64') } },
    );
    expect(importOjtHours).toMatchObject({ status: 'IMPORTED', totalRows: 7, importedRows: 1, errorRows: 6 });
    expect(importOjtHours.errors).toEqual([
      { line: 2, field: 'hours', reason: expect.stringContaining(`OJT and RTI hours on ${day(102)} to 25`) },
      { line: 4, field: 'hours', reason: 'must be in quarter hours (0.25 steps)' },
      { line: 5, field: 'work_date', reason: 'must not be in the future' },
      { line: 6, field: 'work_process', reason: "is neither the id nor the exact title of a work process of the registration's occupation" },
      { line: 7, field: 'registration_id', reason: 'is required' },
      { line: 8, field: 'hours', reason: expect.stringContaining(`OJT and RTI hours on ${day(102)} to 25`) },
    ]);
    const { registration } = await ask(maria, `query($id: ID!) { registration(id: $id) { progress { pendingOjtHours } } }`, { id: registrationId });
    expect(registration.progress.pendingOjtHours).toBe(7.5);
  });
});
