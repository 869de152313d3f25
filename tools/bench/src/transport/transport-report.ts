import type { BenchReport } from '../support/report';
import type { ContactCentreResult } from './contact-centre';
import type { ManyConnectionsResult } from './idle-connections';
import type { GcPauses } from './gc-trace';
import type { ProfileSummary } from './profile-summary';
import { REPORT_COLUMNS } from './report-cells';
import { contactCentreRows } from './contact-centre-rows';
import { gcPauseRows, manyConnectionsRows, saturationRows, slowConsumerRows } from './report-rows';
import type { SaturationResult } from './saturation';
import type { TransportPlans } from './scenario-plans';
import type { SlowConsumerResult } from './slow-consumer';

/** Everything one run of the transport benchmark measured. */
export interface TransportResults {
  readonly plans: TransportPlans;
  readonly quick: boolean;
  readonly contact?: readonly ContactCentreResult[];
  readonly saturation?: readonly SaturationResult[];
  readonly connections?: readonly ManyConnectionsResult[];
  readonly slow?: readonly SlowConsumerResult[];
  readonly profiles?: readonly ProfileSummary[];
  /** GC pauses of each server by `<scenario>-<target>`, with --trace-gc. */
  readonly gcPauses?: Record<string, readonly GcPauses[]>;
  /** 1-minute load average of the machine when the run started and ended (other work distorts figures). */
  readonly loadAverage: { readonly atStart: number; readonly atEnd: number };
  readonly durationSeconds: number;
}

/** What the gateway may hold per slow client: its queue bound (TNT_MAX_QUEUED_BYTES default) plus what `ws` buffers before queueing, MB. */
const HELD_PER_SLOW_CLIENT_MB = 1 + 64 / 1024;
/** Retained memory moves by up to a couple of MB between two settled readings for reasons unrelated to the slow clients. */
const MEMORY_NOISE_MB = 2;

/** Builds the benchmark's table and notes. */
export function transportReport(results: TransportResults): BenchReport {
  const { plans } = results;
  const slowAllowance = (_result: SlowConsumerResult) =>
    Math.round((plans.slow.slowConsumers * HELD_PER_SLOW_CLIENT_MB + MEMORY_NOISE_MB) * 10) / 10;
  return {
    name: results.quick ? 'transport-quick' : 'transport',
    title: `Transport: TnT gateway vs raw ws and Socket.IO 4 baselines${results.quick ? ' (quick smoke run)' : ''}`,
    notes: [
      ...(results.quick
        ? [
            'Quick smoke run: fewer rounds, shorter windows, 2,000 instead of 10,000 connections, and a slow-consumer pause too short ' +
              'to get past what the kernel buffers; verdicts here are indicative only.',
          ]
        : []),
      'Every server runs as its own process on 127.0.0.1; the load comes from separate client processes (node, `ws` / ' +
        '`socket.io-client`) on the same 2-core machine, so clients and server share the CPU.',
      'TnT is the real built gateway driven through its real inputs: calls stream 8 kHz stereo silence into /ingest/l16 from a driver ' +
        'process, and the scripted engine (a SIMULATION, no speech-to-text CPU) emits interims and finals paced by that audio. The ' +
        'store is memory (TNT_STORE=memory), logs at warn.',
      'Baselines, each its own process: (a) raw `ws`, serialising once and sending the same string to every subscriber of the call or ' +
        'of *; (b) Socket.IO 4 with per-call rooms plus an all-calls room. Both publish from a timer messages of the same JSON shape ' +
        'and size as TnT transcript messages, with the same call ids and routing, under the same client load.',
      'Latency = publish → receive: the server stamps the message (TnT: transcript.timestamp, ISO ms, when the segment is produced; ' +
        'baselines: the same field at publish), the client subtracts it from Date.now() on receipt; resolution 1 ms; every sample ' +
        'counted into a per-process histogram and merged.',
      'A window covers the messages published during it, however late they arrive (the clients wait for every call to drain before the ' +
        'figures are read), so a server that falls behind shows it as latency.',
      'The scripted calls publish their nominal rate only on average over a conversation (speech, then 0.7 s gaps), so in scenarios 1 ' +
        'and 3 the baselines publish the rate TnT actually published in its window (row "events/s per call published"): the same load ' +
        'for all three.',
      'Loss is counted by seq: every event of every watched call, 1..last seq (TnT: the seq of the call’s `ended` event; baselines: ' +
        'what their publisher reports).',
      `Scenario 1: ${plans.contact.calls} calls × ${plans.contact.ratePerCall} events/s, ` +
        `${plans.contact.supervisors} supervisors on *, one agent per call (TnT agents subscribe with since: 0 once the call exists, ` +
        `with an agent token); ${plans.contact.timing.measureMs / 1000} s measured after warm-up; ` +
        `${plans.contactRounds} round(s) of TnT → raw ws → Socket.IO, medians compared (each round's value in brackets).`,
      `Scenario 2: ${plans.saturation.subscribers} subscribers on *, calls of ${plans.saturation.ratePerCall} events/s each (at least ` +
        `${plans.saturation.minCalls}); the rate starts at ${plans.saturation.startEventsPerSecond} events/s and grows ` +
        `×${plans.saturation.stepFactor} per step (${plans.saturation.timing.measureMs / 1000} s each) until p99 > ` +
        `${plans.saturation.p99LimitMs} ms, deliveries fall under ${plans.saturation.minDeliveredShare * 100} % of offered or a ` +
        `message is lost, then ${plans.saturation.refinements} bisection step(s).`,
      `Scenario 3: ${plans.connections.connections} connections on *; idle RSS = (RSS after − RSS before opening them) / connections, ` +
        `both read from /proc/<pid>/status after full GCs forced through the inspector; then ${plans.connections.eventsPerSecond} ` +
        `events/s to all for ${plans.connections.timing.measureMs / 1000} s, then a second window at ` +
        `${plans.connections.comparableEventsPerSecond} events/s on the same connections. A server that cannot carry the first rate ` +
        'falls behind in publishing and stamps each message only when it publishes it, so its p99 leaves that delay out (the share ' +
        `carried shows it); the second rate is one every server carries, for a like-for-like p99. ${plans.connectionsRounds} round(s) ` +
        'of TnT → raw ws → Socket.IO, medians compared.',
      `Slow consumer: ${plans.slow.calls} calls × ${plans.slow.ratePerCall} events/s to ${plans.slow.supervisors} supervisors on * and ` +
        `${plans.slow.slowConsumers} more * clients that stop reading (ws.pause()) for ${plans.slow.slowMs / 1000} s; p99 of the ` +
        `others in ${plans.slow.normalMs / 1000} s before the pause vs the last ${plans.slow.slowWindowMs / 1000} s of it (the ` +
        `kernel's socket buffers absorb the first ~3.5 MB per paused client, ~12 s here); RSS sampled every 250 ms; no GC is forced ` +
        'before or between the two windows (a forced GC leaves V8 with a tight heap limit and back-to-back full GCs for a while ' +
        'after); at the end the slow clients are dropped and the memory the server frees (JS heap + external after forced GCs) is what ' +
        'it held for them. TnT calls are rotated (a new call replaces one whose scripted conversation ends), and TnT runs with ' +
        `TNT_HISTORY_SIZE=200 and TNT_ENDED_CALL_RETENTION_MS=1000 so its own memory stays level. ${plans.slowRounds} round(s); the ` +
        'p99s are compared as medians of the rounds, memory by the worst round.',
      `Machine load average (1 min): ${results.loadAverage.atStart.toFixed(2)} at start, ${results.loadAverage.atEnd.toFixed(2)} at ` +
        'end; anything above ~0.5 means other work shared the 2 cores and the figures are noisier than they should be. Run took ' +
        `${Math.round(results.durationSeconds)} s.`,
    ],
    columns: REPORT_COLUMNS,
    rows: [
      ...(results.contact ? contactCentreRows(results.contact) : []),
      ...(results.saturation ? saturationRows(results.saturation) : []),
      ...(results.connections ? manyConnectionsRows(results.connections) : []),
      ...(results.slow ? slowConsumerRows(results.slow, slowAllowance) : []),
      ...(results.gcPauses ? gcPauseRows(results.gcPauses) : []),
    ],
    details: results,
  };
}
