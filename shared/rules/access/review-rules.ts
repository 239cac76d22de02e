import type { AccessReview, PopulationRow } from '../../domain/access-review';
import type { TeamMember } from '../../domain/team';

/**
 * What an access review needs before sign-off (pure): a decision for every row, a
 * justification for every flagged row and every remove or change, reviewers who are still on
 * the team, and nobody the only reviewer of their own access.
 */

type Member = Pick<TeamMember, 'id' | 'name' | 'email'>;

/** Whether this identity is the member's own: same email, or a user name that is their email. */
export function isOwnAccess(row: PopulationRow, member: Pick<Member, 'email'>): boolean {
  const email = member.email.toLowerCase();
  const local = email.split('@')[0]!;
  const names = [row.email, row.name, /\(([^)]+)\)$/.exec(row.name)?.[1]].filter((n): n is string => !!n);
  return names.some((n) => n.toLowerCase() === email || (row.kind === 'iam_user' && n.toLowerCase() === local));
}

export const reviewersOf = (review: AccessReview, rowId: string): string[] =>
  review.reviewers[rowId] ?? review.defaultReviewerIds;

/** The reviewer whose own access this row is, when every current reviewer of it is that person (the self-review rule). */
function soleOwnReviewer(row: PopulationRow, reviewers: readonly Member[]): Member | undefined {
  const own = reviewers.filter((m) => isOwnAccess(row, m));
  return own.length > 0 && own.length === reviewers.length ? own[0] : undefined;
}

/**
 * The rows an assignment of these reviewers would leave reviewed only by the person whose own
 * access they are (one row or many at once): the service refuses such an assignment.
 */
export function selfReviewedRows(
  rows: readonly PopulationRow[],
  reviewerIds: readonly string[],
  members: readonly Member[],
): { row: PopulationRow; member: Member }[] {
  const reviewers = reviewerIds.map((id) => members.find((m) => m.id === id)).filter((m): m is Member => !!m);
  return rows.flatMap((row) => {
    const member = soleOwnReviewer(row, reviewers);
    return member ? [{ row, member }] : [];
  });
}

export interface RowProblem {
  rowId: string;
  message: string;
}

export const needsJustification = (row: PopulationRow, decision: string | undefined) =>
  row.flags.length > 0 || decision === 'remove' || decision === 'change';

export function reviewRowProblems(review: AccessReview, members: readonly Member[]): RowProblem[] {
  const byId = new Map(members.map((m) => [m.id, m]));
  const problems: RowProblem[] = [];
  for (const row of review.rows) {
    const d = review.decisions[row.id];
    const reviewers = reviewersOf(review, row.id);
    const gone = reviewers.filter((id) => !byId.has(id));
    if (reviewers.length === 0)
      problems.push({ rowId: row.id, message: `${row.name}: nobody reviews it; assign a reviewer.` });
    if (gone.length > 0)
      problems.push({
        rowId: row.id,
        message: `${row.name}: a reviewer is no longer on the team; assign a current teammate (decisions already made are kept).`,
      });
    const current = reviewers.map((id) => byId.get(id)).filter((m): m is Member => m !== undefined);
    const sole = soleOwnReviewer(row, current);
    if (sole)
      problems.push({
        rowId: row.id,
        message: `${row.name} is ${sole.name}'s own access: nobody may be the only reviewer of their own access; add a second reviewer.`,
      });
    if (!d) problems.push({ rowId: row.id, message: `${row.name}: no decision yet.` });
    else if (needsJustification(row, d.decision) && !d.justification.trim())
      problems.push({
        rowId: row.id,
        message: `${row.name}: ${row.flags.length > 0 ? 'it is flagged' : `"${d.decision}"`}, so the decision needs a justification.`,
      });
    else if (isOwnAccess(row, d.by))
      problems.push({
        rowId: row.id,
        message: `${row.name}: ${d.by.name} decided on their own access; another reviewer must decide it.`,
      });
  }
  return problems;
}

export interface ReviewProgress {
  rows: number;
  decided: number;
  flagged: number;
  flaggedLeft: number;
  removeOrChange: number;
}

export function reviewProgress(review: AccessReview): ReviewProgress {
  const decided = review.rows.filter((r) => review.decisions[r.id]).length;
  const flagged = review.rows.filter((r) => r.flags.length > 0);
  return {
    rows: review.rows.length,
    decided,
    flagged: flagged.length,
    flaggedLeft: flagged.filter((r) => !review.decisions[r.id]).length,
    removeOrChange: Object.values(review.decisions).filter((d) => d.decision !== 'keep').length,
  };
}

/** What the signature covers: the population and every decision, without bookkeeping or follow-ups. */
export function accessReviewContent(review: AccessReview) {
  const { signed: _s, evidenceIds: _e, followUps: _f, ...content } = review;
  return content;
}

const DAY = 86_400_000;

/**
 * When the next review is due: the last sign-off plus the cadence; null when none was ever signed.
 * Callers pass the review kernel's standings that stand (`signatureStands`), so a forged or outdated
 * sign-off never counts as the last one signed.
 */
export function nextDue(
  reviews: readonly { signed: { at: string } | null }[],
  cadenceDays: number,
): { lastSigned: string | null; nextDue: string | null } {
  const last = reviews
    .map((r) => r.signed?.at)
    .filter((x): x is string => !!x)
    .sort()
    .at(-1);
  if (!last) return { lastSigned: null, nextDue: null };
  return { lastSigned: last, nextDue: new Date(Date.parse(last) + cadenceDays * DAY).toISOString().slice(0, 10) };
}
