import { ERROR_CODES, TntError } from '@tnt/protocol';

/** A listing query the archive cannot run (400 `VALIDATION_FAILED`); `parameter` names the query field at fault. */
export class ArchiveQueryError extends TntError {
  constructor(
    readonly parameter: 'cursor' | 'q',
    message: string,
  ) {
    super(ERROR_CODES.VALIDATION_FAILED, message);
    this.name = 'ArchiveQueryError';
  }
}

/** The running store keeps no history, e.g. `TNT_STORE=memory` (503 `HISTORY_UNAVAILABLE`). */
export class ArchiveUnavailableError extends TntError {
  constructor(message: string) {
    super(ERROR_CODES.HISTORY_UNAVAILABLE, message);
    this.name = 'ArchiveUnavailableError';
  }
}
