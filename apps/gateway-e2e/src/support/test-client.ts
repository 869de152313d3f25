/**
 * The e2e tests' UI-socket client: the shared protocol client, keeping every message so a test
 * can look back at what arrived before it asked (`waitFor`, `messages`, `eventsOf`).
 */
import { ofType, ProtocolClient, type ProtocolClientOptions } from '@tnt/tools/util-protocol-client';
import type WebSocket from 'ws';

export { ofType, type CloseInfo } from '@tnt/tools/util-protocol-client';

/** A connected client that keeps its messages. */
export type TestClient = ProtocolClient;

/** Opens clients for tests; the URL carries the token (`?token=`), as `gateway.wsUrl` does. */
export const TestClient = {
  /** Connects and waits for `status: connected`, keeping every message from the first. */
  connect(url: string, socketOptions: WebSocket.ClientOptions = {}, options: ProtocolClientOptions = {}): Promise<TestClient> {
    return ProtocolClient.connect(url, { ...options, socketOptions, keepMessages: true });
  },

  /** Connects and subscribes to every call (`'*'`), returning once the gateway has answered `subscribed`. */
  async watchingAllCalls(url: string): Promise<TestClient> {
    const client = await TestClient.connect(url);
    client.send({ type: 'subscribe', callId: '*' });
    await client.waitFor(ofType('subscribed'));
    return client;
  },
};
