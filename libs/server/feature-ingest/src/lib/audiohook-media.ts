import type { AudioHookChannel, AudioHookMedia, Speaker } from '@tnt/protocol';
import { decodeMulaw } from '@tnt/server/util-audio';
import { ingestError, INGEST_ERROR_CODES } from './ingest-error';

/** The only rate AudioHook streams at. */
export const AUDIOHOOK_SAMPLE_RATE = 8000;

/** AudioHook channels → TnT speakers: `external` is the customer, `internal` the agent. */
export const SPEAKER_OF_CHANNEL: Readonly<Record<AudioHookChannel, Speaker>> = { external: 'caller', internal: 'agent' };

/** A media format this endpoint takes: PCMU or L16 at 8 kHz, `external` and/or `internal`. */
export interface ChosenMedia {
  readonly type: 'audio';
  readonly format: 'PCMU' | 'L16';
  readonly channels: readonly AudioHookChannel[];
  readonly rate: typeof AUDIOHOOK_SAMPLE_RATE;
}

function isChannel(name: string): name is AudioHookChannel {
  return name === 'external' || name === 'internal';
}

/** The first offer this endpoint can take, in the client's order of preference; undefined when there is none. */
export function chooseMedia(offers: readonly AudioHookMedia[]): ChosenMedia | undefined {
  for (const offer of offers) {
    const { format, channels, rate } = offer;
    if (offer.type !== 'audio' || rate !== AUDIOHOOK_SAMPLE_RATE || (format !== 'PCMU' && format !== 'L16')) continue;
    if (channels.length > 2 || new Set(channels).size !== channels.length || !channels.every(isChannel)) continue;
    return { type: 'audio', format, channels: channels.filter(isChannel), rate: AUDIOHOOK_SAMPLE_RATE };
  }
  return undefined;
}

/** What the offers were, for the error that refuses them. */
export function describeOffers(offers: readonly AudioHookMedia[]): string {
  if (offers.length === 0) return 'no media was offered';
  const shown = offers
    .slice(0, 4)
    .map((offer) => `${offer.format.slice(0, 16)} ${offer.rate} Hz [${offer.channels.join(',').slice(0, 40)}]`);
  return `none of the offered media (${shown.join('; ')}) is PCMU or L16 at 8000 Hz on external/internal channels`;
}

/**
 * Splits one binary audio frame into each channel's PCM: samples interleaved by channel in the
 * order `opened` named them, PCMU one byte a sample, L16 two bytes little-endian.
 */
export function decodeAudioFrame(frame: Buffer, media: ChosenMedia): [AudioHookChannel, Int16Array][] {
  const channelCount = media.channels.length;
  const bytesPerSample = media.format === 'PCMU' ? 1 : 2;
  if (frame.length % (channelCount * bytesPerSample) !== 0) {
    throw ingestError(
      INGEST_ERROR_CODES.ODD_BYTE_COUNT,
      `a frame of ${frame.length} bytes is not whole ${media.format} samples for ${channelCount} channel(s)`,
    );
  }
  let interleaved: Int16Array;
  if (media.format === 'PCMU') {
    interleaved = decodeMulaw(frame);
  } else {
    interleaved = new Int16Array(frame.length / 2);
    for (let index = 0; index < interleaved.length; index++) interleaved[index] = frame.readInt16LE(index * 2);
  }
  if (channelCount === 1) return [[media.channels[0], interleaved]];
  const perChannel = interleaved.length / channelCount;
  return media.channels.map((channel, offset) => {
    const samples = new Int16Array(perChannel);
    for (let index = 0; index < perChannel; index++) samples[index] = interleaved[index * channelCount + offset];
    return [channel, samples];
  });
}
