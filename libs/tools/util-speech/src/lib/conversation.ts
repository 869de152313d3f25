import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConversationScript, parseConversationScript } from './conversation-script';
import { SpeechError, SpeechErrorCode } from './speech-error';
import { readPcm16WavFile } from './wav-file';
import { Pcm16Wav } from './wav';

/** A conversation fixture folder, loaded: its script and its three recordings. */
export interface Conversation {
  /** The folder it was loaded from. */
  readonly directory: string;
  readonly script: ConversationScript;
  /** Sample rate shared by every track, in Hz. */
  readonly sampleRate: number;
  /** caller.wav: mono, silent while the agent talks. */
  readonly caller: Int16Array;
  /** agent.wav: mono, silent while the caller talks; as long as `caller`. */
  readonly agent: Int16Array;
  /** stereo.wav, interleaved: channel 0 is the caller, channel 1 the agent. */
  readonly stereo: Int16Array;
}

function audioMismatch(directory: string, problem: string): SpeechError {
  return new SpeechError(SpeechErrorCode.InvalidConversationAudio, `${directory}: ${problem}`);
}

function expectFormat(directory: string, file: string, wav: Pcm16Wav, sampleRate: number, channels: number): void {
  if (wav.sampleRate !== sampleRate || wav.channels !== channels) {
    throw audioMismatch(
      directory,
      `${file} is ${wav.sampleRate} Hz with ${wav.channels} channel(s); the script needs ${sampleRate} Hz with ${channels}`,
    );
  }
}

/**
 * Loads a conversation fixture folder (script.json, caller.wav, agent.wav, stereo.wav) as
 * written by tools/fixtures/make-conversations.mjs, and checks that the parts agree.
 * @throws SpeechError `SPEECH_ERR_INVALID_CONVERSATION_SCRIPT`, `SPEECH_ERR_INVALID_CONVERSATION_AUDIO`
 *   or a WAV error code, each naming the file at fault.
 */
export async function loadConversation(directory: string): Promise<Conversation> {
  const scriptPath = join(directory, 'script.json');
  const script = parseConversationScript(JSON.parse(await readFile(scriptPath, 'utf8')) as unknown, scriptPath);
  const [caller, agent, stereo] = await Promise.all(
    ['caller.wav', 'agent.wav', 'stereo.wav'].map((file) => readPcm16WavFile(join(directory, file))),
  );
  expectFormat(directory, 'caller.wav', caller, script.sampleRate, 1);
  expectFormat(directory, 'agent.wav', agent, script.sampleRate, 1);
  expectFormat(directory, 'stereo.wav', stereo, script.sampleRate, 2);
  const frames = caller.samples.length;
  if (agent.samples.length !== frames || stereo.samples.length !== 2 * frames) {
    throw audioMismatch(
      directory,
      `tracks differ in length: caller ${frames}, agent ${agent.samples.length}, stereo ${stereo.samples.length / 2} frames`,
    );
  }
  const lastTurnEnd = script.turns[script.turns.length - 1].endMs;
  if ((frames * 1000) / script.sampleRate < lastTurnEnd) {
    throw audioMismatch(
      directory,
      `the audio lasts ${Math.round((frames * 1000) / script.sampleRate)} ms but the last turn ends at ${lastTurnEnd} ms`,
    );
  }
  return { directory, script, sampleRate: script.sampleRate, caller: caller.samples, agent: agent.samples, stereo: stereo.samples };
}

/** The fixture folders (those holding a script.json) directly under `root`, sorted by name. */
export async function listConversationDirectories(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const withScripts = await Promise.all(
    folders.map(async (name) => {
      const children = await readdir(join(root, name));
      return children.includes('script.json') ? join(root, name) : undefined;
    }),
  );
  return withScripts.filter((path): path is string => path !== undefined);
}
