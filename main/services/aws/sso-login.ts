import type { LoginProgress, LoginResult, SignInMethod } from '../../../shared/domain/aws';
import { AppError } from '../../../shared/ipc/result';
import type { AwsClientFactory } from './clients';
import { mapAwsError } from './errors';
import type { SsoTarget } from './profiles';
import { authorizationCodeFlow } from './sso-auth-code-flow';
import { deviceFlow } from './sso-device-flow';
import { cacheWriteError, cliTimestamp, writeTokenCache } from './token-cache';

/**
 * IAM Identity Center sign-in run by the app, writing the token cache exactly as the AWS CLI
 * does (fields, file name, mode 0600) so `aws sso login` and the app share one session.
 */
export interface SsoLoginOptions {
  /** Opens the AWS page in the person's browser (the app allows https only). */
  openExternal: (url: string) => Promise<void> | void;
  /** Multiplies every wait (tests run the protocol faster; 1 in the app). */
  pollScale?: number;
  /** Upper bound for one sign-in, whatever the code lifetime says. */
  timeoutMs?: number;
  clientName?: string;
  now?: () => number;
}

export interface LoginRun {
  signal?: AbortSignal;
  onProgress?: (p: LoginProgress) => void;
  /** `device`: a code to compare on AWS's page; `browser`: authorization code + PKCE on a loopback redirect. */
  method?: SignInMethod;
}

export class SsoLoginService {
  private readonly opts: Required<Omit<SsoLoginOptions, 'openExternal'>> & Pick<SsoLoginOptions, 'openExternal'>;

  constructor(
    private readonly clients: AwsClientFactory,
    options: SsoLoginOptions,
  ) {
    this.opts = { pollScale: 1, timeoutMs: 15 * 60_000, clientName: 'audit-workbench', now: Date.now, ...options };
  }

  async login(target: SsoTarget, run: LoginRun = {}): Promise<LoginResult> {
    const { signal } = run;
    const emit = (p: LoginProgress) => run.onProgress?.(p);
    emit({ profile: target.profile, stage: 'starting' });
    // Legacy profiles have no registration scopes, so no refresh token: the CLI signs them in with a device code too.
    const flow = run.method === 'browser' && target.kind === 'sso' ? authorizationCodeFlow : deviceFlow;
    try {
      signal?.throwIfAborted();
      const grant = await flow({
        oidc: this.clients.oidc(target.region),
        target,
        emit,
        openExternal: this.opts.openExternal,
        pollScale: this.opts.pollScale,
        timeoutMs: this.opts.timeoutMs,
        clientName: this.opts.clientName,
        now: this.opts.now,
        ...(signal ? { signal } : {}),
      });
      const expiresAt = cliTimestamp(new Date(this.opts.now() + grant.expiresIn * 1000));
      await writeTokenCache(target.cacheId, {
        startUrl: target.startUrl,
        region: target.region,
        accessToken: grant.accessToken,
        expiresAt,
        clientId: grant.clientId,
        clientSecret: grant.clientSecret,
        registrationExpiresAt: cliTimestamp(new Date((grant.clientSecretExpiresAt ?? 0) * 1000)),
        ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
      }).catch((e: unknown) => Promise.reject(cacheWriteError(target.cacheId, e)));
      this.clients.forget(target.profile);
      emit({ profile: target.profile, stage: 'done', expiresAt });
      return { profile: target.profile, expiresAt };
    } catch (e) {
      const err = signal?.aborted
        ? new AppError('CANCELLED', 'Sign-in cancelled.', { details: { profile: target.profile } })
        : mapAwsError(e, { profile: target.profile, sso: true });
      emit(
        err.code === 'CANCELLED'
          ? { profile: target.profile, stage: 'cancelled' }
          : {
              profile: target.profile,
              stage: 'failed',
              code: err.code,
              message: err.message,
              ...(err.hint ? { hint: err.hint } : {}),
            },
      );
      throw err;
    }
  }
}
