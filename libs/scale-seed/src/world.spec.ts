import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, OCCUPATIONS, PLACE_WORDS, REASONS, SECTOR_NAICS, STATES } from './reference-data';
import { buildWorld, sponsorCount } from './world';

describe('reference data', () => {
  it('uses codes in the formats the schema accepts', () => {
    for (const occupation of OCCUPATIONS) {
      expect(occupation.rapidsCode).toMatch(/^[0-9]{4}[A-Z]?((CB|HY)(V[0-9]+)?)?$/);
      expect(occupation.onetSocCode).toMatch(/^[0-9]{2}-[0-9]{4}\.[0-9]{2}$/);
      expect(occupation.ojtTermHours).toBeGreaterThanOrEqual(2000);
    }
    expect(new Set(OCCUPATIONS.map((occupation) => occupation.rapidsCode)).size).toBe(OCCUPATIONS.length);
    expect(new Set(STATES.map((state) => state.code)).size).toBe(40);
    for (const state of STATES) expect(`${state.code}${state.fips}${state.zip3}`).toMatch(/^[A-Z]{2}[0-9]{2}[0-9]{3}$/);
    for (const code of Object.values(SECTOR_NAICS).flat()) expect(code).toMatch(/^[0-9]{2,6}$/);
  });

  it('mixes occupations so that about 13% of apprentices are women', () => {
    const weight = OCCUPATIONS.reduce((sum, occupation) => sum + occupation.weight, 0);
    const women = OCCUPATIONS.reduce((sum, occupation) => sum + occupation.weight * occupation.femaleShare, 0) / weight;
    expect(women).toBeGreaterThan(0.11);
    expect(women).toBeLessThan(0.15);
  });

  it('keeps names and reasons plain ASCII, within the column limits', () => {
    const words = [...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES, ...LAST_NAMES, ...PLACE_WORDS, ...Object.values(REASONS).flat()];
    expect(words.filter((word) => !/^[\x20-\x7e]+$/.test(word) || word.length > 200)).toEqual([]);
    expect([...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES, ...LAST_NAMES].filter((name) => name.length > 55)).toEqual([]);
  });
});

describe('buildWorld', () => {
  const world = buildWorld(11, 40_000);

  it('makes one sponsor per 200 apprentices, at least five', () => {
    expect(sponsorCount(100)).toBe(5);
    expect(world.sponsors).toHaveLength(200);
    expect(new Set(world.sponsors.map((sponsor) => sponsor.state.code)).size).toBeGreaterThan(20);
  });

  it('gives every program standards that pass the standards rules', () => {
    for (const entry of world.programOccupations) {
      expect(entry.probationMonths).toBeLessThanOrEqual(Math.min(12, entry.termMonths / 4));
      expect(entry.workProcesses.reduce((sum, process) => sum + process.minHours, 0)).toBe(entry.ojtTermHours);
      for (const process of entry.workProcesses) {
        expect(process.minHours).toBeGreaterThanOrEqual(50);
        expect(process.maxHours).toBeGreaterThanOrEqual(process.minHours);
      }
      entry.steps.forEach((step, position) => {
        expect(step.step).toBe(position + 1);
        expect(step.rateCents).toBeGreaterThanOrEqual(725);
        if (position === 0) expect(step.thresholdValue).toBe(0);
        else {
          expect(step.rateCents).toBeGreaterThan(entry.steps[position - 1].rateCents);
          expect(step.thresholdValue).toBeGreaterThan(entry.steps[position - 1].thresholdValue);
        }
      });
      if (entry.vaFacilityCode) expect(entry.vaFacilityCode).toMatch(/^[0-9A-Z]0[0-9A-Z]{6}$/);
      expect(entry.courseId).not.toBe('');
      expect(entry.programNumber.length).toBeLessThanOrEqual(32);
    }
    expect(new Set(world.programOccupations.map((entry) => entry.programNumber)).size).toBe(world.programOccupations.length);
  });

  it('links every employer that is not the sponsor itself to its sponsor', () => {
    const links = new Set(world.sponsorEmployers.map(([sponsorId, employerId]) => `${sponsorId}|${employerId}`));
    for (const sponsor of world.sponsors) {
      for (const employerId of sponsor.employerIds) {
        if (employerId !== sponsor.id) expect(links.has(`${sponsor.id}|${employerId}`)).toBe(true);
      }
    }
    expect(new Set(world.organizations.map((organization) => organization.id)).size).toBe(world.organizations.length);
    expect(world.organizations.filter((organization) => organization.kind === 'state_agency')).toHaveLength(40);
    expect(world.intermediaryClients.length).toBeGreaterThan(0);
  });
});
