import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { LoginProgress } from '../../../shared/domain/aws';
import { AppError } from '../../../shared/ipc/result';
import type { SsoTarget } from './profiles';

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
