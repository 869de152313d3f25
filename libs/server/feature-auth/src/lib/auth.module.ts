import { Logger, Module } from '@nestjs/common';
import { loadOrCreateIngestApiKeys, loadOrCreateJwtSecret, UserDirectory } from '@tnt/server/data-access-users';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { SecretRedactor } from '@tnt/server/util-security';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { INGEST_API_KEYS } from './auth-tokens';
import { BearerAuthGuard } from './bearer-auth.guard';
import { DemoAccountsService } from './demo-accounts.service';
import { IngestAuthenticator } from './ingest-authenticator';
import { JwksTokenVerifier } from './jwks-token-verifier';
import { LocalTokenService } from './local-token-service';
import { LoginThrottle } from './login-throttle';
import { TokenVerifier } from './token-verifier';
import { UpgradeAuthenticator } from './upgrade-authenticator';

const logger = new Logger('Auth');
const warn = (message: string): void => logger.warn(message);

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
    {
      provide: UserDirectory,
      inject: [TNT_CONFIG],
      useFactory: (config: TntConfig) => UserDirectory.inDataDir(config.dataDir, { onWarning: warn }),
    },
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
      inject: [TNT_CONFIG, LocalTokenService, UserDirectory],
      useFactory: (config: TntConfig, local: LocalTokenService, directory: UserDirectory) => {
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
    {
      provide: IngestAuthenticator,
      inject: [TNT_CONFIG, INGEST_API_KEYS],
      useFactory: (config: TntConfig, apiKeys: readonly string[]) =>
        new IngestAuthenticator({ apiKeys, twilioAuthToken: config.twilioAuthToken, publicUrl: config.publicUrl }),
    },
    {
      provide: SecretRedactor,
      inject: [TNT_CONFIG, INGEST_API_KEYS],
      useFactory: (config: TntConfig, apiKeys: readonly string[]) =>
        new SecretRedactor([
          ...apiKeys,
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
    UserDirectory,
    LocalTokenService,
    TokenVerifier,
    INGEST_API_KEYS,
    IngestAuthenticator,
    SecretRedactor,
    BearerAuthGuard,
    UpgradeAuthenticator,
  ],
})
export class AuthModule {}
