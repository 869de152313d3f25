import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';

/** Fields a structured log line may carry besides its message. */
export interface LogFields {
  readonly msg: string;
  readonly callId?: string;
  readonly connectionId?: string;
  readonly [field: string]: unknown;
}

const PINO_LEVEL: Record<LogLevel, pino.Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Nest's logger interface over pino: one JSON object per line with `level`, `time`, `context`,
 * `msg` and any fields given (`callId`, `connectionId`, …). Messages may be strings or
 * {@link LogFields} objects.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;

  /** @param destination where lines go (standard output by default). */
  constructor(levels: LogLevel[], destination?: pino.DestinationStream) {
    const mostVerbose =
      (['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as LogLevel[]).find((level) => levels.includes(level)) ?? 'log';
    const options = { level: PINO_LEVEL[mostVerbose], base: { service: 'tnt-gateway' }, timestamp: pino.stdTimeFunctions.isoTime };
    this.pino = destination ? pino(options, destination) : pino(options);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context last; an error's stack, when there is one, comes before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (typeof message === 'object' && message !== null && !(message instanceof Error)) {
      this.pino[level]({ context, ...(stack ? { stack } : {}), ...(message as object) });
    } else {
      this.pino[level]({ context, ...(stack ? { stack } : {}) }, message instanceof Error ? message.message : String(message));
    }
  }
}
