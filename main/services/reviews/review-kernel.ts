import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import { canonicalJson } from '../../../shared/util/canonical-json';
import {
  reviewStanding,
  type KeyVerdict,
  type ReviewSignatureCore,
  type ReviewStanding,
  type SignedScope,
} from '../../../shared/rules/reviews/review-standing';
import type { Person } from '../../../shared/domain/common';

/**
 * The service side of the review kernel, shared by every review: what a signature covers (the
 * SHA-256 of the review's content), refusing edits to a signed review, the reason a reopening
 * needs, and the standing of a stored review. Where a review keeps its content and how it words
 * itself stay with that review's service.
 */

/** SHA-256 of what the reviewer signs: the review's content (without bookkeeping or signature), canonically. */
export const contentSha256 = (content: unknown): string =>
  createHash('sha256').update(canonicalJson(content)).digest('hex');

/** The signature a sign-off records over this content. */
export const signatureOver = (by: Person, at: string, content: unknown): ReviewSignatureCore => ({
  by,
  at,
  contentSha256: contentSha256(content),
});

/**
 * Where a stored review stands: its content is hashed again, so a change made by hand after
 * signing shows; `key` is what checking its SSH signature found (see sign-off-keys.ts).
 */
export function standingOf(
  signed: (ReviewSignatureCore & Partial<SignedScope>) | null,
  content: unknown,
  blocking: number,
  key: KeyVerdict,
  scope?: SignedScope & { subject: 'audit' | 'bundle' },
): ReviewStanding {
  const contentMatches = !signed || signed.contentSha256 === contentSha256(content);
  return reviewStanding({ signed, contentMatches, blocking, key, ...(scope ? { scope } : {}) });
}

/** A signed review is not edited: it is reopened with a reason first. */
export function refuseWhenSigned(signed: ReviewSignatureCore | null, what = 'The review'): void {
  if (signed) {
    throw new AppError(
      'CONFLICT',
      `${what} was signed by ${signed.by.name} on ${signed.at.slice(0, 10)}; a signed review is not edited.`,
      { hint: 'Reopen it with a reason first; it must then be signed again.' },
    );
  }
}

/** The reason a signed review is reopened with, trimmed; refused when empty. */
export function reopenReason(reason: string): string {
  const why = reason.trim();
  if (!why)
    throw new AppError('INVALID_INPUT', 'Say why the signed review is reopened.', {
      hint: 'The reason is kept in the activity log for the auditor.',
    });
  return why;
}

/** Reopening needs a signature to lift. */
export function refuseWhenUnsigned(signed: ReviewSignatureCore | null): void {
  if (!signed) throw new AppError('CONFLICT', 'The review is not signed, so there is nothing to reopen.');
}
