/**
 * Decoder memory benchmark (issue 14, "leaner decoders"): the resident memory of a real gateway
 * process with 8 live two-party calls (16 pocketsphinx streams) of real speech, with decoders that
 * each load their own language model and whole dictionary (TNT_POCKETSPHINX_SHARED_LM=false, the
 * way before) and with all decoders sharing one model, each decoding thread through a view of its
 * own (the default), in the same run, on the same audio, with the word error rate of each.
 *
 *   npm run bench:decoders [-- --calls 8 --speed 1]
 *
 * `--speed 0.25` streams the audio at a quarter of real time, for a machine too busy to decode 16
 * streams in real time: the streams are live together just the same (longer), the audio is the same.
 */
import { fixtureConversations, runSimulation } from '@tnt/tools/feature-simulator';
import { provisionAccess, startGateway, workspaceRoot, type GatewayProcess } from '@tnt/tools/util-gateway-process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publish } from '../support/report';

/** The bar: resident memory with the calls live at least this much below the old way's. */
const MEMORY_REDUCTION_BAR = 0.3;
/** How often the gateway's resident memory is read while the calls run. */
const SAMPLE_EVERY_MS = 250;

interface ModeFigures {
  readonly sharedLanguageModel: boolean;
  /** Resident memory once the gateway listens (engine started, spares loaded), MB. */
  readonly idleRssMb: number;
  /** The most resident memory read while the calls were live, MB. */
  readonly liveRssMb: number;
  /** The kernel's high-water mark of the process's resident memory at the end of the calls, MB. */
  readonly peakRssMb: number;
  /** Word error rate over every final of every call. */
  readonly wordErrorRate: number;
  readonly referenceWords: number;
}

/** A field of /proc/<pid>/status in MB (the kernel gives kB). */
function statusMegabytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]) / 1024;
}

async function measureMode(sharedLanguageModel: boolean, calls: number, speed: number): Promise<ModeFigures> {
  const conversations = await fixtureConversations(join(workspaceRoot(), 'tools', 'fixtures', 'conversations'));
  const access = await provisionAccess();
  const credentials = { ingestApiKey: access.ingestApiKey, token: access.supervisorToken };
  const gateway: GatewayProcess = await startGateway(
    {
      ...access.env,
      TNT_ENGINE: 'pocketsphinx',
      TNT_POCKETSPHINX_SHARED_LM: String(sharedLanguageModel),
      // Every call must be taken, however busy the machine: the figure is memory, not capacity.
      TNT_CAPACITY_REFUSE_CALLS: '0',
    },
    60_000,
  );
  const pid = gateway.child.pid;
  if (pid === undefined) throw new Error('the gateway has no process id');
  try {
    // The spares load after the gateway listens; give them time on a busy machine.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idleRssMb = statusMegabytes(pid, 'VmRSS');
    let liveRssMb = 0;
    const sampler = setInterval(() => (liveRssMb = Math.max(liveRssMb, statusMegabytes(pid, 'VmRSS'))), SAMPLE_EVERY_MS);
    // All calls at once, each streamed once in real time: every stream is live together for most of a conversation.
    const summary = await runSimulation({
      baseUrl: `http://127.0.0.1:${gateway.port}`,
      credentials,
      endpoint: 'l16',
      conversations,
      calls,
      speed,
      // Sixteen decoders load when the calls start, and a busy machine decodes behind the audio: the figures wait.
      endTimeoutMs: 600_000,
      callIdPrefix: `decoders-${sharedLanguageModel ? 'shared' : 'own'}-${Date.now()}`,
    }).finally(() => clearInterval(sampler));
    return {
      sharedLanguageModel,
      idleRssMb,
      liveRssMb,
      peakRssMb: statusMegabytes(pid, 'VmHWM'),
      wordErrorRate: summary.wordErrors.rate,
      referenceWords: summary.wordErrors.referenceWords,
    };
  } finally {
    await gateway.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { calls: { type: 'string', default: '8' }, speed: { type: 'string', default: '1' } } });
  const calls = Number(values.calls);
  const speed = Number(values.speed);
  const loadBefore = loadavg()[0];
  // The old way first, then the new, each in a gateway process of its own on the same audio.
  const own = await measureMode(false, calls, speed);
  console.error(`own LM per decoder: ${JSON.stringify(own)}`);
  const shared = await measureMode(true, calls, speed);
  console.error(`one shared LM: ${JSON.stringify(shared)}`);
  const reduction = 1 - shared.liveRssMb / own.liveRssMb;
  publish({
    name: 'decoders',
    title: `Decoder memory: resident memory of a gateway with ${calls} live two-party calls (pocketsphinx en-us)`,
    notes: [
      `${calls} calls of the fixture conversations (flite voices), all started at once and streamed once at ${speed} × real time to ` +
        `/ingest/l16 of the real built gateway: ${2 * calls} pocketsphinx streams live together.`,
      'Old way: TNT_POCKETSPHINX_SHARED_LM=false, every decoder loads its own language model and the whole 134k-word ' +
        'dictionary. New way (default): all decoders share one language model (each decoding thread through a view with its ' +
        'own lookup cache) and read only the dictionary words it knows. Same run, same audio, one fresh gateway process each.',
      `Resident memory read from /proc/<pid>/status every ${SAMPLE_EVERY_MS} ms while the calls run (largest value kept); ` +
        'high-water mark (VmHWM) read when they end.',
      `1-minute load average when the run started: ${loadBefore.toFixed(1)} (the machine is shared).`,
    ],
    columns: ['measure', 'old way (own LM)', 'new way (shared LM)', 'bar', 'verdict'],
    rows: [
      ['resident memory, gateway listening (MB)', own.idleRssMb, shared.idleRssMb, 'no bar', 'measured'],
      [
        `resident memory, ${calls} live calls (MB)`,
        own.liveRssMb,
        shared.liveRssMb,
        `≥ ${MEMORY_REDUCTION_BAR * 100} % less: ${(reduction * 100).toFixed(1)} %`,
        reduction >= MEMORY_REDUCTION_BAR ? 'met' : 'missed',
      ],
      ['resident memory high-water mark (MB)', own.peakRssMb, shared.peakRssMb, 'no bar', 'measured'],
      [
        `word error rate, ${own.referenceWords} reference words`,
        own.wordErrorRate,
        shared.wordErrorRate,
        'new ≤ old',
        shared.wordErrorRate <= own.wordErrorRate ? 'met' : 'missed',
      ],
    ],
    details: { own, shared, calls, speed, loadAverageAtStart: loadBefore },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
