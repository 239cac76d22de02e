import type { AccessReview } from '../../../shared/domain/access-review';
import type { TeamMember } from '../../../shared/domain/team';
import { accessReviewContent, reviewRowProblems } from '../../../shared/rules/access/review-rules';
import {
  standingSummary,
  type KeyVerdict,
  type ReviewSignatureCore,
  type ReviewStanding,
} from '../../../shared/rules/reviews/review-standing';
import type { SignOffStatementInput } from '../../../shared/rules/reviews/sign-off-statement';
import { standingOf } from '../reviews/review-kernel';
import { statementOf, type SignOffKeys } from '../reviews/sign-off-keys';

/** The statement an access review's sign-off signs: its content hash, who, when, and the accounts reviewed. */
export const accessReviewStatement = (
  review: AccessReview,
  signed: ReviewSignatureCore,
  workspaceId: string,
): SignOffStatementInput =>
  statementOf('access-review', workspaceId, review.id, signed, { accountIds: [...review.accountIds] });

/** What checking an access review's SSH signature finds (none without a sign-off or a key). */
export const accessReviewKeyVerdict = (
  keys: SignOffKeys,
  review: AccessReview,
  workspaceId: string,
  options: { fresh?: boolean } = {},
): Promise<KeyVerdict> =>
  review.signed
    ? keys.verdict(accessReviewStatement(review, review.signed, workspaceId), review.signed.key, options)
    : Promise.resolve({ kind: 'none' });

/** Every review's key verdict, by review id (the bundle and the screen word each review of the history). */
export async function accessReviewKeyVerdicts(
  keys: SignOffKeys,
  reviews: readonly AccessReview[],
  workspaceId: string,
  options: { fresh?: boolean } = {},
): Promise<Map<string, KeyVerdict>> {
  const out = new Map<string, KeyVerdict>();
  for (const review of reviews) out.set(review.id, await accessReviewKeyVerdict(keys, review, workspaceId, options));
  return out;
}

/** Where one access review stands, given what checking its signature found. */
export const accessReviewStanding = (
  review: AccessReview,
  members: readonly TeamMember[],
  key: KeyVerdict,
): ReviewStanding =>
  standingOf(review.signed, accessReviewContent(review), reviewRowProblems(review, members).length, key);

/** A review of the history in the kernel's words: "not signed" when no sign-off was ever recorded on it. */
export const historyWords = (standing: ReviewStanding): string =>
  standing.signed || standing.forged ? standingSummary(standing) : 'not signed';
