import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Conversation, listConversationDirectories, loadConversation } from './conversation';
import { referenceText } from './conversation-script';
import { extractChannel } from './wav';
import { writeWavFile } from './wav-file';
import { requireSoxAndFlite, withTemporaryDirectory } from '@tnt/shared/util-testing';

const FIXTURES_DIR = resolve(__dirname, '../../../../../tools/fixtures');
const CONVERSATIONS_DIR = join(FIXTURES_DIR, 'conversations');

function peakBetween(samples: Int16Array, sampleRate: number, startMs: number, endMs: number): number {
  let peak = 0;
  const end = Math.min(samples.length, Math.round((endMs * sampleRate) / 1000));
  for (let index = Math.round((startMs * sampleRate) / 1000); index < end; index++) peak = Math.max(peak, Math.abs(samples[index]));
  return peak;
}

function sameSamples(first: Int16Array, second: Int16Array): boolean {
  return first.length === second.length && first.every((sample, index) => sample === second[index]);
}

describe('committed conversation fixtures', () => {
  let conversations: Conversation[];
  beforeAll(async () => {
    const directories = await listConversationDirectories(CONVERSATIONS_DIR);
    conversations = await Promise.all(directories.map((directory) => loadConversation(directory)));
  });

  it('lists the three rendered calls', () => {
    expect(conversations.map((conversation) => conversation.script.name)).toEqual(['billing-question', 'delivery-delay', 'password-reset']);
  });

  it('last 20 to 40 seconds with alternating speakers and 16 kHz tracks of equal length', () => {
    for (const { script, caller, agent, sampleRate } of conversations) {
      expect(sampleRate).toBe(16000);
      expect(agent.length).toBe(caller.length);
      expect(Math.abs((caller.length * 1000) / sampleRate - script.durationMs)).toBeLessThanOrEqual(1);
      expect(script.durationMs).toBeGreaterThanOrEqual(20000);
      expect(script.durationMs).toBeLessThanOrEqual(40000);
      script.turns.forEach((turn, index) => {
        if (index > 0) expect(turn.speaker).not.toBe(script.turns[index - 1].speaker);
      });
    }
  });

  it('carry the caller on stereo channel 0 and the agent on channel 1', () => {
    for (const { stereo, caller, agent } of conversations) {
      expect(sameSamples(extractChannel(stereo, 2, 0), caller)).toBe(true);
      expect(sameSamples(extractChannel(stereo, 2, 1), agent)).toBe(true);
    }
  });

  it('have speech on the speaking track within each turn and exact silence on the other', () => {
    for (const { script, caller, agent, sampleRate } of conversations) {
      for (const turn of script.turns) {
        const [speaking, listening] = turn.speaker === 'caller' ? [caller, agent] : [agent, caller];
        expect(peakBetween(speaking, sampleRate, turn.startMs, turn.endMs)).toBeGreaterThan(10000);
        expect(peakBetween(listening, sampleRate, turn.startMs, turn.endMs)).toBe(0);
      }
      // Before the first turn and after the last, both tracks are silent.
      const first = script.turns[0];
      const last = script.turns[script.turns.length - 1];
      for (const track of [caller, agent]) {
        expect(peakBetween(track, sampleRate, 0, first.startMs - 1)).toBe(0);
        expect(peakBetween(track, sampleRate, last.endMs + 1, script.durationMs)).toBe(0);
      }
    }
  });

  it('are exactly what make-conversations.mjs renders from conversation-scripts.json', async () => {
    requireSoxAndFlite();
    await withTemporaryDirectory((directory) => {
      execFileSync('node', [join(FIXTURES_DIR, 'make-conversations.mjs'), '--out', directory], { stdio: ['ignore', 'ignore', 'pipe'] });
      for (const name of readdirSync(CONVERSATIONS_DIR)) {
        for (const file of ['script.json', 'caller.wav', 'agent.wav', 'stereo.wav']) {
          const rendered = readFileSync(join(directory, name, file));
          expect({ file: `${name}/${file}`, same: rendered.equals(readFileSync(join(CONVERSATIONS_DIR, name, file))) }).toEqual({
            file: `${name}/${file}`,
            same: true,
          });
        }
      }
    });
  }, 30000);

  it('give each speaker reference text from their own turns only', () => {
    const billing = conversations[0].script;
    expect(referenceText(billing, 'caller')).toBe(
      'Hi, I am calling about my phone bill. I was charged twice this month. ' +
        'Yes, it is four five six seven eight nine. Great, thank you very much.',
    );
    expect(
      referenceText(billing).startsWith('Hi, I am calling about my phone bill. I was charged twice this month. I am sorry about that.'),
    ).toBe(true);
  });
});

describe('loadConversation', () => {
  const validScript = {
    name: 'broken',
    title: 'test',
    sampleRate: 8000,
    durationMs: 1000,
    voices: { caller: 'slt', agent: 'rms' },
    turns: [{ speaker: 'caller', text: 'hello', startMs: 0, endMs: 500 }],
  };

  async function writeFixture(directory: string, script: unknown, agentLength: number): Promise<void> {
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'script.json'), JSON.stringify(script));
    await writeWavFile(join(directory, 'caller.wav'), { sampleRate: 8000, channels: 1, samples: new Int16Array(8000) });
    await writeWavFile(join(directory, 'agent.wav'), { sampleRate: 8000, channels: 1, samples: new Int16Array(agentLength) });
    await writeWavFile(join(directory, 'stereo.wav'), { sampleRate: 8000, channels: 2, samples: new Int16Array(16000) });
  }

  it('rejects a script whose turn names an unknown speaker', async () => {
    await withTemporaryDirectory(async (directory) => {
      await writeFixture(directory, { ...validScript, turns: [{ ...validScript.turns[0], speaker: 'supervisor' }] }, 8000);
      await expect(loadConversation(directory)).rejects.toMatchObject({
        code: 'SPEECH_ERR_INVALID_CONVERSATION_SCRIPT',
        message: `${join(directory, 'script.json')}: turns[0].speaker must be "caller" or "agent"`,
      });
    });
  });

  it('rejects tracks of different lengths', async () => {
    await withTemporaryDirectory(async (directory) => {
      await writeFixture(directory, validScript, 7999);
      await expect(loadConversation(directory)).rejects.toMatchObject({
        code: 'SPEECH_ERR_INVALID_CONVERSATION_AUDIO',
        message: `${directory}: tracks differ in length: caller 8000, agent 7999, stereo 8000 frames`,
      });
    });
  });

  it('loads a consistent hand-made fixture', async () => {
    await withTemporaryDirectory(async (directory) => {
      await writeFixture(directory, validScript, 8000);
      const conversation = await loadConversation(directory);
      expect(conversation.script.turns).toEqual(validScript.turns);
      expect(conversation.sampleRate).toBe(8000);
      expect(conversation.stereo.length).toBe(16000);
    });
  });
});
