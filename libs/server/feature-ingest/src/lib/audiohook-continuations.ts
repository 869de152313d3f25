import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { LiveCall } from '@tnt/server/feature-transcription';
import type { ChosenMedia } from './audiohook-media';

/** What a session that ended without ending its call leaves for the session that continues it. */
export interface HeldAudioHookCall {
  readonly sessionId: string;
  readonly organizationId: string;
  readonly live: LiveCall;
  readonly media: ChosenMedia;
  /** Samples of each channel on the call's timeline when the session ended. */
  readonly samplesWritten: number;
  /** The last `seq` the server sent in the session, and the last it received. */
  readonly serverSeq: number;
  readonly clientSeq: number;
  readonly language: string | undefined;
  /** When it was held, by {@link AudioHookContinuations.now}. */
  readonly heldAt: number;
}

/**
 * Calls of AudioHook sessions that closed with reason `reconnect` or dropped without a close: each is
 * kept live for the grace period, so a new session naming it in `open.continuedSessions` continues
 * the same call (its numbering goes on, nothing is reused). A call nobody continues is ended by its
 * `expire` when the period is over.
 */
@Injectable()
export class AudioHookContinuations implements OnModuleDestroy {
  private readonly logger = new Logger('AudioHook');
  private readonly held = new Map<string, { readonly call: HeldAudioHookCall; readonly timer: NodeJS.Timeout }>();

  /** Wall-clock ms; a test steps its own. */
  now: () => number = Date.now;

  /** How many calls wait for a session that continues them. */
  get waiting(): number {
    return this.held.size;
  }

  /** Holds `call` for `graceMs`, then runs `expire` unless a session took it. */
  hold(call: HeldAudioHookCall, graceMs: number, expire: () => Promise<void>): void {
    const key = call.sessionId.toLowerCase();
    const timer = setTimeout(() => {
      if (this.held.get(key)?.call !== call) return;
      this.held.delete(key);
      this.logger.log({ msg: `no session continued it within ${graceMs / 1000} s: the call ends`, callId: call.live.call.id });
      void expire();
    }, graceMs);
    timer.unref();
    this.held.set(key, { call, timer });
  }

  /** The call held for session `sessionId` of `organizationId` and call `callId`, taken off the list; undefined when none is. */
  take(sessionId: string, organizationId: string, callId: string): HeldAudioHookCall | undefined {
    const key = sessionId.toLowerCase();
    const entry = this.held.get(key);
    if (!entry) return undefined;
    const { call } = entry;
    if (call.organizationId.toLowerCase() !== organizationId.toLowerCase() || call.live.call.id !== callId) return undefined;
    clearTimeout(entry.timer);
    this.held.delete(key);
    return call;
  }

  /** Held calls end with the server's other live calls (the transcription service ends them all at shutdown). */
  onModuleDestroy(): void {
    for (const { timer } of this.held.values()) clearTimeout(timer);
    this.held.clear();
  }
}
