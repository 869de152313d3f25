import type { Speaker } from '@tnt/protocol';
import { wordErrorRate, type WordErrorRate } from '@tnt/shared/util-testing';
import { referenceText, type Conversation } from '@tnt/tools/util-speech';
import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { streamAudioHookCall } from './audiohook-call';
import type { GatewayCredentials } from './gateway-credentials';
import { IngestClosedEarly } from './ingest-closed-early';
import { streamL16Call, type SimulatedCall } from './l16-call';
import { SimulationSummary, type SimulatedCallResult } from './simulation-summary';
import { TranscriptWatcher, type WatchedCall } from './transcript-watcher';
import { streamTwilioCall } from './twilio-call';
import { UpgradeRefused } from './upgrade-refused';

/** Which ingest endpoint the simulator streams to. */
export type IngestEndpoint = 'l16' | 'twilio' | 'audiohook';

/** Options of {@link runSimulation}. */
export interface SimulationOptions {
  /** Gateway base URL, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  readonly endpoint: IngestEndpoint;
  /** With the `audiohook` endpoint, the media format offered and sent (default PCMU, as Genesys offers first). */
  readonly audiohookFormat?: 'PCMU' | 'L16';
  readonly conversations: readonly Conversation[];
  /** Concurrent calls. */
  readonly calls: number;
  /** Pace, 1 = real time. */
  readonly speed: number;
  /** Keep starting calls until `signal` aborts. */
  readonly loop?: boolean;
  /**
   * Line `n` starts its first call `n × staggerMs` after line 0, as independent calls would
   * (default 0: all at once, every call's speech in step with the others').
   */
  readonly staggerMs?: number;
  readonly signal?: AbortSignal;
  /** Prefix of generated call ids. */
  readonly callIdPrefix?: string;
  /** Credentials: the ingest API key and a UI token (a supervisor's, to watch every call). */
  readonly credentials: GatewayCredentials;
  /**
   * How many finished calls the summary keeps in full (default `calls`: without `loop` that is
   * every call, with it the last one per line). Everything else is kept as running totals.
   */
  readonly keepRecent?: number;
  /** Called as each call's transcript is complete. */
  readonly onCallFinished?: (result: SimulatedCallResult) => void;
  /**
   * Called for each call the gateway refused at capacity (1013 `INGEST_AT_CAPACITY`); with it
   * set, the line dials again after `redialAfterRefusalMs` instead of failing the run.
   */
  readonly onRefused?: (refusal: IngestClosedEarly) => void;
  /**
   * Called for each call whose upgrade was answered with HTTP 503 — what HAProxy answers when every
   * gateway behind it is out of rotation (all at capacity) — instead of the gateway's own 1013. Opt
   * in: with it set, the line dials again after `redialAfterRefusalMs` instead of failing the run.
   */
  readonly onUpgradeRefused?: (refusal: UpgradeRefused) => void;
  /** How long a line waits after a refusal before it dials its next call (default 1000 ms). */
  readonly redialAfterRefusalMs?: number;
  /**
   * Called for each call that failed other than by a refusal: while streaming (closed early, the
   * connection lost) or after (its transcript did not end within `endTimeoutMs`). With it set, the
   * line goes on dialing (after `redialAfterRefusalMs` when the call failed while streaming).
   * Without it, the first failure stops every line from dialing again, the calls in progress
   * finish, and the run then rejects with that failure.
   */
  readonly onCallFailed?: (failure: CallFailure) => void;
  /** How long after its audio was sent a call may take to end, its last finals included (default 60 s). */
  readonly endTimeoutMs?: number;
}

/** A call that failed, and when: while its audio was streamed, or while its transcript was awaited. */
export interface CallFailure {
  readonly call: SimulatedCall;
  readonly stage: 'streaming' | 'transcript';
  readonly error: unknown;
}

/**
 * Each speaker's score: everything the speaker said against every final heard from them, in audio
 * order. Heard means the engine's own words (`raw`): the formatted text writes "five dollars" as
 * "$5", which is right for people and wrong for a word error rate.
 */
export function scoreCall(conversation: Conversation, watched: WatchedCall): Record<Speaker, WordErrorRate> {
  const heard = (speaker: Speaker) =>
    watched.finals
      .filter((segment) => segment.speaker === speaker)
      .sort((left, right) => left.startMs - right.startMs)
      .map((segment) => segment.raw ?? segment.text)
      .join(' ');
  return {
    caller: wordErrorRate(referenceText(conversation.script, 'caller'), heard('caller')),
    agent: wordErrorRate(referenceText(conversation.script, 'agent'), heard('agent')),
  };
}

/**
 * Streams `calls` concurrent two-party calls (one conversation each, round robin) into the
 * gateway's ingest endpoint and watches their transcripts on the UI socket. Memory stays bounded
 * however long a loop runs: see {@link SimulationSummary}.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
  const watcher = await TranscriptWatcher.connect(options.baseUrl, options.credentials.token);
  const summary = new SimulationSummary(options.keepRecent ?? options.calls);
  const prefix = options.callIdPrefix ?? `sim-${Date.now().toString(36)}`;
  // The first failure (when nobody takes failures) stops every line, not only its own: the run must
  // not reject while other lines still stream into a watcher that is about to be closed.
  const stopLines = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopLines.signal]) : stopLines.signal;
  // Every line waits on the signal at once (redial delays, stagger), more than Node's default 10 listeners.
  setMaxListeners(options.calls * 2 + 10, signal);
  let firstFailure: { error: unknown } | undefined;
  const failed = (failure: CallFailure): void => {
    if (options.onCallFailed) return options.onCallFailed(failure);
    firstFailure ??= { error: failure.error };
    stopLines.abort();
  };
  let started = 0;
  const finish = async (call: SimulatedCall, conversation: Conversation, streamStartedAt: number): Promise<void> => {
    const watched = await watcher.ended(call.callId, options.endTimeoutMs ?? 60_000);
    const scores = scoreCall(conversation, watched);
    const wordErrorRate = { caller: scores.caller.rate, agent: scores.agent.rate };
    const result: SimulatedCallResult = { call, conversation, watched, streamStartedAt, speed: options.speed, wordErrorRate };
    summary.add(result, scores);
    options.onCallFinished?.(result);
  };
  const redialAfterRefusal = () => delay(options.redialAfterRefusalMs ?? 1000, undefined, { signal }).catch(() => undefined);
  const runLine = async (line: number): Promise<void> => {
    await delay(line * (options.staggerMs ?? 0), undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    // A line dials its next call as soon as the last one hung up, whatever the transcripts'
    // progress, so the load offered stays the same however far behind the gateway runs.
    const transcripts = new Set<Promise<void>>();
    do {
      const number = started++;
      const conversation = options.conversations[number % options.conversations.length];
      const call: SimulatedCall = {
        callId: `${prefix}-${number + 1}`,
        agentId: `agent-${line + 1}`,
        from: `+1555020${String(number % 100).padStart(2, '0')}`,
        to: '+18005550199',
      };
      const { audiohookClientSecret, audiohookOrganizationId } = options.credentials;
      const stream =
        options.endpoint === 'twilio'
          ? streamTwilioCall
          : options.endpoint === 'audiohook'
            ? (...args: Parameters<typeof streamL16Call>) =>
                streamAudioHookCall(...args, {
                  clientSecret: audiohookClientSecret,
                  organizationId: audiohookOrganizationId,
                  format: options.audiohookFormat,
                })
            : streamL16Call;
      const audio = { sampleRate: conversation.sampleRate, caller: conversation.caller, agent: conversation.agent };
      watcher.watch(call.callId);
      let streamStartedAt: number;
      try {
        streamStartedAt = await stream(options.baseUrl, call, audio, options.speed, options.credentials.ingestApiKey);
      } catch (error) {
        watcher.forget(call.callId);
        if (options.onRefused && error instanceof IngestClosedEarly && error.refusedAtCapacity) {
          options.onRefused(error);
          await redialAfterRefusal();
        } else if (options.onUpgradeRefused && error instanceof UpgradeRefused && error.serviceUnavailable) {
          options.onUpgradeRefused(error);
          await redialAfterRefusal();
        } else {
          failed({ call, stage: 'streaming', error });
          // A line that goes on after a failure waits as after a refusal, so a failing gateway is not dialed in a tight loop.
          if (options.onCallFailed) await redialAfterRefusal();
        }
        continue;
      }
      const transcript: Promise<void> = finish(call, conversation, streamStartedAt).then(
        () => void transcripts.delete(transcript),
        (error: unknown) => {
          failed({ call, stage: 'transcript', error });
          transcripts.delete(transcript);
        },
      );
      transcripts.add(transcript);
    } while (options.loop && !signal.aborted);
    await Promise.all([...transcripts]);
  };
  try {
    await Promise.all(Array.from({ length: options.calls }, (_, line) => runLine(line)));
  } finally {
    await watcher.close();
  }
  if (firstFailure) throw firstFailure.error;
  return summary;
}
