import { z } from 'zod';
import { IsoDate, IsoTimestamp, NonEmpty, Person } from './common';

/** The words every page, file and window of a sample company carries. */
export const SAMPLE_MARK = 'SAMPLE, NOT EVIDENCE';

export const CATEGORIES = ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const CATEGORY_LABELS: Record<Category, string> = {
  security: 'Security',
  availability: 'Availability',
  confidentiality: 'Confidentiality',
  processing_integrity: 'Processing Integrity',
  privacy: 'Privacy',
};

const CHECK_LIMITS = {
  passwordMinLength: z.number().int().min(6).max(128),
  passwordReusePrevention: z.number().int().min(0).max(24),
  accessKeyMaxAgeDays: z.number().int().min(1).max(3650),
  unusedCredentialDays: z.number().int().min(1).max(3650),
  rootRecentUseDays: z.number().int().min(1).max(3650),
};

/** The limits automated checks apply; they travel with the evidence so an auditor sees the rule. */
export const CheckSettings = z.object({
  passwordMinLength: CHECK_LIMITS.passwordMinLength.default(14),
  passwordReusePrevention: CHECK_LIMITS.passwordReusePrevention.default(24),
  accessKeyMaxAgeDays: CHECK_LIMITS.accessKeyMaxAgeDays.default(90),
  unusedCredentialDays: CHECK_LIMITS.unusedCredentialDays.default(90),
  rootRecentUseDays: CHECK_LIMITS.rootRecentUseDays.default(90),
});
/** A change to some limits; absent ones keep their value (no defaults filled in). */
export const CheckSettingsPatch = z.strictObject({
  passwordMinLength: CHECK_LIMITS.passwordMinLength.optional(),
  passwordReusePrevention: CHECK_LIMITS.passwordReusePrevention.optional(),
  accessKeyMaxAgeDays: CHECK_LIMITS.accessKeyMaxAgeDays.optional(),
  unusedCredentialDays: CHECK_LIMITS.unusedCredentialDays.optional(),
  rootRecentUseDays: CHECK_LIMITS.rootRecentUseDays.optional(),
});
export type CheckSettings = z.infer<typeof CheckSettings>;

/** Which AWS identity the workspace reads with: a profile name, never credentials. */
export const AwsSettings = z.object({
  profile: z.string().max(200).optional(),
  region: z.string().max(40).optional(),
  accountIds: z.array(z.string().regex(/^\d{12}$/)).default([]),
  /** The regions the regional checks read; absent: every region the account has enabled. */
  regions: z
    .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/))
    .max(40)
    .optional(),
});
export type AwsSettings = z.infer<typeof AwsSettings>;

export const WORKSPACE_SCHEMA_VERSION = 2;

export const WorkspaceMeta = z.object({
  schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
  id: z.string().min(8),
  companyName: NonEmpty('Company name', 160),
  systemName: NonEmpty('System name', 160),
  auditType: z.literal('SOC2_TYPE1'),
  asOfDate: IsoDate,
  categories: z
    .array(Category)
    .min(1)
    .refine((c) => c.includes('security'), 'Security is always in scope'),
  createdAt: IsoTimestamp,
  createdBy: Person,
  checkSettings: CheckSettings,
  aws: AwsSettings,
  /** A sample company's workspace, backed by the built-in sandbox: never evidence, never connected to AWS. */
  sample: z.literal(true).optional(),
});
export type WorkspaceMeta = z.infer<typeof WorkspaceMeta>;

/** What the user types when creating a workspace. */
export const NewWorkspaceInput = z.object({
  folder: z.string().min(1, 'Choose a folder for the workspace').max(4096),
  companyName: NonEmpty('Company name', 160),
  systemName: NonEmpty('System name', 160),
  asOfDate: IsoDate,
  categories: z.array(Category).default(['security']),
  me: Person,
});
export type NewWorkspaceInput = z.input<typeof NewWorkspaceInput>;
