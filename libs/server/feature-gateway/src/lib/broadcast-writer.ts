import { textFrame } from './text-frame';

/**
 * Longest a held frame waits before the next event releases it. A turn that parses a burst of
 * audio can last several ms; this keeps that out of the latency while a turn's fan-out, where
 * holding pays (half a µs per held frame against a system call each), still batches.
 */
export const MAX_HOLD_MS = 1;

/** The TCP (or TLS) socket under a WebSocket, as far as the writer uses it (`net.Socket` fits). */
export interface WireSocket {
  readonly writableCorked: number;
  cork(): void;
  uncork(): void;
  write(chunk: Buffer): boolean;
}

/**
 * Puts UI messages on the wire for many sockets at once, cheaply:
 *
 * - each message is framed once, however many sockets it goes to (the subscribers of one event
 *   are written one after the other with the same string);
 * - a socket's first frame in a turn of the event loop leaves at once, so a lone event waits for
 *   nothing; further frames to it in the same turn are held and leave together in one `writev`
 *   when the turn ends, or when a later event finds them held for {@link MAX_HOLD_MS}. Under
 *   load a turn handles many inputs, and one system call per socket per batch instead of per
 *   frame is what keeps the gateway ahead of its clients.
 */
export class BroadcastWriter {
  /** Counts turns that wrote anything; a socket's last write is compared against it. */
  private turn = 0;
  private turnEndScheduled = false;
  private held: WireSocket[] = [];
  /** `performance.now()` when the first socket of the current batch was held. */
  private heldSince = 0;
  private lastText: string | undefined;
  private lastFrame = Buffer.alloc(0);

  /**
   * Writes `text` to `socket` as one text frame. `lastTurn` is what this returned for the
   * socket's previous write (any number the first time); keep the returned value for the next.
   */
  write(socket: WireSocket, text: string, lastTurn: number): number {
    const frame = this.frameOf(text);
    if (!this.turnEndScheduled) {
      this.turnEndScheduled = true;
      setImmediate(this.endTurn);
    } else if (lastTurn === this.turn && socket.writableCorked === 0) {
      socket.cork();
      if (this.held.push(socket) === 1) this.heldSince = performance.now();
    }
    socket.write(frame);
    return this.turn;
  }

  private frameOf(text: string): Buffer {
    if (text !== this.lastText) {
      // A new event: the clock is read once per event, not per socket.
      if (this.held.length > 0 && performance.now() - this.heldSince >= MAX_HOLD_MS) this.release();
      this.lastText = text;
      this.lastFrame = textFrame(text);
    }
    return this.lastFrame;
  }

  private readonly endTurn = (): void => {
    this.turnEndScheduled = false;
    this.release();
  };

  /** Lets every held frame go and starts a new batch: each socket's next frame leaves at once. */
  private release(): void {
    const held = this.held;
    this.held = [];
    this.turn++;
    for (const socket of held) socket.uncork();
  }
}
