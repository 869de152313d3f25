import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { killOnExit } from './child-processes';
import { workspaceRoot } from './workspace-root';

/** The built gateway's entry point (built by `nx build gateway`, a dependency of the e2e and bench targets). */
export const GATEWAY_MAIN = join(workspaceRoot(), 'dist', 'server', 'apps', 'gateway', 'src', 'main.js');

/** A gateway started as its own process on an ephemeral port. */
export interface GatewayProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly wsUrl: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** What happens to what a gateway prints. */
export interface GatewayOutputOptions {
  /** Called with each chunk the process prints (stdout and stderr), e.g. to show it with a prefix. */
  readonly onOutput?: (text: string) => void;
  /**
   * Keep what it prints after it has started, for `output()` (default true). A long-running
   * launcher turns this off so the text does not grow for as long as the gateway runs.
   */
  readonly keepAfterStart?: boolean;
}

/**
 * Starts the built gateway with `env` added to the environment (defaults: any free port on
 * 127.0.0.1, the scripted engine, the memory store) and waits until it listens.
 */
export function startGateway(
  env: Record<string, string> = {},
  timeoutMs = 20_000,
  output: GatewayOutputOptions = {},
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [GATEWAY_MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TNT_ENGINE: 'scripted', TNT_STORE: 'memory', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  let printed = '';
  let started = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // A gateway that never said it listens is of no use to the caller, who has no handle to stop it.
      child.kill('SIGKILL');
      reject(new Error(`gateway did not start within ${timeoutMs} ms:\n${printed}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.onOutput?.(text);
      if (started && output.keepAfterStart === false) return;
      printed += text;
      if (started) return;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(printed);
      if (!match) return;
      started = true;
      clearTimeout(timer);
      const port = Number(match[1]);
      resolve({
        child,
        port,
        wsUrl: `ws://127.0.0.1:${port}/ws`,
        output: () => printed,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code} before listening:\n${printed}`));
    });
  });
}

/** Runs the gateway with `env` until it exits on its own; resolves with its code and output. */
export function runGatewayToExit(env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [GATEWAY_MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gateway did not exit within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
