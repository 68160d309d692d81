/**
 * An attacker's view of a published table: linear equations (each a sum of coefficient × value
 * equal to zero) over entries, some published, some withheld. A withheld value can be computed
 * exactly when its unit vector lies in the row space of the equations restricted to the withheld
 * values. This checks that independently of how suppression chose its cells, by elimination over
 * a prime field (exact for the small integer coefficients of outcome tables).
 */
export type LinearEquation = ReadonlyMap<string, number>;

const PRIME = 94906249; // largest prime whose square is below 2^53, so products stay exact

function mod(value: number): number {
  const reduced = value % PRIME;
  return reduced < 0 ? reduced + PRIME : reduced;
}

function inverse(value: number): number {
  let [a, b, x0, x1] = [mod(value), PRIME, 1, 0];
  while (b) {
    const quotient = Math.floor(a / b);
    [a, b] = [b, a - quotient * b];
    [x0, x1] = [x1, x0 - quotient * x1];
  }
  return mod(x0);
}

/** The withheld variables whose value follows from the equations and the published values. */
export function determinedVariables(equations: readonly LinearEquation[], withheld: ReadonlySet<string>): Set<string> {
  const columns = [...withheld];
  const index = new Map(columns.map((variable, position) => [variable, position]));
  const rows: number[][] = [];
  for (const equation of equations) {
    const row = new Array<number>(columns.length).fill(0);
    let any = false;
    for (const [variable, coefficient] of equation) {
      const position = index.get(variable);
      if (position === undefined || coefficient === 0) continue;
      row[position] = mod(row[position] + coefficient);
      any = true;
    }
    if (any) rows.push(row);
  }
  const pivotRowOf = new Map<number, number>();
  let rank = 0;
  for (let column = 0; column < columns.length && rank < rows.length; column++) {
    const pivot = rows.findIndex((row, position) => position >= rank && row[column] !== 0);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot], rows[rank]];
    const scale = inverse(rows[rank][column]);
    rows[rank] = rows[rank].map((value) => mod(value * scale));
    for (let other = 0; other < rows.length; other++) {
      const factor = rows[other][column];
      if (other === rank || factor === 0) continue;
      rows[other] = rows[other].map((value, position) => mod(value - mod(factor * rows[rank][position])));
    }
    pivotRowOf.set(column, rank);
    rank++;
  }
  const determined = new Set<string>();
  for (const [column, rowIndex] of pivotRowOf) {
    if (rows[rowIndex].every((value, position) => position === column || value === 0)) determined.add(columns[column]);
  }
  return determined;
}
