import { homePathOf, returnUrlParams, safeReturnUrl } from './home-path';

describe('home paths and return URLs', () => {
  it('starts supervisors on the board and agents on their own view', () => {
    expect(homePathOf({ role: 'supervisor' })).toBe('/');
    expect(homePathOf({ role: 'agent', agentId: 'agent 7/b' })).toBe('/agent/agent%207%2Fb');
  });

  it('returns only to paths of this dashboard', () => {
    expect(safeReturnUrl('/calls/abc?x=1')).toBe('/calls/abc?x=1');
    for (const unsafe of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'calls/abc', '', null, undefined]) {
      expect(safeReturnUrl(unsafe)).toBeUndefined();
    }
  });

  it('never returns to the sign-in page itself', () => {
    expect(safeReturnUrl('/login')).toBeUndefined();
    expect(safeReturnUrl('/login?returnUrl=%2F')).toBeUndefined();
    expect(safeReturnUrl('/loginhelp')).toBe('/loginhelp');
  });

  it('leaves the start page out of the sign-in URL', () => {
    expect(returnUrlParams('/')).toEqual({});
    expect(returnUrlParams('/agent/agent-1')).toEqual({ returnUrl: '/agent/agent-1' });
  });
});
