import { ConsoleLogger } from '@nestjs/common';

/** `msg (key=value, …)` for a structured message, so people read one line per event. */
function flatten(message: unknown): unknown {
  if (typeof message !== 'object' || message === null || message instanceof Error) return message;
  const { msg, ...fields } = message as { msg?: unknown } & Record<string, unknown>;
  const details = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return details.length > 0 ? `${String(msg)} (${details.join(', ')})` : String(msg);
}

/** Nest's console format, with structured messages (`{msg, callId, …}`) written on one line. */
export class TextLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    super.log(flatten(message), ...(rest as [string?]));
  }

  override warn(message: unknown, ...rest: unknown[]): void {
    super.warn(flatten(message), ...(rest as [string?]));
  }

  override error(message: unknown, ...rest: unknown[]): void {
    super.error(flatten(message), ...(rest as [string?]));
  }

  override debug(message: unknown, ...rest: unknown[]): void {
    super.debug(flatten(message), ...(rest as [string?]));
  }

  override verbose(message: unknown, ...rest: unknown[]): void {
    super.verbose(flatten(message), ...(rest as [string?]));
  }
}
