import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export const SIGNATURE_HEADER = 'TnT-Signature';
/** The header carrying the delivery's idempotency key (the same on every attempt). */
export const IDEMPOTENCY_KEY_HEADER = 'TnT-Idempotency-Key';
/** The header naming the event (`call.ended`, `alert.raised`). */
export const EVENT_HEADER = 'TnT-Event';

/**
 * The `TnT-Signature` value of `body` sent at `timestampSeconds`. The timestamp is signed with the
 * body, so a receiver that checks it is recent also refuses a captured request replayed later;
 * each attempt is signed again at its own time.
 */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, body)}`;
}

/** Why {@link verifyWebhookSignature} refused a request, or `ok`. */
export type SignatureCheck = 'ok' | 'malformed' | 'expired' | 'mismatch';

/**
 * A receiver's check of `TnT-Signature` (as the README shows it): the header parses, its timestamp
 * is within `toleranceSeconds` of `nowSeconds`, and one of its `v1` signatures equals the HMAC of
 * `<t>.<raw body>` (compared in constant time; several `v1` are allowed for a secret being rotated).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): SignatureCheck {
  const parts = (header ?? '').split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  const signatures = parts.filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? '')).map(([, value]) => value);
  if (!Number.isSafeInteger(timestamp) || signatures.length === 0) return 'malformed';
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return 'expired';
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected)) ? 'ok' : 'mismatch';
}

function hmacHex(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}
