/** A listing query the archive cannot run; `parameter` names the query field at fault. */
export class ArchiveQueryError extends Error {
  constructor(readonly parameter: 'cursor' | 'q', message: string) {
    super(message);
    this.name = 'ArchiveQueryError';
  }
}

/** The running store keeps no history (e.g. `TNT_STORE=memory`). */
export class ArchiveUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveUnavailableError';
  }
}
