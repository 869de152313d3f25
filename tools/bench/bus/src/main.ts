/**
 * Bus benchmark (issue 13): the Redis Streams firehose alone, through the real adapter
 * (RedisEventStream: one fenced Lua append per event), with 3 reader processes.
 *
 *   npm run bench:bus
 *   node dist/server/tools/bench/bus/src/main.js [--redis-url redis://127.0.0.1:6379] [--readers 3] [--calls 200]
 *        [--saturation-events 60000] [--rate 1000] [--seconds 10] [--finals 20000] [--database-url postgres://…]
 *
 * Without --redis-url it starts a redis-server of its own on a free port (nothing saved to disk).
 * Then finals as an owner writes them in cluster mode: committed to PostgreSQL (a schema of its own,
 * dropped at the end), then appended to the stream the readers fan out.
 */
import { RedisEventStream } from '@tnt/server/data-access-bus-redis';
import { RedisServerProcess } from '@tnt/server/data-access-bus-redis/testing';
import { TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import type { CallEventMessage } from '@tnt/protocol';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monotonicMs, type FromReader, type ReaderCounts, type ToReader } from './bus-protocol';
import { postgresFinals } from './postgres-finals';

const BAR_APPENDS_PER_SECOND = 5000;
const BAR_P99_MS = 10;
const BAR_FINALS_PER_SECOND = 2000;

function options() {
  const { values } = parseArgs({
    options: {
      'redis-url': { type: 'string' },
      readers: { type: 'string', default: '3' },
      calls: { type: 'string', default: '200' },
      'saturation-events': { type: 'string', default: '60000' },
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      finals: { type: 'string', default: '20000' },
      'database-url': { type: 'string', default: TEST_DATABASE_URL },
    },
  });
  const positive = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer (got ${values[name]})`);
    return value;
  };
  return {
    redisUrl: values['redis-url'],
    readers: positive('readers'),
    calls: positive('calls'),
    saturationEvents: positive('saturation-events'),
    rate: positive('rate'),
    seconds: positive('seconds'),
    finals: positive('finals'),
    databaseUrl: values['database-url'] as string,
  };
}

/** A reader process and the answers it sends back. */
class Reader {
  private readonly waiting: ((message: FromReader) => void)[] = [];

  constructor(private readonly child: ChildProcess) {
    child.on('message', (message: FromReader) => this.waiting.shift()?.(message));
  }

  static async start(url: string, keyPrefix: string, index: number): Promise<Reader> {
    const reader = new Reader(fork(join(__dirname, 'reader-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    await reader.ask({ type: 'start', url, keyPrefix, instanceId: `bench-reader-${index}` });
    return reader;
  }

  collect(): Promise<ReaderCounts> {
    return this.ask({ type: 'collect' }) as Promise<ReaderCounts>;
  }

  stop(): void {
    this.child.disconnect();
  }

  private ask(message: ToReader): Promise<FromReader> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.send(message);
    });
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every call's events in order: `started`, then interims and finals of about a sentence each. */
function eventOf(callId: string, seq: number): CallEventMessage {
  if (seq === 1) {
    return {
      type: 'call',
      event: 'started',
      seq,
      call: { id: callId, agentId: 'agent-1', startedAt: new Date().toISOString(), status: 'active' },
    };
  }
  const isFinal = seq % 3 === 0;
  return {
    type: 'transcript',
    callId,
    seq,
    transcript: {
      id: `${callId}-s${Math.floor(seq / 3)}`,
      text: 'thank you for calling how can I help you with your account today',
      speaker: seq % 2 === 0 ? 'caller' : 'agent',
      confidence: 0.87,
      timestamp: new Date().toISOString(),
      isFinal,
      startMs: seq * 1000,
      endMs: seq * 1000 + 900,
      engine: 'pocketsphinx',
      simulated: false,
      annotations: { sentAt: monotonicMs() },
    },
  };
}

/** Collects from every reader until each has `owed` events or none received anything for 5 s. */
async function drain(readers: Reader[], owed: number): Promise<ReaderCounts[]> {
  const totals: ReaderCounts[] = readers.map(() => ({ type: 'counts', received: 0, outOfOrder: 0, latenciesMs: [] }));
  let idleSince = monotonicMs();
  while (totals.some((total) => total.received < owed) && monotonicMs() - idleSince < 5000) {
    await sleep(50);
    const counts = await Promise.all(readers.map((reader) => reader.collect()));
    counts.forEach((count, index) => {
      if (count.received > 0) idleSince = monotonicMs();
      totals[index] = {
        type: 'counts',
        received: totals[index].received + count.received,
        outOfOrder: totals[index].outOfOrder + count.outOfOrder,
        latenciesMs: totals[index].latenciesMs.concat(count.latenciesMs),
      };
    });
  }
  return totals;
}

async function saturation(publisher: RedisEventStream, readers: Reader[], calls: number, events: number) {
  const perCall = Math.ceil(events / calls);
  const startedAt = monotonicMs();
  await Promise.all(
    Array.from({ length: calls }, async (_, call) => {
      for (let seq = 1; seq <= perCall; seq++) await publisher.publish(eventOf(`sat-${call}`, seq));
    }),
  );
  const appendSeconds = (monotonicMs() - startedAt) / 1000;
  const totals = await drain(readers, perCall * calls);
  const deliveredSeconds = (monotonicMs() - startedAt) / 1000;
  return { appended: perCall * calls, appendsPerSecond: (perCall * calls) / appendSeconds, deliveredSeconds, totals };
}

async function atRate(publisher: RedisEventStream, readers: Reader[], calls: number, rate: number, seconds: number, label: string) {
  const total = rate * seconds;
  const appendMs: number[] = [];
  const nextSeq = new Array<number>(calls).fill(1);
  const inFlight: Promise<void>[] = [];
  const startedAt = monotonicMs();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((monotonicMs() - startedAt) / 1000) * rate));
    for (; sent < due; sent++) {
      const call = sent % calls;
      const event = eventOf(`${label}-${call}`, nextSeq[call]++);
      const publishedAt = monotonicMs();
      inFlight.push(publisher.publish(event).then(() => void appendMs.push(monotonicMs() - publishedAt)));
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  const totals = await drain(readers, total);
  return { total, appendMs, totals };
}

function publishReport(report: object, markdown: string): void {
  const outDir = join(process.cwd(), 'dist', 'bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bus.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'bus.md'), markdown);
  console.log(JSON.stringify(report, null, 2));
  console.log(`\n${markdown}`);
}

async function main(): Promise<void> {
  const settings = options();
  const server = settings.redisUrl ? undefined : await RedisServerProcess.start();
  const url = settings.redisUrl ?? (server as RedisServerProcess).url;
  const keyPrefix = `tnt-bench-${randomUUID()}:`;
  const readers = await Promise.all(Array.from({ length: settings.readers }, (_, index) => Reader.start(url, keyPrefix, index)));
  const publisher = new RedisEventStream({ url, keyPrefix, instanceId: 'bench-publisher' });
  await publisher.start();
  try {
    console.error('warm-up…');
    await atRate(publisher, readers, 50, settings.rate, 1, 'warm');
    console.error(`saturation: ${settings.saturationEvents} events over ${settings.calls} calls…`);
    const saturated = await saturation(publisher, readers, settings.calls, settings.saturationEvents);
    console.error(`${settings.rate} events/s for ${settings.seconds} s over 50 calls…`);
    const paced = await atRate(publisher, readers, 50, settings.rate, settings.seconds, 'paced');
    console.error(`PostgreSQL: ${settings.finals} finals over ${settings.calls} calls, each committed then streamed…`);
    const finals = await postgresFinals(settings.databaseUrl, publisher, settings.calls, settings.finals, async (count) => {
      await drain(readers, count);
    });
    const finalsTotals = await drain(readers, finals.finals);
    const receiveMs = paced.totals.flatMap((total) => total.latenciesMs);
    const lossless = (run: { totals: ReaderCounts[] }, owed: number) =>
      run.totals.every((total) => total.received === owed && total.outOfOrder === 0) ? 'yes' : 'NO';
    const rows: [string, string, string, string][] = [
      [
        'appends/s at saturation (3 readers)',
        saturated.appendsPerSecond.toFixed(0),
        `>= ${BAR_APPENDS_PER_SECOND}`,
        met(saturated.appendsPerSecond >= BAR_APPENDS_PER_SECOND),
      ],
      [
        'saturation: every reader got every event in order',
        lossless(saturated, saturated.appended),
        'yes',
        met(lossless(saturated, saturated.appended) === 'yes'),
      ],
      [`publish → receive p50 at ${settings.rate}/s (ms)`, percentile(receiveMs, 50).toFixed(2), '', ''],
      [
        `publish → receive p99 at ${settings.rate}/s (ms)`,
        percentile(receiveMs, 99).toFixed(2),
        `<= ${BAR_P99_MS}`,
        met(percentile(receiveMs, 99) <= BAR_P99_MS),
      ],
      [`publish → receive max at ${settings.rate}/s (ms)`, Math.max(...receiveMs).toFixed(2), '', ''],
      [`append (publish resolved) p50 at ${settings.rate}/s (ms)`, percentile(paced.appendMs, 50).toFixed(2), '', ''],
      [
        `append (publish resolved) p99 at ${settings.rate}/s (ms)`,
        percentile(paced.appendMs, 99).toFixed(2),
        `<= ${BAR_P99_MS}`,
        met(percentile(paced.appendMs, 99) <= BAR_P99_MS),
      ],
      [`paced: every reader got every event in order`, lossless(paced, paced.total), 'yes', met(lossless(paced, paced.total) === 'yes')],
      [
        `finals/s committed to PostgreSQL, then streamed (${settings.readers} readers)`,
        finals.finalsPerSecond.toFixed(0),
        `>= ${BAR_FINALS_PER_SECOND}`,
        met(finals.finalsPerSecond >= BAR_FINALS_PER_SECOND),
      ],
      [
        `finals: commit + append p50 / p99 (ms)`,
        `${percentile(finals.finalMs, 50).toFixed(2)} / ${percentile(finals.finalMs, 99).toFixed(2)}`,
        '',
        '',
      ],
      [
        'finals: every reader got every final in order',
        lossless({ totals: finalsTotals }, finals.finals),
        'yes',
        met(lossless({ totals: finalsTotals }, finals.finals) === 'yes'),
      ],
    ];
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const notes = [
      'RedisEventStream (one fenced Lua append per event, appends of a call one at a time, calls concurrent) against ' +
        `${server ? 'a redis-server of its own' : url}.`,
      `${settings.readers} reader processes, each a RedisEventStream reading the whole firehose (XREAD BLOCK); the publishing ` +
        'instance reads it too, as a gateway does.',
      `Saturation: ${settings.saturationEvents} events over ${settings.calls} calls as fast as publish resolves; paced: ` +
        `${settings.rate}/s over 50 calls for ${settings.seconds} s.`,
      `Finals: ${finals.finals} over ${settings.calls} calls, each committed to the PostgreSQL call log (PostgresCallStorage, fenced ` +
        "append, pool of 10 as the gateway opens) and then appended to the stream, as an owning instance does; a call's finals one " +
        `after another, the calls concurrent; ${settings.databaseUrl.replace(/\/\/[^@]*@/, '//')}, a schema of its own.`,
      'Latency is receive time minus the sentAt annotation on the machine-wide monotonic clock; the machine is shared with other work.',
      `Machine: ${machine}; load average at the end ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}.`,
    ];
    const markdown = [
      '### Bus: Redis Streams alone',
      '',
      ...notes.map((note) => `- ${note}`),
      '',
      '| measure | value | bar | met |',
      '| --- | --- | --- | --- |',
      ...rows.map((row) => `| ${row.join(' | ')} |`),
      '',
    ].join('\n');
    publishReport(
      { name: 'bus', measuredAt: new Date().toISOString(), machine, notes, rows, deliveredSeconds: saturated.deliveredSeconds },
      markdown,
    );
  } finally {
    for (const reader of readers) reader.stop();
    await publisher.close();
    await server?.stop();
  }
}

function met(condition: boolean): string {
  return condition ? 'met' : 'missed';
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
