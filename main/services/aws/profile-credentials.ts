import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { GetRoleCredentialsCommand, type SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import {
  fromContainerMetadata,
  fromEnv,
  fromHttp,
  fromIni,
  fromInstanceMetadata,
  fromTokenFile,
} from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { getSSOTokenFromFile } from '@smithy/shared-ini-file-loader';
import { runCredentialProcess } from './credential-process';
import { profileValues, type Section, type SharedConfig } from './shared-config';
import { ssoSessionToken } from './sso-token';

/**
 * A profile's credentials resolved from our parse of the config files: the SDK's `fromIni`
 * (@aws-sdk/credential-provider-ini `resolveProfileData`) step for step, in its order and with its
 * messages (errors.ts maps them to codes), but without the SDK parsing the files again for each
 * step and each nested client. Every `credential_process` on the way, also one reached through
 * `source_profile`, runs in our runner (own process group, deadline, capped output).
 */
export class CredentialsProviderError extends Error {
  override name = 'CredentialsProviderError';
  constructor(
    message: string,
    readonly tryNextLink = true,
  ) {
    super(message);
  }
}

export interface CredentialDeps {
  config: SharedConfig;
  /** The region of the client asking, for AssumeRole when the profile names none. */
  callerRegion: string;
  sts(region: string, credentials: AwsCredentialIdentity): STSClient;
  sso(region: string): SSOClient;
  oidc(region: string): SSOOIDCClient;
  /** Settings for the SDK's own providers used for the rare sources (web identity, instance metadata). */
  clientConfig: Record<string, unknown>;
}

const isStatic = (p: Section | undefined) =>
  !!p && typeof p.aws_access_key_id === 'string' && typeof p.aws_secret_access_key === 'string';
const withSourceProfile = (p: Section) => typeof p.source_profile === 'string' && p.credential_source === undefined;
const withCredentialSource = (p: Section) => typeof p.credential_source === 'string' && p.source_profile === undefined;
const isAssumeRole = (p: Section | undefined) =>
  !!p && typeof p.role_arn === 'string' && (withSourceProfile(p) || withCredentialSource(p));
const credentialSourceOnly = (p: Section) => !p.role_arn && !!p.credential_source;
const isSso = (p: Section | undefined) =>
  !!p && ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some((k) => k in p);

function staticCredentials(p: Section): AwsCredentialIdentity {
  return {
    accessKeyId: p.aws_access_key_id!,
    secretAccessKey: p.aws_secret_access_key!,
    ...(p.aws_session_token !== undefined ? { sessionToken: p.aws_session_token } : {}),
    ...(p.aws_credential_scope ? { credentialScope: p.aws_credential_scope } : {}),
    ...(p.aws_account_id ? { accountId: p.aws_account_id } : {}),
  };
}

async function credentialSource(source: string | undefined, name: string, deps: CredentialDeps) {
  switch (source) {
    case 'EcsContainer':
      return fromHttp({})().catch(() => fromContainerMetadata({})());
    case 'Ec2InstanceMetadata':
      return fromInstanceMetadata({})();
    case 'Environment':
      return fromEnv()();
    default:
      void deps;
      throw new CredentialsProviderError(
        `Unsupported credential source in profile ${name}. Got ${source}, expected EcsContainer or Ec2InstanceMetadata or Environment.`,
      );
  }
}

async function assumeRole(
  name: string,
  deps: CredentialDeps,
  visited: Set<string>,
  top: string,
): Promise<AwsCredentialIdentity> {
  const p = profileValues(deps.config, name) ?? {};
  const source = p.source_profile;
  if (source && visited.has(source))
    throw new CredentialsProviderError(
      `Detected a cycle attempting to resolve credentials for profile ${top}. Profiles visited: ${[...visited].join(', ')}`,
    );
  const sourceCredentials = source
    ? resolve(
        source,
        deps,
        new Set([...visited, source]),
        top,
        credentialSourceOnly(profileValues(deps.config, source) ?? {}),
      )
    : credentialSource(p.credential_source, name, deps);
  if (credentialSourceOnly(p)) return sourceCredentials;
  if (p.mfa_serial)
    throw new CredentialsProviderError(
      `Profile ${name} requires multi-factor authentication, but no MFA code callback was provided.`,
      false,
    );
  const sourceCreds = await sourceCredentials;
  const answer = await deps.sts(p.region ?? deps.callerRegion, sourceCreds).send(
    new AssumeRoleCommand({
      RoleArn: p.role_arn,
      RoleSessionName: p.role_session_name || `aws-sdk-js-${Date.now()}`,
      ExternalId: p.external_id,
      DurationSeconds: parseInt(p.duration_seconds || '3600', 10),
    }),
  );
  const c = answer.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey)
    throw new Error(`Invalid response from STS.assumeRole call with role ${p.role_arn}`);
  const accountId = answer.AssumedRoleUser?.Arn?.split(':')[4];
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
    ...(accountId ? { accountId } : {}),
  };
}

const REFRESH = 'To refresh this SSO session run aws sso login with the corresponding profile.';

/** fromSSO as fromIni calls it: the session's start URL and region, then the portal's GetRoleCredentials. */
async function ssoCredentials(name: string, profile: Section, deps: CredentialDeps): Promise<AwsCredentialIdentity> {
  const p: Section = { ...profile };
  if (p.sso_session) {
    const session = deps.config.sessions[p.sso_session];
    p.sso_region = session?.sso_region;
    p.sso_start_url = session?.sso_start_url;
  }
  if (!p.sso_start_url || !p.sso_account_id || !p.sso_region || !p.sso_role_name)
    throw new CredentialsProviderError(
      `Profile is configured with invalid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url". Got ${Object.keys(p).join(', ')}\nReference: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html`,
      false,
    );
  let token: { accessToken: string; expiresAt: string };
  if (p.sso_session) {
    try {
      const t = await ssoSessionToken(name, p, deps.config.sessions, deps.oidc);
      token = { accessToken: t.token, expiresAt: t.expiration.toISOString() };
    } catch (e) {
      throw new CredentialsProviderError((e as Error).message, false);
    }
  } else {
    try {
      token = (await getSSOTokenFromFile(p.sso_start_url)) as typeof token;
    } catch {
      throw new CredentialsProviderError(`The SSO session associated with this profile is invalid. ${REFRESH}`, false);
    }
  }
  if (new Date(token.expiresAt).getTime() - Date.now() <= 0)
    throw new CredentialsProviderError(`The SSO session associated with this profile has expired. ${REFRESH}`, false);
  let answer;
  try {
    answer = await deps.sso(p.sso_region).send(
      new GetRoleCredentialsCommand({
        accountId: p.sso_account_id,
        roleName: p.sso_role_name,
        accessToken: token.accessToken,
      }),
    );
  } catch (e) {
    throw Object.assign(new CredentialsProviderError(String(e), false), { cause: e });
  }
  const c = answer.roleCredentials;
  if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || !c.expiration)
    throw new CredentialsProviderError('SSO returns an invalid temporary credential.', false);
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: new Date(c.expiration),
  };
}

function resolve(
  name: string,
  deps: CredentialDeps,
  visited: Set<string>,
  top: string,
  assumeRoleCall = false,
): Promise<AwsCredentialIdentity> {
  const p = profileValues(deps.config, name);
  if (visited.size > 0 && isStatic(p)) return Promise.resolve(staticCredentials(p!));
  if (assumeRoleCall || isAssumeRole(p)) return assumeRole(name, deps, visited, top);
  if (isStatic(p)) return Promise.resolve(staticCredentials(p!));
  if (p && typeof p.web_identity_token_file === 'string' && typeof p.role_arn === 'string')
    return fromTokenFile({
      webIdentityTokenFile: p.web_identity_token_file,
      roleArn: p.role_arn,
      ...(p.role_session_name ? { roleSessionName: p.role_session_name } : {}),
      clientConfig: { ...deps.clientConfig, region: p.region ?? deps.callerRegion },
    })();
  if (p && typeof p.credential_process === 'string')
    return runCredentialProcess(p.credential_process, { profile: name });
  if (isSso(p)) return ssoCredentials(name, p!, deps);
  // `aws login` sessions: rare, left to the SDK (which reads the files itself for them).
  if (p?.login_session) return fromIni({ profile: name, clientConfig: deps.clientConfig })();
  return Promise.reject(
    new CredentialsProviderError(
      `Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).`,
    ),
  );
}

/** The credentials of `profile` (AWS_PROFILE is not consulted: the app always names the profile). */
export function resolveProfileCredentials(profile: string, deps: CredentialDeps): Promise<AwsCredentialIdentity> {
  return resolve(profile, deps, new Set(), profile);
}
