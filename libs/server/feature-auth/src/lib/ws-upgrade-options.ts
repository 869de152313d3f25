import { Logger } from '@nestjs/common';
import { UI_SOCKET_PATH } from '@tnt/protocol';
import type { IncomingMessage } from 'node:http';
import type { VerifyClientCallbackAsync } from 'ws';
import { selectSubprotocol } from './credential-extraction';
import type { IngestEndpoint } from './ingest-authenticator';
import type { UpgradeAuthenticator, UpgradeRefusal } from './upgrade-authenticator';

/** Options for a `ws` server of one TnT path: who may upgrade, which subprotocol, how large a frame. */
export interface GuardedSocketOptions {
  readonly verifyClient: VerifyClientCallbackAsync;
  readonly handleProtocols?: (protocols: Set<string>, request: IncomingMessage) => string | false;
  readonly maxPayload?: number;
}

/** Paths of the ingest endpoints and which endpoint each is. */
const INGEST_PATHS: Readonly<Record<string, IngestEndpoint>> = {
  '/ingest/twilio': 'twilio',
  '/ingest/l16': 'l16',
  '/ingest/audiohook': 'audiohook',
};

const logger = new Logger('UpgradeAuth');

/**
 * Adapts an upgrade check to `ws`'s asynchronous `verifyClient`: a refusal becomes an HTTP
 * answer with its status, `{code, message}` JSON and headers, sent before any WebSocket exists.
 * A check that throws (a bug) refuses with 500 and is logged with its stack.
 */
export function toVerifyClient(
  check: (request: IncomingMessage) => Promise<{ ok: true } | UpgradeRefusal> | { ok: true } | UpgradeRefusal,
): VerifyClientCallbackAsync {
  return (info, callback) => {
    Promise.resolve()
      .then(() => check(info.req))
      .then(
        (outcome) => {
          if (outcome.ok) return callback(true);
          const body = JSON.stringify({ code: outcome.code, message: outcome.message });
          callback(false, outcome.status, body, { ...outcome.headers, 'Content-Type': 'application/json' });
        },
        (error: unknown) => {
          logger.error(`upgrade check failed: ${error instanceof Error ? error.stack : String(error)}`);
          const body = JSON.stringify({ code: 'INTERNAL_ERROR', message: 'the server failed to check the upgrade' });
          callback(false, 500, body, { 'Content-Type': 'application/json' });
        },
      );
  };
}

/**
 * The `ws` server options of a TnT WebSocket path, for the adapter to merge into the options of
 * the server it creates for that path:
 * - `/ws` (UI): token check, `bearer` subprotocol answer;
 * - `/ingest/twilio`, `/ingest/l16`, `/ingest/audiohook`: API key / Twilio / AudioHook signature check and the ingest frame limit.
 * An unknown path throws: a socket nobody decided how to protect must not start unprotected.
 */
export function guardedSocketOptions(path: string, authenticator: UpgradeAuthenticator, maxIngestFrameBytes: number): GuardedSocketOptions {
  if (path === UI_SOCKET_PATH) {
    return { verifyClient: toVerifyClient((request) => authenticator.authenticateUpgrade(request)), handleProtocols: selectSubprotocol };
  }
  const endpoint = INGEST_PATHS[path];
  if (endpoint !== undefined) {
    return {
      verifyClient: toVerifyClient((request) => authenticator.authenticateIngestUpgrade(request, endpoint)),
      maxPayload: maxIngestFrameBytes,
    };
  }
  throw new Error(`no upgrade policy for WebSocket path ${path}: add it to guardedSocketOptions before serving it`);
}
