/**
 * A client process of the transport benchmark: holds many load connections to one server,
 * measures publish → receive latency into a histogram per measurement window, and accounts
 * every call's events by `seq`. Driven by the benchmark over IPC.
 */
import { LatencyHistogram, type HistogramData } from '../support/latency-histogram';
import { addAccounts, EMPTY_ACCOUNT, type DeliveryAccount } from './delivery-tracker';
import type { ClientProtocol, LoadConnection, ReceptionContext, SubscriptionRequest } from './load-connection';
import { ReceptionWindows } from './reception-window';
import { serveCommands } from './serve-commands';
import { SocketIoConnection } from './socket-io-connection';
import { TntProtocolConnection } from './tnt-protocol-connection';

/** One connection to open: what it subscribes to now, what later, and whether it is measured. */
export interface ConnectionSpec {
  readonly subscriptions: readonly SubscriptionRequest[];
  /** Subscriptions made by `subscribeDeferred` (TnT agents, once their call exists). */
  readonly deferred?: readonly SubscriptionRequest[];
  /** False for slow consumers: counted, but not in the latency histogram. */
  readonly measured: boolean;
  /** UI token of this connection, instead of the request's. */
  readonly token?: string;
  /** Where this connection goes, instead of the request's URL (a cluster's clients straight to its instances). */
  readonly url?: string;
}

/** Connections for this process to open. */
export interface OpenRequest {
  readonly url: string;
  readonly protocol: ClientProtocol;
  readonly connections: readonly ConnectionSpec[];
  /** Connections opening at the same time. */
  readonly concurrency: number;
  /** UI token sent by every connection (`bearer` subprotocol), when the server authenticates. */
  readonly token?: string;
}

/** How opening went. */
export interface OpenResult {
  readonly opened: number;
  readonly failures: readonly string[];
  /** start of connect → `status: connected` (Socket.IO: `connect`), ms. */
  readonly setup: HistogramData;
  readonly elapsedMs: number;
}

/** State of this process's connections. */
export interface ConnectionCensus {
  readonly open: number;
  /** Close codes of connections that closed, with how many closed with each. */
  readonly closedByCode: Record<string, number>;
  /** Closures of unmeasured (slow) connections, with `at` in ms since the process's epoch. */
  readonly slowClosures: readonly { code: number; reason: string; at: number }[];
}

const OPERATION_TIMEOUT_MS = 30_000;
const context: ReceptionContext = { windows: new ReceptionWindows(), endedSeqs: new Map() };
let connections: { connection: LoadConnection; readonly spec: ConnectionSpec }[] = [];
/** The last `open` request: how to reach the server again. */
let lastOpen: OpenRequest | undefined;

/** Runs `work` over `items` with at most `limit` in flight. */
async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

/** Opens one connection of `request` and makes `subscriptions`; throws (after closing it) when either fails. */
async function connect(
  request: OpenRequest,
  spec: ConnectionSpec,
  subscriptions: readonly SubscriptionRequest[],
): Promise<{ latencyMs: number; connection: LoadConnection }> {
  const connection =
    request.protocol === 'socket.io'
      ? new SocketIoConnection(spec.url ?? request.url, context, spec.measured)
      : new TntProtocolConnection(spec.url ?? request.url, context, spec.measured, spec.token ?? request.token);
  try {
    const latencyMs = await connection.open(OPERATION_TIMEOUT_MS);
    for (const subscription of subscriptions) await connection.subscribe(subscription, OPERATION_TIMEOUT_MS);
    return { latencyMs, connection };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

async function open(request: OpenRequest): Promise<OpenResult> {
  const setup = new LatencyHistogram();
  const failures: string[] = [];
  const startedAt = performance.now();
  lastOpen = request;
  await inBatches(request.connections, request.concurrency, async (spec) => {
    try {
      const { latencyMs, connection } = await connect(request, spec, spec.subscriptions);
      setup.record(latencyMs);
      connections.push({ connection, spec });
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  });
  return { opened: connections.length, failures, setup: setup.toData(), elapsedMs: performance.now() - startedAt };
}

/**
 * Replaces every connection that closed (e.g. cut off as a slow consumer in an overloaded step)
 * with a new one with the same subscriptions, so the next step starts with the full fleet.
 */
async function reopenClosed(): Promise<{ reopened: number; failures: readonly string[] }> {
  const request = lastOpen;
  const closed = connections.filter(({ connection }) => connection.closure);
  if (!request || closed.length === 0) return { reopened: 0, failures: [] };
  const failures: string[] = [];
  let reopened = 0;
  await inBatches(closed, request.concurrency, async (entry) => {
    try {
      entry.connection = (await connect(request, entry.spec, [...entry.spec.subscriptions, ...(entry.spec.deferred ?? [])])).connection;
      reopened++;
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  });
  return { reopened, failures };
}

async function subscribeDeferred(): Promise<{ subscriptions: number }> {
  let subscriptions = 0;
  await inBatches(connections, 50, async ({ connection, spec }) => {
    for (const subscription of spec.deferred ?? []) {
      await connection.subscribe(subscription, OPERATION_TIMEOUT_MS);
      subscriptions++;
    }
  });
  return { subscriptions };
}

/** Waits until every reading connection has each watched call's events up to its last `seq`. */
async function awaitDelivery(request: { lastSeqByCall: Record<string, number>; timeoutMs: number }): Promise<{ complete: boolean }> {
  const deadline = performance.now() + request.timeoutMs;
  const reading = () => connections.filter(({ connection }) => !connection.paused && !connection.closure);
  while (performance.now() < deadline) {
    if (reading().every(({ connection }) => connection.tracker.hasAll(request.lastSeqByCall, (callId) => connection.watches(callId)))) {
      return { complete: true };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { complete: false };
}

/** Losses of the measured connections (slow ones are expected to fall behind), per process. */
function account(request: { lastSeqByCall: Record<string, number> }): { total: DeliveryAccount; connectionsWithLoss: number } {
  let total = EMPTY_ACCOUNT;
  let connectionsWithLoss = 0;
  for (const { connection } of connections) {
    if (!connection.measured) continue;
    const own = connection.tracker.account(request.lastSeqByCall, (callId) => connection.watches(callId));
    if (own.lost > 0) connectionsWithLoss++;
    total = addAccounts(total, own);
  }
  return { total, connectionsWithLoss };
}

function census(): ConnectionCensus {
  const closedByCode: Record<string, number> = {};
  for (const { connection } of connections) {
    if (connection.closure) closedByCode[connection.closure.code] = (closedByCode[connection.closure.code] ?? 0) + 1;
  }
  return {
    open: connections.filter(({ connection }) => !connection.closure).length,
    closedByCode,
    slowClosures: connections.flatMap(({ connection }) =>
      !connection.measured && connection.closure ? [{ ...connection.closure, at: performance.timeOrigin + connection.closure.at }] : [],
    ),
  };
}

serveCommands({
  open,
  subscribeDeferred,
  reopenClosed,
  windowOpen: (request: { id: number }) => context.windows.open(request.id),
  windowClose: () => context.windows.close(),
  windowResult: (request: { id: number }) => context.windows.result(request.id),
  pauseSlow: () => {
    for (const { connection } of connections) if (!connection.measured) connection.pause();
  },
  closeSlow: async () => {
    await Promise.all(connections.filter(({ connection }) => !connection.measured).map(({ connection }) => connection.close()));
  },
  awaitDelivery,
  endedSeqs: () => Object.fromEntries(context.endedSeqs),
  account,
  forget: (request: { callIds: string[] }) => {
    for (const { connection } of connections) connection.tracker.forget(request.callIds);
    for (const callId of request.callIds) context.endedSeqs.delete(callId);
  },
  census,
  closeAll: async () => {
    await inBatches(connections, 500, ({ connection }) => connection.close());
    connections = [];
  },
});
