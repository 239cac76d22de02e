import { z } from 'zod';
import { IsoDate, IsoTimestamp, Person } from './common';
import { TYPICAL_AWS_CUECS } from '../catalog/aws-cuecs';
import { SignOffKey } from './signing';
import { Category } from './workspace';

/**
 * The company's review of AWS's own SOC 2 report: AWS is a carved-out subservice organization,
 * so the auditor relies on this review for everything AWS operates (the inherited controls),
 * and on the company's own controls for each complementary user entity control (CUEC) that
 * AWS's report leaves to its customers. Evidence for CC9.2.
 *
 * A draft may be incomplete; signing (see shared/rules/aws-report-review.ts) requires it whole.
 */

export const REPORT_OPINIONS = ['unmodified', 'qualified', 'adverse', 'disclaimer'] as const;
export const OPINION_LABELS: Record<(typeof REPORT_OPINIONS)[number], string> = {
  unmodified: 'Unmodified (clean)',
  qualified: 'Qualified',
  adverse: 'Adverse',
  disclaimer: 'Disclaimer of opinion',
};

export const SUBSERVICE_TREATMENTS = ['carve_out', 'inclusive', 'none'] as const;
export const SUBSERVICE_TREATMENT_LABELS: Record<(typeof SUBSERVICE_TREATMENTS)[number], string> = {
  carve_out: 'Carve-out',
  inclusive: 'Inclusive',
  none: 'No subservice organizations',
};

export const EXCEPTION_IMPACTS = ['none', 'compensated', 'action_needed'] as const;
export const EXCEPTION_IMPACT_LABELS: Record<(typeof EXCEPTION_IMPACTS)[number], string> = {
  none: 'No impact on us',
  compensated: 'Covered by our own controls',
  action_needed: 'We need to act',
};

export const GAP_COVERAGE = ['bridge_letter', 'next_report', 'not_covered'] as const;
export const GAP_COVERAGE_LABELS: Record<(typeof GAP_COVERAGE)[number], string> = {
  bridge_letter: "AWS's bridge letter covers it",
  next_report: 'The next AWS report covers it',
  not_covered: 'Not covered yet',
};

export const RELIANCE = ['rely', 'rely_with_follow_ups', 'do_not_rely'] as const;
export const RELIANCE_LABELS: Record<(typeof RELIANCE)[number], string> = {
  rely: 'We rely on the report',
  rely_with_follow_ups: 'We rely on it, with follow-ups',
  do_not_rely: 'We do not rely on it',
};

const Text = (max: number) => z.string().trim().max(max, `Keep this under ${max} characters`).default('');

/** The report as read from its cover and opinion; the file itself stays with AWS Artifact. */
export const ReportDetails = z.object({
  title: Text(300),
  reportType: z.enum(['type1', 'type2']).default('type2'),
  periodStart: IsoDate.optional(),
  periodEnd: IsoDate.optional(),
  issuedOn: IsoDate.optional(),
  serviceAuditor: Text(200),
  opinion: z.enum(REPORT_OPINIONS).optional(),
  categories: z.array(Category).default([]),
  subserviceTreatment: z.enum(SUBSERVICE_TREATMENTS).optional(),
  /**
   * Which copy was reviewed: its name and SHA-256 only. The report is AWS Confidential with
   * redistribution limits, so it is never stored in the workspace or put in the bundle; the
   * auditor matches the hash against their own copy from AWS Artifact.
   */
  file: z
    .object({
      name: z.string().min(1).max(255),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number().int().nonnegative(),
    })
    .optional(),
});
export type ReportDetails = z.infer<typeof ReportDetails>;

/** A service the company uses, and whether AWS's report lists it in scope. */
export const ServiceInScope = z.object({
  service: z.string().trim().min(1, 'Name the service').max(120),
  inScope: z.boolean(),
  note: Text(500),
});
export type ServiceInScope = z.infer<typeof ServiceInScope>;

/** A deviation the service auditor found, with AWS's response and what it means for the company. */
/** Row ids are made by the app; bounded so a crafted save cannot bloat the document. */
const RowId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/i, 'Not a row id');
const ControlIdList = z
  .array(z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'Not a control id'))
  .max(60, 'Map at most 60 controls');

export const ReportException = z.object({
  id: RowId,
  description: Text(2000),
  awsResponse: Text(2000),
  impact: z.enum(EXCEPTION_IMPACTS).optional(),
  assessment: Text(2000),
});
export type ReportException = z.infer<typeof ReportException>;

/** A complementary user entity control and the company's controls that meet it. */
export const Cuec = z.object({
  id: RowId,
  text: z.string().trim().min(1, 'Write the CUEC as the report states it').max(1000),
  controlIds: ControlIdList.default([]),
});
export type Cuec = z.infer<typeof Cuec>;

export const ReviewConclusion = z.object({
  /** How the time between the report's end and the workspace's "as of" date is covered. */
  gapCoverage: z.enum(GAP_COVERAGE).optional(),
  gapNote: Text(1000),
  reliance: z.enum(RELIANCE).optional(),
  followUps: Text(4000),
});
export type ReviewConclusion = z.infer<typeof ReviewConclusion>;

/**
 * The reviewer's sign-off: who, when, the report copy it covers, the audit scope it was
 * judged for (the gap and the categories depend on them), and the SHA-256 of the review's
 * content as signed, so a later edit of the file by hand shows.
 */
export const ReviewSignature = z.object({
  by: Person,
  at: IsoTimestamp,
  reportSha256: z.string().optional(),
  asOfDate: IsoDate,
  categories: z.array(Category).min(1),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The SSH signature over the sign-off statement; absent when the sign-off was recorded without a key. */
  key: SignOffKey.optional(),
});
export type ReviewSignature = z.infer<typeof ReviewSignature>;

const uniqueIds = (rows: readonly { id: string }[]) => new Set(rows.map((r) => r.id)).size === rows.length;

/**
 * Version 2: a sign-off may carry an SSH signature (`signed.key`). Version 1 documents open
 * unchanged (their sign-offs were recorded without a key); the bump keeps an older app, which
 * would drop the signature on its next save, from opening a version 2 review.
 */
export const AWS_REPORT_REVIEW_SCHEMA_VERSION = 2;
export const AwsReportReviewDoc = z.object({
  schemaVersion: z.literal(AWS_REPORT_REVIEW_SCHEMA_VERSION),
  report: ReportDetails.default(ReportDetails.parse({})),
  services: z.array(ServiceInScope).max(300).default([]),
  regions: Text(500),
  exceptions: z.array(ReportException).max(200).refine(uniqueIds, 'Two exceptions have the same id').default([]),
  cuecs: z.array(Cuec).max(200).refine(uniqueIds, 'Two CUECs have the same id').default([]),
  conclusion: ReviewConclusion.default(ReviewConclusion.parse({})),
  signed: ReviewSignature.nullable().default(null),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type AwsReportReviewDoc = z.infer<typeof AwsReportReviewDoc>;

/** What a person edits: everything but the bookkeeping and the signature. */
export const AwsReportReviewDraft = AwsReportReviewDoc.omit({
  schemaVersion: true,
  signed: true,
  updatedAt: true,
  updatedBy: true,
});
export type AwsReportReviewDraft = z.infer<typeof AwsReportReviewDraft>;

/**
 * A save replaces the whole draft, so its input must be a whole draft: every part present,
 * nothing unknown. Defaults would turn `{}` into an empty review that wipes the real one.
 */
export const AwsReportReviewDraftInput = AwsReportReviewDraft.strict().required();

/** A new review: an empty draft, with the typical CUECs already mapped as a starting point. */
export const newAwsReportReview = (): AwsReportReviewDoc =>
  AwsReportReviewDoc.parse({
    schemaVersion: AWS_REPORT_REVIEW_SCHEMA_VERSION,
    cuecs: TYPICAL_AWS_CUECS.map((c, i) => ({ id: `cuec-${i + 1}`, text: c.text, controlIds: [...c.controlIds] })),
  });
