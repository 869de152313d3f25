/**
 * The example upgrade of the AudioHook protocol specification ("Establishing Connection"): its API
 * key, client secret, headers and the signature Genesys documents for them, for tests of the check.
 */
export const SPECIFICATION_EXAMPLE = {
  apiKey: 'SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh',
  clientSecret: 'TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=',
  target: '/api/v1/voicebiometrics/ws',
  authority: 'audiohook.example.com',
  createdSeconds: 1641013200,
  nonce: 'VGhpc0lzQVVuaXF1ZU5vbmNl',
  headers: {
    'audiohook-organization-id': 'd7934305-0972-4844-938e-9060eef73d05',
    'audiohook-correlation-id': 'e160e428-53e2-487c-977d-96989bf5c99d',
    'audiohook-session-id': '30b0e395-84d3-4570-ac13-9a62d8f514c0',
    'x-api-key': 'SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh',
    signature: 'sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:',
    'signature-input':
      'sig1=("@request-target" "@authority" "audiohook-organization-id" "audiohook-session-id" "audiohook-correlation-id" "x-api-key")' +
      ';keyid="SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";nonce="VGhpc0lzQVVuaXF1ZU5vbmNl";alg="hmac-sha256";created=1641013200;expires=3282026430',
  } as Readonly<Record<string, string>>,
} as const;
