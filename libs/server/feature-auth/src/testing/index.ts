export * from './attack-target';
export * from './attack-cases';
export * from './attack-runner';
export * from './test-access';
