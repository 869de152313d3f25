import { startGateway as startBuiltGateway, workspaceRoot, type GatewayProcess } from '@tnt/tools/util-gateway-process';
import { join } from 'node:path';

export type { GatewayProcess };

/** The workspace root. */
export const WORKSPACE_ROOT = workspaceRoot();
/** The built dashboard the gateway serves at `/`. */
const DASHBOARD_DIR = join(WORKSPACE_ROOT, 'dist', 'apps', 'dashboard', 'browser');

/**
 * Starts the built gateway serving the built dashboard, with demo calls on the scripted engine
 * (a SIMULATION: scripted text, labelled `simulated`), on `port` (0: any free port).
 */
export function startGateway(port: number, env: Record<string, string> = {}, timeoutMs = 20_000): Promise<GatewayProcess> {
  return startBuiltGateway({ PORT: String(port), TNT_DEMO: '1', TNT_DASHBOARD_DIR: DASHBOARD_DIR, ...env }, timeoutMs);
}
