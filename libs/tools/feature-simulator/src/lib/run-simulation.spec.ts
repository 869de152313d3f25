import type { TranscriptSegment } from '@tnt/protocol';
import type { Conversation } from '@tnt/tools/util-speech';
import { scoreCall } from './run-simulation';
import type { WatchedCall } from './transcript-watcher';

const conversation: Conversation = {
  directory: '/fixtures/billing',
  sampleRate: 16000,
  caller: new Int16Array(0),
  agent: new Int16Array(0),
  stereo: new Int16Array(0),
  script: {
    name: 'billing',
    title: 'A refund',
    sampleRate: 16000,
    durationMs: 6000,
    voices: { caller: 'slt', agent: 'rms' },
    turns: [
      { speaker: 'caller', text: 'It is four five six, and I paid twenty nine dollars.', startMs: 0, endMs: 3000 },
      { speaker: 'agent', text: 'Thank you.', startMs: 3000, endMs: 6000 },
    ],
  },
};

function final(speaker: 'caller' | 'agent', startMs: number, text: string, raw?: string): TranscriptSegment {
  return {
    id: `${speaker}-${startMs}`,
    text,
    ...(raw === undefined ? {} : { raw }),
    speaker,
    confidence: 0.9,
    timestamp: '2026-03-04T10:00:00.000Z',
    isFinal: true,
    startMs,
    endMs: startMs + 1000,
    engine: 'pocketsphinx',
    simulated: false,
  };
}

function watched(finals: TranscriptSegment[]): WatchedCall {
  return { callId: 'c1', finals, interimCount: 0, firstInterimAt: new Map(), finalAt: new Map() };
}

describe('scoreCall', () => {
  it("scores the engine's raw words, not the formatted text people read", () => {
    const scores = scoreCall(
      conversation,
      watched([
        final('caller', 0, 'It is 456, and I paid $29.', 'it is four five six and i paid twenty nine dollars'),
        final('agent', 3000, 'Thank you.', 'thank you'),
      ]),
    );
    expect([scores.caller.rate, scores.agent.rate]).toEqual([0, 0]);
  });

  it('scores the text of a gateway that does not format transcripts', () => {
    const scores = scoreCall(conversation, watched([final('caller', 0, 'it is four five six and i paid twenty dollars')]));
    expect(scores.caller).toMatchObject({ deletions: 1, substitutions: 0, insertions: 0 });
  });
});
