import { DIMENSIONS, OutcomeDimension } from './dimensions';
import {
  deriveMeasures,
  FLOW_COUNTS,
  flowCounts,
  FlowName,
  MeasureName,
  OutcomeCounts,
  OutcomeDetails,
  OutcomeMeasures,
  ZERO_COUNTS,
} from './measures';
import { entryId, suppressTable, TableEntry } from './suppression';

/** One row as the SQL of either path returns it (snake_case columns). */
export type RawOutcomeRow = { level: string; k1: string | null; k2: string | null } & Record<string, string | number | null>;

export type OutcomeRowKind = 'cell' | 'margin' | 'total';

export interface OutcomeRow {
  kind: OutcomeRowKind;
  /** One value per grouped dimension; null where the row sums over that dimension. */
  key: Array<string | null>;
  /** Some of the row's counts are withheld (small, or protecting a small one); see suppressedMeasures. */
  suppressed: boolean;
  measures: OutcomeMeasures;
  suppressedMeasures: MeasureName[];
}

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function keyOf(row: RawOutcomeRow, dimensions: number): Array<string | null> {
  if (row.level === 'margin0') return [row.k1, null];
  if (row.level === 'margin1') return [null, row.k1];
  if (row.level === 'total') return Array(dimensions).fill(null);
  return [row.k1, row.k2].slice(0, dimensions);
}

function countsOf(row: RawOutcomeRow): OutcomeCounts {
  const counts = { ...ZERO_COUNTS };
  for (const name of Object.keys(ZERO_COUNTS) as Array<keyof OutcomeCounts>) {
    const raw = name.startsWith('eligible') || name.startsWith('retained') ? row[name.replace(/(\d+)$/, '_$1')] : row[snake(name)];
    counts[name] = Number(raw ?? 0);
  }
  // The identity defines the end stock on both paths.
  counts.activeAtEnd =
    counts.activeAtStart + counts.newRegistrations - counts.completers - counts.cancellations - counts.probationaryCancellations - counts.transfers;
  return counts;
}

/**
 * Medians by entry id from the details statement (outcome-sql.ts factDetailsSql): one row per
 * group and role, `grouping` telling which dimensions the row sums over.
 */
export function detailsByEntry(groupBy: readonly OutcomeDimension[], rows: readonly RawOutcomeRow[]): Map<string, OutcomeDetails> {
  const result = new Map<string, OutcomeDetails>();
  const text = (value: string | number | null) => (value === null || value === undefined ? null : String(value));
  for (const row of rows) {
    const grouping = Number(row.grouping);
    const key = groupBy.map((_, index) => ((grouping >> (groupBy.length - 1 - index)) & 1 ? null : index === 0 ? row.k1 : row.k2));
    const id = entryId(key);
    const details = result.get(id) ?? { ...NO_DETAILS };
    if (row.role === 'start') {
      details.entryWageCount = Number(row.entry_wage_count);
      details.entryWageMedianCents = text(row.entry_wage_median_cents);
    } else {
      Object.assign(details, {
        monthsCount: Number(row.months_count),
        monthsP25: text(row.months_p25),
        monthsMedian: text(row.months_median),
        monthsP75: text(row.months_p75),
        completionWageCount: Number(row.completion_wage_count),
        completionWageMedianCents: text(row.completion_wage_median_cents),
        wageGainCount: Number(row.wage_gain_count),
        wageGainMedianCents: text(row.wage_gain_median_cents),
        rtiCount: Number(row.rti_count),
        rtiHoursPerYear: text(row.rti_hours_per_year),
      });
    }
    result.set(id, details);
  }
  return result;
}

const NO_DETAILS: OutcomeDetails = {
  monthsCount: 0,
  monthsP25: null,
  monthsMedian: null,
  monthsP75: null,
  entryWageCount: 0,
  entryWageMedianCents: null,
  completionWageCount: 0,
  completionWageMedianCents: null,
  wageGainCount: 0,
  wageGainMedianCents: null,
  rtiCount: 0,
  rtiHoursPerYear: null,
};

/** Closed vocabularies sort in their own order; ids and codes alphabetically. */
function compareValues(dimension: OutcomeDimension, a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const values = DIMENSIONS[dimension].values;
  if (values) {
    const difference = values.indexOf(a) - values.indexOf(b);
    if (difference) return difference;
  }
  return a < b ? -1 : 1;
}

interface TableCounts {
  key: Array<string | null>;
  counts: OutcomeCounts;
}

/**
 * Builds the published table: drops groups with nothing in the period, suppresses small counts
 * (with secondary suppression over cells, margins, the total and each entry's identity), and
 * derives every measure. `details` (medians by entry id, see details.ts) is null when none were
 * asked for.
 */
export function assembleTable(
  groupBy: readonly OutcomeDimension[],
  countRows: readonly RawOutcomeRow[],
  details: ReadonlyMap<string, OutcomeDetails> | null,
  minCellSize: number,
): OutcomeRow[] {
  const dimensions = groupBy.length;
  const entries = new Map<string, TableCounts>();
  for (const row of countRows) {
    const key = keyOf(row, dimensions);
    const counts = countsOf(row);
    const isTotal = key.every((value) => value === null);
    if (!isTotal && FLOW_COUNTS.every((name) => counts[name] === 0)) continue;
    entries.set(entryId(key), { key, counts });
  }
  const totalKey = Array<string | null>(dimensions).fill(null);
  if (!entries.has(entryId(totalKey))) entries.set(entryId(totalKey), { key: totalKey, counts: { ...ZERO_COUNTS } });

  const table: TableEntry[] = [...entries.values()].map(({ key, counts }) => ({ key, counts: flowCounts(counts) }));
  const suppression = suppressTable(table, dimensions, minCellSize, { identity: true });

  const kindOf = (key: Array<string | null>): OutcomeRowKind =>
    key.every((value) => value === null) ? 'total' : key.some((value) => value === null) ? 'margin' : 'cell';
  const rank = (key: Array<string | null>) => (kindOf(key) === 'cell' ? 0 : kindOf(key) === 'margin' ? (key[0] !== null ? 1 : 2) : 3);
  const ordered = [...entries.values()].sort(
    (x, y) =>
      rank(x.key) - rank(y.key) ||
      groupBy.reduce((result, dimension, index) => result || compareValues(dimension, x.key[index], y.key[index]), 0),
  );
  return ordered.map(({ key, counts }) => {
    const id = entryId(key);
    const withheld = new Set<FlowName>(FLOW_COUNTS.filter((_, measure) => suppression.withheld(key, measure)));
    const { measures, suppressedMeasures } = deriveMeasures(
      counts,
      details ? (details.get(id) ?? NO_DETAILS) : null,
      withheld,
      minCellSize,
    );
    return { kind: kindOf(key), key, suppressed: withheld.size > 0, measures, suppressedMeasures };
  });
}
