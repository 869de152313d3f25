/** Why a check does not pass, in words an operator can act on (e.g. `at capacity: backlog 3.2 s`). */
export interface NotReady {
  readonly reason: string;
}

/**
 * A named condition the server needs before it can take calls (e.g. `engine`, `store`): `true`
 * when it holds, `false` or a {@link NotReady} with the reason when it does not.
 */
export type ReadinessCheck = () => boolean | NotReady;

/** The outcome of every readiness check. */
export interface Readiness {
  readonly ready: boolean;
  /** Each check by name: `true` when it passed, otherwise `false` or the reason it gave. */
  readonly checks: Readonly<Record<string, boolean | string>>;
}

/**
 * The readiness port: each feature registers the checks it owns; `/readyz` asks them all. A
 * check that cannot answer should log why and return `false`.
 */
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  /** Adds a check; names are unique so `/readyz` can say which one failed. */
  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`a readiness check named "${name}" is already registered`);
    this.checks.set(name, check);
  }

  /** Runs every check now. With no check registered the server counts as ready. */
  evaluate(): Readiness {
    const checks: Record<string, boolean | string> = {};
    for (const [name, check] of this.checks) {
      const outcome = check();
      checks[name] = typeof outcome === 'boolean' ? outcome : outcome.reason;
    }
    return { ready: Object.values(checks).every((outcome) => outcome === true), checks };
  }
}
