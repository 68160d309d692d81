import { QueryCounter } from '@journeyline/database/query-counter';
import { bootDemoWorld, DemoEmail, DemoWorld, validOccupationStandards } from '../support/e2e-demo-world';

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
};

const QUERIES: Array<[label: string, field: keyof typeof FILLED, document: string]> = [
  ['programs { sponsor versions { occupations { occupation workProcesses wageSchedule } } }', 'programs', PROGRAMS],
  [
    'registrations(TRANSFERRED) { apprentice { registrations { statusHistory } } sponsor employer statusHistory programOccupation { occupation wageSchedule } }',
    'registrations',
    REGISTRATIONS,
  ],
  ['apprentices { registrations { sponsor statusHistory programOccupation { occupation workProcesses } } }', 'apprentices', APPRENTICES],
];

const READERS: Array<[label: string, email: DemoEmail]> = [
  ['platform admin', 'admin@journeyline.test'],
  ['intermediary staff', 'staff@midwest-intermediary.test'],
  ['state analyst', 'analyst@ohio-saa.test'],
];

let world: DemoWorld;

async function countStatements(document: string, first: number, email: DemoEmail) {
  const before = QueryCounter.current();
  const result = await world.api.gql(document, { first }, world.token(email));
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
  }, 120_000);

  afterAll(() => world?.api.close());

  const cases = READERS.flatMap(([label, email]) =>
    QUERIES.map(
      ([query, field, document]) => [`${label} · ${query}: first 2 and first 10 cost the same SQL statements`, email, field, document] as const,
    ),
  );

  it.each(cases)('%s', async (_name, email, field, document) => {
    const small = await countStatements(document, 2, email);
    const large = await countStatements(document, 10, email);

    for (const [{ result }, size] of [
      [small, 2],
      [large, 10],
    ] as const) {
      expect(result.errors).toBeUndefined();
      const nodes: Node[] = result.data?.[field].nodes;
      expect(nodes).toHaveLength(size);
      expect(nodes.filter((node) => !FILLED[field](node))).toEqual([]);
    }
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });
});
