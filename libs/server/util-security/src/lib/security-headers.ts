import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { canonicalOrigin } from './origin-policy';

/** Options of {@link securityHeaders}. */
export interface SecurityHeaderOptions {
  /** TNT_PUBLIC_URL: when set, the WebSocket origin allowed by the CSP; otherwise the request's Host. */
  readonly publicUrl?: string;
}

/**
 * The Content-Security-Policy for the dashboard: an Angular app served from the gateway's
 * origin with no inline script (the build does not inline critical CSS, so none is needed), a
 * WebSocket to the same host, and no framing. `style-src` allows inline styles because Angular
 * injects component styles as `<style>` elements at run time; styles cannot run code.
 * @param socketOrigins `ws://…`/`wss://…` origins `connect-src` must name explicitly (older
 * Safari does not count them as `'self'`).
 */
export function contentSecurityPolicy(socketOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...socketOrigins].join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** `ws://host wss://host` for a public URL or a Host header; empty when the host is malformed. */
function socketOriginsFor(publicUrl: string | undefined, host: string | undefined): string[] {
  if (publicUrl !== undefined) {
    const origin = canonicalOrigin(publicUrl);
    if (origin === undefined) return [];
    const url = new URL(origin);
    return [`${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`];
  }
  if (host === undefined || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return [];
  return [`ws://${host}`, `wss://${host}`];
}

/**
 * Express middleware setting the browser security headers on every response: CSP (see
 * {@link contentSecurityPolicy}), `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
 * `Referrer-Policy: no-referrer`, cross-origin isolation of the window and resources, a
 * Permissions-Policy turning off device access, and HSTS when the public URL is https.
 * Register it before the static dashboard and the API routes.
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): RequestHandler {
  const fixedPolicy = options.publicUrl !== undefined ? contentSecurityPolicy(socketOriginsFor(options.publicUrl, undefined)) : undefined;
  const hsts = options.publicUrl !== undefined && canonicalOrigin(options.publicUrl)?.startsWith('https:') === true;
  return (request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Content-Security-Policy', fixedPolicy ?? contentSecurityPolicy(socketOriginsFor(undefined, request.headers.host)));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (hsts) response.setHeader('Strict-Transport-Security', 'max-age=15552000');
    next();
  };
}
