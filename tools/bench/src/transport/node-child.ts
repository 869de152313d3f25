import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';

/** How to start one Node child process of the benchmark. */
export interface NodeChildOptions {
  /** Name used in error messages (`raw ws server`, `clients #2`). */
  readonly name: string;
  readonly script: string;
  readonly args?: readonly string[];
  /** Node flags, e.g. `--inspect=127.0.0.1:0` or `--cpu-prof`. */
  readonly execArgv?: readonly string[];
  readonly env?: Record<string, string>;
  /** Open a Node IPC channel (children that run {@link serveCommands}). */
  readonly ipc: boolean;
  /** The open-file limit the child needs; it is raised with `ulimit -n` when the current one is lower. */
  readonly openFiles?: number;
  /** Also write everything the child prints to this file (e.g. its `--trace-gc` lines). */
  readonly outputFile?: string;
}

/** A request sent to a child over IPC; the child answers with a {@link CommandReply} of the same id. */
export interface CommandRequest {
  readonly id: number;
  readonly command: string;
  readonly payload: unknown;
}

/** A child's answer to one {@link CommandRequest}. */
export interface CommandReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}

/** The soft limit on open files of this process (children inherit it). */
export function openFileLimit(): number {
  const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  if (!line) throw new Error('no "Max open files" line in /proc/self/limits');
  return line[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(line[1]);
}

/** A running child process; commands go over IPC and resolve with the child's reply. */
export class NodeChild {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private log = '';
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-20_000));
    process.stdout?.on('data', keep);
    process.stderr?.on('data', keep);
    process.on('message', (reply: CommandReply) => this.settle(reply));
    this.exited = new Promise((resolve) =>
      process.once('exit', (code, signal) => {
        for (const { reject } of this.pending.values())
          reject(new Error(`${name} exited (${code ?? signal}) during a command:\n${this.log}`));
        this.pending.clear();
        resolve(code);
      }),
    );
  }

  /** The child's process id (the Node process itself, also when started through bash). */
  get pid(): number {
    if (this.process.pid === undefined) throw new Error(`${this.name} has no pid`);
    return this.process.pid;
  }

  /** The last 20 kB the child printed. */
  output(): string {
    return this.log;
  }

  /** Sends a command and resolves with the child's result; rejects with the child's error. */
  call<T>(command: string, payload: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.process.send({ id, command, payload } satisfies CommandRequest, (error) => {
        if (!error) return;
        this.pending.delete(id);
        reject(new Error(`${this.name}: sending ${command} failed: ${error.message}; it printed:\n${this.log}`));
      });
    });
  }

  /** Resolves once the child printed text matching `pattern`, with the match. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.log);
      if (match) return match;
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(`${this.name} exited before printing ${pattern}:\n${this.log}`);
      }
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Sends `signal` (when still running) and resolves with the exit code. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill(signal);
    return this.exited;
  }

  private settle(reply: CommandReply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.error !== undefined) waiter.reject(new Error(`${this.name}: ${reply.error}`));
    else waiter.resolve(reply.result);
  }
}

/**
 * Starts `node [execArgv] script [args]` on loopback. When the child needs more open files than
 * this process may have, it is started as `bash -c 'ulimit -n N && exec node …'`, so the pid is
 * still Node's.
 */
export function spawnNodeChild(options: NodeChildOptions): NodeChild {
  const nodeArgs = [...(options.execArgv ?? []), options.script, ...(options.args ?? [])];
  const stdio: ('ignore' | 'pipe' | 'ipc')[] = options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'];
  const env = { ...process.env, ...options.env };
  const needsMoreFiles = options.openFiles !== undefined && openFileLimit() < options.openFiles;
  const child = needsMoreFiles
    ? spawn('bash', ['-c', `ulimit -n ${options.openFiles} && exec "$@"`, 'bash', process.execPath, ...nodeArgs], { env, stdio })
    : spawn(process.execPath, nodeArgs, { env, stdio });
  if (options.outputFile) {
    const file = createWriteStream(options.outputFile);
    file.on('error', (error) => console.error(`${options.name}: writing ${options.outputFile} failed: ${error.message}`));
    child.stdout?.on('data', (chunk: Buffer) => file.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => file.write(chunk));
    child.once('exit', () => file.end());
  }
  return new NodeChild(options.name, child);
}
