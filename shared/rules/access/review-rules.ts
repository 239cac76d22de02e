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

/** A reviewer's name, also once they have left the team (the review keeps the names of those it assigned). */
export const reviewerName = (review: AccessReview, id: string, members: readonly Member[]): string =>
  members.find((m) => m.id === id)?.name ?? review.reviewerNames?.[id] ?? `A former teammate (${id})`;

/** What the review says of a reviewer who has left the team. */
export const goneReviewerWords = (name: string): string =>
  `${name} is no longer on the team: assign their rows to someone else`;

/** A reviewer removed from the team while assigned rows: which rows, and which have nobody else left to review them. */
export interface GoneReviewer {
  id: string;
  name: string;
  message: string;
  rowIds: string[];
  /** Rows whose only reviewers have left: nobody on the team can decide them until they are reassigned. */
  onlyReviewerRowIds: string[];
}

/** The reviewers assigned rows of this review who are no longer on the team, in the order first assigned. */
export function goneReviewers(review: AccessReview, members: readonly Member[]): GoneReviewer[] {
  const current = new Set(members.map((m) => m.id));
  const out = new Map<string, GoneReviewer>();
  for (const row of review.rows) {
    const reviewers = reviewersOf(review, row.id);
    const onlyGone = reviewers.length > 0 && reviewers.every((id) => !current.has(id));
    for (const id of reviewers.filter((x) => !current.has(x))) {
      let gone = out.get(id);
      if (!gone) {
        const name = reviewerName(review, id, members);
        gone = { id, name, message: goneReviewerWords(name), rowIds: [], onlyReviewerRowIds: [] };
        out.set(id, gone);
      }
      gone.rowIds.push(row.id);
      if (onlyGone) gone.onlyReviewerRowIds.push(row.id);
    }
  }
  return [...out.values()];
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
    for (const id of gone)
      problems.push({
        rowId: row.id,
        message: `${row.name}: ${goneReviewerWords(reviewerName(review, id, members))} (decisions already made are kept).`,
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
