import type { ScreenshotRequest } from '../types';

/** Guided screenshots of the other web tools a startup runs on (source control, identity, HR, devices). */
const web = (id: string, title: string, tool: string, hint: string, what: string, why: string): ScreenshotRequest => ({
  type: 'screenshot',
  id,
  title,
  what,
  why,
  where: { kind: 'web', tool, hint },
});

export const WEB_SCREENSHOTS: readonly ScreenshotRequest[] = [
  web(
    'shot.github-branch-protection',
    'Branch protection on the main branch',
    'Source control (GitHub, GitLab, Bitbucket)',
    'Repository → Settings → Branches (or Rules → Rulesets) for the production repository.',
    'The protection rule on the default branch: pull request required, at least one approval, status checks required, no force pushes, rules apply to administrators.',
    'Proves no change reaches production without review and tests.',
  ),
  web(
    'shot.github-pr-approval',
    'A merged pull request with approval',
    'Source control (GitHub, GitLab, Bitbucket)',
    'Open a recently merged pull request to the production branch.',
    'The pull request showing its author, an approving review by someone else, passing checks and the merge.',
    'An example of the change process working as the policy says.',
  ),
  web(
    'shot.github-dependabot',
    'Dependency vulnerability alerts',
    'Source control (GitHub, GitLab, Bitbucket)',
    'Repository → Settings → Code security (or the Security tab).',
    'Dependency alerts and security updates enabled, and the list of open alerts by severity.',
    'Proves vulnerable libraries in your own code are found and fixed.',
  ),
  web(
    'shot.idp-mfa-policy',
    'MFA enforced in the identity provider',
    'Identity provider (Google Workspace, Okta, Microsoft Entra ID)',
    'Admin console → Security → 2-step verification / authentication policies.',
    'The policy that requires MFA for every user (enforcement on, no exceptions or with documented ones).',
    'People reach AWS and other tools through this sign-in; enforcing MFA here protects all of them.',
  ),
  web(
    'shot.hr-onboarding',
    'Onboarding checklist in the HR system',
    'HR system (Rippling, Gusto, BambooHR, Deel)',
    "A recent hire's onboarding tasks.",
    'A completed onboarding checklist: agreement and policies signed, background check done, training assigned, access requested by the manager.',
    'An example that access is granted only after the person is approved and has signed the policies.',
  ),
  web(
    'shot.hr-offboarding',
    'Offboarding checklist in the HR system',
    'HR system (Rippling, Gusto, BambooHR, Deel)',
    "A recent leaver's offboarding tasks.",
    'A completed offboarding checklist with the dates each account was removed, on or before the last day.',
    'An example that access ends when employment ends.',
  ),
  web(
    'shot.hr-background-check',
    'Completed background checks',
    'Background check provider (Checkr, Certn, HireRight)',
    "The provider's candidate list filtered to the audit period.",
    'The list of background checks with completion dates for people hired in the period.',
    'Proves people are screened before they get access to customer data.',
  ),
  web(
    'shot.training-completion',
    'Security training completion',
    'Training platform (or the HR system)',
    'The completion report for the annual security awareness course.',
    'Every current employee and contractor with the completion date of the security training.',
    'Proves people were trained on the policies they are held to.',
  ),
  web(
    'shot.mdm-compliance',
    'Device compliance in the MDM',
    'Device management (Jamf, Kandji, Intune, Fleet)',
    'The compliance or device list view.',
    'Every company laptop with disk encryption, screen lock, OS updates and endpoint protection status.',
    'Laptops hold credentials to production; this proves they are protected.',
  ),
  web(
    'shot.trust-page',
    'Public security and contact page',
    'Your website',
    'The security, trust or "responsible disclosure" page.',
    'How customers and researchers report security issues, and the commitments you publish.',
    'Shows external parties know how to reach you about security and what you promise them.',
  ),
];
