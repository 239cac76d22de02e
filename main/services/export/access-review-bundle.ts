import {
  ACCESS_FLAG_LABELS,
  DECISION_LABELS,
  IDENTITY_KINDS,
  IDENTITY_KIND_LABELS,
  type AccessReview,
  type AccessReviewsDoc,
  type IdentityKind,
} from '../../../shared/domain/access-review';
import type { TeamDoc } from '../../../shared/domain/team';
import { nextDue, reviewersOf } from '../../../shared/rules/access/review-rules';
import {
  NO_KEY,
  signatureStands,
  type KeyVerdict,
  type ReviewStanding,
} from '../../../shared/rules/reviews/review-standing';
import { accessReviewStanding, historyWords } from '../access-reviews/access-review-sign-off';
import type { BundleModel, ModelEvidence } from './bundle-model';

/** A line of the flagged or decided-to-change identities, as both index documents show it. */
export interface BundleAccessRow {
  name: string;
  kind: string;
  accounts: string;
  flags: string;
  reasons: string;
  reviewers: string;
  decision: string;
  justification: string;
  decidedBy: string;
  /** For a remove or change: whether a later collection saw it carried out. */
  followUp: string;
}

/** The access review the bundle shows, worded once for index.pdf and index.html. */
export interface BundleAccessReview {
  id: string;
  collectedAt: string;
  accountIds: string[];
  notes: string[];
  /** The review kernel's standing: signed, stale, or a draft. */
  standing: ReviewStanding;
  counts: {
    rows: number;
    byKind: { kind: string; count: number }[];
    serviceLinked: number;
    flagged: number;
    keep: number;
    remove: number;
    change: number;
    undecided: number;
  };
  /** Who decided how many rows. */
  deciders: { name: string; decided: number }[];
  flagged: BundleAccessRow[];
  /** Every remove and change, flagged or not, with its follow-up. */
  changes: BundleAccessRow[];
  /** The review's evidence files in this bundle (population snapshot, decisions CSV, summary PDF); absent outside a bundle. */
  evidence?: ModelEvidence[];
  history: { id: string; startedAt: string; rows: number; signed: string }[];
  cadenceDays: number;
  lastSigned: string | null;
  nextDue: string | null;
  /** Reviews started later than the one shown and not signed yet. */
  inProgressAfter: number;
}

/**
 * The review the bundle shows: the newest one whose sign-off stands by the review kernel's answer
 * (an auditor tests the signed record), or, when none stands, the newest, shown with its standing
 * (a forged or outdated sign-off is never the signed review). None when no review was ever started.
 */
export function reviewForBundle(
  doc: AccessReviewsDoc | undefined,
  team: TeamDoc,
  keys: ReadonlyMap<string, KeyVerdict>,
): AccessReview | undefined {
  if (!doc || doc.reviews.length === 0) return undefined;
  const stands = (r: AccessReview) => signatureStands(accessReviewStanding(r, team.members, keys.get(r.id) ?? NO_KEY));
  return doc.reviews.findLast(stands) ?? doc.reviews.at(-1);
}

/** The stored review a worded one stands for (the decisions CSV and the sign-off files ship it). */
export const storedReviewOf = (
  doc: AccessReviewsDoc | undefined,
  worded: BundleAccessReview | undefined,
): AccessReview | undefined => (worded ? doc?.reviews.find((r) => r.id === worded.id) : undefined);

/** The access review worded for the bundle (see `reviewForBundle`). */
export function bundleAccessReview(
  doc: AccessReviewsDoc | undefined,
  team: TeamDoc,
  model: BundleModel,
): BundleAccessReview | undefined {
  const review = reviewForBundle(doc, team, model.signOffs.accessReviews);
  if (!doc || !review) return undefined;
  const evidence = new Map(model.evidence.map((e) => [e.record.id, e]));
  return {
    ...wordedAccessReview(review, doc, team, model.signOffs.accessReviews),
    evidence: review.evidenceIds.map((id) => evidence.get(id)).filter((e): e is ModelEvidence => e !== undefined),
  };
}

/**
 * One review worded for people (the bundle's section, the summary PDF stored on sign-off), with
 * what checking each review's SSH signature found (by review id; a review not in it has none).
 */
export function wordedAccessReview(
  review: AccessReview,
  doc: AccessReviewsDoc,
  team: TeamDoc,
  keys: ReadonlyMap<string, KeyVerdict>,
): BundleAccessReview {
  const members = new Map(team.members.map((m) => [m.id, m]));
  const standingOfReview = (r: AccessReview) => accessReviewStanding(r, team.members, keys.get(r.id) ?? NO_KEY);
  const line = lineOf(review, members);
  const decisions = Object.values(review.decisions);
  const deciders = new Map<string, number>();
  for (const d of decisions) deciders.set(d.by.name, (deciders.get(d.by.name) ?? 0) + 1);
  const kinds = new Map<IdentityKind, number>();
  for (const r of review.rows) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  // The kernel's answer: only a sign-off that stands (not forged, not outdated) is the last one signed.
  const due = nextDue(doc.reviews.map(standingOfReview).filter(signatureStands), doc.cadenceDays);
  return {
    id: review.id,
    collectedAt: review.collectedAt,
    accountIds: review.accountIds,
    notes: review.notes,
    standing: standingOfReview(review),
    counts: {
      rows: review.rows.length,
      byKind: IDENTITY_KINDS.filter((k) => kinds.has(k)).map((k) => ({
        kind: IDENTITY_KIND_LABELS[k],
        count: kinds.get(k)!,
      })),
      serviceLinked: review.rows.filter((r) => r.serviceLinked).length,
      flagged: review.rows.filter((r) => r.flags.length > 0).length,
      keep: decisions.filter((d) => d.decision === 'keep').length,
      remove: decisions.filter((d) => d.decision === 'remove').length,
      change: decisions.filter((d) => d.decision === 'change').length,
      undecided: review.rows.filter((r) => !review.decisions[r.id]).length,
    },
    deciders: [...deciders].map(([name, decided]) => ({ name, decided })).sort((a, b) => b.decided - a.decided),
    flagged: review.rows.filter((r) => r.flags.length > 0).map(line),
    changes: review.rows.filter((r) => (review.decisions[r.id]?.decision ?? 'keep') !== 'keep').map(line),
    history: doc.reviews.map((r) => ({
      id: r.id,
      startedAt: r.startedAt,
      rows: r.rows.length,
      signed: historyWords(standingOfReview(r)),
    })),
    cadenceDays: doc.cadenceDays,
    ...due,
    inProgressAfter: doc.reviews
      .slice(doc.reviews.indexOf(review) + 1)
      .filter((r) => !signatureStands(standingOfReview(r))).length,
  };
}

function lineOf(review: AccessReview, members: Map<string, { name: string }>) {
  return (row: AccessReview['rows'][number]): BundleAccessRow => {
    const d = review.decisions[row.id];
    const f = review.followUps[row.id];
    return {
      name: row.name,
      kind: `${IDENTITY_KIND_LABELS[row.kind]}${row.serviceLinked ? ' (service-linked)' : ''}`,
      accounts: row.accountIds.join(', '),
      flags: row.flags.map((x) => ACCESS_FLAG_LABELS[x]).join(', '),
      reasons: row.reasons.join(' '),
      reviewers: reviewersOf(review, row.id)
        .map((id) => members.get(id)?.name ?? 'no longer on the team')
        .join(', '),
      decision: d ? DECISION_LABELS[d.decision] : 'not decided',
      justification: d?.justification ?? '',
      decidedBy: d ? `${d.by.name}, ${d.at.slice(0, 10)}` : '',
      followUp: !f
        ? d && d.decision !== 'keep'
          ? 'not checked yet'
          : ''
        : f.status === 'carried_out'
          ? `carried out (first seen ${f.firstSeenDone?.slice(0, 10)})`
          : `still open (checked ${f.checkedAt.slice(0, 10)})`,
    };
  };
}

/** What the pre-flight lists for the access review: an unfinished or stale review, and one overdue at the as-of date. */
export function accessReviewOpen(r: BundleAccessReview, asOfDate: string): string[] {
  const open = [...r.standing.signatureProblems];
  if (!r.standing.signed)
    open.push(
      `${r.counts.undecided} of ${r.counts.rows} identities not decided; ${r.standing.blocking} thing${r.standing.blocking === 1 ? '' : 's'} open before sign-off. The bundle shows it as NOT SIGNED.`,
    );
  if (r.nextDue && r.nextDue < asOfDate)
    open.push(`The next access review was due by ${r.nextDue}, before the as-of date ${asOfDate}.`);
  return open;
}

export const ACCESS_REVIEW_ANCHOR = 'access-reviews';
export const ACCESS_REVIEW_TITLE = 'Access reviews';
