import { z } from 'zod';
import { IsoTimestamp, Person } from './common';
import { SignOffKey } from './signing';

/**
 * Access reviews (CC6.2, CC6.3): the population of identities pulled from the account, a
 * decision by a named reviewer for every one, and a sign-off through the review kernel.
 * Reviews are kept as a history; the newest unsigned one is the review in progress.
 */

export const IDENTITY_KINDS = ['iam_user', 'iam_group', 'iam_role', 'sso_user', 'sso_group'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
export const IDENTITY_KIND_LABELS: Record<IdentityKind, string> = {
  iam_user: 'IAM user',
  iam_group: 'IAM group',
  iam_role: 'IAM role',
  sso_user: 'Identity Center user',
  sso_group: 'Identity Center group',
};

export const ACCESS_FLAGS = [
  'full_admin',
  'broad_access',
  'unused',
  'console_without_mfa',
  'assumable_from_outside',
  'assumable_by_anyone',
  'unexplained',
] as const;
export type AccessFlag = (typeof ACCESS_FLAGS)[number];
export const ACCESS_FLAG_LABELS: Record<AccessFlag, string> = {
  full_admin: 'Full admin',
  broad_access: 'Broad access',
  unused: 'Unused',
  console_without_mfa: 'Console without MFA',
  assumable_from_outside: 'Assumable from outside',
  assumable_by_anyone: 'Assumable by anyone',
  unexplained: 'Nobody explains it',
};

export const PopulationRow = z.object({
  /** Stable across collections: `iam:<account>:user/<name>`, `sso:<store>:user/<id>`. */
  id: z.string().min(1).max(400),
  kind: z.enum(IDENTITY_KINDS),
  name: z.string().max(1100),
  arn: z.string().max(2048).optional(),
  email: z.string().max(320).optional(),
  accountIds: z.array(z.string()),
  /** Identity Center: `PermissionSet @ account (via group)`. */
  access: z.array(z.string()),
  groups: z.array(z.string()),
  /** Attached managed policy ARNs and `inline NAME`. */
  policies: z.array(z.string()),
  /** Roles: who may assume it, in words. */
  trust: z.string().optional(),
  serviceLinked: z.boolean(),
  /** Last sign-in, key use or role use (ISO); null when never or not known. */
  lastUsed: z.string().nullable(),
  consolePassword: z.boolean().optional(),
  mfa: z.boolean().optional(),
  disabled: z.boolean().optional(),
  /** IAM users (credential report): how many active access keys, the oldest's creation date and its last use. */
  accessKeys: z
    .object({
      active: z.number().int().min(0),
      oldestCreated: z.string().nullable(),
      oldestLastUsed: z.string().nullable(),
    })
    .optional(),
  /** Why nobody needs to explain it: "teammate NAME", "owner tag: …", "documented owner: …", a role's trust. */
  explainedBy: z.string().max(600).optional(),
  flags: z.array(z.enum(ACCESS_FLAGS)),
  /** One sentence per flag, for people. */
  reasons: z.array(z.string()),
});
export type PopulationRow = z.infer<typeof PopulationRow>;

export const DECISIONS = ['keep', 'remove', 'change'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, string> = { keep: 'Keep', remove: 'Remove', change: 'Change' };

export const AccessDecision = z.object({
  decision: z.enum(DECISIONS),
  justification: z.string().trim().max(2000).default(''),
  by: Person,
  at: IsoTimestamp,
});
export type AccessDecision = z.infer<typeof AccessDecision>;

/** Whether a signed remove or change was carried out, as a later collection saw it. */
export const FollowUp = z.object({
  status: z.enum(['carried_out', 'open']),
  /** The collection that first saw it done. */
  firstSeenDone: IsoTimestamp.optional(),
  checkedAt: IsoTimestamp,
  what: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const AccessReviewSignature = z.object({
  by: Person,
  at: IsoTimestamp,
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The SSH signature over the sign-off statement; absent when the sign-off was recorded without a key. */
  key: SignOffKey.optional(),
});

/** One account in the review's scope: read, or why not (role missing or denied, IAM denied). */
export const PopulationAccount = z.object({
  id: z.string().regex(/^\d{12}$/),
  alias: z.string().max(63).optional(),
  /** Who read it: the profile's principal, or its role in the account. */
  principalArn: z.string().max(2048).optional(),
  read: z.boolean(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
});
export type PopulationAccount = z.infer<typeof PopulationAccount>;

export const AccessReview = z.object({
  id: z.string().regex(/^ar-[0-9a-z-]{4,60}$/),
  startedAt: IsoTimestamp,
  startedBy: Person,
  accountIds: z.array(z.string().regex(/^\d{12}$/)),
  /** Every account in scope and whether it was read (reviews started before multi-account reviews have none). */
  accounts: z.array(PopulationAccount).optional(),
  /** What the population could and could not include (Identity Center unreachable...). */
  notes: z.array(z.string()),
  /** The population evidence item (raw responses with provenance). */
  populationEvidenceId: z.string().optional(),
  collectedAt: IsoTimestamp,
  rows: z.array(PopulationRow),
  /** Team member ids reviewing each row; rows not listed go to `defaultReviewerIds`. */
  reviewers: z.record(z.string(), z.array(z.string()).max(10)).default({}),
  defaultReviewerIds: z.array(z.string()).default([]),
  /** Who each reviewer was when assigned (by member id), so one removed from the team later is still named. */
  reviewerNames: z.record(z.string(), z.string().max(120)).optional(),
  decisions: z.record(z.string(), AccessDecision).default({}),
  signed: AccessReviewSignature.nullable().default(null),
  /** Evidence written on sign-off: population snapshot, decisions CSV, PDF summary. */
  evidenceIds: z.array(z.string()).default([]),
  followUps: z.record(z.string(), FollowUp).default({}),
});
export type AccessReview = z.infer<typeof AccessReview>;

/** Version 2: a sign-off may carry an SSH signature (see AWS_REPORT_REVIEW_SCHEMA_VERSION for why the bump). */
export const ACCESS_REVIEWS_SCHEMA_VERSION = 2;
export const DEFAULT_CADENCE_DAYS = 91;
export const AccessReviewsDoc = z.object({
  schemaVersion: z.literal(ACCESS_REVIEWS_SCHEMA_VERSION),
  /** How often a review is due (Settings); quarterly by default. */
  cadenceDays: z.number().int().min(7).max(366).default(DEFAULT_CADENCE_DAYS),
  reviews: z.array(AccessReview).default([]),
});
export type AccessReviewsDoc = z.infer<typeof AccessReviewsDoc>;
export const newAccessReviewsDoc = (): AccessReviewsDoc =>
  AccessReviewsDoc.parse({ schemaVersion: ACCESS_REVIEWS_SCHEMA_VERSION });
