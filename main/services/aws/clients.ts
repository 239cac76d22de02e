import { IAMClient } from '@aws-sdk/client-iam';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { STSClient } from '@aws-sdk/client-sts';
import type { LookupFunction } from 'node:net';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { resolveProfileCredentials } from './profile-credentials';
import { RunClients, type ClientBase, type RunClientOptions } from './run-clients';
import { clientSettings } from './sdk-settings';
import { readSharedConfig } from './shared-config';

/**
 * Builds SDK clients with timeouts and bounded retries, and holds each profile's resolved
 * credentials in main-process memory only (re-resolved 5 minutes before they expire).
 * Endpoints follow the SDK's own configuration (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>,
 * profile `endpoint_url` and `services`), which is how tests and emulators point it elsewhere;
 * like every other setting the SDK would look up in the shared config files, they are resolved
 * from our one parse of those files (sdk-settings.ts), so no SDK code parses them itself.
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

type CallerRegion = { callerClientConfig?: { region?: () => Promise<string> } } | undefined;

function memoize(provider: (caller: CallerRegion) => Promise<AwsCredentialIdentity>): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async (caller?: CallerRegion) => {
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS))
      return current;
    pending ??= provider(caller)
      .then((c) => (current = c))
      .finally(() => (pending = undefined));
    return pending;
  };
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

  /**
   * What a client of `serviceId` (as the SDK names it: "STS", "S3 Control") in `region` is given:
   * the shared handler settings plus every setting the SDK would otherwise read from the files.
   */
  clientConfig(serviceId: string, region: string) {
    return { ...clientSettings(readSharedConfig(), serviceId, region), ...this.base() };
  }

  /**
   * The profile's credentials, resolved from our parse of the files (profile-credentials.ts) as
   * the SDK's fromIni would; its credential_process, also one reached through source_profile,
   * runs bounded (credential-process.ts). Read afresh from the files at each resolution.
   */
  credentials(profile: string): AwsCredentialIdentityProvider {
    let provider = this.credentialsByProfile.get(profile);
    if (!provider) {
      provider = memoize(async (caller) => {
        const callerRegion = (await caller?.callerClientConfig?.region?.()) ?? 'us-east-1';
        return resolveProfileCredentials(profile, {
          config: readSharedConfig(),
          callerRegion,
          sts: (region, credentials) => new STSClient({ ...this.clientConfig('STS', region), credentials }),
          sso: (region) => this.sso(region),
          oidc: (region) => this.oidc(region),
          clientConfig: this.clientConfig('STS', callerRegion),
        });
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
    return new STSClient({ ...this.clientConfig('STS', region), credentials: this.credentials(profile) });
  }

  iam(profile: string, region: string): IAMClient {
    return new IAMClient({ ...this.clientConfig('IAM', region), credentials: this.credentials(profile) });
  }

  /** The clients of one collection run for one account (see RunClients). */
  forRun(options: RunClientOptions): RunClients {
    return new RunClients((serviceId, region) => this.clientConfig(serviceId, region), options);
  }

  /** The portal API authenticates with the SSO access token, not with credentials. */
  sso(region: string): SSOClient {
    return new SSOClient(this.clientConfig('SSO', region));
  }

  oidc(region: string): SSOOIDCClient {
    return new SSOOIDCClient(this.clientConfig('SSO OIDC', region));
  }
}
