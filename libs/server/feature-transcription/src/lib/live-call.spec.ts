import type { CallEventMessage, CallInfo } from '@tnt/protocol';
import { ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { CallSessionService, LocalCallEventBus, MemoryCallEventStore, type EventSubscriber } from '@tnt/server/feature-sessions';
import { loadConfig } from '@tnt/server/util-config';
import { LiveCall } from './live-call';
import type { TranscriptPipeline } from './transcript-pipeline';

class Recorder implements EventSubscriber {
  readonly id = 'recorder';
  readonly events: CallEventMessage[] = [];
  canSee(_call: CallInfo): boolean {
    return true;
  }
  deliver(json: string): void {
    this.events.push(JSON.parse(json));
  }
}

describe('LiveCall', () => {
  const emptyPipeline = { isEmpty: true } as TranscriptPipeline;
  let sessions: CallSessionService;
  afterEach(() => sessions.onModuleDestroy());

  function start(): { live: LiveCall; recorder: Recorder } {
    sessions = new CallSessionService(new MemoryCallEventStore(100), new LocalCallEventBus(), loadConfig({}));
    const recorder = new Recorder();
    sessions.subscribe(recorder, '*');
    const call = sessions.startCall({ id: 'call-live', agentId: 'agent-1' });
    const live = new LiveCall(call, { sessions, engine: new ScriptedEngine(), pipeline: emptyPipeline, language: 'en-US' });
    return { live, recorder };
  }

  it('labels segments with speaker-scoped ids, the engine and the simulation flag', () => {
    const { live, recorder } = start();
    live.openSpeaker('agent', 16000);
    live.write('agent', new Int16Array(16000 * 3));
    const transcripts = recorder.events.filter((event) => event.type === 'transcript');
    expect(transcripts.length).toBeGreaterThan(0);
    for (const event of transcripts) {
      if (event.type !== 'transcript') continue;
      expect(event.transcript).toMatchObject({ speaker: 'agent', engine: 'scripted', simulated: true });
      expect(event.transcript.id).toMatch(/^agent-u\d+$/);
    }
  });

  it('publishes the flushed final of an open utterance before the call ends', async () => {
    const { live, recorder } = start();
    live.openSpeaker('agent', 16000);
    live.write('agent', new Int16Array(16000 * 2));
    await live.end('completed');
    const [beforeLast, last] = recorder.events.slice(-2);
    expect(beforeLast).toMatchObject({ type: 'transcript', transcript: { isFinal: true } });
    expect(last).toMatchObject({ type: 'call', event: 'ended', call: { endReason: 'completed' } });
  });

  it('refuses a sample rate the engine does not take, naming what it accepts', () => {
    const { live } = start();
    expect(() => live.openSpeaker('caller', 11025)).toThrow(/does not accept 11025 Hz \(accepts 16000, 8000, 24000, 48000\)/);
  });
});
