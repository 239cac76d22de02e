import { z } from 'zod';
import { method } from '../define';
import { IsoDate } from '../../domain/common';
import type { ControlStatus } from '../../domain/control-state';
import type { EvidenceKind } from '../../domain/evidence';
import type { Person } from '../../domain/common';
import type { CheckResult } from '../../domain/findings';
import { Category } from '../../domain/workspace';
import { SigningKeyChoice } from '../../domain/signing';
import type { ReviewStanding } from '../../rules/reviews/review-standing';

/** What the user chooses on the Export screen; everything defaults from the workspace. */
export const ExportOptionsInput = z.object({
  asOfDate: IsoDate.optional(),
  categories: z.array(Category).min(1).optional(),
  includeNotes: z.boolean().optional(),
  freshnessDays: z.number().int().min(1).max(3650).optional(),
});
export type ExportOptionsInput = z.infer<typeof ExportOptionsInput>;

const BundlePathInput = z.string().trim().min(1, 'Choose where to save the bundle').max(4096);
const SealInput = z
  .string()
  .trim()
  .regex(
    /^[0-9a-fA-F]{64}$/,
    'A seal is the 64 hexadecimal characters the export printed (SHA-256 of SHA256SUMS); paste it whole, or leave it empty',
  );

export interface ResolvedExportOptions {
  asOfDate: string;
  categories: Category[];
  includeNotes: boolean;
  freshnessDays: number;
}

interface EvidenceBrief {
  id: string;
  title: string;
  capturedAt: string;
  controlIds: string[];
}

export interface PreflightReport {
  options: ResolvedExportOptions;
  /**
   * How the evidence files were checked: `fresh` when every file was re-hashed now (Check again);
   * otherwise unchanged files kept their last hash, the oldest taken at `oldestCheckAt`.
   */
  filesChecked: { count: number; fresh: boolean; oldestCheckAt: string | null };
  controls: { total: number; byStatus: Record<ControlStatus, number> };
  evidence: {
    total: number;
    bytes: number;
    byKind: Partial<Record<EvidenceKind, number>>;
    outOfScope: number;
    unreadableRecords: number;
  };
  /** Owned and shared controls with nothing linked (inherited ones are proven by the AWS report review). */
  controlsWithoutEvidence: { id: string; title: string; responsibility: string }[];
  /** The catalog's screenshot and document requests of the controls in scope that nothing provides and nobody marked not applicable. */
  missingRequests: { id: string; kind: 'screenshot' | 'document'; title: string; controlIds: string[] }[];
  /** Latest results per account in scope that fail, errored or need review. */
  failingChecks: {
    controlId: string;
    checkId: string;
    /** The account the finding was collected in (absent: the record names none). */
    accountId?: string;
    result: CheckResult;
    summary: string;
    evidenceId: string;
  }[];
  /** The AWS accounts and regions in scope, as the manifest records them. */
  scope: { accounts: string[]; regions: string[] | null };
  /** Evidence collected in AWS accounts outside the scope: left out, never a control's result. */
  outOfAccountScope: { id: string; title: string; accountId: string; checkId?: string; capturedAt: string }[];
  exclusions: { controlId: string; what: string; expiresOn: string; expired: boolean }[];
  capturedAfterAsOf: EvidenceBrief[];
  olderThanFreshness: EvidenceBrief[];
  /**
   * The review of AWS's SOC 2 report, as the bundle will show it. Unsigned does not block the
   * export (the bundle says NOT SIGNED), but the auditor relies on it for every inherited control.
   * `signatureProblems`: why a signature does not stand for this export's as-of date and categories.
   */
  awsReportReview: {
    signed: { by: Person; at: string } | null;
    /** Where the review stands for this export (the review kernel's answer); the pre-flight words it. */
    standing: ReviewStanding;
    signatureProblems: string[];
    blocking: string[];
    warnings: string[];
  };
  /**
   * The access review the bundle will show (the newest signed one, else the newest): its standing
   * (null: none was started, so the bundle has no Access reviews section) and what stands open.
   */
  accessReview: { standing: ReviewStanding | null; open: string[] };
  /** Files that no longer match their hash: the export refuses to ship them. */
  /** `unreadable`: the file could not be checked (a link, FIFO or device in its place, permissions); `readError` says which. */
  integrityProblems: (EvidenceBrief & {
    sha256: string;
    problem: 'tampered' | 'missing' | 'unreadable' | 'damaged';
    readError?: string;
  })[];
  /** The first line of activity.jsonl that no longer matches its chain, or null. */
  activityChainProblem: string | null;
  /** Records withdrawn (damaged) with a reason: left out of the bundle, listed in its manifest. */
  withdrawn: SetAsideRecord[];
  /** Records retired (wrong or superseded) with a reason: left out of the bundle, listed in its manifest. */
  retired: SetAsideRecord[];
  canExport: boolean;
}

/** A signed bundle's signer, as verify checked it: `verified` only when ssh-keygen accepted the signature. */
export interface BundleSignatureView {
  principal: string;
  keyType: string;
  /** `SHA256:…`: the auditor confirms it with the signer through a separate channel. */
  fingerprint: string;
  verified: boolean;
}

export interface ExportResultView {
  path: string;
  fingerprint: string;
  /** SHA-256 of SHA256SUMS: pins every file of this exact bundle (see verify's `seal`). */
  seal: string;
  files: number;
  evidenceFiles: number;
  zipBytes: number;
  durationMs: number;
  signature: { principal: string; keyType: string; fingerprint: string } | null;
}

/** A record withdrawn or retired, as the pre-flight lists it. */
export interface SetAsideRecord {
  id: string;
  title: string;
  reason: string;
  /** Who set the status. */
  by: string;
  at: string;
}

/** What verify recomputed from the bundle's own activity.jsonl: its chain and every record's hash. */
export interface ChainCheckView {
  lines: number;
  records: number;
  withdrawn: number;
  retired: number;
}

/** What verify found: `problems` has one sentence per mismatch, empty when everything matches. */
export interface VerifyReportView {
  ok: boolean;
  path: string;
  files: number;
  bytes: number;
  evidenceFiles: number;
  fingerprint: string | null;
  /** SHA-256 of SHA256SUMS as found in the bundle. */
  seal: string | null;
  /** Whether it equals the seal the user gave; null when none was given. */
  sealMatches: boolean | null;
  companyName: string | null;
  asOfDate: string | null;
  /** Null for an unsigned bundle. */
  signature: BundleSignatureView | null;
  /** Sign-offs signed with an SSH key whose signature was checked (each failure is in `problems`). */
  signOffsVerified: number;
  /** Null for a bundle exported before the activity log was shipped. */
  chain: ChainCheckView | null;
  /** True for a sample company's bundle (manifest `sample: true`): not evidence. Null without a parsed manifest. */
  sample: boolean | null;
  problems: string[];
}

export const exportChannels = {
  /** `fresh`: re-hash every evidence file and re-read every record, whatever the cache says (Check again). */
  preflight: method(
    ExportOptionsInput.extend({ fresh: z.boolean().optional() }).default({}),
  ).returns<PreflightReport>(),
  /** A suggested bundle path beside the workspace folder, named after the company and date. */
  suggestPath: method(ExportOptionsInput.pick({ asOfDate: true }).default({})).returns<string>(),
  /** Save dialog for the bundle; null when the user cancels. */
  pickOutput: method(z.object({ defaultPath: z.string().max(4096).optional() }).default({})).returns<string | null>(),
  /** Open dialog for a bundle to verify; null when the user cancels. */
  pickBundle: method(z.undefined()).returns<string | null>(),
  /** Progress arrives as `progress` events with task "export"; resolves when the bundle has its final name. */
  /** With `sign`, SHA256SUMS is signed with that SSH key (SHA256SUMS.sig, allowed_signers). */
  run: method(
    ExportOptionsInput.extend({ outPath: BundlePathInput, sign: SigningKeyChoice.optional() }),
  ).returns<ExportResultView>(),
  cancel: method(z.undefined()).returns<{ cancelled: boolean }>(),
  /**
   * With `seal`, also checks that this is exactly the bundle that was sent. Progress arrives as
   * `progress` events with task "verify"; cancelled, it fails with CANCELLED (it never changes anything).
   */
  verify: method(z.object({ path: BundlePathInput, seal: SealInput.optional() })).returns<VerifyReportView>(),
  cancelVerify: method(z.undefined()).returns<{ cancelled: boolean }>(),
};
