import { dedupeKeyOf, monthPeriod, normalizeOptions, RunRequest, runRequestProblems } from './run-request';

const AS_OF = '2026-11-05';
const fields = (input: Parameters<typeof runRequestProblems>[0]) => runRequestProblems(input, AS_OF).map((problem) => problem.field);

describe('runRequestProblems', () => {
  it('accepts a month or a period with the options the format declares', () => {
    expect(runRequestProblems({ format: 'dol.rapids-upload', month: '2026-10', options: [{ key: 'ssnFormat', value: 'dashed' }], includeSsn: true }, AS_OF)).toEqual([]);
    expect(runRequestProblems({ format: 'va.monthly-certification', period: { start: '2026-08-01', end: '2026-10-31' }, includeSsn: true }, AS_OF)).toEqual([]);
  });

  it('names the unknown format and lists the known ones', () => {
    const [problem] = runRequestProblems({ format: 'dol.rapids', month: '2026-10' }, AS_OF);
    expect(problem.field).toBe('format');
    expect(problem.reason).toContain('dol.rapids-upload');
  });

  it('wants exactly one of period and month, in order', () => {
    expect(fields({ format: 'dol.rapids-upload' })).toEqual(['period']);
    expect(fields({ format: 'dol.rapids-upload', month: '2026-10', period: { start: '2026-10-01', end: '2026-10-31' } })).toEqual(['period']);
    expect(fields({ format: 'dol.rapids-upload', period: { start: '2026-10-31', end: '2026-10-01' } })).toEqual(['period.end']);
  });

  it("checks options against the format's declarations, including required ones and the format's own checks", () => {
    expect(fields({ format: 'dol.rapids-upload', month: '2026-10', options: [{ key: 'ssn', value: 'digits' }] })).toEqual(['options.0.key']);
    expect(fields({ format: 'dol.rapids-upload', month: '2026-10', options: [{ key: 'ssnFormat', value: 'spaced' }] })).toEqual(['options.0.value']);
    expect(
      fields({ format: 'dol.rapids-upload', month: '2026-10', options: [{ key: 'ssnFormat', value: 'digits' }, { key: 'ssnFormat', value: 'dashed' }] }),
    ).toEqual(['options.1.key']);
    const [required] = runRequestProblems({ format: 'dol.pirl', month: '2026-10' }, AS_OF);
    expect(required).toMatchObject({ field: 'options', reason: expect.stringContaining('"pirl.trainingTypeCode" is required') });
    expect(fields({ format: 'va.enrollment', month: '2026-10', options: [{ key: 'va.hoursPerWeek', value: '400' }] })).toEqual(['options']);
  });

  it('lets SSNs into the RAPIDS upload and the VA formats only', () => {
    expect(fields({ format: 'dol.pirl', month: '2026-10', options: [{ key: 'pirl.trainingTypeCode', value: '09' }], includeSsn: true })).toEqual([
      'includeSsn',
    ]);
    expect(fields({ format: 'dol.status-changes', month: '2026-10', includeSsn: true })).toEqual(['includeSsn']);
    for (const format of ['dol.rapids-upload', 'va.enrollment', 'va.monthly-certification', 'va.change-of-status', 'va.vre-1905c']) {
      expect(fields({ format, month: '2026-10', includeSsn: true })).toEqual([]);
    }
  });
});

describe('dedupeKeyOf', () => {
  const request: RunRequest = {
    format: 'dol.rapids-upload',
    scopeKind: 'sponsor',
    scopeId: '3f0c6f0e-8d3b-4c39-9a53-0d7e2a4b9c11',
    period: monthPeriod('2026-10'),
    asOf: AS_OF,
    options: normalizeOptions([{ key: 'vaStudentStatus', value: 'NA' }, { key: 'ssnFormat', value: 'dashed' }]),
    includeSsn: false,
    requestedBy: 'someone',
  };

  it('is the same for the same output whoever asks and whatever the option order', () => {
    const reordered = { ...request, requestedBy: null, options: normalizeOptions([{ key: 'ssnFormat', value: 'dashed' }, { key: 'vaStudentStatus', value: 'NA' }]) };
    expect(dedupeKeyOf(reordered)).toBe(dedupeKeyOf(request));
    expect(Object.keys(request.options)).toEqual(['ssnFormat', 'vaStudentStatus']);
  });

  it('changes with anything that changes the output', () => {
    const variants: RunRequest[] = [
      { ...request, format: 'va.enrollment' },
      { ...request, scopeKind: 'program' },
      { ...request, scopeId: '9b7e2f4a-1c3d-4e5f-8a6b-7c8d9e0f1a2b' },
      { ...request, period: monthPeriod('2026-09') },
      { ...request, asOf: '2026-11-06' },
      { ...request, options: { ssnFormat: 'digits' } },
      { ...request, includeSsn: true },
    ];
    const keys = new Set([request, ...variants].map(dedupeKeyOf));
    expect(keys.size).toBe(variants.length + 1);
  });
});

describe('monthPeriod', () => {
  it('covers the whole calendar month', () => {
    expect(monthPeriod('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthPeriod('2026-12')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
  });
});
