/** The part of a TCP socket the coalescer uses (`net.Socket` has it). */
export interface CorkableSocket {
  readonly writableCorked: number;
  cork(): void;
  uncork(): void;
}

/**
 * Holds back writes to many sockets until the current turn of the event loop ends, so every
 * frame a socket is sent in one turn leaves in one `writev` instead of one system call each.
 *
 * At low load a turn carries one event and nothing waits longer than the turn itself; under
 * load a turn handles several inputs, and the batch grows with it, which is when syscalls per
 * frame matter most.
 */
export class TurnWriteCoalescer {
  private held: CorkableSocket[] = [];
  private releaseScheduled = false;

  /** Makes what is written to `socket` from now on wait for the end of this turn. */
  hold(socket: CorkableSocket): void {
    // `ws` corks around each frame and uncorks before it returns, so a cork seen here is ours.
    if (socket.writableCorked > 0) return;
    socket.cork();
    this.held.push(socket);
    if (this.releaseScheduled) return;
    this.releaseScheduled = true;
    setImmediate(this.release);
  }

  private readonly release = (): void => {
    const held = this.held;
    this.held = [];
    this.releaseScheduled = false;
    for (const socket of held) socket.uncork();
  };
}
