import { provideHttpClient } from '@angular/common/http';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer, type TestAccount } from '@tnt/dashboard/data-access-auth/testing';
import type { HistoryTranscript } from '@tnt/protocol';
import { provideHistory } from '../lib/provide-history';
import { HistoryTestPeer } from './history-test-peer';

/** The accounts every history spec can sign in with. */
export const HISTORY_TEST_ACCOUNTS: readonly TestAccount[] = [
  { username: 'sam', password: 'sam-password', role: 'supervisor' },
  { username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-1' },
];

/** Real HTTP peers for a spec: the auth API that signs people in and the history API that honours its tokens. */
export interface HistoryTestSession {
  readonly auth: AuthTestPeer;
  readonly history: HistoryTestPeer;
  /** Providers pointing HttpClient, the auth store and the history client at the peers. */
  readonly providers: (Provider | EnvironmentProviders)[];
  /** From now on the history API answers `TOKEN_EXPIRED` for this token. */
  expire(token: string): void;
  stop(): Promise<void>;
}

/** Starts both peers; the history peer holds `stored` (newest first) and accepts the tokens the auth peer issued. */
export async function startHistoryTestSession(stored: HistoryTranscript[]): Promise<HistoryTestSession> {
  const expired = new Set<string>();
  const auth = await AuthTestPeer.start(HISTORY_TEST_ACCOUNTS);
  const history = await HistoryTestPeer.start(stored, (token) =>
    expired.has(token) ? 'expired' : auth.accepts(token) ? 'valid' : 'rejected',
  );
  return {
    auth,
    history,
    providers: [provideHttpClient(), provideAuth({ apiUrl: auth.apiUrl }), provideHistory({ apiUrl: history.apiUrl })],
    expire: (token) => expired.add(token),
    stop: async () => {
      await history.stop();
      await auth.stop();
    },
  };
}
