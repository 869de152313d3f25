import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ERROR_CODES, TntError } from '@tnt/protocol';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/**
 * The one HTTP exception filter: every failure of a REST route is answered as JSON `{code, message}`
 * with its status. A {@link TntError} answers with its own code and status (and `Retry-After` when it
 * carries one); Nest's own 4xx (a malformed URL or JSON body) becomes `VALIDATION_FAILED`; anything
 * else is logged with its stack under an incident id, and the client gets the id, never the stack.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const error = this.toTntError(exception, http.getRequest<Request>());
    const response = http.getResponse<Response>();
    // Headers a guard set before throwing (WWW-Authenticate on a 401) are kept; only these are added.
    if (error.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response.status(error.httpStatus).json(error.toBody());
  }

  private toTntError(exception: unknown, request: Request): TntError {
    if (exception instanceof TntError) return exception;
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      // Raised by Nest itself before a handler runs (a malformed URL, a body that is not JSON).
      return new TntError(ERROR_CODES.VALIDATION_FAILED, exception.message, { httpStatus: exception.getStatus() });
    }
    const incident = randomUUID();
    const detail = exception instanceof Error ? exception.stack : String(exception);
    this.logger.error(`${request.method} ${request.originalUrl} failed (incident ${incident}): ${detail}`);
    return new TntError(ERROR_CODES.INTERNAL_ERROR, `the server failed; incident ${incident} is in its log`);
  }
}
