import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { AuthHttpError, type AuthErrorBody } from '@tnt/server/feature-auth';
import { ArchiveQueryError, ArchiveUnavailableError } from '@tnt/server/util-call-archive';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { HISTORY_ERROR_CODES, HistoryHttpError, type HistoryErrorBody } from './history-errors';

/**
 * Answers every failure of the history API as JSON `{code, message}` with its HTTP status
 * (the guard's 401/403 keep their auth codes, see `AUTH_ERROR_CODES`).
 * Unexpected errors are logged with their stack and an id; the client gets the id, never the stack.
 */
@Catch()
export class HistoryExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HistoryApi');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const { status, body } = this.answerFor(error, http.getRequest<Request>());
    // The guard has set WWW-Authenticate on 401s already; only status and body are written here.
    http.getResponse<Response>().status(status).json(body);
  }

  private answerFor(error: unknown, request: Request): { status: number; body: HistoryErrorBody | AuthErrorBody } {
    if (error instanceof AuthHttpError) return { status: error.failure.status, body: { code: error.failure.code, message: error.failure.message } };
    if (error instanceof HistoryHttpError) return { status: error.status, body: { code: error.code, message: error.message } };
    if (error instanceof ArchiveQueryError) return { status: 400, body: { code: HISTORY_ERROR_CODES.VALIDATION_FAILED, message: error.message } };
    if (error instanceof ArchiveUnavailableError) return { status: 503, body: { code: HISTORY_ERROR_CODES.HISTORY_UNAVAILABLE, message: error.message } };
    if (error instanceof HttpException && error.getStatus() < 500) {
      // Raised by Nest itself before a handler runs (e.g. a malformed URL).
      return { status: error.getStatus(), body: { code: HISTORY_ERROR_CODES.VALIDATION_FAILED, message: error.message } };
    }
    const incident = randomUUID();
    this.logger.error(`${request.method} ${request.originalUrl} failed (incident ${incident}): ${error instanceof Error ? error.stack : String(error)}`);
    return { status: 500, body: { code: HISTORY_ERROR_CODES.INTERNAL_ERROR, message: `the server failed; incident ${incident} is in its log` } };
  }
}
