import type { AwsSettings } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/ipc/result';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { AwsService } from './aws-service';

/** `https://d-123.awsapps.com/start/#/` and `…/start` are one IAM Identity Center. */
const sameStartUrl = (a?: string, b?: string) =>
  (a ?? '').replace(/[/#]+$/, '').toLowerCase() === (b ?? '').replace(/[/#]+$/, '').toLowerCase();

/**
 * Refuses evidence from an account outside the workspace's chosen accounts (when it has
 * chosen some): evidence from another account would silently widen the audit's scope. The
 * one rule for every way evidence comes from AWS: checks, and console capture windows
 * (`refused` says what is not done, e.g. "so the console is not opened").
 */
export function assertAccountInScope(
  settings: Pick<AwsSettings, 'accountIds'>,
  profile: string,
  accountId: string,
  refused?: string,
): void {
  if (settings.accountIds.length === 0 || settings.accountIds.includes(accountId)) return;
  const covered = settings.accountIds.join(', ');
  throw new AppError(
    'ACCOUNT_OUT_OF_SCOPE',
    `The profile "${profile}" reaches account ${accountId}, but this workspace covers ${covered}${refused ? `, ${refused}` : ''}.`,
    {
      hint: `Choose a profile for ${settings.accountIds.length > 1 ? 'one of those accounts' : 'that account'} on the AWS screen, or add ${accountId} to the workspace's accounts there.`,
      details: { profile, accountId, accountIds: settings.accountIds },
    },
  );
}

/** What the workspace remembers about AWS: a profile name, a region and account ids, never credentials. */
export class WorkspaceAwsSettings {
  constructor(
    private readonly workspaces: WorkspaceService,
    private readonly profiles: Pick<AwsService, 'listProfiles'>,
  ) {}

  current(): AwsSettings | null {
    return this.workspaces.current()?.meta.aws ?? null;
  }

  /**
   * Account ids belong to one IAM Identity Center (start URL): a profile that signs in
   * elsewhere reaches other accounts, so the selection is cleared. When the previous profile
   * is gone from the config files it cannot be compared, and the selection is kept.
   */
  private async selectionOutlives(previous: string | undefined, next: string): Promise<boolean> {
    if (!previous || previous === next) return true;
    const { profiles } = await this.profiles.listProfiles();
    const before = profiles.find((p) => p.name === previous);
    const after = profiles.find((p) => p.name === next);
    return !before || !after || sameStartUrl(before.ssoStartUrl, after.ssoStartUrl);
  }

  async setProfile(profile: string, region?: string): Promise<AwsSettings> {
    const ws = this.workspaces.require();
    // A sample's findings come from the sandbox: a real account's would mix into them unmarked.
    if (ws.meta.sample && profile !== ws.meta.aws.profile)
      throw new AppError(
        'SAMPLE_WORKSPACE',
        `This is the sample company's workspace: it cannot use the profile "${profile}".`,
        {
          hint: 'Create a workspace for your own company (Close workspace, then Create a workspace) and connect your AWS account there.',
          details: { profile },
        },
      );
    const keep = ws.meta.aws.accountIds.length === 0 || (await this.selectionOutlives(ws.meta.aws.profile, profile));
    const cleared = keep ? [] : ws.meta.aws.accountIds;
    const meta = await ws.change(
      'meta',
      (m) => ({
        ...m,
        aws: {
          ...m.aws,
          profile,
          ...(region ? { region } : { region: undefined }),
          ...(keep ? {} : { accountIds: [] }),
        },
      }),
      {
        action: 'aws.profile-set',
        summary: `AWS profile set to "${profile}"${region ? ` in ${region}` : ''}${cleared.length ? `; accounts ${cleared.join(', ')} no longer in scope (the profile signs in to another IAM Identity Center)` : ''}`,
        details: { profile, ...(region ? { region } : {}), ...(cleared.length ? { clearedAccountIds: cleared } : {}) },
      },
    );
    return meta.aws;
  }

  /**
   * Saves the accounts in scope. `listedThrough` is the profile the accounts were listed with:
   * only a list made through the workspace's own profile may be saved, since another profile
   * (another IAM Identity Center, or another person's sign-in) reaches other accounts.
   */
  async selectAccounts(accountIds: string[], listedThrough: string): Promise<AwsSettings> {
    const ws = this.workspaces.require();
    const own = ws.meta.aws.profile;
    if (!own) {
      throw new AppError(
        'PROFILE_NOT_FOUND',
        "Choose the workspace's profile first: its accounts are listed and saved through it.",
        {
          hint: 'Pick a profile on the AWS screen and press Use for this workspace, then list the accounts.',
          details: { listedThrough },
        },
      );
    }
    if (listedThrough !== own) {
      throw new AppError(
        'CONFLICT',
        `These accounts were listed through the profile "${listedThrough}", but this workspace uses "${own}", so they were not saved.`,
        {
          hint: `List the accounts again on the AWS screen: they are listed through the workspace's profile "${own}".`,
          details: { listedThrough, profile: own },
        },
      );
    }
    const unique = [...new Set(accountIds)].sort();
    const meta = await ws.change('meta', (m) => ({ ...m, aws: { ...m.aws, accountIds: unique } }), {
      action: 'aws.accounts-selected',
      summary: unique.length ? `AWS accounts in scope: ${unique.join(', ')}` : 'No AWS accounts selected',
      details: { accountIds: unique, profile: own },
    });
    return meta.aws;
  }
}
