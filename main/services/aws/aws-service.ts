import type {
  AwsIdentity,
  LoginProgress,
  LoginResult,
  SignInMethod,
  ProfileList,
  ProfileSummary,
  SsoAccount,
  SsoRole,
} from '../../../shared/domain/aws';
import { AppError } from '../../../shared/ipc/result';
import { silentLogger, type Logger } from '../logger';
import { AwsClientFactory, DEFAULT_CLIENT_SETTINGS, type AwsClientSettings } from './clients';
import { withDeadline } from './deadline';
import { whoami } from './identity';
import { ProfileService, type SsoTarget } from './profiles';
import { SsoAccountsService } from './sso-accounts';
import { SsoLoginService, type SsoLoginOptions } from './sso-login';

export interface AwsServiceOptions {
  openExternal: SsoLoginOptions['openExternal'];
  clientSettings?: Partial<AwsClientSettings>;
  /** Scales sign-in polling waits (tests). */
  pollScale?: number;
  loginTimeoutMs?: number;
  /** Upper bound for one connection test or account listing, credential resolution included. */
  operationTimeoutMs?: number;
  now?: () => Date;
  /** Facts only (profile, account, request id, error code): never a credential or token. */
  logger?: Logger;
}

/**
 * The AWS side of the workbench as the IPC handlers and the CLI see it: profiles, sign-in,
 * identity and SSO accounts, by profile name. Credentials and tokens stay inside.
 */
export class AwsService {
  readonly clients: AwsClientFactory;
  private readonly profiles: ProfileService;
  private readonly login: SsoLoginService;
  private readonly accounts: SsoAccountsService;
  private readonly logger: Logger;
  private readonly operationTimeoutMs: number;
  private readonly running = new Map<string, { controller: AbortController; progress: LoginProgress }>();
  /** A sign-in that failed, kept until it is reported once (the screen may have been closed when it failed). */
  private readonly failed = new Map<string, Extract<LoginProgress, { stage: 'failed' }>>();

  constructor(options: AwsServiceOptions) {
    this.clients = new AwsClientFactory({ ...DEFAULT_CLIENT_SETTINGS, ...options.clientSettings });
    this.profiles = new ProfileService(options.now);
    this.login = new SsoLoginService(this.clients, {
      openExternal: options.openExternal,
      ...(options.pollScale !== undefined ? { pollScale: options.pollScale } : {}),
      ...(options.loginTimeoutMs !== undefined ? { timeoutMs: options.loginTimeoutMs } : {}),
    });
    this.accounts = new SsoAccountsService(this.clients);
    this.logger = options.logger ?? silentLogger;
    this.operationTimeoutMs = options.operationTimeoutMs ?? 60_000;
  }

  listProfiles(): Promise<ProfileList> {
    return this.profiles.list();
  }

  async profile(name: string): Promise<ProfileSummary> {
    return (await this.profiles.get(name)).summary;
  }

  private async ssoTarget(name: string): Promise<SsoTarget> {
    const { summary, sso } = await this.profiles.get(name);
    if (sso) return sso;
    const blocking = summary.problems.find((p) => p.severity === 'error');
    if (summary.kind === 'sso' || summary.kind === 'sso-legacy') {
      throw new AppError(
        'PROFILE_INVALID',
        `Profile "${name}" cannot sign in: ${blocking?.message ?? 'its SSO settings are incomplete.'}`,
        {
          hint: 'Fix the profile in your AWS config file; the AWS screen lists what is missing.',
          details: { profile: name },
        },
      );
    }
    throw new AppError(
      'PROFILE_INVALID',
      `Profile "${name}" does not use IAM Identity Center (SSO), so there is nothing to sign in to.`,
      {
        hint: 'Use "Test connection" for this profile instead.',
        details: { profile: name, kind: summary.kind },
      },
    );
  }

  /** Runs a sign-in (device code unless `browser` is asked); resolves once approved and cached. */
  async signIn(
    name: string,
    onProgress?: (p: LoginProgress) => void,
    method: SignInMethod = 'device',
  ): Promise<LoginResult> {
    const target = await this.ssoTarget(name);
    if (this.running.has(name)) {
      throw new AppError('CONFLICT', `A sign-in for profile "${name}" is already waiting for approval.`, {
        hint: 'Finish or cancel it first.',
      });
    }
    const run = { controller: new AbortController(), progress: { profile: name, stage: 'starting' } as LoginProgress };
    this.running.set(name, run);
    this.failed.delete(name);
    const report = (p: LoginProgress) => {
      run.progress = p;
      if (p.stage === 'failed') this.failed.set(name, p);
      onProgress?.(p);
    };
    this.logger.info('aws: sign-in started', { profile: name, startUrl: target.startUrl, region: target.region });
    try {
      const result = await this.login.login(target, { signal: run.controller.signal, onProgress: report, method });
      this.logger.info('aws: signed in', { profile: name, expiresAt: result.expiresAt });
      return result;
    } catch (e) {
      this.logger.warn('aws: sign-in did not complete', { profile: name, code: (e as AppError).code });
      throw e;
    } finally {
      this.running.delete(name);
    }
  }

  /** True when a sign-in was running and is now cancelled. */
  cancelSignIn(name: string): boolean {
    const run = this.running.get(name);
    run?.controller.abort();
    return !!run;
  }

  /**
   * Where a running sign-in is (so a screen opened later can show its code), else how the last
   * one failed (once: it is not news the second time), or null.
   */
  signInProgress(name: string): LoginProgress | null {
    const running = this.running.get(name)?.progress;
    if (running) return running;
    const failed = this.failed.get(name) ?? null;
    this.failed.delete(name);
    return failed;
  }

  async whoami(name: string, region?: string): Promise<AwsIdentity> {
    const { summary } = await this.profiles.get(name);
    const blocking = summary.problems.find((p) => p.severity === 'error');
    if (blocking) {
      throw new AppError('PROFILE_INVALID', `Profile "${name}" cannot be used: ${blocking.message}`, {
        hint: 'Fix the profile in your AWS config file and try again.',
        details: { profile: name },
      });
    }
    try {
      const who = await withDeadline(
        whoami(this.clients, summary, region),
        this.operationTimeoutMs,
        'Connecting to AWS',
      );
      this.logger.info('aws: connected', {
        profile: name,
        account: who.accountId,
        principal: who.principalArn,
        region: who.region,
        requestId: who.requestId,
      });
      return who;
    } catch (e) {
      this.logger.warn('aws: connection test failed', { profile: name, code: (e as AppError).code });
      throw e;
    }
  }

  async listAccounts(name: string): Promise<SsoAccount[]> {
    return withDeadline(
      this.accounts.listAccounts(await this.ssoTarget(name)),
      this.operationTimeoutMs,
      'Listing your AWS accounts',
    );
  }

  async listRoles(name: string, accountId: string): Promise<SsoRole[]> {
    return withDeadline(
      this.accounts.listRoles(await this.ssoTarget(name), accountId),
      this.operationTimeoutMs,
      'Listing your AWS roles',
    );
  }

  /**
   * Credentials for another account of the profile's IAM Identity Center, with the profile's
   * role, resolved through the portal and held in memory (re-resolved before they expire).
   */
  accountCredentials(name: string, accountId: string) {
    return this.clients.roleCredentials(name, accountId, async () => {
      const { summary, sso } = await this.profiles.get(name);
      if (!sso || !summary.roleName)
        throw new AppError(
          'PROFILE_INVALID',
          `Profile "${name}" does not sign in through IAM Identity Center with a role, so account ${accountId} cannot be reached through it.`,
          {
            hint: 'Use an SSO profile (sso_session, sso_account_id, sso_role_name) for this workspace, or take the account out of scope.',
            details: { profile: name, accountId },
          },
        );
      return this.accounts.roleCredentials(sso, accountId, summary.roleName);
    });
  }
}
