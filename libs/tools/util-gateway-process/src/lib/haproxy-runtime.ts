import { createConnection } from 'node:net';
import { HAPROXY_BACKEND, serverName } from './haproxy-config';

/** One gateway as HAProxy sees it, from the runtime API's `show stat`. */
export interface HaproxyServerState {
  /** `gateway-<index>`. */
  readonly name: string;
  /**
   * `UP`, `DOWN`, `MAINT`, `DRAIN`, or a transition such as `UP 1/2` (up, one failed check of the
   * two that take it down) or `DOWN 1/2`.
   */
  readonly status: string;
  /** Connections open to it now (`scur`), and since the start (`stot`). */
  readonly currentSessions: number;
  readonly totalSessions: number;
  /** The last check's outcome, e.g. `L7OK`, `L7STS` (wrong status), `L4CON` (refused), `L4TOUT`. */
  readonly checkStatus: string;
}

/** The operator's state of a server, as `set server <backend>/<server> state …` takes it. */
export type HaproxyAdminState = 'ready' | 'drain' | 'maint';

/** A client of HAProxy's runtime API on its unix socket: one command per connection. */
export class HaproxyRuntime {
  constructor(private readonly socketPath: string) {}

  /** Sends one runtime API command and resolves with HAProxy's whole answer. */
  command(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(this.socketPath);
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.once('error', (error) => reject(new Error(`HAProxy runtime API (${this.socketPath}): ${error.message}`)));
      socket.once('end', () => resolve(answer));
      socket.once('connect', () => socket.end(`${text}\n`));
    });
  }

  /** Every gateway server's state, in configuration order. */
  async servers(): Promise<HaproxyServerState[]> {
    const [header, ...rows] = (await this.command('show stat')).split('\n').filter((line) => line.length > 0);
    const columns = header.replace(/^# /, '').split(',');
    const column = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
    return rows
      .map((line) => line.split(','))
      .filter((row) => column(row, 'pxname') === HAPROXY_BACKEND && !['FRONTEND', 'BACKEND'].includes(column(row, 'svname')))
      .map((row) => ({
        name: column(row, 'svname'),
        status: column(row, 'status'),
        currentSessions: Number(column(row, 'scur')),
        totalSessions: Number(column(row, 'stot')),
        checkStatus: column(row, 'check_status'),
      }));
  }

  /** The state of the gateway at `index`. */
  async server(index: number): Promise<HaproxyServerState> {
    const state = (await this.servers()).find((server) => server.name === serverName(index));
    if (!state) throw new Error(`HAProxy has no server ${serverName(index)}`);
    return state;
  }

  /** Puts the gateway at `index` in `ready`, `drain` (no new connections) or `maint` (out of rotation) state. */
  async setServerState(index: number, state: HaproxyAdminState): Promise<void> {
    const answer = await this.command(`set server ${HAPROXY_BACKEND}/${serverName(index)} state ${state}`);
    if (answer.trim().length > 0) throw new Error(`HAProxy refused "state ${state}" for ${serverName(index)}: ${answer.trim()}`);
  }

  /** Resolves with the server's state once its status is exactly `status` (e.g. `DOWN`); rejects after `timeoutMs`. */
  async waitForStatus(index: number, status: string, timeoutMs = 10_000): Promise<HaproxyServerState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.server(index);
      if (state.status === status) return state;
      if (Date.now() >= deadline) {
        throw new Error(`${serverName(index)} is ${state.status} (last check ${state.checkStatus}), not ${status}, after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
