/**
 * Small-cell suppression for a result table with its margins.
 *
 * Primary: a count from 1 to minCellSize − 1 is withheld (zeros are shown: "nobody" identifies
 * no one).
 *
 * Secondary: a published table is a set of linear equations, one per line: the cells of a line
 * add up to its margin, and an entry's flow counts satisfy an identity (active at start + new −
 * exits − active at end = 0). When every withheld number lies on exactly two lines, the tables
 * are a graph (one vertex per line, one edge per number), and a withheld number can be solved
 * for exactly when, and only when, it is a bridge of the graph of withheld numbers: no cycle of
 * withheld numbers runs through it, so some combination of lines isolates it. So: while a small
 * count is a bridge, withhold the cheapest chain of published numbers that closes a cycle
 * through it. Withholding more never creates a bridge, so this ends. (See tableGraph for how each
 * table shape becomes such a graph.)
 */

export interface SuppressionEntry {
  id: string;
  /** The two lines the entry belongs to (graph vertices). */
  a: string;
  b: string;
  counts: readonly number[];
  /** Cost of withholding the entry to protect another; prefer small cells, avoid margins. */
  weight: number;
}

export interface SuppressionResult {
  /** Entries withheld, for either reason. */
  suppressed: Set<string>;
  primary: Set<string>;
  complementary: Set<string>;
}

export function isSmall(count: number, minCellSize: number): boolean {
  return count > 0 && count < minCellSize;
}

export function suppress(entries: readonly SuppressionEntry[], minCellSize: number): SuppressionResult {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  if (byId.size !== entries.length) throw new Error('Suppression entries must have distinct ids');
  const primary = new Set(
    entries.filter((entry) => entry.counts.some((count) => isSmall(count, minCellSize))).map((entry) => entry.id),
  );
  const suppressed = new Set(primary);
  const complementary = new Set<string>();
  // Ties between equal weights are broken by id, so the same table is always suppressed the same
  // way whatever order its rows came in (a query repeated must not reveal a different complement).
  const rank = new Map([...entries].sort((x, y) => compare(x.id, y.id)).map((entry, index) => [entry.id, index]));
  const graph = new TableGraph(entries, rank);
  const withhold = (id: string) => {
    suppressed.add(id);
    complementary.add(id);
  };
  graph.closeLines(suppressed, withhold);

  for (;;) {
    const exposed = bridges(entries.filter((entry) => suppressed.has(entry.id)))
      .filter((id) => primary.has(id))
      .map((id) => byId.get(id)!)
      .sort((x, y) => x.weight - y.weight || rank.get(x.id)! - rank.get(y.id)!);
    if (!exposed.length) break;
    for (const entry of exposed) {
      if (graph.joinedWithout(entry, suppressed)) continue;
      for (const id of graph.cheapestPath(entry, suppressed)) withhold(id);
    }
  }
  return { suppressed, primary, complementary };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ids of the bridges of a multigraph (parallel edges and loops are never bridges). Iterative Tarjan. */
export function bridges(edges: readonly Pick<SuppressionEntry, 'id' | 'a' | 'b'>[]): string[] {
  const adjacency = new Map<string, Array<{ to: string; edge: number }>>();
  edges.forEach((edge, index) => {
    if (!adjacency.has(edge.a)) adjacency.set(edge.a, []);
    if (!adjacency.has(edge.b)) adjacency.set(edge.b, []);
    adjacency.get(edge.a)!.push({ to: edge.b, edge: index });
    if (edge.a !== edge.b) adjacency.get(edge.b)!.push({ to: edge.a, edge: index });
  });
  const entered = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[] = [];
  let clock = 0;
  for (const root of adjacency.keys()) {
    if (entered.has(root)) continue;
    entered.set(root, clock);
    low.set(root, clock++);
    const stack: Array<{ node: string; viaEdge: number; next: number }> = [{ node: root, viaEdge: -1, next: 0 }];
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const neighbours = adjacency.get(frame.node)!;
      if (frame.next < neighbours.length) {
        const { to, edge } = neighbours[frame.next++];
        if (edge === frame.viaEdge) continue;
        if (entered.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, entered.get(to)!));
        } else {
          entered.set(to, clock);
          low.set(to, clock++);
          stack.push({ node: to, viaEdge: edge, next: 0 });
        }
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (!parent) continue;
        low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
        if (low.get(frame.node)! > entered.get(parent.node)!) found.push(edges[frame.viaEdge].id);
      }
    }
  }
  return found;
}

/** The table's lines and entries, for path searches that avoid one entry. */
class TableGraph {
  private readonly adjacency = new Map<string, Array<{ to: string; via: SuppressionEntry }>>();

  constructor(
    entries: readonly SuppressionEntry[],
    private readonly rank: ReadonlyMap<string, number>,
  ) {
    for (const entry of entries) {
      this.neighbours(entry.a).push({ to: entry.b, via: entry });
      if (entry.a !== entry.b) this.neighbours(entry.b).push({ to: entry.a, via: entry });
    }
  }

  private neighbours(node: string): Array<{ to: string; via: SuppressionEntry }> {
    let list = this.adjacency.get(node);
    if (!list) this.adjacency.set(node, (list = []));
    return list;
  }

  /**
   * The classic first pass, cheap on large tables: a line holding exactly one withheld number
   * gives it away (margin minus the rest), so withhold the line's cheapest other number, and
   * repeat for the lines that now hold exactly one. Most withheld numbers end up on cycles; the
   * bridge search that follows repairs the rest.
   */
  closeLines(suppressed: Set<string>, withhold: (id: string) => void): void {
    const degree = new Map<string, number>();
    const bump = (node: string) => degree.set(node, (degree.get(node) ?? 0) + 1);
    for (const [node, list] of this.adjacency) {
      for (const { via } of list) if (suppressed.has(via.id) && via.a !== via.b) degree.set(node, (degree.get(node) ?? 0) + 1);
    }
    const byWeight = new Map<string, Array<{ to: string; via: SuppressionEntry }>>();
    for (const [node, list] of this.adjacency) {
      byWeight.set(node, [...list].sort((x, y) => x.via.weight - y.via.weight || this.rank.get(x.via.id)! - this.rank.get(y.via.id)!));
    }
    const queue = [...degree].filter(([, count]) => count === 1).map(([node]) => node);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      if (degree.get(node) !== 1) continue;
      const next = byWeight.get(node)!.find(({ via }) => !suppressed.has(via.id) && via.a !== via.b);
      if (!next) continue;
      withhold(next.via.id);
      bump(next.via.a);
      bump(next.via.b);
      if (degree.get(next.to) === 1) queue.push(next.to);
    }
  }

  /** Whether withheld entries other than `entry` already join its two lines. */
  joinedWithout(entry: SuppressionEntry, unknown: Set<string>): boolean {
    const seen = new Set([entry.a]);
    const queue = [entry.a];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      if (node === entry.b) return true;
      for (const { to, via } of this.adjacency.get(node) ?? []) {
        if (via.id !== entry.id && unknown.has(via.id) && !seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    return false;
  }

  /**
   * The published entries to withhold so a cycle runs through `entry`: the cheapest path between
   * its two lines that avoids it, where entries already withheld cost nothing (Dijkstra).
   */
  cheapestPath(entry: SuppressionEntry, unknown: Set<string>): string[] {
    const distance = new Map<string, number>([[entry.a, 0]]);
    const previous = new Map<string, SuppressionEntry>();
    const heap = new MinHeap();
    heap.push(0, entry.a);
    const done = new Set<string>();
    while (heap.size) {
      const [cost, node] = heap.pop();
      if (done.has(node)) continue;
      done.add(node);
      if (node === entry.b) break;
      for (const { to, via } of this.adjacency.get(node) ?? []) {
        if (via.id === entry.id || done.has(to)) continue;
        const next = cost + (unknown.has(via.id) ? 0 : via.weight);
        if (next < (distance.get(to) ?? Infinity)) {
          distance.set(to, next);
          previous.set(to, via);
          heap.push(next, to);
        }
      }
    }
    if (!done.has(entry.b)) throw new Error(`No cycle can protect entry ${entry.id}: nothing else lies on its lines`);
    const path: string[] = [];
    for (let node = entry.b; node !== entry.a; ) {
      const via = previous.get(node)!;
      if (!unknown.has(via.id)) path.push(via.id);
      node = via.a === node ? via.b : via.a;
    }
    return path;
  }
}

/** A binary heap of (cost, node), smallest cost first; ties by node name so results are deterministic. */
class MinHeap {
  private readonly items: Array<[number, string]> = [];

  get size(): number {
    return this.items.length;
  }

  push(cost: number, node: string): void {
    const items = this.items;
    items.push([cost, node]);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): [number, string] {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length) {
      items[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && before(items[left], items[smallest])) smallest = left;
        if (right < items.length && before(items[right], items[smallest])) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top;
  }
}

function before(x: [number, string], y: [number, string]): boolean {
  return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
}

/** Weight of a margin or total: withheld to protect a cell only when no cell can be. */
const MARGIN_PENALTY = 1e9;
/** Weight of an empty count: hiding a zero next to a small count would leave the small one nearly exposed. */
const EMPTY_PENALTY = 1e6;

export interface TableEntry {
  /** One value per grouped dimension; null means "all" (a margin or the total). */
  key: ReadonlyArray<string | null>;
  /** The entry's counts, one per measure, in the same order for every entry. */
  counts: readonly number[];
}

export interface TableOptions {
  /**
   * The counts of each entry satisfy one linear identity with coefficients ±1 (e.g. active at
   * start + new − exits − active at end = 0): one more line per entry. False when unrelated.
   */
  identity: boolean;
}

export function entryId(key: ReadonlyArray<string | null>): string {
  return key.map((value) => (value === null ? '*' : `=${value}`)).join('\u0000');
}

const weightOf = (count: number, margin: boolean) => (count > 0 ? count + 1 : EMPTY_PENALTY) + (margin ? MARGIN_PENALTY : 0);

/**
 * The lines of a table grouped by 0, 1 or 2 dimensions that lists every cell, margin and total,
 * as a graph whose edges are single counts (entry × measure).
 *
 * - 0 or 1 dimension: one vertex per measure (its cells add up to its total; a lone total has no
 *   such line, so those vertices merge into one) and, with an identity, one vertex per entry (its
 *   counts satisfy the identity; without one, those merge into one). Every count is the edge
 *   between its measure and its entry. (Merging line-less vertices into one adds only the sum of
 *   the real equations, which a reader has anyway; with no real line at all, counts are loops.) Two lines per count, so the bridge argument holds exactly,
 *   and a small count costs one more count in its row and one in its column, not the whole row.
 * - 2 dimensions: a count sits on its row line, its column line and its entry's identity: three
 *   lines, no longer a graph. Here an entry's counts are withheld together (the identity then
 *   reveals nothing), and the graph is the two-way table's: one vertex per row and per column.
 */
export function tableGraph(entries: readonly TableEntry[], dimensions: number, options: TableOptions): SuppressionEntry[] {
  if (dimensions === 2) {
    return entries.map((entry) => {
      const [row, column] = entry.key;
      const margin = entry.key.some((value) => value === null);
      return {
        id: entryId(entry.key),
        a: `row${row === null ? '*' : `=${row}`}`,
        b: `col${column === null ? '*' : `=${column}`}`,
        counts: entry.counts,
        weight: weightOf(entry.counts.reduce((sum, count) => sum + count, 0), margin),
      };
    });
  }
  return entries.flatMap((entry) => {
    const id = entryId(entry.key);
    const margin = dimensions === 1 && entry.key[0] === null;
    return entry.counts.map((count, measure) => {
      // A lone total without an identity lies on no line at all: a loop is never a bridge.
      const free = dimensions === 0 && !options.identity;
      return {
        id: countId(id, measure),
        a: free ? 'free' : dimensions === 1 ? `measure:${measure}` : 'measures',
        b: free ? 'free' : options.identity ? `entry:${id}` : 'entries',
        counts: [count],
        weight: weightOf(count, margin),
      };
    });
  });
}

export function countId(entry: string, measure: number): string {
  return `${entry}#${measure}`;
}

/** Which counts of which entries are withheld. */
export interface TableSuppression {
  withheld(key: ReadonlyArray<string | null>, measure: number): boolean;
}

export function suppressTable(
  entries: readonly TableEntry[],
  dimensions: number,
  minCellSize: number,
  options: TableOptions,
): TableSuppression {
  const { suppressed } = suppress(tableGraph(entries, dimensions, options), minCellSize);
  return {
    withheld: (key, measure) => (dimensions === 2 ? suppressed.has(entryId(key)) : suppressed.has(countId(entryId(key), measure))),
  };
}
