import { DEMO_OCCUPATIONS } from './demo-occupations';
import { normalizeRapidsCode } from './occupation-list-parser';

describe('DEMO_OCCUPATIONS', () => {
  it.each(DEMO_OCCUPATIONS.map((occupation) => [occupation.rapidsCode, occupation]))(
    '%s is in the shape the DOL list import produces',
    (_code, occupation) => {
      expect(normalizeRapidsCode(occupation.rapidsCode)).toBe(occupation.rapidsCode);
      expect(occupation.onetSocCode).toMatch(/^\d{2}-\d{4}\.\d{2}$/);
      // An approach is allowed exactly when the list gives it hours (competency-based has none).
      expect(occupation.approaches.includes('time_based')).toBe(occupation.timeBasedHours !== null);
      expect(occupation.approaches.includes('hybrid')).toBe(occupation.hybridMinHours !== null);
      expect(occupation.hybridMaxHours ?? 0).toBeGreaterThanOrEqual(occupation.hybridMinHours ?? 0);
    },
  );

  it('has each RAPIDS code once', () => {
    const codes = DEMO_OCCUPATIONS.map((occupation) => occupation.rapidsCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
