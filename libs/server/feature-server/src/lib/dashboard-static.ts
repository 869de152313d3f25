import type { Logger } from '@nestjs/common';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths that belong to the server, never to the dashboard's client-side router. */
const SERVER_PATHS = /^\/(api|ws|ingest|metrics|healthz|readyz)(\/|$)/;

/**
 * Serves the built dashboard at `/`, with `index.html` for client-side routes such as
 * `/calls/:id`. When the dashboard is not built, `/` says how to build it instead of a blank page.
 */
export function serveDashboard(http: Express, dashboardDir: string, logger: Logger): void {
  const root = resolve(dashboardDir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn(`dashboard not found in ${root}: run "npm run build" (or set TNT_DASHBOARD_DIR)`);
    http.get('/', (_request: Request, response: Response) => {
      response.type('text/plain').send('TnT gateway is running. The dashboard is not built: run "npm run build".\n');
    });
    return;
  }
  http.use(express.static(root, { index: 'index.html', maxAge: '1h' }));
  http.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || SERVER_PATHS.test(request.path) || !request.accepts('html')) return next();
    response.sendFile(indexFile);
  });
}
