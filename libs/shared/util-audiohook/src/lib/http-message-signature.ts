import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  parseDictionary,
  serializeBareItem,
  serializeInnerList,
  StructuredFieldError,
  type BareItem,
  type Member,
} from './structured-fields';

/**
 * HTTP Message Signatures (RFC 9421) as Genesys AudioHook signs its WebSocket upgrades: one
 * signature, `hmac-sha256` keyed with the base64-decoded client secret, `keyid` = the API key,
 * `created`, `expires` and a `nonce`, covering the request target, the authority and the
 * AudioHook headers. The signature base is rebuilt from the parsed `Signature-Input` (§2.5), never
 * taken from the request, and compared in constant time.
 */

/** The components an AudioHook upgrade signature must cover. */
export const AUDIOHOOK_SIGNED_COMPONENTS: readonly string[] = [
  '@request-target',
  '@authority',
  'audiohook-organization-id',
  'audiohook-session-id',
  'audiohook-correlation-id',
  'x-api-key',
];

/** Allowed difference between the client's clock and ours, in seconds (the AudioHook reference's). */
export const SIGNATURE_CLOCK_SKEW_SECONDS = 3;

/** What a request offers for its signature to be checked. */
export interface SignedRequest {
  /** The request target as received (path and query). */
  readonly target: string;
  /** The authority the client connected to (`host[:port]`), lower-case. */
  readonly authority: string;
  /** Header fields by lower-case name. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The parameters of an accepted signature, for the replay check. */
export interface VerifiedSignature {
  readonly ok: true;
  readonly keyId: string;
  readonly nonce: string;
  readonly created: number;
  readonly expires: number | undefined;
}

/** Why a signature was refused: a stable reason (for logs and metrics) and a message that reveals no secret. */
export interface RefusedSignature {
  readonly ok: false;
  readonly reason: 'unsigned' | 'malformed' | 'not-covered' | 'unknown-key' | 'expired' | 'not-yet-valid' | 'mismatch' | 'unsupported';
  readonly message: string;
}

/** Settings of {@link verifyHttpMessageSignature}. */
export interface SignatureCheck {
  /** The client secret (base64, as Genesys shows it) of a key id, or undefined for an unknown key. */
  readonly secretOf: (keyId: string) => string | undefined;
  /** Now, in seconds since the epoch. */
  readonly nowSeconds: number;
  /** Oldest `created` accepted, in seconds before now. */
  readonly maxAgeSeconds: number;
}

function refuse(reason: RefusedSignature['reason'], message: string): RefusedSignature {
  return { ok: false, reason, message };
}

function headerValue(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  // RFC 9421 §2.1: each value trimmed, multiple field lines joined with ", ".
  return (Array.isArray(value) ? value : [value]).map((line) => line.trim().replace(/[ \t]*\r\n[ \t]+/g, ' ')).join(', ');
}

function param(member: Member, name: string): BareItem | undefined {
  return member.params.find(([key]) => key === name)?.[1];
}

/** Checks the `Signature-Input` / `Signature` pair of `request`; the first signature label is the one checked. */
export function verifyHttpMessageSignature(request: SignedRequest, check: SignatureCheck): VerifiedSignature | RefusedSignature {
  const inputHeader = headerValue(request.headers, 'signature-input');
  const signatureHeader = headerValue(request.headers, 'signature');
  if (inputHeader === undefined && signatureHeader === undefined) return refuse('unsigned', 'the upgrade carries no Signature');
  if (inputHeader === undefined || signatureHeader === undefined)
    return refuse('malformed', 'Signature and Signature-Input must come together');
  let inputs: Map<string, Member>;
  let signatures: Map<string, Member>;
  try {
    inputs = parseDictionary(inputHeader);
    signatures = parseDictionary(signatureHeader);
  } catch (error) {
    if (error instanceof StructuredFieldError)
      return refuse('malformed', `Signature-Input or Signature is not a structured field: ${error.message}`);
    throw error;
  }
  const [label, input] = [...inputs.entries()][0] ?? [];
  if (label === undefined || input === undefined || !Array.isArray(input.value))
    return refuse('malformed', 'Signature-Input holds no inner list');
  const signature = signatures.get(label)?.value;
  if (!(signature instanceof Uint8Array)) return refuse('malformed', `no byte-sequence Signature labelled ${label}`);

  const components = input.value.map((item) => item.value);
  if (!components.every((name): name is string => typeof name === 'string') || input.value.some((item) => item.params.length > 0)) {
    return refuse('unsupported', 'covered components must be plain names');
  }
  if (new Set(components).size !== components.length) return refuse('malformed', 'a component is covered twice');
  const missing = AUDIOHOOK_SIGNED_COMPONENTS.filter((name) => !components.includes(name));
  if (missing.length > 0) return refuse('not-covered', `the signature does not cover ${missing.join(', ')}`);

  const keyId = param(input, 'keyid');
  const nonce = param(input, 'nonce');
  const created = param(input, 'created');
  const expires = param(input, 'expires');
  const alg = param(input, 'alg');
  if (typeof keyId !== 'string' || typeof nonce !== 'string' || nonce === '') return refuse('malformed', 'keyid and nonce are required');
  if (typeof created !== 'number' || !Number.isInteger(created)) return refuse('malformed', 'created is required');
  if (expires !== undefined && (typeof expires !== 'number' || !Number.isInteger(expires)))
    return refuse('malformed', 'expires is not an integer');
  if (alg !== undefined && alg !== 'hmac-sha256') return refuse('unsupported', `alg ${serializeBareItem(alg)} is not hmac-sha256`);

  const skew = SIGNATURE_CLOCK_SKEW_SECONDS;
  if (created > check.nowSeconds + skew) return refuse('not-yet-valid', 'created is in the future');
  if (created < check.nowSeconds - check.maxAgeSeconds - skew) return refuse('expired', `created is older than ${check.maxAgeSeconds} s`);
  if (expires !== undefined && expires < check.nowSeconds - skew) return refuse('expired', 'the signature has expired');

  const secret = check.secretOf(keyId);
  if (secret === undefined) return refuse('unknown-key', 'the keyid is not a configured AudioHook API key');
  const lines: string[] = [];
  for (const name of components as string[]) {
    const value =
      name === '@request-target'
        ? request.target
        : name === '@authority'
          ? request.authority
          : name.startsWith('@')
            ? undefined
            : headerValue(request.headers, name);
    if (value === undefined) return refuse('malformed', `component ${name} cannot be resolved`);
    lines.push(`${serializeBareItem(name)}: ${value}`);
  }
  lines.push(`"@signature-params": ${serializeInnerList(input)}`);
  const expected = createHmac('sha256', Buffer.from(secret, 'base64')).update(lines.join('\n'), 'utf8').digest();
  const presented = Buffer.from(signature);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
    return refuse('mismatch', 'the signature does not match');
  return { ok: true, keyId, nonce, created, expires };
}

/** Signs an AudioHook upgrade the way Genesys does (for the simulator and tests): the `Signature-Input` and `Signature` values. */
export function signAudioHookRequest(
  request: SignedRequest,
  credentials: { readonly apiKey: string; readonly clientSecret: string },
  signature: { readonly nonce: string; readonly created: number; readonly expires: number },
): { signatureInput: string; signature: string } {
  const input: Member = {
    value: AUDIOHOOK_SIGNED_COMPONENTS.map((name) => ({ value: name, params: [] })),
    params: [
      ['keyid', credentials.apiKey],
      ['nonce', signature.nonce],
      ['alg', 'hmac-sha256'],
      ['created', signature.created],
      ['expires', signature.expires],
    ],
  };
  const lines = AUDIOHOOK_SIGNED_COMPONENTS.map((name) => {
    const value =
      name === '@request-target' ? request.target : name === '@authority' ? request.authority : headerValue(request.headers, name);
    return `${serializeBareItem(name)}: ${value ?? ''}`;
  });
  lines.push(`"@signature-params": ${serializeInnerList(input)}`);
  const mac = createHmac('sha256', Buffer.from(credentials.clientSecret, 'base64')).update(lines.join('\n'), 'utf8').digest('base64');
  return { signatureInput: `sig1=${serializeInnerList(input)}`, signature: `sig1=:${mac}:` };
}

/**
 * Remembers each accepted nonce until a signature carrying it could no longer be accepted, so a
 * captured upgrade cannot be replayed. Bounded: when full, the oldest entries go first.
 */
export class NonceRegistry {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 100_000) {}

  /** True and remembered until `untilSeconds` when `nonce` is new; false for a replay. */
  remember(nonce: string, nowSeconds: number, untilSeconds: number): boolean {
    for (const [known, until] of this.seen) {
      if (until >= nowSeconds && this.seen.size < this.capacity) break;
      this.seen.delete(known);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, untilSeconds);
    return true;
  }
}
