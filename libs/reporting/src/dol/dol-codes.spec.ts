import { Education, Race } from '../record/apprentice-record';
import {
  PIRL_SEX,
  RAPIDS_DISABILITY,
  RAPIDS_EDUCATION,
  RAPIDS_GENDER,
  RAPIDS_STATUS,
  RAPIDS_VETERAN,
  compactDate,
  rapidsRaceFlags,
  usDate,
} from './dol-codes';
import { RAPIDS_UPLOAD_SCHEMA } from './rapids-table-schema';

const categoryCodes = (column: string) =>
  RAPIDS_UPLOAD_SCHEMA.fields.find((field) => field.name === column)!.categories!.map((category) => String(typeof category === 'object' ? category.value : category));

describe('RAPIDS code tables', () => {
  it('maps education with 5 for "did not self-identify" and 9 for a doctorate (dol.md §5.1), never a generic 9 = unknown', () => {
    expect(RAPIDS_EDUCATION.not_self_identified).toBe('5');
    expect(RAPIDS_EDUCATION.doctorate_or_professional).toBe('9');
    const expected: Record<Education, string> = {
      not_hs_graduate: '1',
      hs_graduate: '3',
      not_self_identified: '5',
      some_college_or_associate: '6',
      bachelor: '7',
      master: '8',
      doctorate_or_professional: '9',
    };
    expect(RAPIDS_EDUCATION).toEqual(expected);
  });

  it('follows the code lists, not the descriptions, for veteran (never 0) and disability (2 = no)', () => {
    expect(Object.values(RAPIDS_VETERAN)).not.toContain('0');
    expect(RAPIDS_VETERAN).toEqual({ veteran: '1', non_veteran: '2', non_veteran_other_eligible: '3', veteran_eligible: '4', not_self_identified: '9' });
    expect(RAPIDS_DISABILITY.no).toBe('2');
  });

  it('emits only codes the table schema lists', () => {
    expect(categoryCodes('Apprentice Education Level')).toEqual(expect.arrayContaining(Object.values(RAPIDS_EDUCATION)));
    expect(categoryCodes('Veteran Status')).toEqual(expect.arrayContaining(Object.values(RAPIDS_VETERAN)));
    expect(categoryCodes('Apprentice Disability Status')).toEqual(expect.arrayContaining(Object.values(RAPIDS_DISABILITY)));
    expect(categoryCodes('Gender')).toEqual(expect.arrayContaining(Object.values(RAPIDS_GENDER)));
  });

  it('flags each race in its own column, or 9 in all five when the apprentice did not self-identify', () => {
    expect(Object.values(rapidsRaceFlags(['asian', 'white']))).toEqual(['0', '1', '0', '0', '1']);
    expect(Object.values(rapidsRaceFlags(['not_self_identified']))).toEqual(['9', '9', '9', '9', '9']);
    expect(Object.values(rapidsRaceFlags(['not_self_identified', 'asian'] as Race[]))).toEqual(['9', '9', '9', '9', '9']);
  });

  it('uses the RAPIDS status codes of dol.md §4.1 and PIRL sex codes of §10', () => {
    expect(Object.fromEntries(Object.entries(RAPIDS_STATUS).map(([status, { code }]) => [status, code]))).toEqual({
      pending: 'PR',
      registered: 'RE',
      suspended: 'SU',
      reinstated: 'RI',
      completed: 'CO',
      cancelled: 'CA',
      transferred: 'TR',
    });
    expect(PIRL_SEX).toEqual({ male: '1', female: '2', not_self_identified: '9' });
  });

  it('writes zero-padded MM/DD/YYYY and YYYYMMDD dates', () => {
    expect(usDate('2025-03-07')).toBe('03/07/2025');
    expect(compactDate('2009-06-01')).toBe('20090601');
  });
});
