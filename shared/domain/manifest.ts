import { z } from 'zod';
import { IsoDate, Person } from './common';
import { EXCEPTION_IMPACTS, GAP_COVERAGE, RELIANCE, REPORT_OPINIONS, SUBSERVICE_TREATMENTS } from './aws-report-review';
import { EvidenceRecord } from './evidence';
import type { RecordStatus } from './record-status';
import { FRESHNESS_FLAGS } from '../rules/freshness';
import { CheckResult } from './findings';
import { Category, CheckSettings } from './workspace';

/**
 * `manifest.json` inside an auditor bundle: the machine-readable account of the workspace,
 * the controls, every evidence record with its path in the bundle, and how it was produced.
 *
 * Versioning: `manifestVersion` is an integer. A reader accepts the versions it knows; fields
 * are only added within a version, never renamed or removed (a rename is a new version).
 * An added field is optional in the schema, so manifests written before it still validate.
 * Added within version 1:
 * - `awsReportReview` and the `cuecs.csv` document (the review of AWS's SOC 2 report); a
 *   bundle without them was exported before the app recorded that review.
 * - `signing`: present when the preparer signed the bundle with their SSH key; the bundle then
 *   holds `SHA256SUMS.sig` and `allowed_signers`, and never holds them otherwise.
 *
 * Version 2 (the AWS scope): `scope` records the AWS accounts and regions in scope and lists apart
 * the evidence collected in accounts outside it; each finding names its `accountId`, and a
 * control's `findings` hold the latest finding of each check per account in scope. Readers accept
 * version 1 manifests (no scope: they were exported before findings were told apart by account).
 * Added within version 2: `activity`, `withdrawn` and each evidence entry's `recordSha256` (the
 * workspace's sealed activity log ships as `activity.jsonl`, a document, so verify recomputes its
 * hash chain and every record's hash from the bundle alone); optional, so bundles exported before
 * them still validate. Then `retired`: intact records a person retired as wrong or superseded, kept
 * in the workspace and listed like the withdrawn ones, never shipped. Also added within version 2:
 * `signOffs` and the `sign-offs/` documents (each sign-off signed with an SSH key: statement,
 * signature, content; allowed_signers).
 *
 * The bundle fingerprint is the SHA-256 of the `manifest.json` bytes. The manifest records the
 * SHA-256 of every evidence file and of the CSV files (`documents`), so the fingerprint
 * pins all evidence and data in the bundle; `index.pdf`, `index.html` and `README.txt` show the
 * fingerprint (so they cannot be inside it) and are covered, like every file, by `SHA256SUMS`.
 */
export const MANIFEST_VERSION = 2;
/** Every version a reader of this app accepts. */
export const MANIFEST_VERSIONS = [1, 2] as const;
export const MANIFEST_FORMAT = 'audit-workbench/bundle-manifest';

/** Why an evidence item deserves the reviewer's attention; none of these stop the export. */
export const EVIDENCE_FLAGS = [...FRESHNESS_FLAGS, 'formula_cells'] as const;
export const EvidenceFlag = z.enum(EVIDENCE_FLAGS);
export type EvidenceFlag = z.infer<typeof EvidenceFlag>;

/** A path inside the bundle: relative, forward slashes, no `..`, no control characters. */
export const BundlePath = z
  .string()
  .min(1)
  .max(240)
  .refine(
    (p) => !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'),
    'Not a safe relative path',
  )
  // eslint-disable-next-line no-control-regex
  .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), 'Control characters are not allowed');

const Sha256 = z.string().regex(/^[a-f0-9]{64}$/);

export const ManifestEvidence = EvidenceRecord.extend({
  /** Where the file is in the bundle. Evidence supporting several controls is stored once. */
  path: BundlePath,
  flags: z.array(EvidenceFlag),
  /**
   * SHA-256 of the record's canonical JSON (this entry without `path`, `flags` and
   * `recordSha256`, keys sorted, no whitespace): the hash its `evidence.added` line in
   * activity.jsonl sealed. Optional: bundles exported before sealing lack it.
   */
  recordSha256: Sha256.optional(),
});
export type ManifestEvidence = z.infer<typeof ManifestEvidence>;

export const ManifestExclusion = z.object({
  id: z.string(),
  what: z.string(),
  reason: z.string(),
  approvedBy: z.string(),
  expiresOn: IsoDate,
  /** True when the exclusion had expired on the as-of date. */
  expiredAsOf: z.boolean(),
});

export const ManifestFinding = z.object({
  checkId: z.string(),
  result: CheckResult,
  summary: z.string(),
  /** The AWS account the finding was collected in (version 2; absent when its record names none). */
  accountId: z.string().optional(),
  /** The findings evidence this result comes from. */
  evidenceId: z.string(),
  evaluatedAt: z.string(),
  entityCount: z.number().int().nonnegative(),
});

export const ManifestControl = z.object({
  id: z.string(),
  title: z.string(),
  responsibility: z.enum(['inherited', 'owned', 'shared']),
  criteria: z.array(z.string()),
  status: z.enum(['not_started', 'in_progress', 'ready_for_review', 'accepted']),
  owner: Person.nullable(),
  /** Present only when the export included notes. */
  notes: z.string().optional(),
  exclusions: z.array(ManifestExclusion),
  /** Latest result of each automated check behind the control, per account in scope (version 2). */
  findings: z.array(ManifestFinding),
  evidenceIds: z.array(z.string()),
});
export type ManifestControl = z.infer<typeof ManifestControl>;

export const ManifestCriterion = z.object({
  id: z.string(),
  status: z.enum(['covered', 'not_applicable', 'uncovered']),
  controls: z.array(z.string()),
  reason: z.string().optional(),
});

export const ManifestReviewProblem = z.object({
  /** `blocking` would have prevented signing; `warning` is something the reviewer signed over knowingly. */
  severity: z.enum(['blocking', 'warning']),
  /** The review field it concerns, e.g. `report.periodEnd` or `cuecs.2`. */
  field: z.string(),
  message: z.string(),
});

/**
 * The company's review of AWS's SOC 2 report (AWS is a carved-out subservice organization).
 * Fields not yet recorded are null. The report itself is AWS Confidential and never in the
 * bundle: `report.file` identifies the copy reviewed by its SHA-256, which the auditor matches
 * against their own copy from AWS Artifact.
 */
export const ManifestAwsReportReview = z.object({
  /** `signed` once the reviewer signed it; a `draft` is shipped as it stands, with its open problems. */
  status: z.enum(['signed', 'draft']),
  report: z.object({
    title: z.string(),
    reportType: z.enum(['type1', 'type2']),
    periodStart: IsoDate.nullable(),
    periodEnd: IsoDate.nullable(),
    issuedOn: IsoDate.nullable(),
    serviceAuditor: z.string(),
    opinion: z.enum(REPORT_OPINIONS).nullable(),
    categories: z.array(Category),
    subserviceTreatment: z.enum(SUBSERVICE_TREATMENTS).nullable(),
    file: z.object({ name: z.string(), sha256: Sha256, bytes: z.number().int().nonnegative() }).nullable(),
  }),
  services: z.array(z.object({ service: z.string(), inScope: z.boolean(), note: z.string() })),
  regions: z.string(),
  exceptions: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      awsResponse: z.string(),
      impact: z.enum(EXCEPTION_IMPACTS).nullable(),
      assessment: z.string(),
    }),
  ),
  /** Complementary user entity controls and the company's controls (ids in `controls`) that meet each. */
  cuecs: z.array(z.object({ id: z.string(), text: z.string(), controlIds: z.array(z.string()) })),
  /** Days from the report's end to the as-of date (positive: a gap to cover); null until the end is recorded. */
  gapDays: z.number().int().nullable(),
  conclusion: z.object({
    gapCoverage: z.enum(GAP_COVERAGE).nullable(),
    gapNote: z.string(),
    reliance: z.enum(RELIANCE).nullable(),
    followUps: z.string(),
  }),
  signed: z.object({ by: Person, at: z.string(), reportSha256: Sha256.nullable() }).nullable(),
  /**
   * Why the signature does not stand for this bundle (signed for another as-of date or other
   * categories, or the review changed after signing); empty when it stands or is unsigned.
   * Optional: bundles exported before it was added lack it.
   */
  signatureProblems: z.array(z.string()).optional(),
  /** What the review still lacks or what the auditor will ask about, for the bundle's as-of date and categories. */
  problems: z.array(ManifestReviewProblem),
});
export type ManifestAwsReportReview = z.infer<typeof ManifestAwsReportReview>;

/** Who signed SHA256SUMS with which SSH key (`ssh-keygen -Y verify` checks it with allowed_signers). */
export const ManifestSigning = z.object({
  /** OpenSSH signature namespace, `audit-bundle`. */
  namespace: z.string(),
  /** The principal in allowed_signers: the preparer's email. */
  principal: z.string(),
  /** The public key, `type base64`, as in allowed_signers. */
  publicKey: z.string(),
  keyType: z.string(),
  /** `SHA256:…` as ssh-keygen prints it: what the auditor confirms with the preparer. */
  fingerprint: z.string(),
});
export type ManifestSigning = z.infer<typeof ManifestSigning>;

/**
 * A review's sign-off signed with the signer's SSH key, shipped so the auditor can check it with
 * ssh-keygen: the statement that was signed (canonical JSON naming the review, its content hash,
 * who, when and the scope), the signature, and the review's content whose SHA-256 the statement
 * names; the signer's key is in `sign-offs/allowed_signers`.
 */
export const ManifestSignOff = z.object({
  kind: z.enum(['aws-report-review', 'access-review']),
  review: z.string(),
  by: Person,
  at: z.string(),
  keyType: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
  statement: BundlePath,
  signature: BundlePath,
  content: BundlePath,
});
export type ManifestSignOff = z.infer<typeof ManifestSignOff>;

/** Version 2: what AWS the bundle speaks for, and the evidence it leaves out because of it. */
export const ManifestScope = z.object({
  /** The AWS accounts in scope; empty when the workspace chose none (then its one account counts). */
  accounts: z.array(z.string()),
  /** The regions the regional checks read; null: every region each account has enabled. */
  regions: z.array(z.string()).nullable(),
  /** Evidence collected in accounts outside the scope: not a control's result; not shipped unless a request links it. */
  outOfScopeEvidence: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: z.string(),
      accountId: z.string(),
      checkId: z.string().optional(),
      capturedAt: z.string(),
      sha256: Sha256,
    }),
  ),
});
export type ManifestScope = z.infer<typeof ManifestScope>;

/** The chain head of the `activity.jsonl` the bundle ships: its count of lines and the last line's SHA-256. */
export const ManifestActivity = z.object({
  path: BundlePath,
  lines: z.number().int().nonnegative(),
  sha256: Sha256,
});
export type ManifestActivity = z.infer<typeof ManifestActivity>;

/**
 * A record with a status (shared/domain/record-status.ts), kept in the workspace and never shipped:
 * withdrawn (damaged, tampered or missing) or retired (wrong or superseded).
 */
export const ManifestStatusChange = z.object({
  id: z.string(),
  /** The title as sealed; null when no seal records it. */
  title: z.string().nullable(),
  /** The hash its seal carries; null when it was never sealed. */
  recordSha256: Sha256.nullable(),
  reason: z.string(),
  by: z.object({ name: z.string(), email: z.string() }),
  at: z.string(),
  /** The `evidence.withdrawn` (or `evidence.retired`) line of activity.jsonl that records it. */
  line: z.number().int().positive(),
});
export type ManifestStatusChange = z.infer<typeof ManifestStatusChange>;
/** The sealed activity log a bundle ships and its records listed by status (each status a list of manifest.json). */
export type ManifestSealing = { activity: ManifestActivity } & Record<RecordStatus, ManifestStatusChange[]>;

export const ManifestDocument = z.object({ path: BundlePath, sha256: Sha256, size: z.number().int().nonnegative() });

export const Manifest = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    manifestVersion: z.union([z.literal(1), z.literal(2)]),
    generatedAt: z.string(),
    generator: z.object({ app: z.literal('Audit Workbench'), version: z.string() }),
    preparedBy: Person,
    workspace: z.object({
      id: z.string(),
      companyName: z.string(),
      systemName: z.string(),
      auditType: z.literal('SOC2_TYPE1'),
      asOfDate: IsoDate,
      categories: z.array(Category),
      checkSettings: CheckSettings,
    }),
    options: z.object({
      asOfDate: IsoDate,
      categories: z.array(Category),
      includeNotes: z.boolean(),
      freshnessDays: z.number().int().positive(),
    }),
    /** Carve-out: the subservice organization's own controls are covered by its SOC 2 report. */
    subserviceOrganizations: z.array(
      z.object({ name: z.string(), method: z.literal('carve-out'), reviewControlId: z.string() }),
    ),
    /** Optional only for bundles exported before it was added (see Versioning); every export writes it. */
    awsReportReview: ManifestAwsReportReview.optional(),
    criteria: z.array(ManifestCriterion),
    controls: z.array(ManifestControl),
    evidence: z.array(ManifestEvidence),
    /** Generated data files the fingerprint also pins. */
    documents: z.array(ManifestDocument),
    /** Present only when the bundle is signed (see Versioning). */
    signing: ManifestSigning.optional(),
    /** Sign-offs signed with an SSH key whose signature verified at export (see Versioning); key-less ones are not here. */
    signOffs: z.array(ManifestSignOff).optional(),
    /** Required from version 2 (see Versioning). */
    scope: ManifestScope.optional(),
    /** The sealed activity log shipped with the bundle (see Versioning). */
    activity: ManifestActivity.optional(),
    /** Records withdrawn in the workspace; present whenever `activity` is. */
    withdrawn: z.array(ManifestStatusChange).optional(),
    /** Records retired in the workspace (wrong or superseded); present whenever `activity` is, from when retiring was added. */
    retired: z.array(ManifestStatusChange).optional(),
    /** Exported from a sample company's workspace (the built-in sandbox, not AWS): not evidence. */
    sample: z.literal(true).optional(),
  })
  .refine((m) => m.manifestVersion < 2 || m.scope !== undefined, {
    message: 'A version 2 manifest records its AWS scope',
    path: ['scope'],
  });
export type Manifest = z.infer<typeof Manifest>;
