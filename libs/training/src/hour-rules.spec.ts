import { closedSpans, dailyCapBreaches, dayKey, payloadDifferences, workDateProblem } from './hour-rules';

describe('closedSpans', () => {
  const event = (toStatus: string, effectiveDate: string) => ({ toStatus, effectiveDate });
  const history = [
    event('pending', '2024-01-08'),
    event('registered', '2024-01-08'),
    event('suspended', '2024-03-01'),
    event('reinstated', '2024-04-15'),
    event('completed', '2025-06-30'),
  ];

  it('keeps the closed stretches that were reopened, and the current status when it is closed', () => {
    expect(closedSpans(history, { status: 'completed', statusDate: '2025-06-30' })).toEqual([
      { status: 'suspended', from: '2024-03-01', to: '2024-04-15' },
      { status: 'completed', from: '2025-06-30', to: null },
    ]);
    expect(closedSpans(history.slice(0, 4), { status: 'reinstated', statusDate: '2024-04-15' })).toEqual([
      { status: 'suspended', from: '2024-03-01', to: '2024-04-15' },
    ]);
  });

  it('takes the current status from the registration when no history was recorded', () => {
    expect(closedSpans([], { status: 'suspended', statusDate: '2024-06-01' })).toEqual([{ status: 'suspended', from: '2024-06-01', to: null }]);
    expect(closedSpans([], { status: 'registered', statusDate: '2024-06-01' })).toEqual([]);
  });

  it('keeps nothing for a closed status undone the same day', () => {
    const undone = [event('registered', '2024-01-08'), event('suspended', '2024-03-01'), event('reinstated', '2024-03-01')];
    expect(closedSpans(undone, { status: 'reinstated', statusDate: '2024-03-01' })).toEqual([]);
  });
});

describe('workDateProblem', () => {
  const active = { startDate: '2024-01-08', closedSpans: [] };

  it('accepts days from the start date up to today', () => {
    expect(workDateProblem('2024-01-08', active, '2024-07-01')).toBeNull();
    expect(workDateProblem('2024-07-01', active, '2024-07-01')).toBeNull();
  });

  it('refuses future days and days before the start', () => {
    expect(workDateProblem('2024-07-02', active, '2024-07-01')).toMatch(/future/);
    expect(workDateProblem('2024-01-07', active, '2024-07-01')).toMatch(/start date \(2024-01-08\)/);
  });

  it.each(['suspended', 'cancelled', 'completed', 'transferred'])('refuses days on or after a %s status date, not before', (status) => {
    const closed = { ...active, closedSpans: [{ status, from: '2024-05-01', to: null }] };
    expect(workDateProblem('2024-05-01', closed, '2024-07-01')).toMatch(new RegExp(`is ${status} from 2024-05-01`));
    expect(workDateProblem('2024-04-30', closed, '2024-07-01')).toBeNull();
  });

  it('refuses days inside a lifted suspension and accepts the days around it', () => {
    const reinstated = { ...active, closedSpans: [{ status: 'suspended', from: '2024-03-01', to: '2024-04-15' }] };
    expect(workDateProblem('2024-03-01', reinstated, '2024-07-01')).toBe(
      'the registration was suspended from 2024-03-01 until 2024-04-15: no hours dated then',
    );
    expect(workDateProblem('2024-04-14', reinstated, '2024-07-01')).toMatch(/was suspended/);
    expect(workDateProblem('2024-02-29', reinstated, '2024-07-01')).toBeNull();
    expect(workDateProblem('2024-04-15', reinstated, '2024-07-01')).toBeNull();
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
