import type { BundleAccessReview } from './access-review-bundle';
import { ADDED_BUNDLE_FILES } from './layout';
import { bundleSignOff } from './text';

/**
 * The words both index documents use for the access review, so index.pdf and index.html say
 * the same: what was reviewed, how it stands, and where the full decisions are.
 */
export function accessReviewIntro(r: BundleAccessReview): string {
  const c = r.counts;
  return (
    `The population of ${c.rows} identities (${c.byKind.map((k) => `${k.count} ${k.kind}${k.count === 1 ? '' : 's'}`).join(', ')}) ` +
    `was read from AWS account${r.accountIds.length === 1 ? '' : 's'} ${r.accountIds.join(', ')} on ${r.collectedAt.slice(0, 10)} by the workbench itself ` +
    `(the raw API answers are evidence with provenance). ${c.flagged} ${c.flagged === 1 ? 'is' : 'are'} flagged. ` +
    `Decisions: ${c.keep} keep, ${c.remove} remove, ${c.change} change${c.undecided ? `, ${c.undecided} not decided` : ''}. ` +
    `Every identity with its reviewer, decision and justification is in ${ADDED_BUNDLE_FILES.accessReviewDecisionsCsv}.`
  );
}

export function accessReviewSignature(r: BundleAccessReview): { text: string; tone: 'pass' | 'warn' | 'bad' } {
  const s = r.standing;
  const signOff = bundleSignOff(s);
  if (!signOff)
    return {
      text: `NOT SIGNED — the review is in progress (${s.blocking} thing${s.blocking === 1 ? '' : 's'} open before sign-off).`,
      tone: 'bad',
    };
  if (signOff.problems.length > 0)
    return { text: `${signOff.line}; it does not stand: ${signOff.problems.join(' ')}`, tone: signOff.tone };
  return { text: signOff.line, tone: 'pass' };
}

export const accessReviewSchedule = (r: BundleAccessReview): string =>
  r.lastSigned
    ? `Reviews are due every ${r.cadenceDays} days; the last was signed on ${r.lastSigned.slice(0, 10)}, the next is due by ${r.nextDue}.${r.inProgressAfter ? ` A later review is in progress and not signed yet.` : ''}`
    : `Reviews are due every ${r.cadenceDays} days; none has been signed yet.`;

/** More lines than this go to the CSV only; the documents say how many were left to it. */
export const ACCESS_ROWS_SHOWN = 300;
