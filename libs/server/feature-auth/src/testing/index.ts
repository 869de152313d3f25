export { ATTACK_LIMITS, type AttackTarget, type AttackTokenKind, prepareAttackTarget } from './attack-target';
export { ATTACK_CASES, type AttackCase, type AttackObservation, type AttackRequest } from './attack-cases';
export { type AttackContext, runAttackCase } from './attack-runner';
export { prepareTestAccess, type TestAccess } from './test-access';
