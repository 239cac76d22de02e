import type { Person } from '../../domain/common';
import type { SignOffKey } from '../../domain/signing';
import { CATEGORY_LABELS, type Category } from '../../domain/workspace';

/**
 * The review kernel's one answer to "where does this review stand?", shared by every review
 * (the AWS report review, access reviews, vendor reviews later). Pure: the content hash is
 * compared, and the SSH signature checked, by the caller, which holds the hashing and ssh-keygen.
 *
 * A review is a draft until signed off; a sign-off stands while the review's content still
 * hashes to what was signed and, for reviews whose conclusion depends on the audit's scope,
 * while it was judged for the scope it is read in. A sign-off made with an SSH key stands only
 * while its signature verifies; one whose signature does not is forged and counts as not signed.
 * One made without a key is a record of who clicked Sign, never called a signature. Every
 * screen, the pre-flight and the bundle word this answer; none of them works it out again.
 */

/** What every sign-off on a review records: who, when, the SHA-256 of the content as signed, and the SSH signature if one was made. */
export interface ReviewSignatureCore {
  by: Person;
  at: string;
  contentSha256: string;
  key?: SignOffKey | undefined;
}

/** The audit scope a signature was judged for, when the conclusion depends on it (AWS's report and its gap). */
export interface SignedScope {
  asOfDate: string;
  categories: readonly Category[];
}

/**
 * What checking a sign-off's SSH signature found (the service runs ssh-keygen on open and on export):
 * no key was used; the signature verifies over this review's statement; it does not (forged); or it
 * could not be checked at all (no ssh-keygen on this machine).
 */
export type KeyVerdict =
  | { kind: 'none' }
  | { kind: 'valid'; keyType: string; fingerprint: string }
  | { kind: 'forged'; why: string }
  | { kind: 'unchecked'; why: string };

export const NO_KEY: KeyVerdict = { kind: 'none' };

export const REVIEW_STATES = ['draft', 'ready_to_sign', 'signed', 'signature_stale', 'signature_forged'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** A sign-off as people read it: who, when, and the key it was signed with (null: recorded without a key). */
export interface SignOff {
  by: Person;
  at: string;
  key: { keyType: string; fingerprint: string } | null;
}

export interface ReviewStanding {
  state: ReviewState;
  /** Who signed off and when; null for a draft and for a forged sign-off (which counts as not signed). */
  signed: SignOff | null;
  /** What a forged sign-off claims, and why its signature does not verify; null otherwise. */
  forged: { by: Person; at: string; why: string } | null;
  /** Things that prevent signing the draft as it is now. */
  blocking: number;
  /** Why the sign-off does not stand (content changed, other scope, forged); empty when it stands or there is none. */
  signatureProblems: string[];
}

export interface StandingInput {
  signed: (ReviewSignatureCore & Partial<SignedScope>) | null;
  /** Whether the review's content still hashes to the signed `contentSha256`. */
  contentMatches: boolean;
  blocking: number;
  /** What checking the SSH signature found; `none` when the sign-off carries no key. */
  key: KeyVerdict;
  /** The scope the review is read in, for reviews signed for one; whose it is decides the wording. */
  scope?: SignedScope & { subject: 'audit' | 'bundle' };
}

/** Where a review stands: the kernel's one decision. */
export function reviewStanding(input: StandingInput): ReviewStanding {
  const { signed, blocking } = input;
  if (!signed)
    return {
      state: blocking > 0 ? 'draft' : 'ready_to_sign',
      signed: null,
      forged: null,
      blocking,
      signatureProblems: [],
    };
  const verdict = keyVerdictOf(signed, input.key);
  if (verdict.kind === 'forged') {
    const forged = { by: signed.by, at: signed.at, why: verdict.why };
    return { state: 'signature_forged', signed: null, forged, blocking, signatureProblems: [forgedWords(forged)] };
  }
  const problems = signatureProblems(signed, input);
  if (verdict.kind === 'unchecked')
    problems.unshift(
      `Its SSH signature could not be checked (${verdict.why}), so it does not stand on this machine. Install OpenSSH (ssh-keygen) and open the workspace again.`,
    );
  return {
    state: problems.length > 0 ? 'signature_stale' : 'signed',
    signed: {
      by: signed.by,
      at: signed.at,
      key: verdict.kind === 'valid' ? { keyType: verdict.keyType, fingerprint: verdict.fingerprint } : null,
    },
    forged: null,
    blocking,
    signatureProblems: problems,
  };
}

/** A block that carries a key but was judged as if it had none has not been checked: it cannot stand as signed. */
function keyVerdictOf(signed: ReviewSignatureCore, verdict: KeyVerdict): KeyVerdict {
  if (signed.key && verdict.kind === 'none') return { kind: 'unchecked', why: 'its signature was not checked' };
  if (!signed.key && verdict.kind !== 'none') return { kind: 'none' };
  return verdict;
}

/** A signed review whose sign-off still stands. */
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

/**
 * The one wording of a sign-off, wherever it is read (screens, pre-flight, bundle, README):
 * "Signed by NAME on DATE with ED25519 key SHA256:…" when an SSH key signed it, and
 * "Recorded by NAME on DATE, not signed with a key" when none did, never called a signature.
 */
export function signOffWords(signed: SignOff, detail: { email?: boolean; time?: boolean } = {}): string {
  const who = detail.email ? `${signed.by.name} (${signed.by.email})` : signed.by.name;
  const when = detail.time ? `${signed.at.slice(0, 10)} ${signed.at.slice(11, 16)} UTC` : signed.at.slice(0, 10);
  return signed.key
    ? `Signed by ${who} on ${when} with ${signed.key.keyType} key ${signed.key.fingerprint}`
    : `Recorded by ${who} on ${when}, not signed with a key`;
}

/** A forged sign-off in words: what it claims, why it does not verify, and what that means. */
export function forgedWords(forged: { by: Person; at: string; why: string }): string {
  return `Forged sign-off: it names ${forged.by.name} on ${forged.at.slice(0, 10)}, but ${forged.why}. It counts as not signed: reopen the review, check it, and sign it again.`;
}

const lowerFirst = (s: string) => `${s[0]!.toLowerCase()}${s.slice(1)}`;

/**
 * The standing in a few words, for where it is read: in the app (status lines, badges), or in
 * the export's pre-flight (judged for the export's scope).
 */
export function standingSummary(standing: ReviewStanding, where: 'app' | 'export' = 'app'): string {
  const { signed, blocking } = standing;
  if (where === 'export') {
    if (standing.forged) return `not signed: the sign-off naming ${standing.forged.by.name} is forged`;
    if (!signed) return `not signed (${things(blocking)} missing)`;
    return `${lowerFirst(signOffWords(signed))}${standing.state === 'signature_stale' ? ', but it does not stand for this export' : ''}`;
  }
  switch (standing.state) {
    case 'draft':
      return `Draft, ${things(blocking)} missing`;
    case 'ready_to_sign':
      return 'Draft, ready to sign';
    case 'signed':
      return signOffWords(signed!);
    case 'signature_stale':
      return `${signOffWords(signed!)}, but the sign-off no longer stands`;
    case 'signature_forged':
      return `Forged sign-off (it names ${standing.forged!.by.name}): counts as not signed`;
  }
}

/** The standing as a badge says it. */
export function standingBadge(standing: ReviewStanding): string {
  switch (standing.state) {
    case 'draft':
    case 'ready_to_sign':
      return 'Draft';
    case 'signed':
      return standing.signed!.key ? 'Signed with a key' : 'Recorded, not signed with a key';
    case 'signature_stale':
      return 'Sign-off no longer stands';
    case 'signature_forged':
      return 'Forged sign-off';
  }
}
