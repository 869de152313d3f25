import type { EngineSegment } from '@tnt/server/util-engine';
import { conversationFor, ScriptedEngine } from './scripted-engine';
import { spokenForm } from './scripted-conversations';
import { conversationLengthMs } from './scripted-timeline';

function collect(engine: ScriptedEngine, callId: string, speaker: 'caller' | 'agent') {
  const segments: EngineSegment[] = [];
  const stream = engine.open(
    { callId, speaker, sampleRate: 16000, language: 'en-US' },
    {
      onSegment: (segment) => segments.push(segment),
      onError: (error) => {
        throw error;
      },
    },
  );
  return { stream, segments };
}

describe('ScriptedEngine (simulation)', () => {
  it('emits growing interims then a final with the same id for every turn of the speaker', () => {
    const callId = 'call-A';
    const { stream, segments } = collect(new ScriptedEngine(), callId, 'agent');
    const totalMs = conversationLengthMs(conversationFor(callId));
    for (let ms = 0; ms < totalMs; ms += 20) stream.write(new Int16Array(320));
    const finals = segments.filter((segment) => segment.isFinal);
    const agentTurns = conversationFor(callId).filter((turn) => turn.speaker === 'agent');
    expect(finals.map((segment) => segment.text)).toEqual(agentTurns.map((turn) => spokenForm(turn.text)));
    const firstFinal = finals[0];
    const itsInterims = segments.filter((segment) => segment.id === firstFinal.id && !segment.isFinal);
    expect(itsInterims.length).toBeGreaterThan(1);
    expect(segments.indexOf(itsInterims[0])).toBeLessThan(segments.indexOf(firstFinal));
    expect(firstFinal.endMs).toBeGreaterThan(firstFinal.startMs);
  });

  it('writes what it hears as a speech engine does: lower case words without punctuation', () => {
    expect(spokenForm('Hi, I was charged $ twenty nine dollars. Is that right?')).toBe(
      'hi i was charged twenty nine dollars is that right',
    );
    expect(spokenForm("Sure, it's jane dot miller at example dot com.")).toBe("sure it's jane dot miller at example dot com");
  });

  it('produces the same segments however the audio is chunked', () => {
    const whole = collect(new ScriptedEngine(), 'call-B', 'caller');
    const pieces = collect(new ScriptedEngine(), 'call-B', 'caller');
    whole.stream.write(new Int16Array(16000 * 20));
    for (let index = 0; index < 2000; index++) pieces.stream.write(new Int16Array(160));
    expect(pieces.segments.filter((s) => s.isFinal)).toEqual(whole.segments.filter((s) => s.isFinal));
  });

  it('finalises an utterance cut off by the end of the stream', async () => {
    const { stream, segments } = collect(new ScriptedEngine(), 'call-C', 'agent');
    stream.write(new Int16Array(16000 * 2));
    const lastInterim = segments.at(-1);
    expect(lastInterim?.isFinal).toBe(false);
    await stream.end();
    expect(segments.at(-1)).toMatchObject({ id: lastInterim?.id, isFinal: true, text: lastInterim?.text });
  });
});
