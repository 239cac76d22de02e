import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand } from '@aws-sdk/client-sso';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { SsoAccount, SsoRole } from '../../../shared/domain/aws';
import { AppError } from '../../../shared/ipc/result';
import type { AwsClientFactory } from './clients';
import { mapAwsError } from './errors';
import type { SsoTarget } from './profiles';
import { profileValues, readSharedConfig } from './shared-config';
import { ssoSessionToken } from './sso-token';
import { readTokenCache } from './token-cache';

const MAX_PAGES = 50;

/**
 * The SSO access token for a profile, from the CLI-shared cache. sso-session tokens are
 * refreshed (and the cache rewritten) when they can be, as the SDK's token provider does (sso-token.ts).
 */
async function accessToken(target: SsoTarget, clients: AwsClientFactory): Promise<string> {
  const signIn = {
    hint: `Sign in: press "Sign in" on the AWS screen, or run "aws sso login --profile ${target.profile}".`,
    details: { profile: target.profile },
  };
  if (target.kind === 'sso') {
    try {
      const config = readSharedConfig();
      const profile = profileValues(config, target.profile);
      return (await ssoSessionToken(target.profile, profile, config.sessions, (region) => clients.oidc(region))).token;
    } catch (e) {
      throw mapAwsError(e, { profile: target.profile, sso: true });
    }
  }
  let cached;
  try {
    cached = await readTokenCache(target.cacheId);
  } catch {
    throw new AppError(
      'SSO_TOKEN_MISSING',
      `The saved AWS sign-in for profile "${target.profile}" cannot be read.`,
      signIn,
    );
  }
  if (!cached)
    throw new AppError('SSO_TOKEN_MISSING', `You are not signed in to AWS with profile "${target.profile}".`, signIn);
  if (new Date(cached.expiresAt).getTime() <= Date.now())
    throw new AppError('SSO_TOKEN_EXPIRED', `Your AWS sign-in for profile "${target.profile}" has expired.`, signIn);
  return cached.accessToken;
}

/** The accounts and roles an SSO sign-in can reach, for the account picker. */
export class SsoAccountsService {
  constructor(private readonly clients: AwsClientFactory) {}

  async listAccounts(target: SsoTarget): Promise<SsoAccount[]> {
    const token = await accessToken(target, this.clients);
    const client = this.clients.sso(target.region);
    const out: SsoAccount[] = [];
    let nextToken: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await client.send(new ListAccountsCommand({ accessToken: token, nextToken, maxResults: 100 }));
        for (const a of res.accountList ?? [])
          out.push({
            accountId: a.accountId ?? '',
            accountName: a.accountName ?? '',
            ...(a.emailAddress ? { emailAddress: a.emailAddress } : {}),
          });
        nextToken = res.nextToken;
        if (!nextToken) break;
      }
    } catch (e) {
      throw mapAwsError(e, { profile: target.profile, sso: true, action: 'sso:ListAccounts' });
    }
    return out.sort((a, b) => a.accountName.localeCompare(b.accountName));
  }

  async listRoles(target: SsoTarget, accountId: string): Promise<SsoRole[]> {
    const token = await accessToken(target, this.clients);
    const client = this.clients.sso(target.region);
    const out: SsoRole[] = [];
    let nextToken: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await client.send(
          new ListAccountRolesCommand({ accessToken: token, accountId, nextToken, maxResults: 100 }),
        );
        for (const r of res.roleList ?? [])
          out.push({ accountId: r.accountId ?? accountId, roleName: r.roleName ?? '' });
        nextToken = res.nextToken;
        if (!nextToken) break;
      }
    } catch (e) {
      throw mapAwsError(e, { profile: target.profile, sso: true, action: 'sso:ListAccountRoles' });
    }
    return out;
  }

  /**
   * Credentials for one account with one role of the sign-in (the portal's GetRoleCredentials):
   * how a run reaches every account in scope, not only the profile's. Kept in memory only.
   */
  async roleCredentials(target: SsoTarget, accountId: string, roleName: string): Promise<AwsCredentialIdentity> {
    const token = await accessToken(target, this.clients);
    try {
      const res = await this.clients
        .sso(target.region)
        .send(new GetRoleCredentialsCommand({ accessToken: token, accountId, roleName }));
      const c = res.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey)
        throw new AppError('AWS_ERROR', `The SSO portal returned no credentials for ${roleName} in ${accountId}.`);
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
        ...(c.expiration ? { expiration: new Date(c.expiration) } : {}),
      };
    } catch (e) {
      const mapped = mapAwsError(e, { profile: target.profile, sso: true, action: 'sso:GetRoleCredentials' });
      // The portal answers ForbiddenException when the role is not assigned in that account.
      if ((e as { name?: string }).name === 'ForbiddenException' || mapped.code === 'ACCESS_DENIED')
        throw new AppError(
          'ACCESS_DENIED',
          `Your SSO user has no role ${roleName} in account ${accountId}, or may not use it.`,
          {
            hint: `Assign the permission set behind ${roleName} to your user for account ${accountId} in IAM Identity Center, or take the account out of scope on the AWS screen.`,
            details: { accountId, roleName, awsError: (e as { name?: string }).name ?? mapped.code },
          },
        );
      throw mapped;
    }
  }
}
