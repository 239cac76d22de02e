import type { SourceKey } from './types';

/** Where a source is read: once per account (IAM, S3's bucket list) or in every region in use. */
export type SourceScope = 'account' | 'regional';

/** One API read the checks build on: the actions it calls are what the generated policy grants. */
export interface SourceDeclaration {
  /** The SDK client it uses, as IAM policies name the service (`iam`, `ec2`, `s3`). */
  service: string;
  scope: SourceScope;
  /** Every action the source calls, in policy spelling (`iam:GetCredentialReport`). */
  actions: readonly string[];
  /** For people: "Could not evaluate: … the credential report was not collected." */
  name: string;
}

export const SOURCES: { readonly [K in SourceKey]: SourceDeclaration } = {
  accountSummary: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GetAccountSummary'],
    name: 'the account summary',
  },
  passwordPolicy: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GetAccountPasswordPolicy'],
    name: 'the password policy',
  },
  credentialReport: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    name: 'the credential report',
  },
  virtualMfaDevices: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:ListVirtualMFADevices'],
    name: 'the virtual MFA device list',
  },
  authorizationDetails: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GetAccountAuthorizationDetails'],
    name: 'the account authorization details',
  },
  awsManagedPolicyDocuments: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
    name: 'the AWS-managed policy documents',
  },
};

export const SOURCE_KEYS = Object.keys(SOURCES) as SourceKey[];
