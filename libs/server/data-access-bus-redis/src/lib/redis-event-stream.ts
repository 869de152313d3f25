import type { CallEventMessage } from '@tnt/protocol';
import type { ClusterEventStream } from '@tnt/server/util-cluster';
import type Redis from 'ioredis';
import { resolveStreamOptions, type RedisEventStreamOptions, type ResolvedStreamOptions } from './bus-options';
import { BusMetrics } from './bus-metrics';
import { pendingAppend } from './call-append-queue';
import { FencedAppender } from './fenced-appender';
import { claimCall } from './fenced-scripts';
import { OutageReport } from './outage-report';
import { ReaderSeqWatch } from './reader-seq-watch';
import { openFailFastConnection, reasonOf, whenReady } from './redis-connection';
import { StreamReader } from './stream-reader';

type EventHandler = (event: CallEventMessage, json: string) => void;

/**
 * The cluster's firehose on Redis Streams: one stream `${prefix}events` of every call event, each
 * entry holding the event's JSON as published (serialised once; readers hand the same string on).
 * Appends are fenced per call by a hash `${prefix}call:${callId}` {owner, seq} checked in the same
 * Lua script that appends, so a fenced instance's events never reach a reader. Two connections:
 * one for appends and claims, one dedicated to blocking reads.
 */
export class RedisEventStream implements ClusterEventStream {
  readonly instanceId: string;
  private readonly options: ResolvedStreamOptions;
  private readonly writer: Redis;
  private readonly reader: StreamReader;
  private readonly appender: FencedAppender;
  private readonly outage: OutageReport;
  private readonly metrics: BusMetrics;
  private readonly seqWatch: ReaderSeqWatch;
  private readonly handlers = new Set<EventHandler>();
  private readonly streamKey: string;
  private writerReadyOnce = false;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(options: RedisEventStreamOptions) {
    this.options = resolveStreamOptions(options);
    const { url, keyPrefix, instanceId, logger, now, maxQueuedPerCall } = this.options;
    this.instanceId = instanceId;
    this.streamKey = `${keyPrefix}events`;
    this.metrics = new BusMetrics(
      this.options.metrics,
      () => this.appender.depth,
      () => this.outage.reachable,
    );
    this.outage = new OutageReport(logger, url, maxQueuedPerCall, now, () => this.metrics.outage());
    this.seqWatch = new ReaderSeqWatch(() => this.metrics.readerGap());
    this.writer = this.openWriter();
    const keys = { stream: this.streamKey, call: (callId: string) => `${keyPrefix}call:${callId}` };
    this.appender = new FencedAppender(this.writer, keys, this.options, this.metrics, this.outage);
    this.reader = new StreamReader({
      url,
      streamKey: this.streamKey,
      connectionName: `tnt-read-${instanceId}`,
      blockMs: this.options.readBlockMs,
      count: this.options.readCount,
      watchdogMarginMs: this.options.watchdogMarginMs,
      reconnectMaxDelayMs: this.options.reconnectMaxDelayMs,
      startTimeoutMs: this.options.startTimeoutMs,
      timers: this.options.timers,
      logger,
      onEntry: (json) => this.deliver(json),
      onDown: (reason) => this.outage.markDown('read', reason),
      onUp: () => {
        this.outage.markUp('read');
        this.outage.settle(this.appender.depth);
      },
      onReconnect: () => this.metrics.reconnected('read'),
    });
  }

  /** False while Redis cannot be reached for appending or reading (readiness). */
  get reachable(): boolean {
    return this.outage.reachable;
  }

  /** True while the connection appends go on is down (then appends wait in the per-call queues). */
  get appendsQueued(): boolean {
    return this.outage.isDown('append');
  }

  /**
   * Appends an event of a call this instance owns; resolves once it is on the stream, or queued
   * while Redis cannot be reached. Rejects with `CallOwnershipLost` when fenced and with
   * `StreamSeqRefused` when its seq does not follow the last one this instance appended.
   */
  publish(event: CallEventMessage): Promise<void> {
    return this.appender.append(pendingAppend(event));
  }

  /** Makes this instance the call's owner on the stream; resolves the last seq any owner appended (0: none). */
  async claim(callId: string): Promise<number> {
    const stored = await claimCall(this.writer, `${this.options.keyPrefix}call:${callId}`, this.instanceId, this.options.callStateTtlMs);
    this.appender.claimed(callId, stored);
    return stored;
  }

  /** Forgets the call once what is queued for it is appended. */
  release(callId: string): void {
    this.appender.release(callId);
  }

  /** Receives every entry read after `start`, in stream order, with its JSON as appended. */
  onEvent(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Connects both connections and reads the start position; rejects when Redis cannot be reached in time. */
  async start(): Promise<void> {
    const { startTimeoutMs, timers, url } = this.options;
    if (!(await whenReady(this.writer, startTimeoutMs, timers))) {
      throw new Error(`Redis at ${url} could not be reached within ${startTimeoutMs} ms (start TNT_REDIS_URL's server, or fix the URL)`);
    }
    await this.reader.start();
  }

  /**
   * Gives queued appends up to `commandTimeoutMs` to reach the stream (what is left is logged and
   * given up: readers fill finals and call events from the log), then closes both connections.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    if (this.writer.status === 'ready') await this.appender.whenDrained(this.options.commandTimeoutMs);
    this.closed = true;
    this.appender.close();
    await this.reader.close();
    await this.writer.quit().catch((error: unknown) => this.options.logger.warn(`closing the append connection: ${reasonOf(error)}`));
  }

  private openWriter(): Redis {
    const { url, instanceId, reconnectMaxDelayMs, commandTimeoutMs } = this.options;
    const writer = openFailFastConnection(url, `tnt-append-${instanceId}`, reconnectMaxDelayMs, {
      commandTimeout: commandTimeoutMs,
      // Appends of different calls issued in the same tick go out in one write.
      enableAutoPipelining: true,
    });
    writer.on('error', (error: Error) => {
      if (!this.closed) this.outage.markDown('append', error.message);
    });
    writer.on('close', () => {
      if (!this.closed) this.appender.failed('connection closed');
    });
    writer.on('ready', () => {
      if (this.writerReadyOnce) this.metrics.reconnected('append');
      this.writerReadyOnce = true;
      this.outage.markUp('append');
      this.appender.resume();
      this.outage.settle(this.appender.depth);
    });
    return writer;
  }

  private deliver(json: string): void {
    let event: CallEventMessage;
    try {
      event = JSON.parse(json) as CallEventMessage;
    } catch (error) {
      this.options.logger.error(`stream entry is not JSON (${reasonOf(error)}); skipped`);
      return;
    }
    this.seqWatch.observe(event);
    for (const handler of this.handlers) {
      try {
        handler(event, json);
      } catch (error) {
        this.options.logger.error(`a stream event handler failed on seq ${event.seq}: ${reasonOf(error)}`);
      }
    }
  }
}
