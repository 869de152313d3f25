import { SPECIFICATION_EXAMPLE } from '../testing';
import { NonceRegistry, signAudioHookRequest, verifyHttpMessageSignature, type SignedRequest } from './http-message-signature';

const { apiKey: API_KEY, clientSecret: CLIENT_SECRET, headers: SPEC_HEADERS } = SPECIFICATION_EXAMPLE;
const SPEC_REQUEST: SignedRequest = {
  target: SPECIFICATION_EXAMPLE.target,
  authority: SPECIFICATION_EXAMPLE.authority,
  headers: SPEC_HEADERS,
};
const CREATED = SPECIFICATION_EXAMPLE.createdSeconds;
const check = (nowSeconds: number) => ({
  secretOf: (key: string) => (key === API_KEY ? CLIENT_SECRET : undefined),
  nowSeconds,
  maxAgeSeconds: 60,
});

describe('verifyHttpMessageSignature', () => {
  it("accepts the specification's example signature", () => {
    expect(verifyHttpMessageSignature(SPEC_REQUEST, check(CREATED + 1))).toEqual({
      ok: true,
      keyId: API_KEY,
      nonce: 'VGhpc0lzQVVuaXF1ZU5vbmNl',
      created: CREATED,
      expires: 3282026430,
    });
  });

  it('refuses the example when any covered header or the path differs', () => {
    const tampered = { ...SPEC_REQUEST, headers: { ...SPEC_HEADERS, 'audiohook-organization-id': 'd7934305-0972-4844-938e-9060eef73d06' } };
    expect(verifyHttpMessageSignature(tampered, check(CREATED))).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifyHttpMessageSignature({ ...SPEC_REQUEST, target: '/other' }, check(CREATED))).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses a created older than the allowed age and one in the future, beyond the clock skew', () => {
    expect(verifyHttpMessageSignature(SPEC_REQUEST, check(CREATED + 64))).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyHttpMessageSignature(SPEC_REQUEST, check(CREATED + 63))).toMatchObject({ ok: true });
    expect(verifyHttpMessageSignature(SPEC_REQUEST, check(CREATED - 4))).toMatchObject({ ok: false, reason: 'not-yet-valid' });
    expect(verifyHttpMessageSignature(SPEC_REQUEST, check(CREATED - 3))).toMatchObject({ ok: true });
  });

  it('refuses an unknown key, a missing signature and one that leaves a required header uncovered', () => {
    const otherKey = { ...check(CREATED), secretOf: () => undefined };
    expect(verifyHttpMessageSignature(SPEC_REQUEST, otherKey)).toMatchObject({ ok: false, reason: 'unknown-key' });
    const unsigned = { ...SPEC_REQUEST, headers: { 'x-api-key': API_KEY } };
    expect(verifyHttpMessageSignature(unsigned, check(CREATED))).toMatchObject({ ok: false, reason: 'unsigned' });
    const partial = { ...SPEC_HEADERS, 'signature-input': SPEC_HEADERS['signature-input'].replace(' "x-api-key"', '') };
    expect(verifyHttpMessageSignature({ ...SPEC_REQUEST, headers: partial }, check(CREATED))).toMatchObject({
      ok: false,
      reason: 'not-covered',
    });
  });

  it('refuses header values that are not structured fields', () => {
    const garbage = { ...SPEC_HEADERS, 'signature-input': 'sig1=("@request-target"' };
    expect(verifyHttpMessageSignature({ ...SPEC_REQUEST, headers: garbage }, check(CREATED))).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('verifies what signAudioHookRequest signs, as the simulator signs it', () => {
    const request = { target: '/ingest/audiohook', authority: '127.0.0.1:3000', headers: { ...SPEC_HEADERS } };
    const signed = signAudioHookRequest(
      request,
      { apiKey: API_KEY, clientSecret: CLIENT_SECRET },
      { nonce: 'n1', created: 100, expires: 400 },
    );
    const headers = { ...request.headers, 'signature-input': signed.signatureInput, signature: signed.signature };
    expect(verifyHttpMessageSignature({ ...request, headers }, check(101))).toMatchObject({ ok: true, nonce: 'n1' });
  });
});

describe('NonceRegistry', () => {
  it('refuses a nonce seen before until it expires, and forgets the oldest when full', () => {
    const nonces = new NonceRegistry(2);
    expect(nonces.remember('a', 0, 10)).toBe(true);
    expect(nonces.remember('a', 5, 15)).toBe(false);
    expect(nonces.remember('b', 6, 16)).toBe(true);
    expect(nonces.remember('c', 7, 17)).toBe(true);
    expect(nonces.remember('a', 8, 18)).toBe(true);
  });
});
