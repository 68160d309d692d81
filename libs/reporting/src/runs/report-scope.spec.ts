import { Role } from '@journeyline/auth/roles';
import { scopeOf } from '../../../../test/support/scopes';
import { intermediaryIdsWith, runScopeFilter, scopeIdProblem } from './report-scope';

const ORG = '3f0c6f0e-8d3b-4c39-9a53-0d7e2a4b9c11';
const OTHER = '9b7e2f4a-1c3d-4e5f-8a6b-7c8d9e0f1a2b';

describe('report scopes', () => {
  it('wants a UUID for organizations and programs and a VA facility code for facility scopes', () => {
    expect(scopeIdProblem('sponsor', ORG)).toBeNull();
    expect(scopeIdProblem('program', 'not-an-id')).toBe("must be the program's id (UUID)");
    expect(scopeIdProblem('facility_code', '20012345')).toBeNull();
    expect(scopeIdProblem('facility_code', '21012345')).toContain('8-character VA facility code');
    expect(scopeIdProblem('facility_code', ORG)).toContain('8-character VA facility code');
  });

  it('gives intermediary scopes to whoever works for the intermediary with RunReports, and to nobody else', () => {
    const staff = scopeOf(null, [[ORG, 'intermediary', Role.INTERMEDIARY_STAFF], [OTHER, 'sponsor', Role.SPONSOR_ADMIN]]);
    expect(intermediaryIdsWith(staff)).toEqual([ORG]);
    expect(intermediaryIdsWith(scopeOf(null, [[ORG, 'intermediary', Role.CERTIFYING_OFFICIAL]]))).toEqual([ORG]);
    expect(intermediaryIdsWith(scopeOf(null, [[OTHER, 'sponsor', Role.SPONSOR_ADMIN]]))).toEqual([]);
  });

  it('lets the platform administrator reach every run and binds the reach lists for everyone else', () => {
    expect(runScopeFilter(scopeOf(null, [[ORG, 'platform', Role.PLATFORM_ADMIN]]), 'rr')).toEqual({ sql: 'TRUE', params: {} });
    const filter = runScopeFilter(scopeOf(null, [[ORG, 'sponsor', Role.CERTIFYING_OFFICIAL], [OTHER, 'employer', Role.CERTIFYING_OFFICIAL]]), 'rr');
    // An employer-level certifying official reaches no scope through the employer.
    expect(filter.params).toEqual({ runSponsorIds: [ORG], runIntermediaryIds: [] });
  });
});
