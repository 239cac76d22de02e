import { createHash } from 'node:crypto';
import type { AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import { canonicalJson } from '../../../shared/rules/canonical-json';
import { reviewDraftOf } from '../../../shared/rules/aws-report-review';

/** SHA-256 of what the reviewer signs: the review's content, without bookkeeping or signature. */
export const reviewContentSha256 = (doc: AwsReportReviewDoc): string => createHash('sha256').update(canonicalJson(reviewDraftOf(doc))).digest('hex');
