import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec-test-0123456789';
const BODY = '{"id":"call-1:9:ab12","type":"call.ended"}';

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret, as a known vector computed here independently', () => {
    const expected = createHmac('sha256', SECRET).update(`1767225600.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, 1_767_225_600, BODY)).toBe(`t=1767225600,v1=${expected}`);
    // The same vector written out, so a change of algorithm or input order shows here too.
    expect(expected).toBe(
      createHmac('sha256', Buffer.from(SECRET, 'utf8'))
        .update(Buffer.from(`1767225600.${BODY}`))
        .digest('hex'),
    );
  });

  it('verifies a fresh signature and refuses a changed body, another secret, a stale time or a garbled header', () => {
    const header = signWebhook(SECRET, 1000, BODY);
    expect(verifyWebhookSignature(SECRET, header, BODY, 1200)).toBe('ok');
    expect(verifyWebhookSignature(SECRET, header, BODY.replace('9', '8'), 1200)).toBe('mismatch');
    expect(verifyWebhookSignature('another-secret-0000', header, BODY, 1200)).toBe('mismatch');
    expect(verifyWebhookSignature(SECRET, header, BODY, 1301)).toBe('expired');
    expect(verifyWebhookSignature(SECRET, header, BODY, 699)).toBe('expired');
    expect(verifyWebhookSignature(SECRET, 't=1000', BODY, 1000)).toBe('malformed');
    expect(verifyWebhookSignature(SECRET, undefined, BODY, 1000)).toBe('malformed');
  });

  it('accepts any one of several v1 signatures, so a secret can be rotated', () => {
    const old = signWebhook('the-old-secret-000000', 1000, BODY).split(',')[1];
    expect(verifyWebhookSignature(SECRET, `${signWebhook(SECRET, 1000, BODY)},${old}`, BODY, 1000)).toBe('ok');
  });
});
