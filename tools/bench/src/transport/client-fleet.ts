import { join } from 'node:path';
import { LatencyHistogram } from '../support/latency-histogram';
import { addAccounts, EMPTY_ACCOUNT, type DeliveryAccount } from './delivery-tracker';
import type { ConnectionCensus, ConnectionSpec, OpenResult } from './load-client';
import type { ClientProtocol } from './load-connection';
import { spawnNodeChild, type NodeChild } from './node-child';
import type { WindowResult } from './reception-window';

/** What all client processes received of the messages published in one measurement window. */
export interface FleetWindow {
  readonly latency: LatencyHistogram;
  readonly deliveries: number;
  /** Transcript deliveries per second, all connections together. */
  readonly deliveriesPerSecond: number;
  /** Mean transcript message size as received (0 when the client library hides it). */
  readonly meanMessageBytes: number;
  /** CPU of each client process, % of one core. */
  readonly clientCpuPercent: readonly number[];
}

/** How opening the fleet's connections went. */
export interface FleetOpening {
  readonly opened: number;
  readonly requested: number;
  readonly failures: readonly string[];
  readonly setup: LatencyHistogram;
  readonly elapsedMs: number;
}

/** Descriptors per client process, spread round-robin so every process holds a similar mix. */
function spread<T>(items: readonly T[], processes: number): T[][] {
  const shares: T[][] = Array.from({ length: processes }, () => []);
  items.forEach((item, index) => shares[index % processes].push(item));
  return shares;
}

/**
 * The load generator: several client processes (separate from the server, on loopback), each
 * holding a share of the connections. Results of all processes are merged.
 */
export class ClientFleet {
  private constructor(private readonly processes: readonly NodeChild[]) {}

  /** Starts `count` client processes that may each hold `connectionsPerProcess` sockets. */
  static start(count: number, connectionsPerProcess: number): ClientFleet {
    const processes = Array.from({ length: count }, (_, index) =>
      spawnNodeChild({
        name: `client process ${index + 1}`,
        script: join(__dirname, 'load-client.js'),
        ipc: true,
        openFiles: connectionsPerProcess + 1024,
      }),
    );
    return new ClientFleet(processes);
  }

  /** Opens the connections, spread over the processes. */
  async open(
    url: string,
    protocol: ClientProtocol,
    connections: readonly ConnectionSpec[],
    concurrencyPerProcess: number,
    token?: string,
  ): Promise<FleetOpening> {
    const shares = spread(connections, this.processes.length);
    const startedAt = performance.now();
    const results = await Promise.all(
      this.processes.map((child, index) =>
        child.call<OpenResult>('open', { url, protocol, connections: shares[index], concurrency: concurrencyPerProcess, token }),
      ),
    );
    const setup = new LatencyHistogram();
    results.forEach((result) => setup.merge(result.setup));
    return {
      opened: results.reduce((sum, result) => sum + result.opened, 0),
      requested: connections.length,
      failures: results.flatMap((result) => result.failures).slice(0, 10),
      setup,
      elapsedMs: performance.now() - startedAt,
    };
  }

  /** Makes the deferred subscriptions (TnT agents subscribe once their call exists). */
  async subscribeDeferred(): Promise<void> {
    await this.everyProcess('subscribeDeferred');
  }

  /** Opens measurement window `id` in every process (it covers messages published from now). */
  async openWindow(id: number): Promise<void> {
    await this.everyProcess('windowOpen', { id });
  }

  /** Closes the open window (messages published from now on are outside it). */
  async closeWindow(): Promise<void> {
    await this.everyProcess('windowClose');
  }

  /** Merges what every process received of window `id`'s messages; call once the clients have drained. */
  async windowResult(id: number): Promise<FleetWindow> {
    const results = await this.everyProcess<WindowResult>('windowResult', { id });
    const latency = new LatencyHistogram();
    results.forEach((result) => latency.merge(result.latency));
    const deliveries = results.reduce((sum, result) => sum + result.deliveries, 0);
    const bytes = results.reduce((sum, result) => sum + result.bytes, 0);
    const seconds = Math.max(...results.map((result) => result.durationMs)) / 1000;
    return {
      latency,
      deliveries,
      deliveriesPerSecond: deliveries / seconds,
      meanMessageBytes: deliveries > 0 ? bytes / deliveries : 0,
      clientCpuPercent: results.map((result) => Math.round(result.clientCpuPercent)),
    };
  }

  /** Stops the slow consumers reading. */
  async pauseSlowConsumers(): Promise<void> {
    await this.everyProcess('pauseSlow');
  }

  /** Drops the slow consumers' connections (paused ones are terminated), so the server can free what it held for them. */
  async closeSlowConsumers(): Promise<void> {
    await this.everyProcess('closeSlow');
  }

  /** Waits until every reading connection has all events up to each call's last `seq`. */
  async awaitDelivery(lastSeqByCall: Record<string, number>, timeoutMs: number): Promise<boolean> {
    const results = await this.everyProcess<{ complete: boolean }>('awaitDelivery', { lastSeqByCall, timeoutMs });
    return results.every((result) => result.complete);
  }

  /** Each call's last `seq` as announced by its `ended` event (TnT), seen by any connection. */
  async endedSeqs(): Promise<Record<string, number>> {
    const merged: Record<string, number> = {};
    for (const seqs of await this.everyProcess<Record<string, number>>('endedSeqs')) {
      for (const [callId, seq] of Object.entries(seqs)) merged[callId] = Math.max(seq, merged[callId] ?? 0);
    }
    return merged;
  }

  /** Losses of the measured connections against each call's last `seq`. */
  async account(lastSeqByCall: Record<string, number>): Promise<{ total: DeliveryAccount; connectionsWithLoss: number }> {
    const results = await this.everyProcess<{ total: DeliveryAccount; connectionsWithLoss: number }>('account', { lastSeqByCall });
    return {
      total: results.reduce((sum, result) => addAccounts(sum, result.total), EMPTY_ACCOUNT),
      connectionsWithLoss: results.reduce((sum, result) => sum + result.connectionsWithLoss, 0),
    };
  }

  /** Stops tracking calls of an earlier step. */
  async forget(callIds: readonly string[]): Promise<void> {
    await this.everyProcess('forget', { callIds });
  }

  /** Open connections and how the others closed, over all processes. */
  async census(): Promise<ConnectionCensus> {
    const results = await this.everyProcess<ConnectionCensus>('census');
    const closedByCode: Record<string, number> = {};
    for (const result of results) {
      for (const [code, count] of Object.entries(result.closedByCode)) closedByCode[code] = (closedByCode[code] ?? 0) + count;
    }
    return {
      open: results.reduce((sum, result) => sum + result.open, 0),
      closedByCode,
      slowClosures: results.flatMap((result) => result.slowClosures),
    };
  }

  /** Replaces the connections that closed with new ones with the same subscriptions. */
  async reopenClosed(): Promise<{ reopened: number; failures: readonly string[] }> {
    const results = await this.everyProcess<{ reopened: number; failures: readonly string[] }>('reopenClosed');
    return { reopened: results.reduce((sum, result) => sum + result.reopened, 0), failures: results.flatMap((result) => result.failures) };
  }

  /** Closes every connection and ends the client processes. */
  async stop(): Promise<void> {
    await this.everyProcess('closeAll').catch((error: unknown) => console.error(`closing client connections failed: ${String(error)}`));
    await Promise.all(this.processes.map((child) => child.stop()));
  }

  private everyProcess<T = unknown>(command: string, payload: unknown = {}): Promise<T[]> {
    return Promise.all(this.processes.map((child) => child.call<T>(command, payload)));
  }
}
