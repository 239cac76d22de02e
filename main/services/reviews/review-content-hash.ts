import { createHash } from 'node:crypto';
import type { AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import { canonicalJson } from '../../../shared/rules/canonical-json';
import { reviewDraftOf, signatureProblems } from '../../../shared/rules/aws-report-review';
import type { Category } from '../../../shared/domain/workspace';

/** SHA-256 of what the reviewer signs: the review's content, without bookkeeping or signature. */
export const reviewContentSha256 = (doc: AwsReportReviewDoc): string =>
  createHash('sha256')
    .update(canonicalJson(reviewDraftOf(doc)))
    .digest('hex');

/**
 * Why the review's signature does not stand for this scope (another as-of date or categories,
 * or content changed after signing); empty when it stands or the review is unsigned.
 */
export function reviewSignatureProblems(
  doc: AwsReportReviewDoc,
  scope: { asOfDate: string; categories: readonly Category[] },
  audience?: 'bundle',
): string[] {
  const contentMatches = !doc.signed || doc.signed.contentSha256 === reviewContentSha256(doc);
  return signatureProblems(doc.signed, { ...scope, contentMatches }, audience);
}
