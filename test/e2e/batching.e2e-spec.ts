import { addDays } from '@journeyline/common/dates';
import { QueryCounter } from '@journeyline/database/query-counter';
import { bootDemoWorld, DemoEmail, DemoWorld, validOccupationStandards } from '../support/e2e-demo-world';
import { addTrainingRecords } from '../support/e2e-training-records';

/**
 * No N+1 over HTTP: a deep query costs the same number of SQL statements for a page of 2 as for a
 * page of 10. The api runs in this process, so QueryCounter sees every statement it sends.
 */

const PROGRAMS = `query($first: Int!) {
  programs(first: $first) {
    nodes {
      id
      sponsor { id name }
      versions {
        id
        occupations { id occupation { id title } workProcesses { id title } wageSchedule { step rate } }
      }
    }
  }
}`;

// Transferred agreements only: each one's apprentice has a second agreement (the one the transfer
// opened) that is never on the page, so the nested statusHistory always needs a batch of its own.
// On an unfiltered page that second batch depends on which rows land on it, not on the page size.
const REGISTRATIONS = `query($first: Int!) {
  registrations(first: $first, status: TRANSFERRED) {
    nodes {
      id
      apprentice { id registrations { id statusHistory { toStatus } } }
      sponsor { id }
      employer { id }
      statusHistory { toStatus }
      programOccupation { id occupation { id title } wageSchedule { step rate } }
    }
  }
}`;

const APPRENTICES = `query($first: Int!) {
  apprentices(first: $first) {
    nodes {
      id
      registrations { id sponsor { id } statusHistory { toStatus } programOccupation { occupation { title } workProcesses { id } } }
    }
  }
}`;

// Training records: progress of each agreement on the page (transferred ones, as above: one state,
// so the rule book is read once at any size), and the work process of each OJT entry.
const PROGRESS = `query($first: Int!) {
  registrations(first: $first, status: TRANSFERRED) {
    nodes { id progress { registrationId approvedOjtHours byWorkProcess { approvedHours workProcess { id title } } } }
  }
}`;

const OJT_HOUR_ENTRIES = `query($first: Int!) {
  ojtHourEntries(first: $first) { nodes { id workProcess { id title } } }
}`;

/** One agreement's enrollments: the list has no page size, so agreements with 2 and 10 enrollments are compared. */
const RTI_ENROLLMENTS = `query($id: ID!) {
  rtiEnrollments(registrationId: $id) { id course { id title provider { id name } } attendance { id hours } }
}`;

type Node = Record<string, any>;

/** Every nested list the query asks for is filled for every node, so each loader has work at every size. */
const FILLED: Record<string, (node: Node) => boolean> = {
  programs: (program) =>
    !!program.sponsor &&
    program.versions.length > 0 &&
    program.versions.every((version: Node) =>
      version.occupations.length > 0 &&
      version.occupations.every((occupation: Node) => occupation.workProcesses.length > 0 && occupation.wageSchedule.length > 0),
    ),
  registrations: (registration) =>
    registration.apprentice.registrations.length === 2 &&
    registration.apprentice.registrations.every((other: Node) => other.statusHistory.length > 0) &&
    registration.statusHistory.length > 0 &&
    !!registration.employer &&
    registration.programOccupation.wageSchedule.length > 0,
  apprentices: (apprentice) =>
    apprentice.registrations.length > 0 &&
    apprentice.registrations.every(
      (registration: Node) => registration.statusHistory.length > 0 && registration.programOccupation.workProcesses.length > 0,
    ),
  progress: (registration) =>
    registration.progress.registrationId === registration.id &&
    registration.progress.byWorkProcess.length > 0 &&
    registration.progress.byWorkProcess.every((line: Node) => !!line.workProcess.id),
  ojtHourEntries: (entry) => !!entry.workProcess.id && !!entry.workProcess.title,
  rtiEnrollments: (enrollment) => !!enrollment.course.provider.name && enrollment.attendance.length > 0,
};

/** The label, the FILLED check, the connection the query answers with, and the query. */
const QUERIES: Array<[label: string, check: keyof typeof FILLED, field: string, document: string]> = [
  ['programs { sponsor versions { occupations { occupation workProcesses wageSchedule } } }', 'programs', 'programs', PROGRAMS],
  [
    'registrations(TRANSFERRED) { apprentice { registrations { statusHistory } } sponsor employer statusHistory programOccupation { occupation wageSchedule } }',
    'registrations',
    'registrations',
    REGISTRATIONS,
  ],
  [
    'apprentices { registrations { sponsor statusHistory programOccupation { occupation workProcesses } } }',
    'apprentices',
    'apprentices',
    APPRENTICES,
  ],
  ['registrations(TRANSFERRED) { progress { byWorkProcess { workProcess } } }', 'progress', 'registrations', PROGRESS],
  ['ojtHourEntries { workProcess }', 'ojtHourEntries', 'ojtHourEntries', OJT_HOUR_ENTRIES],
];

const READERS: Array<[label: string, email: DemoEmail]> = [
  ['platform admin', 'admin@journeyline.test'],
  ['intermediary staff', 'staff@midwest-intermediary.test'],
  ['state analyst', 'analyst@ohio-saa.test'],
];

let world: DemoWorld;

/** Two Buckeye agreements, with 2 and with 10 enrollments; each enrollment has attendance. */
let enrollmentRegistrations: { two: string; ten: string };

async function countStatements(document: string, variables: Record<string, unknown>, email: DemoEmail) {
  const before = QueryCounter.current();
  const result = await world.api.gql(document, variables, world.token(email));
  return { result, statements: QueryCounter.current() - before };
}

describe('batching (e2e)', () => {
  beforeAll(async () => {
    world = await bootDemoWorld();
    // The demo has 4 programs and no transfers; the Ohio side (what the intermediary and the Ohio
    // analyst reach) needs at least 10 programs, some with a second version, and 10 transferred
    // agreements.
    const buckeye = world.sides.buckeye;
    const [medicalAssistant] = await world.dataSource.query(`SELECT id FROM occupations WHERE rapids_code = '1080'`);
    const riverside = { sponsorId: world.ids.riverside, occupationId: medicalAssistant.id };
    const programs = [];
    for (const side of [buckeye, buckeye, buckeye, buckeye, riverside, riverside, riverside, riverside]) {
      programs.push(await world.fresh.program(side));
    }
    for (const { programId } of programs.slice(0, 3)) {
      await world.asAdmin(
        `mutation($input: ReviseProgramInput!) { reviseProgram(input: $input) { program { id } } }`,
        {
          input: {
            programId,
            changeNote: 'Second edition',
            effectiveDate: world.today,
            occupations: [{ ...validOccupationStandards(buckeye.occupationId), rtiHoursPerYear: 160 }],
          },
        },
      );
    }
    for (let index = 0; index < 10; index += 1) {
      const { registrationId } = await world.fresh.registration(buckeye, 'registered');
      await world.asAdmin(
        `mutation($input: TransferRegistrationInput!) { transferRegistration(input: $input) { registration { id } } }`,
        {
          input: {
            registrationId,
            effectiveDate: world.today,
            reason: 'Moved to Ohio Tool & Die',
            newProgramOccupationId: buckeye.programOccupationId,
            newEmployerId: buckeye.employerId,
          },
        },
      );
    }

    // Training records on the Ohio side: 12 OJT entries over the work processes of Sarah Bigeagle's
    // agreement, and two agreements enrolled in 2 and 10 courses of two providers, with attendance.
    const training = await addTrainingRecords(world);
    const workProcesses: Array<{ id: string }> = await world.dataSource.query(
      `SELECT id FROM work_processes WHERE program_occupation_id = $1 ORDER BY position`,
      [buckeye.programOccupationId],
    );
    for (let index = 0; index < 12; index += 1) {
      await training.fresh.entry(buckeye.registrationId, index % 2 ? 'approved' : 'submitted', {
        workProcessId: workProcesses[index % workProcesses.length].id,
      });
    }
    const { createOrganization: secondProvider } = await world.asAdmin(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { kind: 'rti_provider', name: 'Columbus State Community College', state: 'OH' } },
    );
    const enrolled = async (count: number) => {
      const { registrationId } = await world.fresh.registration(buckeye, 'registered');
      for (let index = 0; index < count; index += 1) {
        const provider = index % 2 ? secondProvider.id : training.sides.buckeye.providerId;
        const enrollmentId = await training.fresh.enrollment(registrationId, provider);
        await training.fresh.attendance(enrollmentId, { sessionDate: addDays(world.today, -1 - index) });
      }
      return registrationId;
    };
    enrollmentRegistrations = { two: await enrolled(2), ten: await enrolled(10) };
  }, 120_000);

  afterAll(() => world?.api.close());

  const cases = READERS.flatMap(([label, email]) =>
    QUERIES.map(
      ([query, check, field, document]) =>
        [`${label} · ${query}: first 2 and first 10 cost the same SQL statements`, email, check, field, document] as const,
    ),
  );

  it.each(cases)('%s', async (_name, email, check, field, document) => {
    const small = await countStatements(document, { first: 2 }, email);
    const large = await countStatements(document, { first: 10 }, email);

    for (const [{ result }, size] of [
      [small, 2],
      [large, 10],
    ] as const) {
      expect(result.errors).toBeUndefined();
      const nodes: Node[] = result.data?.[field].nodes;
      expect(nodes).toHaveLength(size);
      expect(nodes.filter((node) => !FILLED[check](node))).toEqual([]);
    }
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });

  it.each(READERS)(
    '%s · rtiEnrollments { course { provider } attendance }: 2 and 10 enrollments cost the same SQL statements',
    async (_label, email) => {
      const small = await countStatements(RTI_ENROLLMENTS, { id: enrollmentRegistrations.two }, email);
      const large = await countStatements(RTI_ENROLLMENTS, { id: enrollmentRegistrations.ten }, email);

      for (const [{ result }, size] of [
        [small, 2],
        [large, 10],
      ] as const) {
        expect(result.errors).toBeUndefined();
        const nodes: Node[] = result.data?.rtiEnrollments;
        expect(nodes).toHaveLength(size);
        expect(nodes.filter((node) => !FILLED.rtiEnrollments(node))).toEqual([]);
      }
      expect(small.statements).toBeGreaterThan(0);
      expect(large.statements).toBe(small.statements);
    },
  );
});
