import { textFrame } from './text-frame';

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
 *   when the turn ends. Under load a turn handles many inputs, and one system call per socket
 *   per turn instead of per frame is what keeps the gateway ahead of its clients.
 */
export class BroadcastWriter {
  /** Counts turns that wrote anything; a socket's last write is compared against it. */
  private turn = 0;
  private turnEndScheduled = false;
  private held: WireSocket[] = [];
  private lastText: string | undefined;
  private lastFrame = Buffer.alloc(0);

  /**
   * Writes `text` to `socket` as one text frame. `lastTurn` is what this returned for the
   * socket's previous write (any number the first time); keep the returned value for the next.
   */
  write(socket: WireSocket, text: string, lastTurn: number): number {
    if (!this.turnEndScheduled) {
      this.turnEndScheduled = true;
      setImmediate(this.endTurn);
    } else if (lastTurn === this.turn && socket.writableCorked === 0) {
      socket.cork();
      this.held.push(socket);
    }
    socket.write(this.frameOf(text));
    return this.turn;
  }

  private frameOf(text: string): Buffer {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastFrame = textFrame(text);
    }
    return this.lastFrame;
  }

  private readonly endTurn = (): void => {
    const held = this.held;
    this.held = [];
    this.turn++;
    this.turnEndScheduled = false;
    for (const socket of held) socket.uncork();
  };
}
