import { CreateTokenCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { getSSOTokenFromFile } from '@smithy/shared-ini-file-loader';
import type { Section } from './shared-config';
import { writeTokenCache, type SsoTokenCacheFile } from './token-cache';

/**
 * An sso-session's access token from the CLI-shared cache, refreshed through SSO-OIDC when it is
 * within 5 minutes of its end and the cache holds a refresh token: the SDK's own `fromSso`
 * (@aws-sdk/token-providers), step for step and with its messages (errors.ts maps them), but
 * given the session from our parse instead of parsing the config files twice per call.
 */
export class TokenProviderError extends Error {
  override name = 'TokenProviderError';
  constructor(
    message: string,
    readonly tryNextLink = true,
  ) {
    super(message);
  }
}

const EXPIRE_WINDOW_MS = 5 * 60 * 1000;
const REFRESH_MESSAGE = `To refresh this SSO session run 'aws sso login' with the corresponding profile.`;

export interface SsoToken {
  token: string;
  expiration: Date;
}

const lastRefreshAttempt = new Map<string, number>();
const inFlight = new Map<string, Promise<SsoToken>>();

function requireKey(key: string, value: unknown, forRefresh = false): void {
  if (value === undefined)
    throw new TokenProviderError(
      `Value not present for '${key}' in SSO Token${forRefresh ? '. Cannot refresh' : ''}. ${REFRESH_MESSAGE}`,
      false,
    );
}

function notExpired(token: SsoToken): SsoToken {
  if (token.expiration.getTime() < Date.now())
    throw new TokenProviderError(`Token is expired. ${REFRESH_MESSAGE}`, false);
  return token;
}

export async function ssoSessionToken(
  profileName: string,
  profile: Section | undefined,
  sessions: Record<string, Section>,
  oidc: (region: string) => SSOOIDCClient,
): Promise<SsoToken> {
  if (!profile)
    throw new TokenProviderError(`Profile '${profileName}' could not be found in shared credentials file.`, false);
  const sessionName = profile.sso_session;
  if (!sessionName)
    throw new TokenProviderError(`Profile '${profileName}' is missing required property 'sso_session'.`);
  const running = inFlight.get(sessionName);
  if (running) return running;
  const session = sessions[sessionName];
  if (!session)
    throw new TokenProviderError(`Sso session '${sessionName}' could not be found in shared credentials file.`, false);
  for (const key of ['sso_start_url', 'sso_region'])
    if (!session[key])
      throw new TokenProviderError(`Sso session '${sessionName}' is missing required property '${key}'.`, false);
  let cached: Partial<SsoTokenCacheFile>;
  try {
    cached = (await getSSOTokenFromFile(sessionName)) as Partial<SsoTokenCacheFile>;
  } catch {
    throw new TokenProviderError(
      `The SSO session token associated with profile=${profileName} was not found or is invalid. ${REFRESH_MESSAGE}`,
      false,
    );
  }
  requireKey('accessToken', cached.accessToken);
  requireKey('expiresAt', cached.expiresAt);
  const existing: SsoToken = { token: cached.accessToken!, expiration: new Date(cached.expiresAt!) };
  if (existing.expiration.getTime() - Date.now() > EXPIRE_WINDOW_MS) return existing;
  const runningNow = inFlight.get(sessionName);
  if (runningNow) return runningNow;
  if (Date.now() - (lastRefreshAttempt.get(sessionName) ?? 0) < 30_000) return notExpired(existing);
  requireKey('clientId', cached.clientId, true);
  requireKey('clientSecret', cached.clientSecret, true);
  requireKey('refreshToken', cached.refreshToken, true);
  const refresh = (async () => {
    try {
      lastRefreshAttempt.set(sessionName, Date.now());
      const answer = await oidc(session.sso_region!).send(
        new CreateTokenCommand({
          clientId: cached.clientId,
          clientSecret: cached.clientSecret,
          refreshToken: cached.refreshToken,
          grantType: 'refresh_token',
        }),
      );
      requireKey('accessToken', answer.accessToken);
      requireKey('expiresIn', answer.expiresIn);
      const expiration = new Date(Date.now() + answer.expiresIn! * 1000);
      try {
        await writeTokenCache(sessionName, {
          ...(cached as SsoTokenCacheFile),
          accessToken: answer.accessToken!,
          expiresAt: expiration.toISOString(),
          ...(answer.refreshToken ? { refreshToken: answer.refreshToken } : {}),
        });
      } catch {
        // As the SDK: the refreshed token still serves this process.
      }
      return { token: answer.accessToken!, expiration };
    } catch {
      return notExpired(existing);
    }
  })();
  inFlight.set(sessionName, refresh);
  try {
    return await refresh;
  } finally {
    inFlight.delete(sessionName);
  }
}
