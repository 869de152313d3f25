import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isOriginAllowed, type OriginPolicy } from './origin-policy';

/** Options of {@link corsMiddleware}. */
export interface CorsOptions extends OriginPolicy {
  /** Methods a cross-origin page may use (default GET, POST). */
  readonly methods?: readonly string[];
  /** Request headers it may send (default Authorization, Content-Type). */
  readonly headers?: readonly string[];
  /** How long a browser may cache a preflight answer (default 600 s). */
  readonly maxAgeSeconds?: number;
}

/**
 * CORS for the HTTP API, decided by the same {@link isOriginAllowed} as the UI socket: an allowed
 * origin is echoed in `Access-Control-Allow-Origin` (never `*`; no credentials mode is needed
 * because tokens travel in the `Authorization` header); a preflight from any other origin is
 * answered 403 without CORS headers, and its actual requests get none, so the browser blocks them.
 * Mount it on `/api`.
 */
export function corsMiddleware(options: CorsOptions): RequestHandler {
  const methods = (options.methods ?? ['GET', 'POST']).join(', ');
  const headers = (options.headers ?? ['Authorization', 'Content-Type']).join(', ');
  const maxAge = String(options.maxAgeSeconds ?? 600);
  return (request: Request, response: Response, next: NextFunction) => {
    const origin = request.headers.origin;
    if (origin === undefined) return next();
    response.vary('Origin');
    const allowed = isOriginAllowed(origin, request.headers.host, options);
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!allowed) {
      if (preflight) {
        response.status(403).json({ code: 'ORIGIN_NOT_ALLOWED', message: 'this origin may not use the API' });
        return;
      }
      return next();
    }
    response.setHeader('Access-Control-Allow-Origin', origin);
    if (!preflight) return next();
    response.setHeader('Access-Control-Allow-Methods', methods);
    response.setHeader('Access-Control-Allow-Headers', headers);
    response.setHeader('Access-Control-Max-Age', maxAge);
    response.status(204).end();
  };
}
