import type { Speaker } from '@tnt/protocol';

// Told apart by type (`instanceof`), never by message, like the session errors (`CallConflict`,
// `StoreUnavailable`) that `TranscriptionService.startCall` lets through.

/** No new call is taken: the server is shutting down. */
export class ShuttingDown extends Error {
  constructor() {
    super('the server is shutting down and takes no new calls');
    this.name = 'ShuttingDown';
  }
}

/** The speech-to-text engine could not open a speaker's stream; `cause` is the engine's own error. */
export class EngineUnavailable extends Error {
  constructor(
    readonly callId: string,
    readonly speaker: Speaker,
    options: { cause: unknown },
  ) {
    super(`the speech-to-text engine could not open the ${speaker} stream of call ${callId}`, options);
    this.name = 'EngineUnavailable';
  }
}

/**
 * Speech-to-text on this instance is at its measured capacity: the call is refused before anything
 * of it is stored, so telephony can place it on another instance. `detail` says which limit.
 */
export class AtCapacity extends Error {
  constructor(readonly detail: string) {
    super(`speech-to-text is at capacity (${detail}); place the call on another instance or retry later`);
    this.name = 'AtCapacity';
  }
}
