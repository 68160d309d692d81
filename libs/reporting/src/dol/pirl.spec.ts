import { FIXTURE_CONTEXT, FIXTURES } from '../fixtures/records';
import { ApprenticeRecord } from '../record/apprentice-record';
import { FormatRunError, runFormat } from '../writers/run-format';
import { pirlFormat, pirlIndividualId } from './pirl';

describe('dol.pirl', () => {
  it('maps the listed PIRL elements', () => {
    expect(pirlFormat.map(FIXTURES.completer, FIXTURE_CONTEXT).rows).toEqual([
      {
        '100 Unique Individual Identifier': pirlIndividualId('appr-0008'),
        '101 State Code of Residence': 'MI',
        '200 Date of Birth': '19970520',
        '201 Sex': '1',
        '900 Date of Program Entry': '20210301',
        '901 Date of Program Exit': '20250314',
        '1300 Received Training': '1',
        '1302 Date Entered Training #1': '20210301',
        '1303 Type of Training Service #1': '09',
        '1306 Occupational Skills Training Code #1': '47-2111.00',
        '1307 Training Completed #1': '1',
      },
    ]);
  });

  it('derives a stable 12-character identifier from the apprentice id, the same across registrations and never from the SSN', () => {
    expect(pirlIndividualId('appr-0011')).toMatch(/^[0-9A-F]{12}$/);
    expect(pirlIndividualId('appr-0011')).toBe(pirlIndividualId(FIXTURES.transferredIn.person.apprenticeId));
    expect(pirlIndividualId('appr-0011')).not.toBe(pirlIndividualId('appr-0012'));
    const withOtherSsn = { ...FIXTURES.obrien, person: { ...FIXTURES.obrien.person, ssn: '900999999' } };
    expect(pirlFormat.map(withOtherSsn, FIXTURE_CONTEXT).rows).toEqual(pirlFormat.map(FIXTURES.obrien, FIXTURE_CONTEXT).rows);
  });

  it('covers registrations active during the period: not pending ones, nor those that exited before it', () => {
    const applies = (record: ApprenticeRecord) => pirlFormat.appliesTo(record, FIXTURE_CONTEXT);
    expect(applies(FIXTURES.vre)).toBe(true);
    expect(applies(FIXTURES.probationCancel)).toBe(true);
    expect(applies(FIXTURES.doctorate)).toBe(false);
    expect(applies(FIXTURES.completer)).toBe(true);
    expect(pirlFormat.appliesTo(FIXTURES.completer, { ...FIXTURE_CONTEXT, period: { start: '2025-04-01', end: '2025-06-30' } })).toBe(false);
    expect(pirlFormat.appliesTo(FIXTURES.obrien, { ...FIXTURE_CONTEXT, period: { start: '2025-01-01', end: '2025-02-28' } })).toBe(false);
  });

  it('leaves the exit date empty for an exit after the period', () => {
    const row = pirlFormat.map(FIXTURES.completer, { ...FIXTURE_CONTEXT, period: { start: '2025-02-01', end: '2025-02-28' } }).rows![0];
    expect([row['901 Date of Program Exit'], row['1307 Training Completed #1']]).toEqual(['', '0']);
  });

  it('refuses a record without a state of residence or an O*NET code', () => {
    const record = {
      ...FIXTURES.vre,
      person: { ...FIXTURES.vre.person, address: { ...FIXTURES.vre.person.address, state: null } },
      occupation: { ...FIXTURES.vre.occupation, onetSocCode: null },
    };
    expect(pirlFormat.map(record, FIXTURE_CONTEXT).problems!.map((problem) => problem.rule)).toEqual(['pirl.state_of_residence', 'pirl.onet_code']);
  });

  it('will not run without a two-digit training type code (element 1303)', async () => {
    await expect(runFormat(pirlFormat, [FIXTURES.vre], { ...FIXTURE_CONTEXT, options: {} })).rejects.toThrow(FormatRunError);
    await expect(runFormat(pirlFormat, [FIXTURES.vre], { ...FIXTURE_CONTEXT, options: { 'pirl.trainingTypeCode': 'RA' } })).rejects.toThrow(
      'must be a two-digit code',
    );
  });
});
