import { scopeOf } from '../../../test/support/scopes';
import { Permission, Role } from './roles';

describe('AccessScope', () => {
  it('gives a sponsor admin its own sponsor, for reading and managing', () => {
    const scope = scopeOf('u', [['s1', 'sponsor', Role.SPONSOR_ADMIN]]);
    expect(scope.reach(Permission.ReadRegistry)).toMatchObject({ all: false, sponsorIds: ['s1'] });
    expect(scope.reachesSponsor(Permission.ManageApprentices, 's1')).toBe(true);
    expect(scope.reachesSponsor(Permission.ManageApprentices, 's2')).toBe(false);
  });

  it('gives an intermediary the sponsors it serves', () => {
    const scope = scopeOf('u', [['i1', 'intermediary', Role.INTERMEDIARY_STAFF]], { served: { i1: ['s1', 's2'] } });
    expect(scope.reach(Permission.ManagePrograms).sponsorIds).toEqual(['s1', 's2']);
  });

  it('gives a state analyst its state, read-only', () => {
    const scope = scopeOf('u', [['a1', 'state_agency', Role.STATE_ANALYST, 'OH']]);
    expect(scope.reach(Permission.ReadRegistry).states).toEqual(['OH']);
    expect(scope.can(Permission.ManageApprentices)).toBe(false);
    expect(scope.reach(Permission.ManageApprentices)).toMatchObject({ states: [], sponsorIds: [] });
  });

  it('limits a supervisor at an employer to that employer', () => {
    const scope = scopeOf('u', [['e1', 'employer', Role.SUPERVISOR]]);
    expect(scope.reach(Permission.ReadRegistry)).toMatchObject({ employerIds: ['e1'], sponsorIds: [] });
    expect(scope.can(Permission.ManagePrograms)).toBe(false);
  });

  it('limits an apprentice to their own record', () => {
    const scope = scopeOf('u', [['s1', 'sponsor', Role.APPRENTICE]], { apprenticeId: 'a1' });
    expect(scope.reach(Permission.ReadRegistry)).toMatchObject({ apprenticeIds: ['a1'], sponsorIds: [] });
  });

  it('gives the platform administrator everything', () => {
    const scope = scopeOf('u', [['p', 'platform', Role.PLATFORM_ADMIN]]);
    expect(scope.registrationFilter(Permission.ReadOutcomes, 'r').sql).toBe('TRUE');
  });

  it('builds filters whose parameters carry every reach list', () => {
    const filter = scopeOf('u', [['s1', 'sponsor', Role.SPONSOR_ADMIN]]).registrationFilter(Permission.ReadRegistry, 'r');
    expect(filter.params).toEqual({ reachSponsorIds: ['s1'], reachEmployerIds: [], reachStates: [], reachApprenticeIds: [] });
    expect(filter.sql).toContain('r.sponsor_id = ANY(:reachSponsorIds)');
  });
});
