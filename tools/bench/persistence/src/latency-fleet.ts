import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FleetPlan, FleetReply, FleetReport, FleetRequest } from './fleet-protocol';

type Command = FleetRequest['command'];

/** The benchmark's handle on the client process (`latency-fleet-process.js`, built beside this file). */
export class LatencyFleet {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: FleetReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(`client process: ${reply.error}`));
      else waiter?.resolve(reply.result);
    });
    child.once('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`client process exited with ${code}`));
      this.pending.clear();
    });
  }

  /** Starts the client process. */
  static start(): LatencyFleet {
    return new LatencyFleet(fork(join(__dirname, 'latency-fleet-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  /** Opens and subscribes every socket of `plan`; resolves with how many. */
  open(plan: FleetPlan): Promise<number> {
    return this.request('open', { plan }) as Promise<number>;
  }

  /** Starts a new measurement window. */
  reset(): Promise<void> {
    return this.request('reset').then(() => undefined);
  }

  /** What the sockets saw since the last reset. */
  report(): Promise<FleetReport> {
    return this.request('report') as Promise<FleetReport>;
  }

  /** Closes every socket. */
  close(): Promise<void> {
    return this.request('close').then(() => undefined);
  }

  /** Ends the client process. */
  stop(): void {
    this.child.disconnect();
  }

  private request(command: Command, extra: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, command, ...extra } as FleetRequest);
    });
  }
}
