import { ReadinessChecks } from './readiness';

describe('ReadinessChecks', () => {
  it('is ready only when every registered check passes, and names each outcome', () => {
    const readiness = new ReadinessChecks();
    let engineStarted = false;
    readiness.register('engine', () => engineStarted);
    readiness.register('store', () => true);
    expect(readiness.evaluate()).toEqual({ ready: false, checks: { engine: false, store: true } });
    engineStarted = true;
    expect(readiness.evaluate()).toEqual({ ready: true, checks: { engine: true, store: true } });
  });

  it('reports the reason a check gives for not passing', () => {
    const readiness = new ReadinessChecks();
    readiness.register('engine', () => true);
    readiness.register('speech-capacity', () => ({ reason: 'at capacity: backlog 3.2 s' }));
    expect(readiness.evaluate()).toEqual({ ready: false, checks: { engine: true, 'speech-capacity': 'at capacity: backlog 3.2 s' } });
  });

  it('refuses a second check under a name already taken', () => {
    const readiness = new ReadinessChecks();
    readiness.register('store', () => true);
    expect(() => readiness.register('store', () => false)).toThrow('a readiness check named "store" is already registered');
  });
});
