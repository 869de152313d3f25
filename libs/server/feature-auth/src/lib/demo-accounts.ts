import { randomBytes } from 'node:crypto';
import type { UserStore } from './user-store';

/** A demo account and its password, to be shown once at start-up. */
export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly role: 'supervisor' | 'agent';
  readonly agentId?: string;
}

/** What {@link ensureDemoAccounts} did. */
export interface DemoAccountsResult {
  /** Accounts (re)created with a new password. */
  readonly accounts: DemoAccount[];
  /** Usernames left alone because a real (non-demo) user already has them. */
  readonly skipped: string[];
}

function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Creates the demo accounts — `supervisor` and one agent per demo call (`agent-1` … `agent-N`,
 * matching the demo calls' agent ids) — with fresh random passwords. Accounts created by an
 * earlier demo start get a new password (hashes cannot be shown again); a username taken by a
 * real user is left untouched and reported in `skipped`.
 */
export async function ensureDemoAccounts(directory: UserStore, demoCalls: number): Promise<DemoAccountsResult> {
  const wanted: Omit<DemoAccount, 'password'>[] = [
    { username: 'supervisor', role: 'supervisor' },
    ...Array.from({ length: demoCalls }, (_, index) => ({
      username: `agent-${index + 1}`,
      role: 'agent' as const,
      agentId: `agent-${index + 1}`,
    })),
  ];
  const accounts: DemoAccount[] = [];
  const skipped: string[] = [];
  for (const account of wanted) {
    const existing = await directory.find(account.username);
    if (existing && !existing.demo) {
      skipped.push(account.username);
      continue;
    }
    const password = newPassword();
    await directory.add({ ...account, password, demo: true }, { replace: true });
    accounts.push({ ...account, password });
  }
  return { accounts, skipped };
}

/** The start-up banner listing demo credentials and the ingest key. */
export function demoCredentialsBanner(result: DemoAccountsResult, ingestApiKeys: readonly string[], url?: string): string {
  const lines = ['Demo mode: these credentials are for trying TnT out, and the passwords change at every start.'];
  if (url) lines.push(`  dashboard: ${url}`);
  for (const account of result.accounts) {
    const agent = account.agentId !== undefined ? ` (agentId ${account.agentId})` : '';
    lines.push(`  ${account.role.padEnd(10)} ${account.username.padEnd(12)} password ${account.password}${agent}`);
  }
  for (const username of result.skipped) lines.push(`  ${username}: a real user has this name; not changed`);
  for (const key of ingestApiKeys) lines.push(`  ingest API key: ${key}`);
  return lines.join('\n');
}
