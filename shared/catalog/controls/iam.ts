import { doc, shot } from '../evidence';
import type { ControlDef } from '../types';
import { owned } from './build';

const IAM_WHY =
  'AWS gives you the identity tools; who gets an account, with what rights, and how it is protected is configured by you in your own account.';

/** Identity and access: the controls auditors test first on an AWS account. */
export const IAM_CONTROLS: ControlDef[] = [
  owned({
    id: 'iam-root-account',
    title: 'Root account protection',
    intent:
      'The root user (the email that opened the AWS account) can do anything and cannot be restricted. It has MFA, has no access keys, and is not used for daily work.',
    whyResponsibility: `${IAM_WHY} AWS's report lists protecting the root user as a customer responsibility.`,
    criteria: ['CC6.1', 'CC6.2'],
    evidence: [shot('shot.iam-dashboard')],
    frequency: 'continuous',
  }),
  owned({
    id: 'iam-mfa-enforcement',
    title: 'MFA for everyone who signs in',
    intent:
      'Every person who can sign in to AWS, and to the identity provider that leads to it, must use a second factor.',
    whyResponsibility: IAM_WHY,
    criteria: ['CC6.1', 'CC6.2'],
    evidence: [shot('shot.iam-users'), shot('shot.idp-mfa-policy')],
    frequency: 'continuous',
  }),
  owned({
    id: 'iam-password-policy',
    title: 'Password policy',
    intent: 'Passwords for IAM users are long and not reused, as your written policy says.',
    whyResponsibility: `${IAM_WHY} The password policy is an account setting only you can turn on.`,
    criteria: ['CC6.1'],
    evidence: [shot('shot.iam-account-settings')],
    frequency: 'continuous',
  }),
  owned({
    id: 'iam-access-key-rotation',
    title: 'Access key rotation and unused credentials',
    intent:
      'Long-lived access keys are rotated within the limit you set, and passwords or keys nobody uses are removed.',
    whyResponsibility: `${IAM_WHY} Keys are created by your people and only you can rotate or delete them.`,
    criteria: ['CC6.1', 'CC6.2', 'CC6.3'],
    evidence: [
      shot('shot.iam-users'),
      doc(
        'doc.key-rotation-procedure',
        'Credential rotation procedure',
        'How often keys are rotated, who does it, and how unused credentials are found and removed.',
      ),
    ],
    frequency: 'quarterly',
  }),
  owned({
    id: 'iam-least-privilege',
    title: 'Least privilege',
    intent:
      'People and services get only the permissions their job needs, granted through groups, roles or Identity Center permission sets, with full administrator rights kept to a few named people.',
    whyResponsibility: IAM_WHY,
    criteria: ['CC6.1', 'CC6.3', 'CC5.2'],
    evidence: [
      shot('shot.iam-roles-admin'),
      doc(
        'doc.access-control-policy',
        'Access control policy',
        'Who may get which access, who approves it, and the rule of least privilege and separation of duties.',
      ),
    ],
    frequency: 'continuous',
  }),
  owned({
    id: 'access-reviews',
    title: 'Periodic access reviews',
    intent:
      'Every quarter someone responsible reviews who has access to AWS and the other production tools, especially administrator access, and removes what is no longer needed.',
    whyResponsibility:
      'Only you know who works for you and what they should reach; AWS cannot judge whether an account is still needed.',
    criteria: ['CC6.2', 'CC6.3', 'CC4.1'],
    evidence: [
      doc(
        'doc.access-review-record',
        'Access review record',
        'The dated review: the population reviewed, each decision (keep or remove), the reviewer, and proof the removals were done.',
      ),
    ],
    frequency: 'quarterly',
  }),
  owned({
    id: 'onboarding-offboarding',
    title: 'Access granted on joining, removed on leaving',
    intent:
      'A new person gets access only after their manager approves it; when someone leaves, all their access is removed by their last day.',
    whyResponsibility: 'Hiring and leaving happen in your company; AWS never knows about them.',
    criteria: ['CC6.2', 'CC6.3'],
    evidence: [
      shot('shot.hr-onboarding'),
      shot('shot.hr-offboarding'),
      doc(
        'doc.access-requests',
        'Access requests and removals',
        'Tickets or records of access requested and approved for joiners, and removed for leavers, with dates.',
      ),
    ],
    frequency: 'per_event',
  }),
];
