import type { AccessReview, AccessReviewsDoc } from '../../../shared/domain/access-review';
import type { TeamDoc } from '../../../shared/domain/team';
import type { KeyVerdict } from '../../../shared/rules/reviews/review-standing';
import { wordedAccessReview } from '../export/access-review-bundle';
import { accessReviewSection } from '../export/pdf/access-review-section';

/**
 * The PDF summary stored as evidence when an access review is signed: scope, population
 * counts, flagged identities, removes and changes, who decided, and the signature, in the same
 * words as the bundle's Access reviews section.
 */
export async function accessReviewSummaryPdf(
  review: AccessReview,
  doc: AccessReviewsDoc,
  team: TeamDoc,
  appVersion: string,
  sample: boolean,
  key: KeyVerdict,
): Promise<Buffer> {
  // pdfmake is large: loaded on the first sign-off, not whenever the app or the CLI starts.
  const { renderStandalonePdf } = await import('../export/pdf/standalone');
  // The document as it will stand with this review signed (the stored one may not hold it yet).
  const withReview = { ...doc, reviews: doc.reviews.map((r) => (r.id === review.id ? review : r)) };
  const worded = wordedAccessReview(review, withReview, team, new Map([[review.id, key]]));
  const title = `Access review ${review.id}`;
  return renderStandalonePdf(
    accessReviewSection(worded, title),
    {
      title,
      author: review.signed?.by.name ?? review.startedBy.name,
      subject: `Access review of accounts ${review.accountIds.join(', ')}, population collected ${review.collectedAt}`,
      creator: `Audit Workbench ${appVersion}`,
      sample,
    },
    `${title} · accounts ${review.accountIds.join(', ')}`,
  );
}
