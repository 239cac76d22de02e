import { z } from 'zod';
import { method } from '../define';
import {
  AccountId,
  AwsRegion,
  ProfileName,
  SIGN_IN_METHODS,
  type AwsIdentity,
  type LoginProgress,
  type LoginResult,
  type ProfileList,
  type ProfileSummary,
  type SsoAccount,
  type SsoRole,
} from '../../domain/aws';
import type { PermissionsAdvice } from '../../domain/aws-permissions';
import type { AwsSettings } from '../../domain/workspace';

const Profile = z.object({ profile: ProfileName });

/**
 * The AWS screen and sign-in. Everything is addressed by profile name: credentials and
 * tokens never cross this boundary. Sign-in progress arrives as `aws.login` events.
 */
export const awsChannels = {
  profiles: method(z.undefined()).returns<ProfileList>(),
  profile: method(Profile).returns<ProfileSummary>(),
  /** Resolves once the person approved the sign-in in the browser and the session is cached. */
  signIn: method(Profile.extend({ method: z.enum(SIGN_IN_METHODS).optional() })).returns<LoginResult>(),
  cancelSignIn: method(Profile).returns<{ cancelled: boolean }>(),
  /** The running sign-in's latest progress, or null: a screen opened mid-sign-in shows the code again. */
  signInProgress: method(Profile).returns<LoginProgress | null>(),
  testConnection: method(Profile.extend({ region: AwsRegion.optional() })).returns<AwsIdentity>(),
  listAccounts: method(Profile).returns<SsoAccount[]>(),
  listRoles: method(Profile.extend({ accountId: AccountId })).returns<SsoRole[]>(),
  /** The open workspace's profile, region and accounts (null without a workspace). */
  workspaceSettings: method(z.undefined()).returns<AwsSettings | null>(),
  setWorkspaceProfile: method(Profile.extend({ region: AwsRegion.optional() })).returns<AwsSettings>(),
  /** `profile`: the one the accounts were listed through; it must be the workspace's. */
  selectAccounts: method(Profile.extend({ accountIds: z.array(AccountId).max(500) })).returns<AwsSettings>(),
  permissions: method(z.undefined()).returns<PermissionsAdvice>(),
};
