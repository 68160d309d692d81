import { JsonLogger, redact } from './json-logger';

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, service and context', () => {
    const lines: string[] = [];
    new JsonLogger('api', 'info', (line) => lines.push(line)).log('started', 'Bootstrap');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', service: 'api', context: 'Bootstrap', msg: 'started' });
  });

  it('drops messages below the threshold', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('api', 'warn', (line) => lines.push(line));
    logger.log('quiet');
    logger.debug('quieter');
    logger.warn('loud');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['loud']);
  });

  it('never writes SSNs, passwords or tokens, however deep', () => {
    const lines: string[] = [];
    new JsonLogger('api', 'info', (line) => lines.push(line)).log({
      msg: 'registered',
      input: { person: { ssn: '123-45-6789', firstName: 'Ana' }, password: 'hunter2hunter2' },
      headers: { authorization: 'Bearer abc' },
    });
    expect(lines[0]).not.toContain('123-45-6789');
    expect(lines[0]).not.toContain('hunter2');
    expect(lines[0]).not.toContain('Bearer abc');
    expect(lines[0]).toContain('Ana');
  });

  it('redacts keys inside arrays', () => {
    expect(redact([{ ssn: '1' }, { ok: 2 }])).toEqual([{ ssn: '[redacted]' }, { ok: 2 }]);
  });
});
