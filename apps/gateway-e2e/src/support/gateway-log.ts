import type { GatewayProcess } from './gateway-process';

/** Waits up to 3 s for the gateway's log to mention `text`: the answer can reach the test before the log line is written. */
export async function logged(gateway: GatewayProcess, text: string): Promise<boolean> {
  for (let waited = 0; waited < 3000; waited += 50) {
    if (gateway.output().includes(text)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
