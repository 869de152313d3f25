import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('allows the configured attempts per address, then refuses with RATE_LIMITED and a retry delay', () => {
    const throttle = new LoginThrottle(3);
    expect([throttle.admit('10.0.0.1', 'a'), throttle.admit('10.0.0.1', 'b'), throttle.admit('10.0.0.1', 'c')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const refused = throttle.admit('10.0.0.1', 'd');
    expect(refused?.code).toBe('RATE_LIMITED');
    expect(refused?.httpStatus).toBe(429);
    expect(refused?.retryAfterSeconds).toBe(20);
  });

  it('limits guesses at one username from many addresses, whatever its case', () => {
    const throttle = new LoginThrottle(2);
    throttle.admit('10.0.0.1', 'Sam');
    throttle.admit('10.0.0.2', 'sam');
    expect(throttle.admit('10.0.0.3', ' SAM ')?.code).toBe('RATE_LIMITED');
    expect(throttle.admit('10.0.0.3', 'ana')).toBeUndefined();
  });
});
