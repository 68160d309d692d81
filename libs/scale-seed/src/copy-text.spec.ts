import { date, NULL, quartersToHours, renderRange, text } from './copy-text';
import { dayOf } from './day-calendar';

describe('COPY text format', () => {
  it('escapes the characters COPY treats specially and writes null as \\N', () => {
    expect(text('plain')).toBe('plain');
    expect(text('a\tb\\c\nd\re')).toBe('a\\tb\\\\c\\nd\\re');
    expect(text(null)).toBe(NULL);
    expect(date(-1)).toBe(NULL);
    expect(date(dayOf('2026-03-15'))).toBe('2026-03-15');
  });

  it('writes quarter hours as exact decimals', () => {
    expect([1, 2, 3, 4, 30, 33, 96].map(quartersToHours)).toEqual(['0.25', '0.50', '0.75', '1.00', '7.50', '8.25', '24.00']);
  });

  it('renders a range into buffers per output, in order and complete', async () => {
    const chunks = await renderRange(0, 30_000, 2, (index, out) => {
      out(0, `${index}\n`);
      if (index % 2 === 0) out(1, `${'x'.repeat(20)}${index}\n`);
    });
    const first = Buffer.concat(chunks[0]).toString().split('\n');
    expect(first.slice(0, -1)).toEqual(Array.from({ length: 30_000 }, (_, index) => String(index)));
    const second = Buffer.concat(chunks[1]).toString();
    expect(chunks[1].length).toBeGreaterThan(1);
    expect(second.split('\n')).toHaveLength(15_001);
  });
});
