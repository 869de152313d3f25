/**
 * Call simulator: streams two-party conversations into a TnT gateway's ingest endpoint at real
 * time (or --speed N), N calls at once, and prints what the gateway transcribed with the word
 * error rate per speaker.
 *
 *   node dist/server/tools/simulator/src/main.js [--url http://127.0.0.1:3000] [--endpoint l16|twilio|audiohook]
 *        [--calls 2] [--speed 1] [--loop] [--conversation name] [--fixtures dir]
 *        [--script conversations.json] [--caller-wav a.wav --agent-wav b.wav --reference script.json] [--json]
 *        [--api-key KEY --token JWT]   (or TNT_INGEST_API_KEY / TNT_TOKEN; the demo banner and `users token` give them)
 *        [--client-secret SECRET]      (or TNT_AUDIOHOOK_CLIENT_SECRET: signs /ingest/audiohook upgrades as Genesys does)
 *        [--organization-id UUID]      (or TNT_AUDIOHOOK_ORGANIZATION_ID: the Genesys organization of the sessions)
 *        [--audiohook-format PCMU|L16] (the media format /ingest/audiohook sessions offer; PCMU by default)
 */
import {
  credentialsFromEnvironment,
  fixtureConversations,
  runSimulation,
  synthesisedConversations,
  wavConversation,
  type GatewayCredentials,
  type IngestEndpoint,
  type SimulatedCallResult,
} from '@tnt/tools/feature-simulator';
import type { Conversation } from '@tnt/tools/util-speech';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const workspaceRoot = join(__dirname, '..', '..', '..', '..', '..');
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    endpoint: { type: 'string', default: 'l16' },
    'audiohook-format': { type: 'string', default: 'PCMU' },
    calls: { type: 'string', default: '1' },
    speed: { type: 'string', default: '1' },
    loop: { type: 'boolean', default: false },
    conversation: { type: 'string' },
    fixtures: { type: 'string', default: join(workspaceRoot, 'tools', 'fixtures', 'conversations') },
    script: { type: 'string' },
    'caller-wav': { type: 'string' },
    'agent-wav': { type: 'string' },
    reference: { type: 'string' },
    json: { type: 'boolean', default: false },
    'api-key': { type: 'string' },
    token: { type: 'string' },
    'client-secret': { type: 'string' },
    'organization-id': { type: 'string' },
  },
});

function positive(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number (got ${JSON.stringify(text)})`);
  return value;
}

async function conversations(): Promise<Conversation[]> {
  if (values['caller-wav'] || values['agent-wav']) {
    if (!values['caller-wav'] || !values['agent-wav'] || !values.reference) {
      throw new Error('--caller-wav, --agent-wav and --reference (a script.json) go together');
    }
    return [await wavConversation(values['caller-wav'], values['agent-wav'], values.reference)];
  }
  if (values.script) return synthesisedConversations(values.script, join(workspaceRoot, 'tools', 'fixtures', 'make-conversations.mjs'));
  return fixtureConversations(values.fixtures as string, values.conversation);
}

function clock(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;
}

function printCall(result: SimulatedCallResult): void {
  if (values.json) {
    console.log(
      JSON.stringify({
        callId: result.call.callId,
        conversation: result.conversation.script.name,
        wordErrorRate: result.wordErrorRate,
        finals: result.watched.finals,
      }),
    );
    return;
  }
  const lines = [...result.watched.finals].sort((left, right) => left.startMs - right.startMs);
  const endReason = result.watched.call?.endReason ?? 'ended';
  console.log(`\n=== ${result.call.callId} (${result.conversation.script.name}, agent ${result.call.agentId}, ${endReason})`);
  for (const segment of lines) console.log(`[${clock(segment.startMs)}] ${segment.speaker.padEnd(6)} ${segment.text}`);
  console.log(`word error rate: caller ${result.wordErrorRate.caller.toFixed(2)}, agent ${result.wordErrorRate.agent.toFixed(2)}`);
}

function credentials(): GatewayCredentials {
  const audiohook = {
    audiohookClientSecret: values['client-secret'] ?? process.env['TNT_AUDIOHOOK_CLIENT_SECRET'],
    audiohookOrganizationId: values['organization-id'] ?? process.env['TNT_AUDIOHOOK_ORGANIZATION_ID'],
  };
  if (values['api-key'] && values.token) return { ingestApiKey: values['api-key'], token: values.token, ...audiohook };
  const fromEnvironment = credentialsFromEnvironment({ TNT_INGEST_API_KEY: values['api-key'], TNT_TOKEN: values.token, ...process.env });
  return {
    ingestApiKey: values['api-key'] ?? fromEnvironment.ingestApiKey,
    token: values.token ?? fromEnvironment.token,
    ...audiohook,
  };
}

async function main(): Promise<void> {
  const endpoint = values.endpoint as IngestEndpoint;
  if (endpoint !== 'l16' && endpoint !== 'twilio' && endpoint !== 'audiohook') {
    throw new Error(`--endpoint must be l16, twilio or audiohook (got ${endpoint})`);
  }
  const audiohookFormat = values['audiohook-format'];
  if (audiohookFormat !== 'PCMU' && audiohookFormat !== 'L16')
    throw new Error(`--audiohook-format must be PCMU or L16 (got ${audiohookFormat})`);
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  const summary = await runSimulation({
    baseUrl: values.url as string,
    credentials: credentials(),
    endpoint,
    audiohookFormat,
    conversations: await conversations(),
    calls: positive('calls', values.calls),
    speed: positive('speed', values.speed),
    loop: values.loop,
    signal: controller.signal,
    onCallFinished: printCall,
    // A gateway at capacity refuses the call (1013 INGEST_AT_CAPACITY); telephony would place it
    // elsewhere, the simulator's line says so and dials again a little later.
    onRefused: (refusal) => console.error(`call ${refusal.callId} refused: ${refusal.reason}`),
    redialAfterRefusalMs: 2000,
  });
  const { caller, agent } = summary.wordErrorsBySpeaker;
  if (!values.json) {
    const rates = `caller ${caller.rate.toFixed(2)}, agent ${agent.rate.toFixed(2)}`;
    console.log(`\n${summary.finishedCalls} calls; pooled word error rate: ${rates}`);
  }
}

main().catch((error: unknown) => {
  console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
