import type { CheckDef } from './types';

/**
 * The automated checks the collectors run. Ids are stable: stored evidence, findings and the
 * `collect --only` option refer to them. Which controls each check proves is stated by the
 * controls themselves (see `controlsForCheck`).
 */
export const CHECK_IDS = [
  {
    id: 'iam.root-mfa',
    title: 'Root user has MFA',
    description:
      'The account root user has multi-factor authentication turned on; the evidence says whether it is a virtual or a hardware device.',
  },
  {
    id: 'iam.root-access-keys',
    title: 'Root user has no access keys',
    description: 'The account root user has no access keys, so it cannot be used from scripts or the CLI.',
  },
  {
    id: 'iam.root-recent-use',
    title: 'Root user not used recently',
    description:
      'Nobody signed in as the root user or used a root key within the limit set in the workspace (default 90 days).',
  },
  {
    id: 'iam.console-users-mfa',
    title: 'Console users have MFA',
    description: 'Every IAM user who can sign in to the AWS console has an MFA device.',
  },
  {
    id: 'iam.password-policy',
    title: 'Password policy meets the baseline',
    description:
      "An IAM password policy exists and meets the workspace's baseline (default: at least 14 characters, last 24 passwords not reused).",
  },
  {
    id: 'iam.access-key-rotation',
    title: 'Access keys are rotated',
    description: 'Every active access key is younger than the rotation limit set in the workspace (default 90 days).',
  },
  {
    id: 'iam.unused-credentials',
    title: 'No unused credentials',
    description:
      'No console password or active access key has gone unused for longer than the limit set in the workspace (default 90 days).',
  },
  {
    id: 'iam.admin-access',
    title: 'Who has administrator access',
    description:
      'Lists every user, group and role with full administrative power (AdministratorAccess, or any policy allowing every action on every resource) so its owner can confirm each one is needed.',
  },
  {
    id: 'iam.users-direct-policies',
    title: 'Permissions come from groups or roles',
    description:
      'No IAM user has policies attached directly; permissions are granted through groups or roles, where they are easier to review.',
  },
] as const satisfies readonly CheckDef[];

export type CheckId = (typeof CHECK_IDS)[number]['id'];

const BY_ID = new Map<string, CheckDef>(CHECK_IDS.map((c) => [c.id, c]));

export const checkById = (id: string): CheckDef | undefined => BY_ID.get(id);

export const isCheckId = (id: string): id is CheckId => BY_ID.has(id);
