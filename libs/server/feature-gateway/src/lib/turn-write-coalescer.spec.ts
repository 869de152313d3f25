import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TurnWriteCoalescer } from './turn-write-coalescer';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnWriteCoalescer over real TCP sockets', () => {
  let server: Server;
  let senders: Socket[];
  let received: string[];

  beforeEach(async () => {
    received = [];
    server = createServer((socket) => {
      const index = received.push('') - 1;
      socket.on('data', (chunk) => (received[index] += chunk));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    senders = await Promise.all(
      [0, 1].map(async () => {
        const socket = createConnection(port, '127.0.0.1');
        await once(socket, 'connect');
        return socket;
      }),
    );
  });
  afterEach(async () => {
    for (const socket of senders) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('keeps one turn’s writes to each socket in its buffer and lets them all go, in order, when the turn ends', async () => {
    const writes = new TurnWriteCoalescer();
    for (let frame = 1; frame <= 5; frame++) {
      for (const socket of senders) {
        writes.hold(socket);
        socket.write(`${frame};`);
      }
    }
    for (const socket of senders) {
      expect(socket.writableCorked).toBe(1);
      expect(socket.writableLength).toBe(10);
    }

    await nextTurn();
    for (const socket of senders) {
      expect(socket.writableCorked).toBe(0);
      expect(socket.writableLength).toBe(0);
    }
    const deadline = Date.now() + 2000;
    while (received.join('').length < 20 && Date.now() < deadline) await nextTurn();
    expect(received.sort()).toEqual(['1;2;3;4;5;', '1;2;3;4;5;']);
  });

  it('holds a socket again in a later turn', async () => {
    const writes = new TurnWriteCoalescer();
    const [socket] = senders;
    writes.hold(socket);
    await nextTurn();
    writes.hold(socket);
    expect(socket.writableCorked).toBe(1);
    await nextTurn();
    expect(socket.writableCorked).toBe(0);
  });
});
