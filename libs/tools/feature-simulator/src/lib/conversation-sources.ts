import {
  listConversationDirectories,
  loadConversation,
  parseConversationScript,
  readPcm16WavFile,
  type Conversation,
} from '@tnt/tools/util-speech';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The committed fixture conversations, optionally only those whose name contains `filter`. */
export async function fixtureConversations(root: string, filter?: string): Promise<Conversation[]> {
  const directories = (await listConversationDirectories(root)).filter((directory) => !filter || directory.includes(filter));
  if (directories.length === 0) throw new Error(`no conversation folders in ${root}${filter ? ` matching ${filter}` : ''}`);
  return Promise.all(directories.map(loadConversation));
}

/**
 * Conversations written as text (the shape of tools/fixtures/conversation-scripts.json),
 * spoken with flite in two voices by the fixture script into a temporary folder.
 */
export async function synthesisedConversations(scriptsFile: string, fixtureScript: string): Promise<Conversation[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'tnt-simulator-'));
  try {
    await run(process.execPath, [fixtureScript, '--scripts', scriptsFile, '--out', outDir]);
    return await fixtureConversations(outDir);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** A conversation from two mono WAV files of the same rate, with a script.json for the reference text. */
export async function wavConversation(callerWav: string, agentWav: string, scriptFile: string): Promise<Conversation> {
  const [caller, agent] = await Promise.all([readPcm16WavFile(callerWav), readPcm16WavFile(agentWav)]);
  if (caller.channels !== 1 || agent.channels !== 1 || caller.sampleRate !== agent.sampleRate) {
    throw new Error('--caller-wav and --agent-wav must be mono files of the same sample rate');
  }
  const length = Math.max(caller.samples.length, agent.samples.length);
  const pad = (samples: Int16Array) => {
    const padded = new Int16Array(length);
    padded.set(samples);
    return padded;
  };
  const script = parseConversationScript(JSON.parse(await readFile(scriptFile, 'utf8')) as unknown, scriptFile);
  const callerTrack = pad(caller.samples);
  const agentTrack = pad(agent.samples);
  const stereo = new Int16Array(length * 2);
  for (let index = 0; index < length; index++) {
    stereo[index * 2] = callerTrack[index];
    stereo[index * 2 + 1] = agentTrack[index];
  }
  return { directory: scriptFile, script, sampleRate: caller.sampleRate, caller: callerTrack, agent: agentTrack, stereo };
}
