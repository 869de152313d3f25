import { ATTACK_CASES } from './attack-cases';

describe('the attack table', () => {
  it('has at least 25 cases with distinct names', () => {
    expect(ATTACK_CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(ATTACK_CASES.map((attack) => attack.name)).size).toBe(ATTACK_CASES.length);
  });

  it('expects every refused upgrade to carry a stable code', () => {
    const refusals = ATTACK_CASES.filter(
      (attack) => attack.expected.status !== undefined && attack.expected.status >= 400 && attack.request.kind === 'upgrade',
    );
    expect(refusals.length).toBeGreaterThanOrEqual(15);
    for (const attack of refusals) expect(attack.expected.code).toMatch(/^[A-Z_]+$/);
  });
});
