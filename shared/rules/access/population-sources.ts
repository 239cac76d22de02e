import type { PolicyFeature } from '../../checks/types';

/**
 * What an access review's population reads, declared once: the IAM sources the checks also
 * read (in every account in scope) and the IAM Identity Center calls (once, from the account
 * that holds it). The Permissions screen's least-privilege policy is generated from it, each
 * action saying that the access review needs it; `test/unit/checks/policy-all-checks.test.ts`
 * compares it with the calls a population makes.
 */
export const POPULATION_IAM_SOURCES = [
  'authorizationDetails',
  'awsManagedPolicyDocuments',
  'credentialReport',
] as const;

const IDENTITY_CENTER = 'IAM Identity Center (users, groups, permission sets and account assignments)';

export const ACCESS_REVIEW_POPULATION: PolicyFeature = {
  id: 'access-review',
  label: 'access review population',
  sources: POPULATION_IAM_SOURCES,
  actions: [
    'sso:ListInstances',
    'sso:ListPermissionSets',
    'sso:DescribePermissionSet',
    'sso:ListManagedPoliciesInPermissionSet',
    'sso:GetInlinePolicyForPermissionSet',
    'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
    'sso:ListAccountAssignments',
    'sso:ListAccountsForProvisionedPermissionSet',
    'identitystore:ListUsers',
    'identitystore:ListGroups',
    'identitystore:ListGroupMemberships',
  ].map((action) => ({ action, why: `reads ${IDENTITY_CENTER}` })),
};
