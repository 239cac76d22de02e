import type { Person } from '../../domain/common';
import { canonicalJson } from '../../util/canonical-json';

/**
 * What an SSH key signs when a review is signed off: one canonical statement naming the review
 * (its kind, the workspace it belongs to and its id), the SHA-256 of its content, who signed,
 * when, and the scope it was judged for. Signing the statement rather than the content hash
 * alone means a hand edit of who, when or scope breaks the signature too, and a signature
 * copied from another review (or another workspace) never verifies here.
 *
 * The bytes are canonical JSON (sorted keys, no spaces, no trailing newline), so the bundle can
 * ship them as a file the auditor feeds to `ssh-keygen -Y verify` unchanged.
 */

export const SIGN_OFF_STATEMENT_FORMAT = 'audit-workbench.sign-off.v1';

export const SIGN_OFF_KINDS = ['aws-report-review', 'access-review'] as const;
export type SignOffKind = (typeof SIGN_OFF_KINDS)[number];

export interface SignOffStatementInput {
  kind: SignOffKind;
  workspaceId: string;
  /** The review's own id (an access review's `ar-…`; the AWS report review is one per workspace). */
  reviewId: string;
  contentSha256: string;
  by: Person;
  at: string;
  /** What the conclusion was judged for: the audit's as-of date and categories, or the accounts reviewed. */
  scope: Record<string, unknown>;
}

export function signOffStatement(input: SignOffStatementInput): string {
  return canonicalJson({
    format: SIGN_OFF_STATEMENT_FORMAT,
    kind: input.kind,
    workspace: input.workspaceId,
    review: input.reviewId,
    contentSha256: input.contentSha256,
    by: { name: input.by.name, email: input.by.email },
    at: input.at,
    scope: input.scope,
  });
}
