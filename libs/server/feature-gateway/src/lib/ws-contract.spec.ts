/**
 * What the gateway relies on in `ws` beyond its documented `send`/`ping`/`close`, checked against the
 * installed versions over real loopback sockets. If a `ws` upgrade breaks one of these, this file fails
 * before the broadcast path does:
 *
 * - the upgrade request's socket is the stream `ws` writes its own frames to, and `ws` writes them
 *   synchronously when no extension is negotiated, so frames the gateway writes there interleave with
 *   `ws`'s sends, pings and closes in call order;
 * - `bufferedAmount`, which the gateway reads for its queue accounting, counts bytes written to that
 *   socket directly;
 * - `extensions` names a negotiated compression, the case in which frames are not shared;
 * - `Sender.frame` exists and its output, joined, is a frame a `ws` client reads.
 *
 * The `ws` pinned in package.json builds the frames (`Sender.frame`); the UI sockets are made by
 * `@nestjs/platform-ws`'s `WsAdapter`, which pins a `ws` of its own unless package.json's `overrides`
 * points it at ours (it does). The socket-side contract is checked against the copy each resolves to,
 * once when they are the same, so dropping the override would show up here.
 */
import { SubscriptionQuota } from '@tnt/server/util-rate-limit';
import type { ServerMessage } from '@tnt/protocol';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import WebSocket, { WebSocketServer, type ServerOptions } from 'ws';
import { BroadcastWriter } from './broadcast-writer';
import { ClientConnection } from './client-connection';
import { textFrame } from './text-frame';

/** A `ws` module as far as these checks use it: its server class. */
interface WsModule {
  readonly WebSocketServer: typeof WebSocketServer;
}

/** Each distinct `ws` the gateway runs on, named by its role and version. */
function wsCopies(): [string, WsModule][] {
  const entries: [string, string][] = [
    ['pinned in package.json', require.resolve('ws')],
    ['loaded by @nestjs/platform-ws for the UI sockets', createRequire(require.resolve('@nestjs/platform-ws')).resolve('ws')],
  ];
  const byPath = new Map<string, string[]>();
  for (const [role, path] of entries) byPath.set(path, [...(byPath.get(path) ?? []), role]);
  return [...byPath].map(([path, roles]) => {
    const { version } = JSON.parse(readFileSync(join(dirname(path), 'package.json'), 'utf8')) as { version: string };
    return [`ws ${version} (${roles.join('; ')})`, require(path) as WsModule];
  });
}

/** A `ws` server and client joined over loopback, with the server side's socket and upgrade request. */
interface Loopback {
  server: Server;
  sockets: WebSocketServer;
  serverSide: WebSocket;
  request: IncomingMessage;
  client: WebSocket;
}

/** A server made by `serverWs` (the copy under test) and a client of the pinned `ws`. */
async function openLoopback(
  serverWs: WsModule,
  serverOptions: ServerOptions = {},
  clientOptions: WebSocket.ClientOptions = {},
): Promise<Loopback> {
  const server = createServer();
  const sockets = new serverWs.WebSocketServer({ server, ...serverOptions });
  const accepted = once(sockets, 'connection') as Promise<[WebSocket, IncomingMessage]>;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, clientOptions);
  const [serverSide, request] = await accepted;
  if (client.readyState !== WebSocket.OPEN) await once(client, 'open');
  return { server, sockets, serverSide, request, client };
}

async function closeLoopback(loopback: Loopback): Promise<void> {
  loopback.client.terminate();
  loopback.sockets.close();
  await new Promise((resolve) => loopback.server.close(resolve));
}

function textMessage(text: string): ServerMessage {
  return { type: 'pong', id: text, serverTime: '2026-01-01T00:00:00.000Z' };
}

describe.each(wsCopies())('the contract of %s that the broadcast path depends on', (_name, serverWs) => {
  let loopback: Loopback;
  afterEach(() => closeLoopback(loopback));

  it("writes ws's own frames to the upgrade request's socket before send, ping and close return", async () => {
    loopback = await openLoopback(serverWs);
    const wire = loopback.request.socket;
    const chunks: (Buffer | string)[] = [];
    const write = wire.write.bind(wire) as (...args: unknown[]) => boolean;
    wire.write = ((chunk: Buffer | string, ...rest: unknown[]) => {
      chunks.push(chunk);
      return write(chunk, ...rest);
    }) as Socket['write'];
    /** The opcode of the first frame `act` wrote to the wire, once it has returned. */
    const opcodeWrittenBy = (act: () => void): number | undefined => {
      const from = chunks.length;
      act();
      const header = chunks[from];
      return Buffer.isBuffer(header) ? header[0] & 0x0f : undefined;
    };

    expect(opcodeWrittenBy(() => loopback.serverSide.send('text'))).toBe(0x01);
    expect(opcodeWrittenBy(() => loopback.serverSide.ping())).toBe(0x09);
    expect(opcodeWrittenBy(() => loopback.serverSide.close(1000))).toBe(0x08);
  });

  it("interleaves the gateway's shared frames with ws's sends, pings and close in call order, in a batched turn too", async () => {
    loopback = await openLoopback(serverWs);
    const received: string[] = [];
    loopback.client.on('message', (data: Buffer, isBinary: boolean) => received.push(isBinary ? 'binary' : `message ${data.toString()}`));
    loopback.client.on('ping', (data: Buffer) => received.push(`ping ${data.toString()}`));
    const closed = new Promise<void>((resolve) =>
      loopback.client.once('close', (code: number, reason: Buffer) => {
        received.push(`close ${code} ${reason.toString()}`);
        resolve();
      }),
    );
    const observer = { onMessageSent: () => undefined, onSlowConsumer: () => undefined };
    const principal = { username: 'sam', role: 'supervisor' } as const;
    const connection = new ClientConnection(
      'c1',
      loopback.serverSide,
      loopback.request.socket,
      new BroadcastWriter(),
      1 << 20,
      observer,
      principal,
      new SubscriptionQuota(1),
    );

    // The second and later shared frames of one turn are held on a corked socket: ws's frames must queue behind them.
    connection.send(textMessage('first'));
    loopback.serverSide.ping('between');
    connection.send(textMessage('second'));
    loopback.serverSide.send('from ws');
    connection.send(textMessage('third'));
    loopback.serverSide.close(1000, 'done');
    await closed;

    expect(received.map((entry) => entry.replace(/^message \{"type":"pong","id":"(\w+)".*$/, 'shared $1'))).toEqual([
      'shared first',
      'ping between',
      'shared second',
      'message from ws',
      'shared third',
      'close 1000 done',
    ]);
  });

  it('counts bytes written to the socket directly in bufferedAmount', async () => {
    loopback = await openLoopback(serverWs);
    const wire = loopback.request.socket;
    const frame = textFrame('x'.repeat(300));
    // Corked, the bytes stay in the socket's buffer, so the count is exact whatever the kernel would take.
    wire.cork();
    const before = loopback.serverSide.bufferedAmount;
    wire.write(frame);
    expect(loopback.serverSide.bufferedAmount).toBe(before + frame.length);
    wire.uncork();
  });

  it('names a negotiated compression in extensions and nothing when none was negotiated', async () => {
    loopback = await openLoopback(serverWs);
    expect(loopback.serverSide.extensions).toBe('');
    await closeLoopback(loopback);
    loopback = await openLoopback(serverWs, { perMessageDeflate: true }, { perMessageDeflate: true });
    expect(loopback.serverSide.extensions).toBe('permessage-deflate');
  });
});

describe('Sender.frame of the pinned ws', () => {
  let loopback: Loopback;
  afterEach(() => closeLoopback(loopback));

  it('exports Sender.frame, whose output a ws client reads as the text it framed', async () => {
    expect(typeof (WebSocket as unknown as { Sender: { frame?: unknown } }).Sender.frame).toBe('function');
    loopback = await openLoopback({ WebSocketServer });
    const message = once(loopback.client, 'message') as Promise<[Buffer, boolean]>;
    loopback.request.socket.write(textFrame('Grüße, 通話 ☎'));
    const [data, isBinary] = await message;
    expect({ text: data.toString('utf8'), isBinary }).toEqual({ text: 'Grüße, 通話 ☎', isBinary: false });
  });
});
