import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Day, isoOf } from './day-calendar';

/** Values in PostgreSQL's COPY text format: tab-separated, `\N` for null, backslash escapes. */

export const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function text(value: string | null): string {
  if (value === null) return NULL;
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (character) => ESCAPES[character]) : value;
}

/** A date column; negative days stand for null. */
export function date(day: Day): string {
  return day < 0 ? NULL : isoOf(day);
}

/** A timestamptz at noon UTC of the day (plus `hour` hours), for created/decided times. */
export function noon(day: Day, hour = 12): string {
  return `${isoOf(day)} ${hour < 10 ? '0' : ''}${hour}:00:00+00`;
}

export const bool = (value: boolean): string => (value ? 't' : 'f');

/** Quarter hours as a numeric with two decimals. */
export function quartersToHours(quarters: number): string {
  const whole = Math.floor(quarters / 4);
  return `${whole}.${['00', '25', '50', '75'][quarters % 4]}`;
}

const CHUNK_BYTES = 1 << 18;

/**
 * Renders items `from` to `to` into one list of ~256 KB Buffers per output. Each item's rows are
 * written into a Buffer at once, so the strings die young and rendered ranges live outside the JS
 * heap while they wait for COPY; the work yields to the event loop now and then, so a range can be
 * rendered while the previous one streams into Postgres.
 */
export async function renderRange(
  from: number,
  to: number,
  outputs: number,
  render: (index: number, out: (output: number, rows: string) => void) => void,
): Promise<Buffer[][]> {
  const chunks: Buffer[][] = Array.from({ length: outputs }, () => []);
  const buffers: Buffer[] = Array.from({ length: outputs }, () => Buffer.allocUnsafe(CHUNK_BYTES));
  const used: number[] = Array.from({ length: outputs }, () => 0);
  const out = (output: number, rows: string) => {
    if (!rows) return;
    // A UTF-8 character takes at most three bytes per UTF-16 unit.
    const needed = rows.length * 3;
    if (used[output] + needed > buffers[output].length) {
      if (used[output]) chunks[output].push(buffers[output].subarray(0, used[output]));
      buffers[output] = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, needed));
      used[output] = 0;
    }
    used[output] += buffers[output].write(rows, used[output]);
  };
  for (let index = from; index < to; index += 1) {
    render(index, out);
    if ((index - from) % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  buffers.forEach((buffer, output) => used[output] && chunks[output].push(buffer.subarray(0, used[output])));
  return chunks;
}

/** Streams text-format rows into `table` with COPY … FROM STDIN; returns the rows written. */
export async function copyInto(client: Client, table: string, columns: readonly string[], rows: Iterable<string | Buffer>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(rows), stream);
  return stream.rowCount;
}
