import { provideHttpClient } from '@angular/common/http';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer, type TestAccount } from '@tnt/dashboard/data-access-auth/testing';
import type { LanguageModelStatus } from '@tnt/protocol';
import { LANGUAGE_API_URL } from '../lib/language.client';
import { LANGUAGE_POLL_SCHEDULER } from '../lib/poll-scheduler';
import { startLanguagePeer, type LanguageTestPeer } from './language-test-peer';
import { ManualPollScheduler } from './manual-poll-scheduler';

/** The supervisor every language spec signs in as (`sam`, `sam-password`). */
export const LANGUAGE_TEST_SUPERVISOR: TestAccount = { username: 'sam', password: 'sam-password', role: 'supervisor' };

/** Real HTTP peers for a spec (the auth API, and the language API that honours its tokens) and a poll scheduler run by hand. */
export interface LanguageTestSession {
  readonly auth: AuthTestPeer;
  readonly peer: LanguageTestPeer;
  readonly scheduler: ManualPollScheduler;
  /** Providers pointing HttpClient, the auth store, the language client and its polling at the above. */
  readonly providers: (Provider | EnvironmentProviders)[];
  stop(): Promise<void>;
}

/** Starts both peers; the language peer answers `status` until a save changes it. */
export async function startLanguageTestSession(status: LanguageModelStatus): Promise<LanguageTestSession> {
  const auth = await AuthTestPeer.start([LANGUAGE_TEST_SUPERVISOR]);
  const peer = await startLanguagePeer(status, (token) => auth.accepts(token));
  const scheduler = new ManualPollScheduler();
  return {
    auth,
    peer,
    scheduler,
    providers: [
      provideHttpClient(),
      provideAuth({ apiUrl: auth.apiUrl }),
      { provide: LANGUAGE_API_URL, useValue: peer.url },
      { provide: LANGUAGE_POLL_SCHEDULER, useValue: scheduler },
    ],
    stop: async () => {
      await peer.stop();
      await auth.stop();
    },
  };
}
