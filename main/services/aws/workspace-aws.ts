import type { AwsSettings } from '../../../shared/domain/workspace';
import type { WorkspaceService } from '../workspace/workspace-service';

/** What the workspace remembers about AWS: a profile name, a region and account ids, never credentials. */
export class WorkspaceAwsSettings {
  constructor(private readonly workspaces: WorkspaceService) {}

  current(): AwsSettings | null {
    return this.workspaces.current()?.meta.aws ?? null;
  }

  async setProfile(profile: string, region?: string): Promise<AwsSettings> {
    const ws = this.workspaces.require();
    const meta = await ws.change('meta', (m) => ({ ...m, aws: { ...m.aws, profile, ...(region ? { region } : { region: undefined }) } }), {
      action: 'aws.profile-set',
      summary: `AWS profile set to "${profile}"${region ? ` in ${region}` : ''}`,
      details: { profile, ...(region ? { region } : {}) },
    });
    return meta.aws;
  }

  async selectAccounts(accountIds: string[]): Promise<AwsSettings> {
    const ws = this.workspaces.require();
    const unique = [...new Set(accountIds)].sort();
    const meta = await ws.change('meta', (m) => ({ ...m, aws: { ...m.aws, accountIds: unique } }), {
      action: 'aws.accounts-selected',
      summary: unique.length ? `AWS accounts in scope: ${unique.join(', ')}` : 'No AWS accounts selected',
      details: { accountIds: unique },
    });
    return meta.aws;
  }
}
