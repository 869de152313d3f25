import {
  Logger,
  Module,
  type ClassProvider,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Provider,
  type ValueProvider,
} from '@nestjs/common';
import { loadOrCreateIngestApiKeys, loadOrCreateJwtSecret, UserDirectory } from '@tnt/server/data-access-users';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { MemoryNonceStore, type NonceStore } from '@tnt/shared/util-audiohook';
import { SecretRedactor } from '@tnt/server/util-security';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AUDIOHOOK_NONCES, INGEST_API_KEYS } from './auth-tokens';
import { BearerAuthGuard } from './bearer-auth.guard';
import { DemoAccountsService } from './demo-accounts.service';
import { IngestAuthenticator } from './ingest-authenticator';
import { JwksTokenVerifier } from './jwks-token-verifier';
import { LocalTokenService } from './local-token-service';
import { LoginThrottle } from './login-throttle';
import { TokenVerifier } from './token-verifier';
import { UpgradeAuthenticator } from './upgrade-authenticator';
import { USER_STORE, type UserStore } from './user-store';

const logger = new Logger('Auth');
const warn = (message: string): void => logger.warn(message);

/** How the user store is made: a value, a class, or a factory with the tokens it injects. */
export type UserStoreProvider =
  Omit<ValueProvider<UserStore>, 'provide'> | Omit<ClassProvider<UserStore>, 'provide'> | Omit<FactoryProvider<UserStore>, 'provide'>;

/** How the AudioHook nonce store is made: a value, a class, or a factory with the tokens it injects. */
export type NonceStoreProvider =
  Omit<ValueProvider<NonceStore>, 'provide'> | Omit<ClassProvider<NonceStore>, 'provide'> | Omit<FactoryProvider<NonceStore>, 'provide'>;

/** Options of {@link AuthModule.forRoot}. */
export interface AuthModuleOptions {
  /** Modules whose exports the factories inject (e.g. the module that opens the database, the metrics module). */
  readonly imports?: ModuleMetadata['imports'];
  /** Where the users live; absent: `<data dir>/users.json`. */
  readonly users?: UserStoreProvider;
  /** Where accepted AudioHook nonces are remembered; absent: this process's memory. A cluster passes Redis. */
  readonly audiohookNonces?: NonceStoreProvider;
}

/** The default user store: `<data dir>/users.json`, as one process keeps it. */
const FILE_USER_STORE: Provider = {
  provide: USER_STORE,
  inject: [TNT_CONFIG],
  useFactory: (config: TntConfig): UserStore => UserDirectory.inDataDir(config.dataDir, { onWarning: warn }),
};

/**
 * Security for the whole gateway: the user directory, token issuing and checking (own HS256
 * tokens and, optionally, an identity provider's via JWKS), `POST /api/auth/login` and
 * `GET /api/auth/me`, the HTTP guard, the WebSocket upgrade checks, ingest keys and demo accounts.
 * A module that guards routes with {@link BearerAuthGuard} imports it; the composition root
 * imports it for the upgrade checks of `/ws` and `/ingest/*`.
 */
@Module({
  controllers: [AuthController],
  providers: [
    FILE_USER_STORE,
    {
      provide: LocalTokenService,
      inject: [TNT_CONFIG],
      useFactory: async (config: TntConfig) => {
        if (config.jwtSecret !== undefined) return new LocalTokenService(config.jwtSecret, config.tokenTtlSeconds);
        const stored = await loadOrCreateJwtSecret(config.dataDir, warn);
        if (stored.created) logger.log(`generated a JWT signing secret in ${stored.path} (set TNT_JWT_SECRET to manage it yourself)`);
        return new LocalTokenService(stored.value, config.tokenTtlSeconds);
      },
    },
    {
      provide: TokenVerifier,
      inject: [TNT_CONFIG, LocalTokenService, USER_STORE],
      useFactory: (config: TntConfig, local: LocalTokenService, directory: UserStore) => {
        const external =
          config.jwksUrl === undefined
            ? undefined
            : new JwksTokenVerifier({
                jwksUrl: config.jwksUrl,
                issuer: config.jwtIssuer,
                audience: config.jwtAudience,
                roleClaim: config.jwtRoleClaim,
                agentClaim: config.jwtAgentClaim,
              });
        if (external) logger.log(`accepting tokens of the identity provider at ${config.jwksUrl}`);
        return new TokenVerifier(local, directory, external);
      },
    },
    {
      provide: INGEST_API_KEYS,
      inject: [TNT_CONFIG],
      useFactory: async (config: TntConfig): Promise<readonly string[]> => {
        if (config.ingestApiKeys.length > 0) return config.ingestApiKeys;
        const stored = await loadOrCreateIngestApiKeys(config.dataDir, warn);
        if (stored.created) logger.log(`generated an ingest API key in ${stored.path} (set TNT_INGEST_API_KEYS to manage keys yourself)`);
        return stored.keys;
      },
    },
    // One process remembers its own nonces; a cluster replaces this with a store every instance shares.
    { provide: AUDIOHOOK_NONCES, useFactory: (): NonceStore => new MemoryNonceStore(Date.now) },
    {
      provide: IngestAuthenticator,
      inject: [TNT_CONFIG, INGEST_API_KEYS, AUDIOHOOK_NONCES],
      useFactory: (config: TntConfig, apiKeys: readonly string[], nonces: NonceStore) =>
        new IngestAuthenticator({
          apiKeys,
          twilioAuthToken: config.twilioAuthToken,
          publicUrl: config.publicUrl,
          audiohook: {
            credentials: config.audiohookCredentials,
            organizationIds: config.audiohookOrganizationIds,
            maxSignatureAgeSeconds: config.audiohookSignatureMaxAgeSeconds,
            now: Date.now,
            nonces,
          },
        }),
    },
    {
      provide: SecretRedactor,
      inject: [TNT_CONFIG, INGEST_API_KEYS],
      useFactory: (config: TntConfig, apiKeys: readonly string[]) =>
        new SecretRedactor([
          ...apiKeys,
          ...config.audiohookCredentials.flatMap((credential) => [credential.apiKey, credential.clientSecret]),
          ...[config.twilioAuthToken, config.jwtSecret].filter((secret): secret is string => secret !== undefined),
        ]),
    },
    { provide: LoginThrottle, inject: [TNT_CONFIG], useFactory: (config: TntConfig) => new LoginThrottle(config.loginAttemptsPerMinute) },
    AuthService,
    BearerAuthGuard,
    UpgradeAuthenticator,
    DemoAccountsService,
  ],
  exports: [
    USER_STORE,
    LocalTokenService,
    TokenVerifier,
    INGEST_API_KEYS,
    IngestAuthenticator,
    SecretRedactor,
    BearerAuthGuard,
    UpgradeAuthenticator,
  ],
})
export class AuthModule {
  /**
   * The same module with the users kept elsewhere than the data directory's file, e.g. in
   * PostgreSQL, and the AudioHook nonces elsewhere than this process's memory, e.g. in Redis, so
   * that every instance of a cluster shares them. Each provider given replaces the default one.
   * Import the returned module (the same object) wherever the auth module is imported.
   */
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const replaced = (provide: symbol, provider: object) => ({ provide, ...provider }) as ValueProvider | ClassProvider | FactoryProvider;
    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [
        ...(options.users ? [replaced(USER_STORE, options.users)] : []),
        ...(options.audiohookNonces ? [replaced(AUDIOHOOK_NONCES, options.audiohookNonces)] : []),
      ],
    };
  }
}
