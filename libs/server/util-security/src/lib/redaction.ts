/** What replaces a secret in text meant for logs. */
export const REDACTED = '[redacted]';

/** Names of fields, query parameters and headers whose values are secrets. */
const SECRET_NAMES =
  'password|passwd|token|access_token|id_token|refresh_token|apikey|api_key|x-api-key|secret|authorization|x-twilio-signature|signature';

/** Headers whose whole value is a credential. */
const SECRET_HEADERS = 'authorization|proxy-authorization|x-api-key|x-twilio-signature|sec-websocket-protocol|cookie|set-cookie';

const PATTERNS: readonly (readonly [RegExp, string])[] = [
  // A JWT (header.payload.signature, base64url): the header always starts with `{"` = `eyJ`.
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, REDACTED],
  // A generated ingest API key (its prefix exists so that it can be recognised).
  [/\btnt_ingest_[A-Za-z0-9_-]{16,}/g, REDACTED],
  // Credentials after an HTTP auth scheme.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // `"password": "…"` in JSON (escaped quotes inside the value included).
  [new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1${REDACTED}"`],
  // `?token=…` / `&apiKey=…` in URLs and form bodies.
  [new RegExp(`([?&;](?:${SECRET_NAMES})=)[^&#\\s"]*`, 'gi'), `$1${REDACTED}`],
  // `x-api-key: …` header lines.
  [new RegExp(`(^|[\\s,{])((?:${SECRET_HEADERS}):\\s*)[^\\r\\n]+`, 'gi'), `$1$2${REDACTED}`],
];

/** Shortest configured secret that is replaced verbatim; shorter strings would redact ordinary words. */
const MIN_KNOWN_SECRET_LENGTH = 8;

/**
 * Removes secrets from text before it is logged: anything shaped like a JWT, bearer/basic
 * credentials, password/token/api-key fields in JSON, URLs and header lines, and every
 * configured secret (API keys, the Twilio auth token) wherever it appears verbatim.
 */
export class SecretRedactor {
  private readonly known: readonly string[];

  /** @param knownSecrets configured secrets to remove verbatim (shorter than 8 characters are ignored). */
  constructor(knownSecrets: readonly string[] = []) {
    this.known = [...new Set(knownSecrets.filter((secret) => secret.length >= MIN_KNOWN_SECRET_LENGTH))].sort(
      (left, right) => right.length - left.length,
    );
  }

  /** `text` with every secret replaced by {@link REDACTED}. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.known) result = result.split(secret).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
    return result;
  }
}

const patternsOnly = new SecretRedactor();

/** {@link SecretRedactor.redact} with the patterns only (no configured secrets). */
export function redactSecrets(text: string): string {
  return patternsOnly.redact(text);
}

/**
 * Makes untrusted text (a username, a header, a URL) safe for a one-line log entry: control
 * characters and line separators become `?` so nobody can forge log lines, and it is cut to
 * `maxLength` characters.
 */
export function sanitizeForLog(text: string, maxLength = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}
