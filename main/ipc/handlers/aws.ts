import { permissionsAdvice } from '../../../shared/domain/aws-permissions';
import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const awsHandlers = (s: Services): DomainHandlers<'aws'> => ({
  profiles: () => s.aws.listProfiles(),
  profile: ({ profile }) => s.aws.profile(profile),
  signIn: ({ profile, method }) => s.aws.signIn(profile, (progress) => s.adapters.emit('aws.login', progress), method),
  cancelSignIn: ({ profile }) => ({ cancelled: s.aws.cancelSignIn(profile) }),
  signInProgress: ({ profile }) => s.aws.signInProgress(profile),
  testConnection: ({ profile, region }) => s.aws.whoami(profile, region),
  listAccounts: ({ profile }) => s.aws.listAccounts(profile),
  listRoles: ({ profile, accountId }) => s.aws.listRoles(profile, accountId),
  workspaceSettings: () => s.awsWorkspace.current(),
  setWorkspaceProfile: async ({ profile, region }) => {
    await s.aws.profile(profile);
    return s.awsWorkspace.setProfile(profile, region);
  },
  selectAccounts: ({ accountIds, profile }) => s.awsWorkspace.selectAccounts(accountIds, profile),
  permissions: () => permissionsAdvice(),
});
