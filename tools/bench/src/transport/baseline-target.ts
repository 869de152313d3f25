import { join } from 'node:path';
import { collectGarbage, inspectorUrlIn, settledMemoryUsage, type MemoryUsage } from '../support/inspector-gc';
import { spawnNodeChild, type NodeChild } from './node-child';
import type { PublishPlan } from './timer-publisher';
import type { CallPlan, CallsEnded, TargetOptions, TransportTarget } from './transport-target';

/** A baseline server process (raw `ws` or Socket.IO) publishing from its own timer. */
export class BaselineTarget implements TransportTarget {
  readonly subscribesAfterCallStart = false;

  private constructor(
    readonly name: 'raw ws' | 'Socket.IO',
    private readonly server: NodeChild,
    private readonly port: number,
    private readonly inspectorUrl: string | undefined,
  ) {}

  /** Starts the raw `ws` baseline (a) or the Socket.IO baseline (b). */
  static async start(name: 'raw ws' | 'Socket.IO', options: TargetOptions): Promise<BaselineTarget> {
    const server = spawnNodeChild({
      name: `${name} baseline`,
      script: join(__dirname, name === 'raw ws' ? 'raw-ws-server.js' : 'socket-io-server.js'),
      execArgv: [...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), ...(options.gcTraceFile ? ['--trace-gc'] : [])],
      ipc: true,
      openFiles: options.connections + 1024,
      outputFile: options.gcTraceFile,
    });
    const { port } = await server.call<{ port: number }>('listen');
    const inspectorUrl = options.inspect
      ? (await server.waitForOutput(/Debugger listening on (ws:\S+)/, 10_000), inspectorUrlIn(server.output()))
      : undefined;
    return new BaselineTarget(name, server, port, inspectorUrl);
  }

  get protocol(): 'tnt' | 'socket.io' {
    return this.name === 'raw ws' ? 'tnt' : 'socket.io';
  }

  get url(): string {
    return this.name === 'raw ws' ? `ws://127.0.0.1:${this.port}/ws` : `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.server.pid;
  }

  /** The baselines do not authenticate. */
  async agentToken(): Promise<undefined> {
    return undefined;
  }

  async startCalls(plan: CallPlan): Promise<void> {
    await this.server.call('startPublishing', {
      callIds: plan.callIds,
      ratePerCall: plan.ratePerCall,
      staggerMs: plan.staggerMs,
    } satisfies PublishPlan);
  }

  async endCalls(): Promise<CallsEnded> {
    return { lastSeqByCall: await this.server.call<Record<string, number>>('stopPublishing'), unseenEnds: [] };
  }

  async collectGarbage(): Promise<void> {
    if (!this.inspectorUrl) throw new Error(`the ${this.name} baseline was started without the inspector`);
    await collectGarbage(this.inspectorUrl);
  }

  async settledMemory(): Promise<MemoryUsage> {
    if (!this.inspectorUrl) throw new Error(`the ${this.name} baseline was started without the inspector`);
    return settledMemoryUsage(this.inspectorUrl);
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}
