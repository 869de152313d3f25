import type { SocketCredentials, TokenStatus } from './socket-credentials';

/**
 * Asks the server about a token, one question at a time: asking again or cancelling makes the
 * answer to an earlier question stale, so it is dropped instead of acting on a moved-on socket.
 * A failed question counts as `unknown` (retry as usual) and is logged.
 */
export class TokenCheck {
  private current: object | undefined;

  constructor(private readonly credentials: SocketCredentials) {}

  /** True while a question is waiting for its answer. */
  get pending(): boolean {
    return this.current !== undefined;
  }

  /** Asks about `token`; `onAnswer` runs unless the question was cancelled or replaced meanwhile. */
  ask(token: string, onAnswer: (status: TokenStatus) => void): void {
    const question = {};
    this.current = question;
    this.credentials
      .checkToken(token)
      .catch((error: unknown): TokenStatus => {
        console.error('TnT socket: could not ask the server about the token; retrying as usual', error);
        return 'unknown';
      })
      .then((status) => {
        if (this.current !== question) return;
        this.current = undefined;
        onAnswer(status);
      })
      .catch((error: unknown) => console.error('TnT socket: failed to act on the answer about the token', error));
  }

  /** Drops the question in flight, if any. */
  cancel(): void {
    this.current = undefined;
  }
}
