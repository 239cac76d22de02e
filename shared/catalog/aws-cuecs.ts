/**
 * A starting list of the complementary user entity controls AWS's SOC 2 report leaves to its
 * customers, each mapped to the catalog's controls that meet it. The wording is a paraphrase:
 * the reviewer replaces it with the exact list from section III of the report they review.
 */
export const TYPICAL_AWS_CUECS: readonly { text: string; controlIds: readonly string[] }[] = [
  {
    text: 'Customers are responsible for managing their IAM users, credentials, MFA and least-privilege permissions.',
    controlIds: [
      'iam-mfa-enforcement',
      'iam-least-privilege',
      'iam-access-key-rotation',
      'access-reviews',
      'onboarding-offboarding',
    ],
  },
  {
    text: 'Customers are responsible for protecting their root account credentials.',
    controlIds: ['iam-root-account'],
  },
  {
    text: 'Customers are responsible for configuring security groups, network ACLs and network access to their resources.',
    controlIds: ['network-security'],
  },
  {
    text: 'Customers are responsible for encrypting their data at rest and in transit, and for managing their keys.',
    controlIds: ['encryption-at-rest', 'encryption-in-transit', 'key-management'],
  },
  {
    text: 'Customers are responsible for backing up their data and for their own business continuity and disaster recovery plans.',
    controlIds: ['backup-recovery', 'business-continuity'],
  },
  {
    text: 'Customers are responsible for patching the guest operating systems and applications they run.',
    controlIds: ['patch-management', 'vulnerability-management'],
  },
  {
    text: 'Customers are responsible for logging and monitoring their own resources.',
    controlIds: ['logging-monitoring', 'threat-detection', 'configuration-monitoring'],
  },
  {
    text: 'Customers are responsible for promptly notifying AWS of suspected compromises of their account or security incidents.',
    controlIds: ['incident-response'],
  },
];
