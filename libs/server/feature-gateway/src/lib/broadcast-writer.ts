import { textFrame } from './text-frame';

/**
 * A held frame waits at most this long, or a quarter of the time the previous turn spent
 * writing if that is longer, before the next event releases it. A turn that parses a burst of
 * audio lasts a few ms, and that stays out of the latency; a gateway that falls behind runs long
 * turns, and its batches grow with them, which is when a system call per frame costs most.
 */
export const MIN_HOLD_MS = 1;
const HOLD_SHARE_OF_LAST_TURN = 0.25;

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
 *   when the turn ends, or when a later event finds them held long enough ({@link MIN_HOLD_MS}).
 *   Under load a turn handles many inputs, and one system call per socket per batch instead of
 *   per frame is what keeps the gateway ahead of its clients.
 */
export class BroadcastWriter {
  /** Counts turns that wrote anything; a socket's last write is compared against it. */
  private turn = 0;
  private turnEndScheduled = false;
  private held: WireSocket[] = [];
  /** The time when the first socket of the current batch was held. */
  private heldSince = 0;
  /** The time of the turn's first write. */
  private turnStartedAt = 0;
  private holdLimitMs = MIN_HOLD_MS;
  private lastText: string | undefined;
  private lastFrame: Buffer = Buffer.alloc(0);

  /**
   * @param now reads the time in ms; the gateway's is `performance.now()`, tests step their own
   *   so that a preempted test process cannot stretch a measured turn.
   */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Writes `text` to `socket` as one text frame. `lastTurn` is what this returned for the
   * socket's previous write (any number the first time); keep the returned value for the next.
   */
  write(socket: WireSocket, text: string, lastTurn: number): number {
    const frame = this.frameOf(text);
    if (!this.turnEndScheduled) {
      this.turnEndScheduled = true;
      this.turnStartedAt = this.now();
      setImmediate(this.endTurn);
    } else if (lastTurn === this.turn && socket.writableCorked === 0) {
      socket.cork();
      if (this.held.push(socket) === 1) this.heldSince = this.now();
    }
    socket.write(frame);
    return this.turn;
  }

  private frameOf(text: string): Buffer {
    if (text !== this.lastText) {
      // A new event: the clock is read once per event, not per socket.
      if (this.held.length > 0 && this.now() - this.heldSince >= this.holdLimitMs) this.release();
      this.lastText = text;
      this.lastFrame = textFrame(text);
    }
    return this.lastFrame;
  }

  private readonly endTurn = (): void => {
    this.turnEndScheduled = false;
    this.holdLimitMs = Math.max(MIN_HOLD_MS, (this.now() - this.turnStartedAt) * HOLD_SHARE_OF_LAST_TURN);
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
