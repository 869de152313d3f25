import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { BroadcastWriter, MIN_HOLD_MS } from './broadcast-writer';
import { textFrame } from './text-frame';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A real TCP connection, with every chunk handed to `write` noted. */
interface Sender {
  readonly socket: Socket;
  readonly written: Buffer[];
  lastTurn: number;
}

describe('BroadcastWriter over real TCP sockets', () => {
  let server: Server;
  let senders: Sender[];
  let received: Buffer[][];

  beforeEach(async () => {
    received = [];
    server = createServer((socket) => {
      const chunks: Buffer[] = [];
      received.push(chunks);
      socket.on('data', (chunk) => chunks.push(chunk));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    senders = await Promise.all(
      [0, 1].map(async () => {
        const socket = createConnection(port, '127.0.0.1');
        await once(socket, 'connect');
        const written: Buffer[] = [];
        const write = socket.write.bind(socket) as (chunk: Buffer) => boolean;
        socket.write = ((chunk: Buffer) => (written.push(chunk), write(chunk))) as typeof socket.write;
        return { socket, written, lastTurn: -1 };
      }),
    );
  });
  afterEach(async () => {
    for (const { socket } of senders) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const receivedBytes = async (total: number) => {
    const deadline = Date.now() + 2000;
    while (received.flat().reduce((sum, chunk) => sum + chunk.length, 0) < total && Date.now() < deadline) await nextTurn();
    return received.map((chunks) => Buffer.concat(chunks));
  };

  /** A clock the test steps by hand, so held times are exact however the test process is scheduled. */
  const steppedClock = () => {
    const clock = { ms: 0, now: () => clock.ms };
    return clock;
  };

  it('sends a socket’s first frame of a turn at once and holds the rest of the turn for one write at its end', async () => {
    const writer = new BroadcastWriter(steppedClock().now);
    const texts = ['one', 'two', 'three'];
    for (const text of texts) {
      for (const sender of senders) sender.lastTurn = writer.write(sender.socket, text, sender.lastTurn);
      if (text === 'one') {
        for (const { socket } of senders) expect(socket.writableCorked).toBe(0);
      }
    }
    const heldBytes = textFrame('two').length + textFrame('three').length;
    for (const { socket } of senders) {
      expect(socket.writableCorked).toBe(1);
      expect(socket.writableLength).toBe(heldBytes);
    }

    await nextTurn();
    for (const { socket } of senders) {
      expect(socket.writableCorked).toBe(0);
      expect(socket.writableLength).toBe(0);
    }
    const expected = Buffer.concat(texts.map(textFrame));
    expect(await receivedBytes(2 * expected.length)).toEqual([expected, expected]);
  });

  it('lets held frames go when a later event finds them held for the longest hold', () => {
    const clock = steppedClock();
    const writer = new BroadcastWriter(clock.now);
    for (const text of ['one', 'two']) {
      for (const sender of senders) sender.lastTurn = writer.write(sender.socket, text, sender.lastTurn);
    }
    for (const { socket } of senders) expect(socket.writableCorked).toBe(1);
    clock.ms += MIN_HOLD_MS - 0.1;
    for (const sender of senders) sender.lastTurn = writer.write(sender.socket, 'three', sender.lastTurn);
    for (const { socket } of senders) expect(socket.writableCorked).toBe(1);
    clock.ms += 0.1;
    for (const sender of senders) sender.lastTurn = writer.write(sender.socket, 'four', sender.lastTurn);
    for (const { socket } of senders) {
      expect(socket.writableCorked).toBe(0);
      expect(socket.writableLength).toBe(0);
    }
    for (const sender of senders) sender.lastTurn = writer.write(sender.socket, 'five', sender.lastTurn);
    for (const { socket } of senders) expect(socket.writableCorked).toBe(1);
  });

  it('holds frames longer after a long turn, up to a quarter of it', async () => {
    const clock = steppedClock();
    const writer = new BroadcastWriter(clock.now);
    const [sender] = senders;
    sender.lastTurn = writer.write(sender.socket, 'long turn', sender.lastTurn);
    clock.ms += 12 * MIN_HOLD_MS;
    await nextTurn();
    for (const text of ['one', 'two']) sender.lastTurn = writer.write(sender.socket, text, sender.lastTurn);
    clock.ms += 3 * MIN_HOLD_MS - 0.1;
    sender.lastTurn = writer.write(sender.socket, 'three', sender.lastTurn);
    expect(sender.socket.writableCorked).toBe(1);
    clock.ms += 0.1;
    sender.lastTurn = writer.write(sender.socket, 'four', sender.lastTurn);
    expect(sender.socket.writableCorked).toBe(0);
  });

  it('frames a text once for all the sockets it goes to', () => {
    const writer = new BroadcastWriter();
    for (const sender of senders) sender.lastTurn = writer.write(sender.socket, '{"seq":1}', sender.lastTurn);
    for (const sender of senders) sender.lastTurn = writer.write(sender.socket, '{"seq":2}', sender.lastTurn);
    const [first, second] = senders.map(({ written }) => written);
    expect(first[0]).toBe(second[0]);
    expect(first[1]).toBe(second[1]);
    expect(first[0]).not.toBe(first[1]);
  });

  it('sends a socket’s frame at once again in a later turn', async () => {
    const writer = new BroadcastWriter();
    const [sender] = senders;
    sender.lastTurn = writer.write(sender.socket, 'early', sender.lastTurn);
    await nextTurn();
    sender.lastTurn = writer.write(sender.socket, 'later', sender.lastTurn);
    expect(sender.socket.writableCorked).toBe(0);
    expect(sender.socket.writableLength).toBe(0);
  });
});
