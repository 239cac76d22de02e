import { CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { setTimeout as delay } from 'node:timers/promises';
import type { LoginProgress, LoginResult } from '../../../shared/domain/aws';
import { AppError } from '../../../shared/ipc/result';
import type { AwsClientFactory } from './clients';
import { mapAwsError } from './errors';
import type { SsoTarget } from './profiles';
import { cliTimestamp, writeTokenCache } from './token-cache';

/**
 * IAM Identity Center sign-in with the device authorization grant, as `aws sso login
 * --use-device-code` does it: register a public client, start device authorization, open
 * the verification page, poll CreateToken, and write the token cache the CLI reads.
 */
export interface SsoLoginOptions {
  /** Opens the verification page in the person's browser (the app allows https only). */
  openExternal: (url: string) => Promise<void> | void;
  /** Multiplies every wait (tests run the protocol faster; 1 in the app). */
  pollScale?: number;
  /** Upper bound for one sign-in, whatever the device code lifetime says. */
  timeoutMs?: number;
  clientName?: string;
  now?: () => number;
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const SLOW_DOWN_SECONDS = 5;

export interface LoginRun {
  signal?: AbortSignal;
  onProgress?: (p: LoginProgress) => void;
}

export class SsoLoginService {
  private readonly opts: Required<Omit<SsoLoginOptions, 'openExternal'>> & Pick<SsoLoginOptions, 'openExternal'>;

  constructor(private readonly clients: AwsClientFactory, options: SsoLoginOptions) {
    this.opts = { pollScale: 1, timeoutMs: 15 * 60_000, clientName: 'audit-workbench', now: Date.now, ...options };
  }

  async login(target: SsoTarget, run: LoginRun = {}): Promise<LoginResult> {
    const { signal } = run;
    const emit = (p: LoginProgress) => run.onProgress?.(p);
    const ctx = { profile: target.profile, sso: true };
    const oidc = this.clients.oidc(target.region);
    emit({ profile: target.profile, stage: 'starting' });
    try {
      signal?.throwIfAborted();
      const reg = await oidc.send(
        new RegisterClientCommand({ clientName: this.opts.clientName, clientType: 'public', ...(target.scopes.length ? { scopes: target.scopes } : {}) }),
        { abortSignal: signal },
      );
      const device = await oidc.send(
        new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: target.startUrl }),
        { abortSignal: signal },
      );
      const started = this.opts.now();
      const deviceExpiresAt = started + (device.expiresIn ?? 600) * 1000;
      emit({
        profile: target.profile, stage: 'waiting', userCode: device.userCode ?? '', verificationUri: device.verificationUri ?? '',
        verificationUriComplete: device.verificationUriComplete ?? device.verificationUri ?? '', expiresAt: cliTimestamp(new Date(deviceExpiresAt)),
      });
      // The page and code are on screen too, so a browser that does not open is not fatal.
      await Promise.resolve(this.opts.openExternal(device.verificationUriComplete ?? device.verificationUri ?? '')).catch(() => undefined);

      const deadline = Math.min(deviceExpiresAt, started + this.opts.timeoutMs);
      let interval = device.interval ?? 5;
      for (;;) {
        await delay(interval * 1000 * this.opts.pollScale, undefined, { signal });
        if (this.opts.now() > deadline) throw expiredCode();
        try {
          const token = await oidc.send(
            new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }),
            { abortSignal: signal },
          );
          const expiresAt = cliTimestamp(new Date(this.opts.now() + (token.expiresIn ?? 3600) * 1000));
          await writeTokenCache(target.cacheId, {
            startUrl: target.startUrl,
            region: target.region,
            accessToken: token.accessToken ?? '',
            expiresAt,
            clientId: reg.clientId ?? '',
            clientSecret: reg.clientSecret ?? '',
            registrationExpiresAt: cliTimestamp(new Date((reg.clientSecretExpiresAt ?? 0) * 1000)),
            ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
          });
          this.clients.forget(target.profile);
          emit({ profile: target.profile, stage: 'done', expiresAt });
          return { profile: target.profile, expiresAt };
        } catch (e) {
          const name = (e as { name?: string }).name;
          if (name === 'AuthorizationPendingException') continue;
          if (name === 'SlowDownException') {
            interval += SLOW_DOWN_SECONDS;
            continue;
          }
          if (name === 'ExpiredTokenException') throw expiredCode();
          if (name === 'AccessDeniedException') {
            throw new AppError('SSO_LOGIN_DENIED', 'The sign-in was denied in the browser.', { hint: 'Press "Sign in" again and choose Allow on the AWS page.', details: { profile: target.profile } });
          }
          throw e;
        }
      }
    } catch (e) {
      const err = signal?.aborted ? new AppError('CANCELLED', 'Sign-in cancelled.', { details: { profile: target.profile } }) : mapAwsError(e, ctx);
      emit(err.code === 'CANCELLED' ? { profile: target.profile, stage: 'cancelled' } : { profile: target.profile, stage: 'failed', code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) });
      throw err;
    }
  }
}

function expiredCode(): AppError {
  return new AppError('SSO_LOGIN_EXPIRED', 'The sign-in code expired before it was approved.', { hint: 'Press "Sign in" again and approve the new code in the browser within a few minutes.' });
}
