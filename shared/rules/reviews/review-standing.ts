import type { Person } from '../../domain/common';
import { CATEGORY_LABELS, type Category } from '../../domain/workspace';

/**
 * The review kernel's one answer to "where does this review stand?", shared by every review
 * (the AWS report review, access reviews, vendor reviews later). Pure: the content hash is
 * compared by the caller, which holds the hashing.
 *
 * A review is a draft until signed; a signature stands while the review's content still
 * hashes to what was signed and, for reviews whose conclusion depends on the audit's scope,
 * while it was judged for the scope it is read in. Every screen, the pre-flight and the
 * bundle word this answer; none of them works it out again.
 */

/** What every signature on a review records: who, when, and the SHA-256 of the content as signed. */
export interface ReviewSignatureCore {
  by: Person;
  at: string;
  contentSha256: string;
}

/** The audit scope a signature was judged for, when the conclusion depends on it (AWS's report and its gap). */
export interface SignedScope {
  asOfDate: string;
  categories: readonly Category[];
}

export const REVIEW_STATES = ['draft', 'ready_to_sign', 'signed', 'signature_stale'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export interface ReviewStanding {
  state: ReviewState;
  /** Who signed and when; null for a draft. */
  signed: { by: Person; at: string } | null;
  /** Things that prevent signing the draft as it is now. */
  blocking: number;
  /** Why the signature does not stand (content changed, other scope); empty when it stands or there is none. */
  signatureProblems: string[];
}

export interface StandingInput {
  signed: (ReviewSignatureCore & Partial<SignedScope>) | null;
  /** Whether the review's content still hashes to the signed `contentSha256`. */
  contentMatches: boolean;
  blocking: number;
  /** The scope the review is read in, for reviews signed for one; whose it is decides the wording. */
  scope?: SignedScope & { subject: 'audit' | 'bundle' };
}

/** Where a review stands: the kernel's one decision. */
export function reviewStanding(input: StandingInput): ReviewStanding {
  const { signed, blocking } = input;
  if (!signed)
    return { state: blocking > 0 ? 'draft' : 'ready_to_sign', signed: null, blocking, signatureProblems: [] };
  const problems = signatureProblems(signed, input);
  return {
    state: problems.length > 0 ? 'signature_stale' : 'signed',
    signed: { by: signed.by, at: signed.at },
    blocking,
    signatureProblems: problems,
  };
}

/** A signed review whose signature still stands. */
export const signatureStands = (standing: ReviewStanding): boolean => standing.state === 'signed';

function signatureProblems(signed: Partial<SignedScope>, input: StandingInput): string[] {
  const out: string[] = [];
  if (!input.contentMatches)
    out.push(
      'The review was changed after it was signed (its file no longer matches the signature): reopen it, check it, and sign it again.',
    );
  const scope = input.scope;
  if (!scope || signed.asOfDate === undefined || signed.categories === undefined) return out;
  const [isAsOf, covers] =
    scope.subject === 'audit'
      ? ['the audit is now as of', 'the audit now covers']
      : ['this bundle is as of', 'this bundle covers'];
  if (signed.asOfDate !== scope.asOfDate)
    out.push(
      `It was signed for an "as of" date of ${signed.asOfDate}; ${isAsOf} ${scope.asOfDate}. Reopen it, check the gap, and sign it again.`,
    );
  const same =
    signed.categories.length === scope.categories.length &&
    signed.categories.every((c) => scope.categories.includes(c));
  if (!same)
    out.push(
      `It was signed for ${signed.categories.map((c) => CATEGORY_LABELS[c]).join(', ')}; ${covers} ${scope.categories.map((c) => CATEGORY_LABELS[c]).join(', ')}. Reopen it and sign it again.`,
    );
  return out;
}

const things = (n: number) => `${n} thing${n === 1 ? '' : 's'}`;
const signedBy = (s: { by: Person; at: string }) => `${s.by.name} on ${s.at.slice(0, 10)}`;

/**
 * The standing in a few words, for where it is read: in the app (status lines, badges), or in
 * the export's pre-flight (judged for the export's scope).
 */
export function standingSummary(standing: ReviewStanding, where: 'app' | 'export' = 'app'): string {
  const { signed, blocking } = standing;
  if (where === 'export') {
    if (!signed) return `not signed (${things(blocking)} missing)`;
    return `signed by ${signedBy(signed)}${standing.state === 'signature_stale' ? ', but the signature does not stand for this export' : ''}`;
  }
  switch (standing.state) {
    case 'draft':
      return `Draft, ${things(blocking)} missing`;
    case 'ready_to_sign':
      return 'Draft, ready to sign';
    case 'signed':
      return `Signed by ${signedBy(signed!)}`;
    case 'signature_stale':
      return `Signed by ${signedBy(signed!)}, but the signature no longer stands`;
  }
}

/** The standing as a badge says it. */
export const STATE_BADGES: Record<ReviewState, string> = {
  draft: 'Draft',
  ready_to_sign: 'Draft',
  signed: 'Signed',
  signature_stale: 'Signed, no longer stands',
};
