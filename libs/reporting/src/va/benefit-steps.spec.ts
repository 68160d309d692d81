import { BENEFIT_STEPS, benefitStep, stepPercent } from './benefit-steps';

describe('benefit steps (va.md §5)', () => {
  it('steps chapter 33 down 100/80/60/40 per 6 months of pursuit and 20% after 24', () => {
    const percents = [0, 5, 6, 11, 12, 18, 23, 24, 60].map((before) => stepPercent('33', benefitStep('33', before)));
    expect(percents).toEqual([100, 100, 80, 80, 60, 40, 40, 20, 20]);
  });

  it.each(['30', '1606', '32'] as const)('steps chapter %s 75/55/35, 35%% after 12 months', (chapter) => {
    expect([0, 5, 6, 11, 12, 40].map((before) => stepPercent(chapter, benefitStep(chapter, before)))).toEqual([75, 75, 55, 55, 35, 35]);
  });

  it('gives chapter 35 four rate-table steps without percentages', () => {
    expect([0, 6, 12, 18, 24, 100].map((before) => benefitStep('35', before))).toEqual([1, 2, 3, 4, 4, 4]);
    expect(stepPercent('35', 2)).toBeNull();
  });

  it('has no steps for chapter 31', () => {
    expect(benefitStep('31', 10)).toBeNull();
    expect(stepPercent('31', null)).toBeNull();
  });

  it('cites a source for every chapter and holds no dollar amounts', () => {
    for (const steps of Object.values(BENEFIT_STEPS)) {
      expect(steps.citation).toMatch(/U\.S\.C\.|CFR/);
      expect(JSON.stringify(steps)).not.toContain('$');
    }
  });
});
