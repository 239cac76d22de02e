import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { LoginProgress } from '../../../shared/domain/aws';
import { AppError } from '../../../shared/ipc/result';
import type { SsoTarget } from './profiles';
import { redactedExcerpt } from '../security/redact';

/** What either sign-in flow ends with: the client registration and the tokens to cache. */
export interface SsoGrant {
  clientId: string;
  clientSecret: string;
  /** Epoch seconds. */
  clientSecretExpiresAt?: number;
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

export interface FlowContext {
  oidc: SSOOIDCClient;
  target: SsoTarget;
  signal?: AbortSignal;
  emit(p: LoginProgress): void;
  openExternal(url: string): Promise<void> | void;
  /** Multiplies every wait (tests run the protocol faster; 1 in the app). */
  pollScale: number;
  timeoutMs: number;
  clientName: string;
  now(): number;
}

export type SsoFlow = (ctx: FlowContext) => Promise<SsoGrant>;

/** The page and code are on screen too, so a browser that does not open is not fatal. */
export async function openQuietly(ctx: FlowContext, url: string): Promise<void> {
  await Promise.resolve(ctx.openExternal(url)).catch(() => undefined);
}

export function expiredSignIn(): AppError {
  return new AppError('SSO_LOGIN_EXPIRED', 'The sign-in expired before it was approved.', {
    hint: 'Press "Sign in" again and approve it in the browser within a few minutes.',
  });
}

export function deniedSignIn(profile: string): AppError {
  return new AppError('SSO_LOGIN_DENIED', 'The sign-in was denied in the browser.', {
    hint: 'Press "Sign in" again and choose Allow on the AWS page.',
    details: { profile },
  });
}

/**
 * IAM Identity Center answers InvalidRequestException (RegisterClient with an issuerUrl,
 * StartDeviceAuthorization) when it does not know the start URL in that region: a typo in
 * sso_start_url, or sso_region naming another region. Anything else is passed on.
 */
export function startUrlRejected(target: SsoTarget): (e: unknown) => never {
  return (e) => {
    const { name, message } = e as { name?: string; message?: string };
    if (name !== 'InvalidRequestException') throw e;
    const where = target.sessionName
      ? `[sso-session ${target.sessionName}] (used by profile "${target.profile}")`
      : `[profile ${target.profile}]`;
    throw new AppError(
      'PROFILE_INVALID',
      `IAM Identity Center in ${target.region} does not accept the start URL ${target.startUrl}.`,
      {
        hint: `Check sso_start_url and sso_region in ${where}: the start URL is your AWS access portal address (like https://d-1234567890.awsapps.com/start), and sso_region is the region IAM Identity Center runs in.`,
        details: {
          profile: target.profile,
          ...(target.sessionName ? { ssoSession: target.sessionName } : {}),
          setting: 'sso_start_url',
          awsError: name,
          ...(message ? { awsMessage: redactedExcerpt(message) } : {}),
        },
      },
    );
  };
}
