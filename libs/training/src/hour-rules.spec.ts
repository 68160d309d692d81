import { dailyCapBreaches, dayKey, payloadDifferences, workDateProblem } from './hour-rules';

describe('workDateProblem', () => {
  const active = { status: 'registered', statusDate: '2024-02-01', startDate: '2024-01-08' };

  it('accepts days from the start date up to today', () => {
    expect(workDateProblem('2024-01-08', active, '2024-07-01')).toBeNull();
    expect(workDateProblem('2024-07-01', active, '2024-07-01')).toBeNull();
    expect(workDateProblem('2024-03-01', { ...active, status: 'pending' }, '2024-07-01')).toBeNull();
  });

  it('refuses future days and days before the start', () => {
    expect(workDateProblem('2024-07-02', active, '2024-07-01')).toMatch(/future/);
    expect(workDateProblem('2024-01-07', active, '2024-07-01')).toMatch(/start date \(2024-01-08\)/);
  });

  it.each(['suspended', 'cancelled', 'completed', 'transferred'])('refuses days on or after a %s status date, not before', (status) => {
    const closed = { ...active, status, statusDate: '2024-05-01' };
    expect(workDateProblem('2024-05-01', closed, '2024-07-01')).toMatch(new RegExp(`${status} from 2024-05-01`));
    expect(workDateProblem('2024-04-30', closed, '2024-07-01')).toBeNull();
  });

  it('accepts days after a reinstatement', () => {
    expect(workDateProblem('2024-06-01', { ...active, status: 'reinstated', statusDate: '2024-05-15' }, '2024-07-01')).toBeNull();
  });
});

describe('dailyCapBreaches', () => {
  const entry = (hours: number, apprenticeId = 'a1', workDate = '2024-06-03', maxHours = 24) => ({
    apprenticeId,
    workDate,
    hours,
    maxHours,
  });

  it('adds entries to what the day already holds, in order', () => {
    const existing = new Map([[dayKey('a1', '2024-06-03'), 8 * 4]]);
    expect(dailyCapBreaches(existing, [entry(16), entry(0.25)])).toEqual([{ index: 1, totalHours: 24.25, maxHours: 24 }]);
  });

  it('keeps days and apprentices apart', () => {
    const existing = new Map([[dayKey('a1', '2024-06-03'), 20 * 4]]);
    expect(dailyCapBreaches(existing, [entry(8, 'a2'), entry(8, 'a1', '2024-06-04'), entry(4)])).toEqual([]);
  });

  it('counts every entry of a batch toward the ones after it', () => {
    expect(dailyCapBreaches(new Map(), [entry(16), entry(16), entry(1)])).toEqual([
      { index: 1, totalHours: 32, maxHours: 24 },
      { index: 2, totalHours: 33, maxHours: 24 },
    ]);
  });

  it('uses each entry’s own maximum', () => {
    expect(dailyCapBreaches(new Map(), [entry(12, 'a1', '2024-06-03', 10)])).toEqual([{ index: 0, totalHours: 12, maxHours: 10 }]);
  });
});

describe('payloadDifferences', () => {
  const stored = {
    workDate: '2024-06-03',
    hours: '8.00',
    workProcessId: 'wp1',
    employerId: 'e1',
    worksite: null,
    note: 'Panel wiring',
  };

  it('sees the same request in another spelling', () => {
    expect(payloadDifferences(stored, { ...stored, hours: 8, worksite: undefined, note: ' Panel wiring ' })).toEqual([]);
    expect(payloadDifferences({ ...stored, note: null }, { ...stored, note: '' })).toEqual([]);
  });

  it('names every field that changed', () => {
    expect(payloadDifferences(stored, { ...stored, hours: 8.25, employerId: 'e2', worksite: 'Site 4' })).toEqual([
      'hours',
      'employerId',
      'worksite',
    ]);
    expect(payloadDifferences(stored, { ...stored, workDate: '2024-06-04', workProcessId: 'wp2', note: null })).toEqual([
      'workDate',
      'workProcessId',
      'note',
    ]);
  });
});
