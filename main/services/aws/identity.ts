import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsIdentity, ProfileSummary } from '../../../shared/domain/aws';
import type { AwsClientFactory } from './clients';
import { mapAwsError } from './errors';
import { isCredentialError } from '../../../shared/ipc/errors';

export const DEFAULT_REGION = 'us-east-1';

export function regionFor(summary: ProfileSummary, override?: string): string {
  return override ?? summary.region ?? summary.ssoRegion ?? DEFAULT_REGION;
}

const isSso = (s: ProfileSummary) => s.kind === 'sso' || s.kind === 'sso-legacy';
const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * "Who am I": STS GetCallerIdentity (needs no permission), then the account alias when the
 * identity may read it. An AccessDenied on the alias is an answer, not a failure.
 */
export async function whoami(
  clients: AwsClientFactory,
  summary: ProfileSummary,
  regionOverride?: string,
  now = () => new Date(),
): Promise<AwsIdentity> {
  const region = regionFor(summary, regionOverride);
  const ctx = { profile: summary.name, sso: isSso(summary) };
  let caller;
  try {
    caller = await clients.sts(summary.name, region).send(new GetCallerIdentityCommand({}));
  } catch (e) {
    const err = mapAwsError(e, { ...ctx, action: 'sts:GetCallerIdentity' });
    // Stale in-memory credentials must not outlive a rejection; the next try resolves afresh.
    if (isCredentialError(err.code)) clients.forget(summary.name);
    throw err;
  }
  const identity: AwsIdentity = {
    profile: summary.name,
    accountId: caller.Account ?? '',
    aliasStatus: 'none',
    principalArn: caller.Arn ?? '',
    userId: caller.UserId ?? '',
    region,
    requestId: caller.$metadata.requestId ?? '',
    checkedAt: stamp(now()),
  };
  try {
    const at = stamp(now());
    const aliases = await clients.iam(summary.name, region).send(new ListAccountAliasesCommand({}));
    const answered = { ...identity, aliasCall: { requestId: aliases.$metadata.requestId ?? '', at } };
    const alias = aliases.AccountAliases?.[0];
    if (alias) return { ...answered, accountAlias: alias, aliasStatus: 'found' };
    return answered;
  } catch (e) {
    const err = mapAwsError(e, { ...ctx, action: 'iam:ListAccountAliases' });
    if (err.code === 'ACCESS_DENIED') return { ...identity, aliasStatus: 'denied' };
    throw err;
  }
}
