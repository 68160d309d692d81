import { plainToInstance } from 'class-transformer';
import { IsString, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { isIsoDate, toFieldProblems, ValidateHours, ValidateIsoDate, ValidateMoney } from './validation';

class Entry {
  @ValidateIsoDate()
  date: string;

  @ValidateHours(24)
  hours: number;

  @ValidateMoney()
  rate: string;
}

class Batch {
  @IsString()
  note: string;

  @ValidateNested({ each: true })
  @Type(() => Entry)
  entries: Entry[];
}

describe('validation', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('02/28/2026')).toBe(false);
  });

  it('reports nested problems with dotted paths', () => {
    const batch = plainToInstance(Batch, {
      note: 'x',
      entries: [
        { date: '2026-01-05', hours: 8, rate: '20.00' },
        { date: '2026-13-01', hours: 8.1, rate: '20.001' },
      ],
    });
    const problems = toFieldProblems(validateSync(batch));
    expect(problems.map((problem) => problem.field).sort()).toEqual([
      'entries.1.date',
      'entries.1.hours',
      'entries.1.rate',
    ]);
    expect(problems.find((problem) => problem.field === 'entries.1.hours')?.reason).toMatch(/quarter hours/);
  });

  it('bounds hours', () => {
    const entry = plainToInstance(Entry, { date: '2026-01-05', hours: 25, rate: '1' });
    expect(toFieldProblems(validateSync(entry)).map((problem) => problem.field)).toEqual(['hours']);
  });
});
