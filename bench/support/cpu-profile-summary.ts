/** Where a V8 CPU profile's time went, by category of the code that spent it. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds before each sample. */
  timeDeltas: number[];
}

/**
 * A category for code at `url`, or null to charge it to its caller (native code, Node internals,
 * anything not recognised).
 */
export type Categorize = (url: string, functionName: string) => string | null;

const SPECIAL = new Map([
  ['(idle)', 'idle (waiting for Postgres/Redis)'],
  ['(garbage collector)', 'garbage collection'],
  ['(program)', 'V8/native (program)'],
]);

/** Seconds per category, largest first; each sample is charged to the nearest frame with a category. */
export function profileByCategory(profile: CpuProfile, categorize: Categorize): Array<{ category: string; seconds: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const resolved = new Map<number, string>();
  const categoryOf = (id: number): string => {
    const known = resolved.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const special = SPECIAL.get(node.callFrame.functionName);
    const own = special ?? (node.callFrame.url ? categorize(node.callFrame.url, node.callFrame.functionName) : null);
    const up = parent.get(id);
    const category = own ?? (up === undefined ? 'other' : categoryOf(up));
    resolved.set(id, category);
    return category;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const category = categoryOf(id);
    totals.set(category, (totals.get(category) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1e6);
  });
  return [...totals.entries()].map(([category, seconds]) => ({ category, seconds })).sort((a, b) => b.seconds - a.seconds);
}
