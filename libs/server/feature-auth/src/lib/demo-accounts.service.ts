import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { demoCredentialsBanner, ensureDemoAccounts } from './demo-accounts';
import { INGEST_API_KEYS } from './auth-tokens';
import { USER_STORE, type UserStore } from './user-store';

/**
 * In demo mode (TNT_DEMO=1), creates the demo accounts at start-up and prints their credentials.
 * The banner goes to stdout directly, not through the logger: log redaction would (rightly)
 * hide the key, and a JSON log line is no way to show a person their password.
 */
@Injectable()
export class DemoAccountsService implements OnApplicationBootstrap {
  constructor(
    @Inject(TNT_CONFIG) private readonly config: Pick<TntConfig, 'demo' | 'demoCalls'>,
    @Inject(USER_STORE) private readonly directory: UserStore,
    @Inject(INGEST_API_KEYS) private readonly ingestApiKeys: readonly string[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    const result = await ensureDemoAccounts(this.directory, this.config.demoCalls);
    process.stdout.write(`${demoCredentialsBanner(result, this.ingestApiKeys)}\n`);
  }
}
