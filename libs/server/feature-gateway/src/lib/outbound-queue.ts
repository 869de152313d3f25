/** One message waiting for a congested socket. */
interface QueuedMessage {
  readonly json: string;
  readonly bytes: number;
  /** Interim transcripts: `callId␀segmentId`, so a newer interim or the final replaces it. */
  readonly segmentKey?: string;
  dropped: boolean;
}

/**
 * Messages held back while a client's socket is congested, bounded in bytes. Only the newest
 * interim of a segment waits (a newer interim or the segment's final drops the older one), so a
 * slow reader loses nothing it needs: interims are superseded anyway, finals and call events stay.
 */
export class OutboundQueue {
  private messages: QueuedMessage[] = [];
  private readonly waitingInterims = new Map<string, QueuedMessage>();
  private queuedBytes = 0;
  private droppedCount = 0;

  /** Bytes waiting. */
  get bytes(): number {
    return this.queuedBytes;
  }

  /** True when nothing waits. */
  get isEmpty(): boolean {
    return this.queuedBytes === 0;
  }

  /**
   * Appends a message. `segmentKey` identifies the transcript segment it belongs to; `isInterim`
   * says whether it may itself be superseded later.
   */
  push(json: string, segmentKey?: string, isInterim = false): void {
    if (segmentKey !== undefined) {
      const older = this.waitingInterims.get(segmentKey);
      if (older) {
        older.dropped = true;
        this.queuedBytes -= older.bytes;
        this.waitingInterims.delete(segmentKey);
        this.droppedCount++;
      }
    }
    const message: QueuedMessage = { json, bytes: Buffer.byteLength(json), segmentKey: isInterim ? segmentKey : undefined, dropped: false };
    this.messages.push(message);
    this.queuedBytes += message.bytes;
    if (isInterim && segmentKey !== undefined) this.waitingInterims.set(segmentKey, message);
    // Superseded entries must not pile up behind a reader that never drains: compact once they
    // outnumber the live ones, so memory follows the byte bound.
    if (this.droppedCount > 64 && this.droppedCount * 2 > this.messages.length) this.compact();
  }

  /** Entries held, superseded ones included (for tests and diagnostics). */
  get entryCount(): number {
    return this.messages.length;
  }

  /** Hands messages to `send`, oldest first, while `canSend()` holds; returns how many were sent. */
  drain(canSend: () => boolean, send: (json: string) => void): number {
    let sent = 0;
    let index = 0;
    while (index < this.messages.length && canSend()) {
      const message = this.messages[index++];
      if (message.dropped) continue;
      this.queuedBytes -= message.bytes;
      if (message.segmentKey !== undefined) this.waitingInterims.delete(message.segmentKey);
      send(message.json);
      sent++;
    }
    this.messages = index >= this.messages.length ? [] : this.messages.slice(index);
    this.droppedCount = this.messages.filter((message) => message.dropped).length;
    return sent;
  }

  private compact(): void {
    this.messages = this.messages.filter((message) => !message.dropped);
    this.droppedCount = 0;
  }

  /** Forgets everything (the connection is being closed). */
  clear(): void {
    this.messages = [];
    this.waitingInterims.clear();
    this.queuedBytes = 0;
    this.droppedCount = 0;
  }
}
