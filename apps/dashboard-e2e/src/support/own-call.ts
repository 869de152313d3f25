import { fixtureConversations, streamL16Call, type SimulatedCall } from '@tnt/tools/feature-simulator';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './gateway-process';

/** The committed fixture conversations (real recorded speech, two speakers). */
const CONVERSATIONS = join(WORKSPACE_ROOT, 'tools', 'fixtures', 'conversations');

/**
 * Streams one fixture conversation into the gateway's `/ingest/l16` at real time, as a call of
 * the test's own: the demo's calls start when they please, this one when the test needs it.
 * Resolves when the call's audio has been sent and the ingest socket closed.
 */
export async function streamOwnCall(
  baseUrl: string,
  ingestApiKey: string,
  call: SimulatedCall,
  conversation = 'delivery-delay',
): Promise<void> {
  const [spoken] = await fixtureConversations(CONVERSATIONS, conversation);
  await streamL16Call(baseUrl, call, spoken, 1, ingestApiKey);
}
