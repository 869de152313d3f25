export * from './lib/secret-compare';
export * from './lib/redaction';
export * from './lib/origin-policy';
export * from './lib/security-headers';
export * from './lib/cors';
export * from './lib/twilio-signature';
