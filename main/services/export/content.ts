import type { ModelEvidence } from './bundle-model';
import type { BundleAccessReview } from './access-review-bundle';
import type { BundleAwsReview } from './aws-review';
import type { BundleModel } from './bundle-model';
import type { LoadedFinding } from './evidence-files';

/** Everything index.pdf and index.html show, gathered once so both documents say the same. */
export interface BundleContent {
  model: BundleModel;
  findings: Map<string, LoadedFinding[]>;
  /** PNG thumbnails by evidence id (for the PDF; the HTML links the files themselves). */
  thumbnails: Map<string, Buffer>;
  /** The review of AWS's SOC 2 report, signed or not: the auditor relies on it for every inherited control. */
  awsReview: BundleAwsReview;
  /** SHA-256 of manifest.json. */
  fingerprint: string;
  /** The auditor's request list, answered; absent when none was imported. */
  requests?: BundleRequest[];
  /** The newest signed access review (or the newest, unsigned); absent when none was started. */
  accessReview?: BundleAccessReview;
}

/** One request as the bundle shows it, with the evidence files that answer it. */
export interface BundleRequest {
  id: string;
  text: string;
  criteria: string;
  status: string;
  owner: string;
  dueDate: string;
  response: string;
  auditorComment: string;
  evidence: ModelEvidence[];
}

export const allExclusions = (content: BundleContent) =>
  content.model.controls.flatMap((c) => c.exclusions.map((exclusion) => ({ controlId: c.def.id, exclusion })));
