export { matchesAnySecret } from './lib/secret-compare';
export { sanitizeForLog, SecretRedactor } from './lib/redaction';
export { isOriginAllowed, type OriginPolicy } from './lib/origin-policy';
export { type SecurityHeaderOptions, securityHeaders } from './lib/security-headers';
export { corsMiddleware, type CorsOptions } from './lib/cors';
export { computeTwilioSignature, isValidTwilioSignature, TWILIO_SIGNATURE_HEADER, twilioStreamUrl } from './lib/twilio-signature';
