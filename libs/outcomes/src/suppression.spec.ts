import { determinedVariables, LinearEquation } from './disclosure-audit';
import { bridges, countId, entryId, suppressTable, TableEntry } from './suppression';

const MIN = 10;
/** A stock-and-flow family: start + entered − left − end = 0. */
const SIGNS = [1, 1, -1, -1];

function family(start: number, entered: number, left: number): number[] {
  return [start, entered, left, start + entered - left];
}

/** A one-way table of families (or single counts): cells plus a total equal to their sum. */
function oneWay(cells: Record<string, number[]>): TableEntry[] {
  const width = Object.values(cells)[0].length;
  const total = Array.from({ length: width }, (_, measure) => Object.values(cells).reduce((sum, counts) => sum + counts[measure], 0));
  return [...Object.entries(cells).map(([key, counts]) => ({ key: [key], counts })), { key: [null], counts: total }];
}

/** A two-way table of single counts with row margins, column margins and the grand total. */
function twoWay(grid: Record<string, Record<string, number>>): TableEntry[] {
  const entries: TableEntry[] = [];
  const columns = new Map<string, number>();
  let total = 0;
  for (const [row, cells] of Object.entries(grid)) {
    let rowTotal = 0;
    for (const [column, value] of Object.entries(cells)) {
      entries.push({ key: [row, column], counts: [value] });
      rowTotal += value;
      columns.set(column, (columns.get(column) ?? 0) + value);
    }
    entries.push({ key: [row, null], counts: [rowTotal] });
    total += rowTotal;
  }
  for (const [column, value] of columns) entries.push({ key: [null, column], counts: [value] });
  entries.push({ key: [null, null], counts: [total] });
  return entries;
}

/** Every equation a reader of the table has: each line's cells minus its margin, and each entry's identity. */
function equationsOf(entries: TableEntry[], dimensions: number, identity: boolean): LinearEquation[] {
  const equations = new Map<string, Map<string, number>>();
  const add = (line: string, variable: string, coefficient: number) => {
    const equation = equations.get(line) ?? new Map<string, number>();
    equation.set(variable, (equation.get(variable) ?? 0) + coefficient);
    equations.set(line, equation);
  };
  for (const entry of entries) {
    const id = entryId(entry.key);
    entry.counts.forEach((_, measure) => {
      const variable = countId(id, measure);
      if (dimensions === 1) add(`measure ${measure}`, variable, entry.key[0] === null ? -1 : 1);
      if (dimensions === 2) {
        const [row, column] = entry.key;
        add(`row ${row} measure ${measure}`, variable, column === null ? -1 : 1);
        add(`column ${column} measure ${measure}`, variable, row === null ? -1 : 1);
      }
      if (identity) add(`identity ${id}`, variable, SIGNS[measure]);
    });
  }
  return [...equations.values()];
}

function withheldCounts(entries: TableEntry[], result: ReturnType<typeof suppressTable>): Set<string> {
  return new Set(
    entries.flatMap((entry) =>
      entry.counts.flatMap((_, measure) => (result.withheld(entry.key, measure) ? [countId(entryId(entry.key), measure)] : [])),
    ),
  );
}

function assertNothingSmallIsDerivable(entries: TableEntry[], dimensions: number, identity: boolean): Set<string> {
  const result = suppressTable(entries, dimensions, MIN, { identity });
  const withheld = withheldCounts(entries, result);
  const determined = determinedVariables(equationsOf(entries, dimensions, identity), withheld);
  const small = entries.flatMap((entry) =>
    entry.counts.flatMap((count, measure) => (count > 0 && count < MIN ? [countId(entryId(entry.key), measure)] : [])),
  );
  expect(small.filter((id) => !withheld.has(id))).toEqual([]);
  expect(small.filter((id) => determined.has(id))).toEqual([]);
  return withheld;
}

const shown = (entries: TableEntry[], dimensions: number, identity: boolean) => {
  const result = suppressTable(entries, dimensions, MIN, { identity });
  return (key: Array<string | null>, measure = 0) => !result.withheld(key, measure);
};

describe('primary suppression', () => {
  it('withholds counts from 1 to the minimum minus 1, never zeros or counts at the minimum', () => {
    const visible = shown([{ key: [], counts: [0, 9, 10] }], 0, false);
    expect([visible([], 0), visible([], 1), visible([], 2)]).toEqual([true, false, true]);
  });

  it('withholds a second count of a lone total when its counts obey an identity', () => {
    // 120 + 40 − 3 − 157: withholding only the 3 would leave it as 120 + 40 − 157.
    const entries = [{ key: [], counts: family(120, 40, 3) }];
    const visible = shown(entries, 0, true);
    expect([0, 1, 2, 3].map((measure) => visible([], measure))).toEqual([true, false, false, true]);
    assertNothingSmallIsDerivable(entries, 0, true);
  });
});

describe('secondary suppression of a one-way table with a total', () => {
  it('withholds the next smallest cell when exactly one is small, so total minus the rest reveals nothing', () => {
    const entries = oneWay({ a: [40], b: [3], c: [12], d: [25] });
    const visible = shown(entries, 1, false);
    expect(['a', 'b', 'c', 'd'].filter((key) => !visible([key]))).toEqual(['b', 'c']);
    expect(visible([null])).toBe(true);
    // total − visible cells = 80 − 65 = 15 = b + c: two unknowns, neither determined.
    assertNothingSmallIsDerivable(entries, 1, false);
  });

  it('adds nothing when two cells are already small', () => {
    const visible = shown(oneWay({ a: [40], b: [3], c: [4] }), 1, false);
    expect(['a', 'b', 'c'].map((key) => visible([key]))).toEqual([true, false, false]);
  });

  it('picks a non-empty cell over an empty one, and never the total while a cell is available', () => {
    // Hiding the zero would show the small cell's value to within 1.
    const visible = shown(oneWay({ a: [30], b: [2], c: [0], d: [50] }), 1, false);
    expect(['a', 'b', 'c', 'd'].filter((key) => !visible([key]))).toEqual(['a', 'b']);
    expect(visible([null])).toBe(true);
  });

  it('withholds the total with the only cell when a table has one small cell', () => {
    const visible = shown(oneWay({ a: [4] }), 1, false);
    expect([visible(['a']), visible([null])]).toEqual([false, false]);
  });

  it('with an identity, withholds a rectangle of counts rather than whole rows', () => {
    // Group b has 2 leavers: its "left" count goes, one more count of b, and the same two
    // measures in another group, so no row, column or identity isolates a withheld count.
    const entries = oneWay({ a: family(200, 50, 30), b: family(120, 40, 2), c: family(90, 25, 20) });
    const withheld = assertNothingSmallIsDerivable(entries, 1, true);
    expect(withheld.size).toBe(4);
    expect(shown(entries, 1, true)([null], 2)).toBe(true);
  });
});

describe('secondary suppression of a two-way table with margins', () => {
  it('closes a cycle through a lone small cell: one more in its row, its column, and where they cross', () => {
    const entries = twoWay({
      r1: { c1: 50, c2: 3, c3: 40 },
      r2: { c1: 60, c2: 20, c3: 30 },
      r3: { c1: 70, c2: 25, c3: 35 },
    });
    const visible = shown(entries, 2, false);
    const hidden = entries.filter((entry) => !visible([...entry.key])).map((entry) => entry.key.join(','));
    expect(hidden.sort()).toEqual(['r1,c2', 'r1,c3', 'r2,c2', 'r2,c3']);
    assertNothingSmallIsDerivable(entries, 2, false);
  });

  it('protects small cells that "two per line" alone would leave exposed', () => {
    // Two small cells side by side: their row holds two withheld cells, but each column holds
    // one, and only a cycle through each keeps the grid's equations from isolating it.
    const withheld = assertNothingSmallIsDerivable(
      twoWay({
        r1: { c1: 5, c2: 6, c3: 100 },
        r2: { c1: 100, c2: 100, c3: 100 },
        r3: { c1: 100, c2: 100, c3: 100 },
      }),
      2,
      false,
    );
    expect(withheld.size).toBeGreaterThan(2);
  });

  it('withholds a small margin together with enough of the cells it sums', () => {
    assertNothingSmallIsDerivable(twoWay({ r1: { c1: 3, c2: 4 }, r2: { c1: 50, c2: 60 } }), 2, false);
  });

  it('withholds all counts of a two-way entry together when they obey an identity', () => {
    const entries: TableEntry[] = [
      { key: ['r1', 'c1'], counts: family(100, 20, 3) },
      { key: ['r1', 'c2'], counts: family(80, 30, 12) },
      { key: ['r2', 'c1'], counts: family(90, 25, 14) },
      { key: ['r2', 'c2'], counts: family(70, 15, 11) },
    ];
    const matches = (margin: Array<string | null>, entry: TableEntry) => margin.every((value, i) => value === null || value === entry.key[i]);
    const sum = (margin: Array<string | null>) =>
      [0, 1, 2, 3].map((measure) => entries.filter((entry) => matches(margin, entry)).reduce((total, entry) => total + entry.counts[measure], 0));
    entries.push(
      { key: ['r1', null], counts: sum(['r1', null]) },
      { key: ['r2', null], counts: sum(['r2', null]) },
      { key: [null, 'c1'], counts: sum([null, 'c1']) },
      { key: [null, 'c2'], counts: sum([null, 'c2']) },
      { key: [null, null], counts: sum([null, null]) },
    );
    const visible = shown(entries, 2, true);
    expect([0, 1, 2, 3].map((measure) => visible(['r1', 'c1'], measure))).toEqual([false, false, false, false]);
    assertNothingSmallIsDerivable(entries, 2, true);
  });

  it('leaves nothing derivable across many random tables', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const count = () => (next() < 0.3 ? Math.floor(next() * 10) : 10 + Math.floor(next() * 90));
    for (let round = 0; round < 120; round++) {
      const rows = 2 + Math.floor(next() * 4);
      const columns = 2 + Math.floor(next() * 4);
      const grid: Record<string, Record<string, number>> = {};
      for (let r = 0; r < rows; r++) {
        grid[`r${r}`] = {};
        for (let c = 0; c < columns; c++) grid[`r${r}`][`c${c}`] = count();
      }
      assertNothingSmallIsDerivable(twoWay(grid), 2, false);
      const families: Record<string, number[]> = {};
      for (let c = 0; c < columns; c++) {
        const start = count();
        const entered = count();
        families[`g${c}`] = family(start, entered, Math.min(start + entered, count()));
      }
      assertNothingSmallIsDerivable(oneWay(families), 1, true);
    }
  });
});

describe('bridges', () => {
  it('finds edges on no cycle, treating parallel edges and loops as cycles', () => {
    expect(
      bridges([
        { id: 'ab', a: 'a', b: 'b' },
        { id: 'bc', a: 'b', b: 'c' },
        { id: 'ca', a: 'c', b: 'a' },
        { id: 'cd', a: 'c', b: 'd' },
        { id: 'de1', a: 'd', b: 'e' },
        { id: 'de2', a: 'd', b: 'e' },
        { id: 'ee', a: 'e', b: 'e' },
      ]),
    ).toEqual(['cd']);
  });
});

describe('determinedVariables (the audit the integration tests rely on)', () => {
  it('finds a value isolated by the equations and not one on a cycle', () => {
    const eq = (terms: Record<string, number>) => new Map(Object.entries(terms));
    // x + y = k1 (known), y + z = k2, and w alone in w − v = 0 with v known
    const equations = [eq({ x: 1, y: 1, k1: -1 }), eq({ y: 1, z: 1, k2: -1 }), eq({ w: 1, v: -1 })];
    expect(determinedVariables(equations, new Set(['x', 'y', 'z', 'w']))).toEqual(new Set(['w']));
    expect(determinedVariables(equations, new Set(['x', 'y', 'w']))).toEqual(new Set(['x', 'y', 'w']));
  });
});
