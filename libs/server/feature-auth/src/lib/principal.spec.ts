import { callScopeOf, canSeeCall, type Principal } from './principal';

const supervisor: Principal = { username: 'sam', role: 'supervisor' };
const agent7: Principal = { username: 'ana', role: 'agent', agentId: 'agent-7' };

describe('canSeeCall', () => {
  it('lets a supervisor see every call', () => {
    expect(canSeeCall(supervisor, { agentId: 'agent-7' })).toBe(true);
    expect(canSeeCall(supervisor, { agentId: 'agent-8' })).toBe(true);
  });

  it('lets an agent see only calls of its own agentId', () => {
    expect(canSeeCall(agent7, { agentId: 'agent-7' })).toBe(true);
    expect(canSeeCall(agent7, { agentId: 'agent-8' })).toBe(false);
    expect(canSeeCall(agent7, { agentId: 'AGENT-7' })).toBe(false);
  });

  it('shows nothing to an agent principal that lacks an agentId', () => {
    expect(canSeeCall({ username: 'x', role: 'agent' }, { agentId: '' })).toBe(false);
  });
});

describe('callScopeOf', () => {
  it('scopes an agent’s listings to its agentId and leaves a supervisor’s open', () => {
    expect(callScopeOf(supervisor)).toEqual({});
    expect(callScopeOf(agent7)).toEqual({ agentId: 'agent-7' });
  });

  it('refuses to scope an agent principal without agentId rather than showing it everything', () => {
    expect(() => callScopeOf({ username: 'x', role: 'agent' })).toThrow('agent x has no agentId');
  });
});
