import { L16_METADATA, TWILIO_MEDIA_MESSAGE, TWILIO_START_MESSAGE } from './ingest-messages';
import { validate } from './schema';

const twilioStart = {
  event: 'start',
  sequenceNumber: '1',
  start: {
    callSid: 'CA0123456789abcdef0123456789abcdef',
    streamSid: 'MZ1',
    tracks: ['inbound', 'outbound'],
    mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
    customParameters: { agentId: 'agent-7' },
  },
};

describe('ingest frame schemas', () => {
  it('accepts a Twilio start and keeps the fields Twilio adds', () => {
    expect(validate(TWILIO_START_MESSAGE, twilioStart)).toEqual({ ok: true, value: twilioStart });
  });

  it.each([
    ['no callSid', { ...twilioStart.start, callSid: undefined }, 'start.callSid'],
    ['a callSid outside the call-id rule', { ...twilioStart.start, callSid: 'call 42' }, 'start.callSid'],
    ['an unknown track', { ...twilioStart.start, tracks: ['inbound', 'both_tracks'] }, 'start.tracks[1]'],
    ['no tracks', { ...twilioStart.start, tracks: [] }, 'start.tracks'],
    [
      'a rate that is not a number',
      { ...twilioStart.start, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 'fast' } },
      'start.mediaFormat.sampleRate',
    ],
  ])('refuses a Twilio start with %s, naming the field', (_name, start, path) => {
    expect(validate(TWILIO_START_MESSAGE, { ...twilioStart, start })).toMatchObject({ ok: false, path });
  });

  it('takes Twilio media whose numbers are strings', () => {
    const media = { event: 'media', media: { track: 'inbound', chunk: '2', timestamp: '40', payload: '//79/w==' } };
    expect(validate(TWILIO_MEDIA_MESSAGE, media).ok).toBe(true);
    expect(validate(TWILIO_MEDIA_MESSAGE, { event: 'media', media: { track: 'inbound' } })).toMatchObject({ path: 'media.payload' });
  });

  it('accepts L16 metadata named by callId or by callSid, and refuses it with neither', () => {
    expect(validate(L16_METADATA, { callId: 'c-1', sampleRate: 16000 }).ok).toBe(true);
    expect(validate(L16_METADATA, { callSid: 'c-1', sampleRate: '8000', mixType: 'stereo', callerChannel: 1 }).ok).toBe(true);
    expect(validate(L16_METADATA, { sampleRate: 16000 })).toMatchObject({ path: 'callId', message: 'callId must be present (or callSid)' });
    expect(validate(L16_METADATA, { callId: 'café-1', sampleRate: 16000 })).toMatchObject({ path: 'callId' });
    expect(validate(L16_METADATA, { callId: 'c', sampleRate: 16000, speaker: 'robot' })).toMatchObject({ path: 'speaker' });
    expect(validate(L16_METADATA, { callId: 'c', sampleRate: 16000, callerChannel: 2 })).toMatchObject({ path: 'callerChannel' });
  });
});
