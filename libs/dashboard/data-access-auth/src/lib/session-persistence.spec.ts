import { TestBed } from '@angular/core/testing';
import { SESSION_STORAGE_KEY, SessionPersistence } from './session-persistence';

const SESSION = { token: 'a.b.c', expiresAt: '2026-03-02T18:00:00.000Z', username: 'ana', role: 'agent' as const, agentId: 'agent-7' };

describe('SessionPersistence', () => {
  let persistence: SessionPersistence;

  beforeEach(() => {
    persistence = TestBed.inject(SessionPersistence);
  });
  afterEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  it("keeps the session in this tab's sessionStorage and never in localStorage", () => {
    persistence.write(SESSION);

    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY) ?? '')).toEqual(SESSION);
    expect(localStorage.length).toBe(0);
    expect(persistence.read()).toEqual(SESSION);
  });

  it('forgets the session on clear', () => {
    persistence.write(SESSION);
    persistence.clear();

    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(persistence.read()).toBeUndefined();
  });

  it('discards a stored value that is not JSON, with a warning', () => {
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    sessionStorage.setItem(SESSION_STORAGE_KEY, '{not json');

    expect(persistence.read()).toBeUndefined();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(warnings).toHaveBeenCalledWith('TnT: the stored session is not JSON; it is discarded', expect.any(SyntaxError));
    warnings.mockRestore();
  });

  it('discards an agent session without its agent id', () => {
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { agentId: _agentId, ...withoutAgentId } = SESSION;
    sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(withoutAgentId));

    expect(persistence.read()).toBeUndefined();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(warnings).toHaveBeenCalledWith('TnT: the stored session is incomplete (agentId must be given for an agent); it is discarded');
    warnings.mockRestore();
  });
});
