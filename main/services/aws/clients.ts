import { IAMClient } from '@aws-sdk/client-iam';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import type { LookupFunction } from 'node:net';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { runCredentialProcess } from './credential-process';
import { RunClients, type ClientBase, type RunClientOptions } from './run-clients';

/**
 * Builds SDK clients with timeouts and bounded retries, and holds each profile's resolved
 * credentials in main-process memory only (re-resolved 5 minutes before they expire).
 * Endpoints are left to the SDK's own configuration (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>,
 * profile `endpoint_url`), which is how tests and emulators point it elsewhere.
 */
export interface AwsClientSettings {
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  /**
   * Host name resolution for every client (the sandbox resolves `<account>.localhost` for S3
   * Control's host prefix and `<bucket>.localhost` for virtual-host S3); the system's otherwise.
   */
  lookup?: LookupFunction;
}

export const DEFAULT_CLIENT_SETTINGS: AwsClientSettings = {
  connectionTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  maxAttempts: 3,
};

const REFRESH_MARGIN_MS = 5 * 60_000;

function memoize(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS))
      return current;
    pending ??= provider()
      .then((c) => (current = c))
      .finally(() => (pending = undefined));
    return pending;
  };
}

/**
 * The profile's credential_process when that is what supplies its credentials (fromIni's
 * order: a role, static keys and web identity come first). The SDK's own runner has no
 * deadline, no process group and no output cap, so this one runs it instead.
 */
async function ownCredentialProcess(profile: string): Promise<string | undefined> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const p = { ...configFile[profile], ...credentialsFile[profile] };
  if (p.role_arn || p.aws_access_key_id || p.web_identity_token_file) return undefined;
  return p.credential_process || undefined;
}

export class AwsClientFactory {
  private readonly credentialsByProfile = new Map<string, AwsCredentialIdentityProvider>();
  private hostLookup: LookupFunction | undefined;

  constructor(private readonly settings: AwsClientSettings = DEFAULT_CLIENT_SETTINGS) {
    this.hostLookup = settings.lookup;
  }

  /**
   * Host name resolution from now on (the sample company's sandbox while its workspace is open),
   * or the settings' own again with `undefined`. Credentials are forgotten, since their providers
   * keep the clients they were made with.
   */
  resolveHostsWith(lookup: LookupFunction | undefined): void {
    this.hostLookup = lookup ?? this.settings.lookup;
    this.forget();
  }

  /** Shared by every client, including the ones the credential and token providers create inside. */
  base(): ClientBase {
    return {
      maxAttempts: this.settings.maxAttempts,
      // Without throwOnRequestTimeout the handler only logs a warning and keeps waiting.
      requestHandler: {
        connectionTimeout: this.settings.connectionTimeoutMs,
        requestTimeout: this.settings.requestTimeoutMs,
        throwOnRequestTimeout: true,
        ...(this.hostLookup ? { httpAgent: { lookup: this.hostLookup } } : {}),
      },
    };
  }

  credentials(profile: string): AwsCredentialIdentityProvider {
    let provider = this.credentialsByProfile.get(profile);
    if (!provider) {
      const sdk = fromIni({ profile, ignoreCache: true, clientConfig: this.base() });
      provider = memoize(async () => {
        const command = await ownCredentialProcess(profile);
        return command === undefined ? sdk() : runCredentialProcess(command, { profile });
      });
      this.credentialsByProfile.set(profile, provider);
    }
    return provider;
  }

  /** One account's role credentials through the SSO portal (see AwsService.accountCredentials), in memory. */
  roleCredentials(
    profile: string,
    accountId: string,
    resolve: () => Promise<AwsCredentialIdentity>,
  ): AwsCredentialIdentityProvider {
    const key = `${profile}\u0000${accountId}`;
    let provider = this.credentialsByProfile.get(key);
    if (!provider) {
      provider = memoize(resolve);
      this.credentialsByProfile.set(key, provider);
    }
    return provider;
  }

  /** Drops cached credentials, e.g. after a new sign-in or when AWS says they are no longer valid. */
  forget(profile?: string): void {
    if (profile === undefined) this.credentialsByProfile.clear();
    else
      for (const key of [...this.credentialsByProfile.keys()])
        if (key === profile || key.startsWith(`${profile}\u0000`)) this.credentialsByProfile.delete(key);
  }

  sts(profile: string, region: string): STSClient {
    return new STSClient({ ...this.base(), region, credentials: this.credentials(profile) });
  }

  iam(profile: string, region: string): IAMClient {
    return new IAMClient({ ...this.base(), region, credentials: this.credentials(profile) });
  }

  /** The clients of one collection run for one account (see RunClients). */
  forRun(options: RunClientOptions): RunClients {
    return new RunClients(this.base(), options);
  }

  /** The portal API authenticates with the SSO access token, not with credentials. */
  sso(region: string): SSOClient {
    return new SSOClient({ ...this.base(), region });
  }

  oidc(region: string): SSOOIDCClient {
    return new SSOOIDCClient({ ...this.base(), region });
  }
}
